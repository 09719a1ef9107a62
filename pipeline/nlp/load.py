"""The one loader of the Swedish spaCy pipeline.

Order: an explicit name or path (option or ``KRAVMATCH_SPACY_MODEL``); else an installed
official pipeline (sv_core_news_lg, _md, _sm); else the project's own pipeline in
``models/sv_pipeline``. Nothing is ever downloaded. The domain entity ruler is added on top,
its patterns built from models/lexicon/ so that edits there take effect at the next load.
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


def load_pipeline(
    requested: str | None = None, *, with_ruler: bool = True, official: tuple[str, ...] = OFFICIAL
) -> LoadedPipeline:
    import spacy

    import pipeline.nlp.components  # noqa: F401  (registers the project's factories)

    name, source = choose(requested, official)
    if source in ("option", "environment") and not Path(name).exists() and not _installed(name):
        raise OSError(
            f"spaCy pipeline {name!r} is neither a folder nor an installed package (no downloads here)"
        )
    nlp = spacy.load(name)
    if with_ruler:
        add_entity_ruler(nlp)
    return LoadedPipeline(nlp, name, source)


@cache
def cached_pipeline() -> LoadedPipeline:
    return load_pipeline()


def lexicon_patterns(nlp) -> list[dict[str, Any]]:  # noqa: ANN001
    """Entity-ruler patterns for every concept member and occupation title: one token per word,
    matched on its lemma (so "brandväggarna" hits "brandvägg") or, for names, on lower case."""
    from pipeline.nlp.lexicon import concepts, occupation_groups

    terms: list[tuple[str, str]] = []
    for name, concept in concepts().items():
        terms += [(name.upper(), m) for m in concept.members]
    for name, group in occupation_groups().items():
        terms += [(f"OCC_{name.upper()}", t) for t in group.titles]
    patterns = []
    seen = set()
    texts = [t for _, t in terms]
    for (label, term), doc in zip(terms, nlp.pipe(texts), strict=True):
        # Lexicon entries are base forms, but a word alone is lemmatised without context
        # ("skrivare" may come out as the verb "skriva"): match the entry and the model's lemma.
        heads = dict.fromkeys([doc[-1].lemma_.lower(), doc[-1].lower_])
        for head in heads:
            pattern = [{"LOWER": t.lower_} for t in doc[:-1]] + [{"LEMMA": head}]
            key = (label, repr(pattern))
            if key not in seen:
                seen.add(key)
                patterns.append({"label": label, "pattern": pattern, "id": term})
    # the surface form too, for words the lemmatizer changes in the lexicon entry itself
    patterns += [
        {"label": label, "pattern": [{"LOWER": w.lower()} for w in term.split()], "id": term}
        for label, term in terms
    ]
    return patterns


def add_entity_ruler(nlp) -> None:  # noqa: ANN001
    if "kravmatch_lexicon" in nlp.pipe_names:
        return
    patterns = lexicon_patterns(nlp)
    ruler = nlp.add_pipe("entity_ruler", name="kravmatch_lexicon", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
