"""The cue patterns of requirement text, compiled once from models/spec_cues.yml and the
language packs (numbers, coordinators, function words, education levels, language names), and
the small text helpers every condition kind's recogniser shares (list splitting, "eller
likvärdig", parentheticals, durations)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import lang
from pipeline.knowledge import SpecCues, knowledge_cache, morphology, spec_cues
from pipeline.lang import alternation

__all__ = [
    "Grammar",
    "alternation",
    "grammar",
    "months_of",
    "split_list",
    "split_topics",
    "strip_parentheticals",
]


@dataclass(frozen=True)
class Grammar:
    cues: SpecCues
    education_levels: dict[str, str]  # cue (lower case, single spaces) → level
    languages: dict[str, str]  # language name → ISO 639-1 code
    all_coordinators: str  # alternation of the coordinators that join parts that must all hold
    coordinators: str  # alternation of every coordinator
    experience: re.Pattern[str]
    open_experience: re.Pattern[str]
    assignments: re.Pattern[str]
    assignment_glue: re.Pattern[str]
    vague_assignments: re.Pattern[str]
    reference_assignment: re.Pattern[str]
    choice_count: re.Pattern[str]
    example_trailer: re.Pattern[str]
    alternative: re.Pattern[str]
    choice_list: re.Pattern[str]
    choice_lead: re.Pattern[str]
    example: re.Pattern[str]
    or_equivalent: re.Pattern[str]
    language: re.Pattern[str]
    language_cue: re.Pattern[str]
    language_separator: re.Pattern[str]
    mode: re.Pattern[str]
    certification: re.Pattern[str]
    certification_lead: re.Pattern[str]
    certification_tail: re.Pattern[str]
    list_separator: re.Pattern[str]
    other: re.Pattern[str]
    ability: re.Pattern[str]
    education: re.Pattern[str]
    field: re.Pattern[str]
    knowledge: re.Pattern[str]
    scope_end: re.Pattern[str]
    scope_start: re.Pattern[str]


@knowledge_cache
def grammar() -> Grammar:
    c = spec_cues()
    numbers = alternation(lang.number_words())
    digits = r"\d+(?:[.,]\d+)?"
    joins = lang.coordinators()
    all_joins = alternation(w for w, meaning in joins.items() if meaning == "all")
    every_join = alternation(joins)
    levels = {cue: lv.name for lv in lang.education_levels() for cue in lv.cues}
    names = lang.language_names()
    opener = rf"(?:{alternation(c.clause_openers)}|\w*{alternation(c.clause_opener_suffixes)})"
    return Grammar(
        cues=c,
        education_levels=levels,
        languages=names,
        all_coordinators=all_joins,
        coordinators=every_join,
        experience=re.compile(
            rf"(?:{alternation(c.minimum_words)}\s+)?(?P<num>{numbers}(?:\s*\(\s*{digits}\s*\))?|{digits}|\(\s*{digits}\s*\))"
            rf"\s+(?P<unit>{alternation(c.duration_units)})(?:\s+(?P<noun>{alternation(c.experience_nouns)}))?\b",
            re.I,
        ),
        # "erfarenhet av X" without a duration: the noun, then a word that opens its scope
        open_experience=re.compile(
            rf"\b(?:{alternation(c.experience_nouns)})\b(?=\s+(?:{alternation(lang.fillers())})\b)", re.I
        ),
        assignments=re.compile(
            rf"(?:{alternation(c.minimum_words)}\s+)?(?P<num>{numbers}(?:\s*\(\s*\d+\s*\))?|\d+)"
            rf"\s+(?P<unit>{alternation(c.assignment_units)})\b",
            re.I,
        ),
        choice_count=re.compile(
            rf"\b(?:{alternation(c.minimum_words)})\s+(?P<num>{numbers}(?:\s*\(\s*\d+\s*\))?|\d+)\s+"
            rf"(?:{alternation(c.choice_count_cues)})\b[^:]*:\s*(?P<choices>.*)$",
            re.I,
        ),
        reference_assignment=re.compile(rf"^\s*(?:{alternation(c.reference_assignment_leads)})\s+", re.I),
        example_trailer=re.compile(rf"\s*(?<!\w)(?:{alternation(c.example_trailers)})(?!\w)\.?$", re.I),
        vague_assignments=re.compile(
            rf"\b(?:{alternation(c.vague_counts)})\s+(?P<scope>(?:\w+\s+)?(?:{alternation(c.assignment_units)}))\b",
            re.I,
        ),
        assignment_glue=re.compile(rf"^\s*(?:{alternation(c.assignment_glue)})\b\s*", re.I),
        alternative=re.compile(rf"(?:^|(?<=[.;]))\s*{alternation(c.alternative_cues)}\s*,?\s*", re.I),
        choice_list=re.compile(rf"{alternation(c.choice_list_cues)}\s*:?\s*$", re.I),
        # "… av någon av följande: Java, C# eller Python": one of the choices after the colon
        choice_lead=re.compile(
            rf"^(?:(?:{alternation(c.topic_prepositions)})\s+)?(?:{alternation(c.choice_list_cues)})\s*:\s*(?=\S)",
            re.I,
        ),
        example=re.compile(rf"(?:\(|,\s*|\s){alternation(c.example_cues)}\s+", re.I),
        or_equivalent=re.compile(
            rf"\s*(?:,\s*)?{alternation(c.or_equivalent_leads)}\s+(?:{alternation(c.or_equivalent_determiners)}\s+)?"
            rf"{alternation(c.or_equivalent_cues)}\b[\w-]*(?:\s+\w+)?",
            re.I,
        ),
        language=re.compile(rf"\b({alternation(names)})\b", re.I),
        language_cue=re.compile(
            rf"\b{alternation(c.language_cues)}|{alternation(c.language_knowledge_cues)}\s+{alternation(names)}\b",
            re.I,
        ),
        language_separator=re.compile(
            rf"\s+{alternation(w for w in c.language_separators if w.isalpha())}\s+"
            rf"|{alternation(w for w in c.language_separators if not w.isalpha())}",
            re.I,
        ),
        mode=re.compile(rf"\b({alternation(c.language_modes)})\b", re.I),
        # a certification word with its inflection ending, not a compound ("certifikathantering")
        certification=re.compile(
            rf"\b{alternation(c.certification_cues)}{alternation(e for e in morphology().inflections if e)}?\b",
            re.I,
        ),
        certification_lead=re.compile(rf"^\s*(?:{alternation(c.certification_name_leads)}\s+|:\s*)", re.I),
        certification_tail=re.compile(rf"\s+{alternation(c.certification_cues)}\w*$", re.I),
        list_separator=re.compile(rf"\s+{every_join}\s+|\s*,\s*", re.I),
        other=re.compile(rf"\b{alternation(c.other_cues)}", re.I),
        ability=re.compile(rf"\w*(?:{alternation(c.ability_cues)})(?![\w-])", re.I),
        # a cue starts a word; one written with a trailing space is a whole word ("yh ")
        education=re.compile(
            rf"(?<!\w)(?:{alternation(k for k in levels if not k.endswith(' '))}"
            rf"|{alternation(k.strip() for k in levels if k.endswith(' '))}(?!\w))",
            re.I,
        ),
        field=re.compile(
            # a suspended compound ("data- och systemvetenskap") does not end at its "och"
            rf"\b{alternation(c.field_cues)}\s+(?P<field>[^,()]+?)(?=(?<!-)\s+{every_join}\b|[,()]|$)",
            re.I,
        ),
        knowledge=re.compile(
            rf"(?P<level>(?:\b\w+\s+){{0,2}}?)(?P<noun>\b\w*{alternation([*c.knowledge_nouns, *c.knowledge_prefix_levels])})\b",
            re.I,
        ),
        scope_end=re.compile(
            rf",?\s*\b{alternation(c.subclause_cues)}\b|\.\s|\.$|,?\s+{all_joins}\s+(?={opener})"
            rf"|,\s+(?={alternation(c.clause_breaks)}\b)",
            re.I,
        ),
        scope_start=re.compile(rf"{alternation(lang.fillers())}\b", re.I),
    )


def months_of(number: str, unit: str) -> int:
    """'sex (6)', 'månaders' → 6; 'ett (1)', 'års' → 12; '1,5', 'år' → 18."""
    digits = re.search(r"\((\s*\d+(?:[.,]\d+)?)\s*\)", number)
    value = lang.number_value(digits[1].strip() if digits else number.strip())
    if value is None:
        raise ValueError(f"not a number: {number!r}")
    return round(value * grammar().cues.duration_units[unit.lower()])


def split_list(text: str) -> list[str]:
    """'datorer, kringutrustning samt nätverk' → three items; 'hård- och mjukvara' stays whole."""
    seps = "|".join(re.escape(s) for s in grammar().cues.topic_separators)
    pieces = re.split(f"({seps})", text)
    merged: list[str] = []
    for part, sep in zip(pieces[::2], ["", *pieces[1::2]], strict=True):
        part = part.strip()
        if merged and merged[-1].endswith("-"):
            merged[-1] = f"{merged[-1]}{sep}{part}"  # a suspended compound: "hård- och mjukvara"
        elif part:
            merged.append(part)
    return [p.strip(" .;:") for p in merged if p.strip(" .;:")]


def split_topics(text: str) -> list[str]:
    """Knowledge topics: ``split_list``, except that a clause ("att …", "hur …") runs to the end as
    one item, and a relative clause ("lagar och förordningar som styr …") takes the coordinated
    nouns before it into its item, back to a part that opens with its own determiner."""
    cues = grammar().cues
    parts = split_list(text)
    if len(parts) < 2:
        return parts
    clause = re.compile(rf"^(?:{alternation(cues.topic_clause_words)})\b", re.I)
    relative = re.compile(rf"\b(?:{alternation(cues.topic_relative_words)})\b", re.I)
    determiner = re.compile(rf"^(?:{alternation(cues.topic_determiners)})\b", re.I)
    choice = re.match(rf"(?:{alternation(cues.any_one_cues)})\b", parts[0], re.I)
    if not any(clause.match(p) for p in parts) and not relative.search(text) and not choice:
        shared = re.match(rf"(?:{alternation(cues.topic_shared_modifiers)})\s+\S+$", parts[0], re.I)
        if shared or re.search(rf"\s(?:{alternation(cues.topic_head_prepositions)})\s", parts[0]):
            # a head with its preposition governs the whole list ("lagstiftningen om offentlig
            # upphandling, informationssäkerhet och …", "Utformning av testplaner och testfall")
            return [text.strip(" .;:")]
        joins = re.findall(rf"\s({alternation(lang.coordinators())})\s", text, flags=re.I)
        if len(parts) == 3 and "," not in text and len(joins) == 2 and joins[0].lower() == joins[1].lower():
            # "projektledning och identitet och åtkomst": the second pair is one name
            return [parts[0], text[text.find(parts[1]) :].strip(" .;:")]

    def tail_from(part: str) -> str:
        return text[text.find(part) :].strip(" .;:")

    preposition = re.compile(rf"^(?:{alternation(cues.topic_prepositions)})\s+", re.I)
    parts = [parts[0], *(preposition.sub("", p) for p in parts[1:])]  # "… och om offentlig sektor"
    back = re.compile(rf"^(?:{alternation(cues.topic_back_references)})\b", re.I)
    out: list[str] = []
    for i, part in enumerate(parts):
        if back.match(part) and out:
            # "utvecklingsprocessen och dess steg": one topic, as the text joins it
            start = text.find(out[-1])
            out[-1] = text[start : text.find(part, start) + len(part)].strip(" .;:")
            continue
        if clause.match(part):
            return [*out, tail_from(part)]
        if relative.search(part):
            start = i
            while start > 0 and not determiner.match(parts[start]) and out:
                start -= 1
                out.pop()
            if start and determiner.match(parts[start]) and determiner.match(parts[0]):
                start, out = 0, []  # "den verksamhet och det tekniska sammanhang där …": parallel phrases
            return [*out, tail_from(parts[start])]
        out.append(part)
    return out


def strip_parentheticals(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text)


def without_or_equivalent(text: str) -> tuple[str, bool]:
    """The text without its "eller likvärdig…" phrase, and whether it had one."""
    m = grammar().or_equivalent.search(text)
    if not m:
        return text, False
    return (text[: m.start()] + text[m.end() :]).strip(), True
