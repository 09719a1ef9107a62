"""Reading files into positioned lines, shared by specifications and CVs."""
