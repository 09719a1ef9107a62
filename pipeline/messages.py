"""The words the tool writes for people: explanations of requirement statuses, evidence notes,
error reasons of rows and the labels of the workbook and the report. Each text is one entry of a
message catalogue (``models/lang/messages/sv.yml``, ``en.yml``), keyed by name, with
``{field}`` placeholders; the condition kinds, the screening and the writers call ``msg`` and
never hold the wording themselves.

Swedish is the default (the requirement texts are Swedish); ``set_language("en")`` (the
command's ``--lang en``) switches every later message. Worker processes are forked after the
switch, so they write the same language.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import RootModel, StrictStr

from pipeline.knowledge import KnowledgeError, knowledge_cache, load_typed

LANGUAGES = ("sv", "en")
_current = os.environ.get("KRAVMATCH_LANG", "sv")


class Catalogue(RootModel[dict[str, StrictStr]]):
    """One language's messages: key → text with ``{field}`` placeholders."""


@knowledge_cache
def catalogue(language: str) -> dict[str, str]:
    return load_typed(f"lang/messages/{language}.yml", Catalogue).root


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown message language {language!r}; choose from {', '.join(LANGUAGES)}")
    global _current
    _current = language
    os.environ["KRAVMATCH_LANG"] = language  # worker processes started later agree


def current_language() -> str:
    return _current if _current in LANGUAGES else "sv"


def msg(key: str, **fields: Any) -> str:
    """The message ``key`` in the current language with its fields filled in."""
    language = current_language()
    texts = catalogue(language)
    if key not in texts:
        raise KnowledgeError(f"lang/messages/{language}.yml", key, "missing")
    return texts[key].format(**fields)


def language_name(code: str) -> str:
    """An ISO 639-1 code as a word of the current language ("en" → "engelska"), from CLDR."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(current_language()).languages.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code
