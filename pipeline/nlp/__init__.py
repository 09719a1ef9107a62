"""Swedish language handling: the spaCy loader, lexicon matching, compounds."""
