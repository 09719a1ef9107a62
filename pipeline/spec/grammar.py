"""The cue patterns of requirement text, compiled once from models/spec_cues.yml, and the small
text helpers that every condition kind's recogniser shares (list splitting, "eller likvärdig",
parentheticals, durations)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.knowledge import load


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so "års" wins over "år")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    cues: dict[str, Any]
    experience: re.Pattern[str]
    alternative: re.Pattern[str]
    choice_list: re.Pattern[str]
    example: re.Pattern[str]
    or_equivalent: re.Pattern[str]
    language: re.Pattern[str]
    language_cue: re.Pattern[str]
    mode: re.Pattern[str]
    certification: re.Pattern[str]
    other: re.Pattern[str]
    education: re.Pattern[str]
    field: re.Pattern[str]
    knowledge: re.Pattern[str]
    scope_end: re.Pattern[str]


@cache
def grammar() -> Grammar:
    c = load("spec_cues.yml")
    numbers = alternation(list(c["number_words"]))
    units = alternation(list(c["duration_units"]))
    nouns = alternation(c["experience_nouns"])
    levels = [cue for lv in c["education_levels"] for cue in lv["cues"]]
    knowledge_words = list(c["knowledge_nouns"]) + list(c["knowledge_prefix_levels"])
    return Grammar(
        cues=c,
        experience=re.compile(
            rf"(?:(?:minst|lägst|som minst)\s+)?(?P<num>(?:{numbers})(?:\s*\(\s*\d+(?:[.,]\d+)?\s*\))?|\d+(?:[.,]\d+)?)"
            rf"\s+(?P<unit>{units})(?:\s+(?P<noun>{nouns}))?\b",
            re.I,
        ),
        alternative=re.compile(rf"(?:^|(?<=[.;]))\s*(?:{alternation(c['alternative_cues'])})\s*,?\s*", re.I),
        choice_list=re.compile(rf"(?:{alternation(c['choice_list_cues'])})\s*:?\s*$", re.I),
        example=re.compile(rf"(?:\(|,\s*|\s)(?:{alternation(c['example_cues'])})\s+", re.I),
        or_equivalent=re.compile(
            rf"\s*(?:,\s*)?(?:eller|alternativt)\s+(?:annan\s+|en\s+)?(?:{alternation(c['or_equivalent_cues'])})\b[\w-]*(?:\s+\w+)?",
            re.I,
        ),
        language=re.compile(rf"\b({alternation(list(c['languages']))})\b", re.I),
        language_cue=re.compile(
            rf"\b(?:{alternation(c['language_cues'])})|kunskaper i (?:{alternation(list(c['languages']))})\b",
            re.I,
        ),
        mode=re.compile(rf"\b({alternation(list(c['language_modes']))})\b", re.I),
        certification=re.compile(rf"\b(?:{alternation(c['certification_cues'])})\w*", re.I),
        other=re.compile(rf"\b(?:{alternation(c['other_cues'])})", re.I),
        education=re.compile(rf"(?:{alternation(levels)})", re.I),
        field=re.compile(
            rf"\b(?:{alternation(c['field_cues'])})\s+(?P<field>[^,()]+?)(?=\s+(?:eller|och|samt)\b|[,()]|$)",
            re.I,
        ),
        knowledge=re.compile(
            rf"(?P<level>(?:\b\w+\s+){{0,2}}?)(?P<noun>\b\w*(?:{alternation(knowledge_words)}))\b", re.I
        ),
        scope_end=re.compile(
            r",?\s*\bvarav\b|\.\s|\.$|,?\s+(?:och|samt)\s+(?=(?:minst|goda|mycket|grund|kunskap|kunna|certifi|\w*utbildning))",
            re.I,
        ),
    )


def months_of(number: str, unit: str) -> int:
    """'sex (6)', 'månaders' → 6; 'ett (1)', 'års' → 12; '1,5', 'år' → 18."""
    g = grammar()
    digits = re.search(r"\((\s*\d+(?:[.,]\d+)?)\s*\)", number)
    if digits:
        value = float(digits[1].replace(",", "."))
    elif re.fullmatch(r"\d+(?:[.,]\d+)?", number.strip()):
        value = float(number.replace(",", "."))
    else:
        value = float(g.cues["number_words"][number.strip().lower()])
    return round(value * g.cues["duration_units"][unit.lower()])


def split_list(text: str) -> list[str]:
    """'datorer, kringutrustning samt nätverk' → three items; 'hård- och mjukvara' stays whole."""
    seps = "|".join(re.escape(s) for s in grammar().cues["topic_separators"])
    parts = [p.strip() for p in re.split(seps, text) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and merged[-1].endswith("-"):
            merged[-1] = f"{merged[-1]} och {part}"
        else:
            merged.append(part)
    return [p.strip(" .;:") for p in merged if p.strip(" .;:")]


def strip_parentheticals(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text)


def without_or_equivalent(text: str) -> tuple[str, bool]:
    """The text without its "eller likvärdig…" phrase, and whether it had one."""
    m = grammar().or_equivalent.search(text)
    if not m:
        return text, False
    return (text[: m.start()] + text[m.end() :]).strip(), True
