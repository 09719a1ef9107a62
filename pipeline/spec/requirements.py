"""Requirement text → typed conditions (``any_of`` alternatives), driven by models/spec_cues.yml.

Reading order: a choice list ("något av följande:") or the cue "Alternativt," splits the text
into alternatives. In each alternative the experience clauses ("minst ett (1) års
arbetslivserfarenhet från liknande arbete", "varav minst två (2) år med inriktning mot …") are
found first; the text before them is one more condition: language, education, certification,
knowledge or other — in that order of precedence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.knowledge import load
from pipeline.spec.model import Condition, Requirement


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    cues: dict
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
def grammar() -> _Grammar:
    c = load("spec_cues.yml")
    numbers = _alt(list(c["number_words"]))
    units = _alt(list(c["duration_units"]))
    nouns = _alt(c["experience_nouns"])
    levels = [cue for lv in c["education_levels"] for cue in lv["cues"]]
    knowledge_words = list(c["knowledge_nouns"]) + list(c["knowledge_prefix_levels"])
    return _Grammar(
        cues=c,
        experience=re.compile(
            rf"(?:(?:minst|lägst|som minst)\s+)?(?P<num>(?:{numbers})(?:\s*\(\s*\d+(?:[.,]\d+)?\s*\))?|\d+(?:[.,]\d+)?)"
            rf"\s+(?P<unit>{units})(?:\s+(?P<noun>{nouns}))?\b",
            re.I,
        ),
        alternative=re.compile(rf"(?:^|(?<=[.;]))\s*(?:{_alt(c['alternative_cues'])})\s*,?\s*", re.I),
        choice_list=re.compile(rf"(?:{_alt(c['choice_list_cues'])})\s*:?\s*$", re.I),
        example=re.compile(rf"(?:\(|,\s*|\s)(?:{_alt(c['example_cues'])})\s+", re.I),
        or_equivalent=re.compile(
            rf"\s*(?:,\s*)?(?:eller|alternativt)\s+(?:annan\s+|en\s+)?(?:{_alt(c['or_equivalent_cues'])})\b[\w-]*(?:\s+\w+)?",
            re.I,
        ),
        language=re.compile(rf"\b({_alt(list(c['languages']))})\b", re.I),
        language_cue=re.compile(
            rf"\b(?:{_alt(c['language_cues'])})|kunskaper i (?:{_alt(list(c['languages']))})\b", re.I
        ),
        mode=re.compile(rf"\b({_alt(list(c['language_modes']))})\b", re.I),
        certification=re.compile(rf"\b(?:{_alt(c['certification_cues'])})\w*", re.I),
        other=re.compile(rf"\b(?:{_alt(c['other_cues'])})", re.I),
        education=re.compile(rf"(?:{_alt(levels)})", re.I),
        field=re.compile(
            rf"\b(?:{_alt(c['field_cues'])})\s+(?P<field>[^,()]+?)(?=\s+(?:eller|och|samt)\b|[,()]|$)", re.I
        ),
        knowledge=re.compile(
            rf"(?P<level>(?:\b\w+\s+){{0,2}}?)(?P<noun>\b\w*(?:{_alt(knowledge_words)}))\b", re.I
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


def _experience_clauses(text: str) -> list[tuple[int, int, Condition]]:
    g = grammar()
    found: list[tuple[int, int, Condition]] = []
    for m in g.experience.finditer(text):
        rest = text[m.end() :]
        end = g.scope_end.search(rest)
        scope = rest[: end.start()] if end else rest
        scope = scope.strip().rstrip(".;, ")
        if not m["noun"] and not re.match(r"(?:som|inom|av|med|från|i|på)\b", scope, re.I):
            continue  # "tre år" with no work meaning (e.g. validity of a certificate)
        months = months_of(m["num"], m["unit"])
        span_end = m.end() + (end.start() if end else len(rest))
        found.append((m.start(), span_end, Condition("experience", min_months=months, scope=scope or None)))
    return found


def _strip_parentheticals(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text)


def _language_conditions(text: str) -> list[Condition]:
    g = grammar()
    names = g.cues["languages"]
    modes_of = g.cues["language_modes"]
    chunks = [c for c in re.split(r"\s+samt\s+|;", text) if g.language.search(c)]
    per_language: list[tuple[str, list[str]]] = []
    all_modes = [modes_of[m.lower()] for m in g.mode.findall(text)]
    for chunk in chunks:
        langs = [names[m.lower()] for m in g.language.findall(chunk)]
        modes = [modes_of[m.lower()] for m in g.mode.findall(chunk)]
        per_language += [(lang, modes) for lang in langs]
    distinct = {tuple(dict.fromkeys(m)) for _, m in per_language if m}
    if len(distinct) <= 1:
        langs = list(dict.fromkeys(lang for lang, _ in per_language))
        return [Condition("language", languages=langs, modes=list(dict.fromkeys(all_modes)))]
    return [
        Condition("language", languages=[lang], modes=list(dict.fromkeys(m or all_modes)))
        for lang, m in per_language
    ]


def _or_equivalent(text: str) -> tuple[str, bool]:
    g = grammar()
    m = g.or_equivalent.search(text)
    if not m:
        return text, False
    return (text[: m.start()] + text[m.end() :]).strip(), True


def _education(text: str) -> Condition:
    g = grammar()
    plain = _strip_parentheticals(text)
    first = min(g.education.finditer(plain), key=lambda m: m.start())
    level = next(
        lv["level"]
        for lv in g.cues["education_levels"]
        if first[0].lower() in [c.lower() for c in lv["cues"]]
    )
    field_match = g.field.search(plain, first.end())
    field = field_match["field"].strip() if field_match else None
    return Condition("education", level=level, field=field, or_equivalent=bool(g.or_equivalent.search(plain)))


def _certification(text: str) -> Condition:
    g = grammar()
    m = g.certification.search(text)
    assert m is not None
    rest, equivalent = _or_equivalent(text[m.end() :])
    rest = re.sub(r"^\s*(?:som|inom|i|för|:)\s+", "", rest.strip())
    rest = re.sub(r"\s+(?:certifiering|certifikat)\w*$", "", rest)
    names = [n for n in re.split(r"\s+eller\s+|\s*,\s*|\s+och\s+", rest) if n]
    return Condition("other", certifications=names, or_equivalent=equivalent)


def _knowledge(text: str) -> Condition | None:
    g = grammar()
    m = g.knowledge.search(text)
    if not m:
        return None
    noun = m["noun"].lower()
    prefix_levels = g.cues["knowledge_prefix_levels"]
    fillers = {"ska", "ha", "kunna", "och", "samt", "med", "har", "minst"}
    level_words = [w for w in m["level"].split() if w.lower() not in fillers]
    level = prefix_levels.get(noun) or (" ".join(level_words) if level_words else None)
    rest = text[m.end() :].strip()
    preps = _alt(g.cues["topic_prepositions"])
    rest = re.sub(rf"^(?:{preps})\s+", "", rest, flags=re.I)
    examples: list[str] = []
    ex = g.example.search(rest)
    if ex:
        tail = rest[ex.end() :]
        if rest[ex.start()] == "(":
            close = tail.find(")")
            examples = split_list(tail[:close] if close >= 0 else tail)
            rest = (rest[: ex.start()] + (tail[close + 1 :] if close >= 0 else "")).strip()
        else:
            examples = split_list(tail)
            rest = rest[: ex.start()].strip()
    rest, equivalent = _or_equivalent(_strip_parentheticals(rest))
    return Condition(
        "knowledge",
        level=level,
        topics=split_list(rest.rstrip(". ")),
        examples=examples,
        or_equivalent=equivalent,
    )


def parse_single(text: str) -> Condition:
    """One non-experience condition from its text."""
    g = grammar()
    text = text.strip().rstrip(".;:, ")
    if g.language.search(text) and g.language_cue.search(text):
        return _language_conditions(text)[0]
    if g.education.search(_strip_parentheticals(text)):
        return _education(text)
    if g.certification.search(text):
        return _certification(text)
    if g.other.search(text):
        return Condition("other")
    knowledge = _knowledge(text)
    if knowledge is not None:
        return knowledge
    return Condition("other")


def parse_alternative(text: str) -> list[Condition]:
    g = grammar()
    text = " ".join(text.split()).strip().rstrip(".;")
    clauses = _experience_clauses(text)
    if not clauses:
        if g.language.search(text) and g.language_cue.search(text):
            return _language_conditions(text)
        return [parse_single(text)]
    head = text[: clauses[0][0]]
    head = re.sub(
        r"(?:\s*,)?\s*(?:\b(?:och|samt|ska ha|ska|ha|har)\b\s*)*$", "", head.strip(), flags=re.I
    ).strip()
    conditions: list[Condition] = []
    if re.search(r"\w{3,}", re.sub(r"\b(?:ska|ha|har|kunna|minst)\b", "", head, flags=re.I)):
        conditions.append(parse_single(head))
    conditions += [c for _, _, c in clauses]
    return conditions


def parse_requirement(text: str, subs: Sequence[str] = ()) -> Requirement:
    """Type one requirement bullet. ``subs`` are its sub-bullets (already part of ``text``)."""
    g = grammar()
    lead = text
    if subs:
        lead = text[: len(text) - len(" ".join(subs))].strip() if text.endswith(" ".join(subs)) else text
    if subs and g.choice_list.search(lead):
        alternatives = [parse_alternative(s) for s in subs]
    else:
        parts = [p for p in g.alternative.split(text) if p.strip()]
        alternatives = [parse_alternative(p) for p in parts]
    alternatives = [a for a in alternatives if a]
    kind = alternatives[0][0].kind if alternatives else "other"
    return Requirement(text=text, kind=kind, any_of=alternatives or [[Condition("other")]])
