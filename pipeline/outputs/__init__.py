"""Writers: every output file is written whole or not at all."""
