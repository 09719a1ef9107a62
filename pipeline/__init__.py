"""kravmatch: Swedish IT-consultant framework specifications → typed requirements; CVs → compliance verdicts."""

__version__ = "0.1.0"
