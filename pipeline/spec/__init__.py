"""The extract stages: document → lines → blocks → roles → typed requirements."""
