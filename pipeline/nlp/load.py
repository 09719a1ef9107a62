"""The one loader of the Swedish spaCy pipeline.

Order: an explicit name or path (option or ``KRAVMATCH_SPACY_MODEL``); else an installed
official pipeline (sv_core_news_lg, _md, _sm); else the project's own pipeline in
``models/sv_pipeline``. Nothing is ever downloaded. Lexicon terms are matched by screening's
own phrase matchers (pipeline/nlp/lexicon.py), not by components of the pipeline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.knowledge import models_dir

OFFICIAL = ("sv_core_news_lg", "sv_core_news_md", "sv_core_news_sm")
ENV = "KRAVMATCH_SPACY_MODEL"


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Any  # spacy.Language
    name: str  # what was loaded: an official package name or a folder
    source: str  # "option", "environment", "official", "project"


def own_pipeline_dir() -> Path:
    return models_dir() / "sv_pipeline"


def _installed(name: str) -> bool:
    import spacy.util

    return bool(spacy.util.is_package(name))


def choose(requested: str | None = None, official: tuple[str, ...] = OFFICIAL) -> tuple[str, str]:
    """(name or path, source) of the pipeline to load, without loading it."""
    if requested:
        return requested, "option"
    if os.environ.get(ENV):
        return os.environ[ENV], "environment"
    for name in official:
        if _installed(name):
            return name, "official"
    return str(own_pipeline_dir()), "project"


def load_pipeline(requested: str | None = None, *, official: tuple[str, ...] = OFFICIAL) -> LoadedPipeline:
    import spacy

    import pipeline.nlp.components  # noqa: F401  (registers the project's factories)

    name, source = choose(requested, official)
    if source in ("option", "environment") and not Path(name).exists() and not _installed(name):
        raise OSError(
            f"spaCy pipeline {name!r} is neither a folder nor an installed package (no downloads here)"
        )
    nlp = spacy.load(name)
    return LoadedPipeline(nlp, name, source)


@cache
def cached_pipeline() -> LoadedPipeline:
    return load_pipeline()
