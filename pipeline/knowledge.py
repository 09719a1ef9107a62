"""Loader for the reviewable data files under ``models/`` (cue words, headings, lexicon).

The folder is found next to the package (editable install, the supported way) or through
``KRAVMATCH_MODELS``; files are read once per process.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml


def models_dir() -> Path:
    env = os.environ.get("KRAVMATCH_MODELS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models"


@cache
def load(name: str) -> Any:
    """Parsed YAML of ``models/<name>`` (e.g. ``"spec_cues.yml"`` or ``"lexicon/skills.yml"``)."""
    path = models_dir() / name
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)
