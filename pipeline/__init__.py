"""kravmatch: Swedish IT-consultant framework specifications → typed requirements; CVs → compliance verdicts.

The Python API (pipeline/api.py): ``from pipeline import extract, parse_cv, screen``."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "parse_cv", "screen", "spec_table", "Screening"]
_API = {"extract", "parse_cv", "screen", "spec_table", "Screening"}


def __getattr__(name: str) -> Any:
    """The API is imported on first use, so that ``kravmatch --help`` stays fast."""
    if name in _API:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
