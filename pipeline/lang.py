"""Language packs: the words of each language that specifications and CVs share, one file per
language under ``models/lang/`` (adding a language is adding one file).

Each pack is validated at load (``LanguagePack``, unknown or missing keys are a ``KnowledgeError``
naming the file and the key). Language *names* are not listed in the packs: they come from
Babel's CLDR locale data for the pack's language, restricted to ISO 639-1 codes, plus the
pack's ``language_aliases``. Code that does not care which language a word belongs to uses the
merged views below (``all_month_names()``, ``language_code()``, ``proficiency()``, …); every
regex alternation of words is built by ``alternation()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from pipeline.errors import KnowledgeError
from pipeline.knowledge import Strict, Word, knowledge_cache, load_typed, models_dir

Level = Literal["native", "fluent", "good", "basic"]
Meaning = Literal["all", "any"]  # a coordinator joins parts that must all hold, or any one
SectionKind = Literal[
    "work", "assignments", "education", "courses", "certifications", "skills", "languages", "profile", "other"
]
MonthNumber = Annotated[int, Field(ge=1, le=12)]
IsoCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class EducationLevelCues(Strict):
    rank: Annotated[int, Field(ge=1)]
    cues: list[Word]


class ProficiencyWords(Strict):
    level: Level
    words: list[Word]


class LanguagePack(Strict):
    """One ``models/lang/<code>.yml``; the comments of ``sv.yml`` say what each key holds."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    months: dict[Word, MonthNumber]
    seasons: dict[Word, tuple[MonthNumber, MonthNumber]]
    open_start: list[Word]
    present: list[Word]
    unknown_end: list[Word]
    range_words: list[Word]
    approximate: list[Word]
    duration_units: dict[Word, Literal["week", "month", "year"]]
    number_words: dict[Word, int | float]
    coordinators: dict[Word, Meaning]
    fillers: list[Word]
    list_lead_ins: list[Word]
    employer_links: list[Word]
    consultancy_links: list[Word]
    page_labels: list[Word]
    page_of: list[Word]
    heading_styles: list[Word]
    cv_sections: dict[SectionKind, list[Word]]
    cv_heading_tails: list[Word]
    cv_heading_qualifiers: list[Word]
    cv_furniture: list[Word]
    assignment_cues: list[Word]
    markers: list[Word]
    education_levels: dict[Word, EducationLevelCues]
    education_ongoing: list[Word]
    education_completed: list[Word]
    language_aliases: dict[Word, IsoCode]
    proficiency: list[ProficiencyWords]
    cefr: dict[Annotated[Word, StringConstraints(pattern=r"^[abc][12]$")], Level] = {}

    @model_validator(mode="after")
    def _seasons_within_a_year(self) -> LanguagePack:
        for name, (first, last) in self.seasons.items():
            if first > last:
                raise ValueError(f"season '{name}' ends before it starts")
        return self


@dataclass(frozen=True)
class EducationLevel:
    name: str  # gymnasium, yrkeshögskola, högskola
    rank: int  # higher is more
    cues: tuple[str, ...]  # of every pack


# ---- the registry ------------------------------------------------------------------------------


@knowledge_cache
def registry() -> dict[str, LanguagePack]:
    """Every pack under ``models/lang/``, by language code, checked to agree with each other."""
    folder = models_dir() / "lang"
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise KnowledgeError(folder, "", "no language pack (*.yml) found")
    packs: dict[str, LanguagePack] = {}
    for path in files:
        pack = load_typed(f"lang/{path.name}", LanguagePack)
        if pack.code != path.stem:
            raise KnowledgeError(path, "code", f"'{pack.code}' but the file is named {path.name}")
        packs[pack.code] = pack
    _check_agreement(packs, folder)
    return packs


def _check_agreement(packs: dict[str, LanguagePack], folder: object) -> None:
    first = next(iter(packs.values()))
    ranks = {name: lv.rank for name, lv in first.education_levels.items()}
    order = [p.level for p in first.proficiency]
    for pack in packs.values():
        path = f"{folder}/{pack.code}.yml"
        if {name: lv.rank for name, lv in pack.education_levels.items()} != ranks:
            raise KnowledgeError(path, "education_levels", f"levels or ranks differ from {first.code}.yml")
        if [p.level for p in pack.proficiency] != order:
            raise KnowledgeError(path, "proficiency", f"levels or their order differ from {first.code}.yml")
    _merged(packs, "months", folder)
    _merged(packs, "cv_sections", folder)


def _merged(packs: dict[str, LanguagePack], key: str, folder: object) -> dict[str, object]:
    """word → value over all packs; a word two packs give different values is an error."""
    out: dict[str, object] = {}
    for pack in packs.values():
        table = getattr(pack, key)
        pairs = (
            [(w, kind) for kind, words in table.items() for w in words]
            if key == "cv_sections"
            else table.items()
        )
        for word, value in pairs:
            if out.setdefault(word, value) != value:
                raise KnowledgeError(
                    f"{folder}/{pack.code}.yml", f"{key}.{word}", "another pack says otherwise"
                )
    return out


def pack(code: str) -> LanguagePack:
    """The pack of one language ('sv', 'en'); KeyError when there is none."""
    return registry()[code]


def packs() -> tuple[LanguagePack, ...]:
    return tuple(registry().values())


def _union(key: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for p in packs():
        seen.update(dict.fromkeys(getattr(p, key)))
    return tuple(seen)


# ---- the one word-list → regex helper ----------------------------------------------------------


def alternation(words: Iterable[str], *, bounded: bool = False) -> str:
    """A non-capturing regex group matching any of ``words``: escaped, longest first (so that
    "mycket goda" wins over "goda"), a space in a phrase matching any run of whitespace.
    ``bounded`` adds word boundaries that also hold for words ending in a dot ("t.o.m.").
    No words give a group that never matches."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)
    return rf"(?<!\w)(?:{body})(?!\w)" if bounded else f"(?:{body})"


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


# ---- merged views ------------------------------------------------------------------------------


@knowledge_cache
def all_month_names() -> dict[str, int]:
    """Month names and abbreviations of every pack → month number."""
    return {w: n for p in packs() for w, n in p.months.items()}


@knowledge_cache
def seasons() -> dict[str, tuple[int, int]]:
    """Season and term words → (first month, last month)."""
    return {w: rng for p in packs() for w, rng in p.seasons.items()}


def open_start_words() -> tuple[str, ...]:
    return _union("open_start")


def present_words() -> tuple[str, ...]:
    return _union("present")


def unknown_end_words() -> tuple[str, ...]:
    return _union("unknown_end")


def range_words() -> tuple[str, ...]:
    return _union("range_words")


def approximate_words() -> tuple[str, ...]:
    """Words that make a date approximate ("ca 2016"): the date is read as written."""
    return _union("approximate")


@knowledge_cache
def duration_units() -> dict[str, str]:
    """'veckor' → 'week', 'months' → 'month', …"""
    return {_norm(w): u for p in packs() for w, u in p.duration_units.items()}


@knowledge_cache
def number_words() -> dict[str, int | float]:
    return {w: v for p in packs() for w, v in p.number_words.items()}


def number_value(word: str) -> int | float | None:
    """'tre' → 3, 'three' → 3, 'ett halvt' → 0.5, '12' → 12, '1,5' → 1.5; None for anything else."""
    w = _norm(word)
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+[.,]\d+", w):
        return float(w.replace(",", "."))
    return number_words().get(w)


@knowledge_cache
def coordinators() -> dict[str, Meaning]:
    """'och' → 'all', 'eller' → 'any', 'and/or' → 'any', …"""
    return {w: m for p in packs() for w, m in p.coordinators.items()}


@knowledge_cache
def fillers() -> frozenset[str]:
    """Function words (prepositions, 'som') that cannot end a complete phrase."""
    return frozenset(_union("fillers"))


def list_lead_ins() -> tuple[str, ...]:
    return _union("list_lead_ins")


def employer_links() -> tuple[str, ...]:
    return _union("employer_links")


def consultancy_links() -> tuple[str, ...]:
    """Words before the firm a consultant is employed through ("via", "genom", "through")."""
    return _union("consultancy_links")


def page_labels() -> tuple[str, ...]:
    return _union("page_labels")


def page_of_words() -> tuple[str, ...]:
    return _union("page_of")


def heading_styles() -> tuple[str, ...]:
    return _union("heading_styles")


def cv_furniture_words() -> tuple[str, ...]:
    return _union("cv_furniture")


def assignment_cues() -> tuple[str, ...]:
    return _union("assignment_cues")


@knowledge_cache
def cv_headings() -> dict[str, SectionKind]:
    """CV section heading (lower case, single spaces) → section kind."""
    return {_norm(h): kind for p in packs() for kind, heads in p.cv_sections.items() for h in heads}


@knowledge_cache
def cv_heading_words() -> tuple[str, ...]:
    """The one-word CV headings of every pack, longest first (compound heads are tried in order)."""
    return tuple(sorted((h for h in cv_headings() if " " not in h), key=lambda h: (-len(h), h)))


def cv_heading_qualifiers() -> tuple[str, ...]:
    """Words after a preposition that qualify a heading ("Uppdrag i urval")."""
    return _union("cv_heading_qualifiers")


def cv_heading_tails() -> tuple[str, ...]:
    """Generic words that end a compound heading after its meaningful part ("språk|kunnighet")."""
    return tuple(sorted(_union("cv_heading_tails"), key=lambda w: (-len(w), w)))


@knowledge_cache
def markers() -> dict[str, frozenset[str]]:
    """Language code → the words that tell a text is in that language."""
    return {p.code: frozenset(p.markers) for p in packs()}


@knowledge_cache
def cldr_language_names(locale: str) -> dict[str, str]:
    """Language names in ``locale`` (lower case) → ISO 639-1 code, from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(locale).languages
    except (UnknownLocaleError, ValueError):
        raise KnowledgeError(models_dir() / "lang" / f"{locale}.yml", "code", "no CLDR locale data") from None
    return {_norm(name): code for code, name in names.items() if re.fullmatch(r"[a-z]{2}", code)}


@knowledge_cache
def language_names() -> dict[str, str]:
    """Language names of every pack's language (CLDR, then the packs' aliases) → ISO code."""
    out: dict[str, str] = {}
    for p in packs():
        for name, code in cldr_language_names(p.code).items():
            out.setdefault(name, code)
        out.update({_norm(a): code for a, code in p.language_aliases.items()})
    return out


def language_code(name: str) -> str | None:
    """'polska' → 'pl', 'Polish' → 'pl', 'farsi' → 'fa'; None for a word that names no language."""
    return language_names().get(_norm(name))


@knowledge_cache
def proficiency_levels() -> tuple[tuple[Level, tuple[str, ...]], ...]:
    """(level, words) in the packs' order of precedence; CEFR codes join their level's words."""
    words: dict[Level, dict[str, None]] = {}
    for p in packs():
        for entry in p.proficiency:
            words.setdefault(entry.level, {}).update(dict.fromkeys(entry.words))
    for p in packs():
        for code, level in p.cefr.items():
            words.setdefault(level, {})[code] = None
    return tuple((level, tuple(ws)) for level, ws in words.items())


@knowledge_cache
def _proficiency_of() -> dict[str, Level]:
    out: dict[str, Level] = {}
    for level, words in proficiency_levels():
        for w in words:
            out.setdefault(_norm(w), level)
    return out


def proficiency(word: str) -> Level | None:
    """'flytande' → 'fluent', 'C1' → 'fluent', 'modersmål' → 'native'; None otherwise."""
    return _proficiency_of().get(_norm(word))


@knowledge_cache
def _proficiency_patterns() -> tuple[tuple[Level, re.Pattern[str]], ...]:
    return tuple((lv, re.compile(alternation(ws, bounded=True), re.I)) for lv, ws in proficiency_levels())


def proficiency_in(text: str) -> Level | None:
    """The level a phrase states ("mycket goda kunskaper" → fluent): the first level, in order of
    precedence, with one of its words in ``text``."""
    return next((lv for lv, pattern in _proficiency_patterns() if pattern.search(text)), None)


@knowledge_cache
def education_levels() -> tuple[EducationLevel, ...]:
    """Education levels, highest rank first, each with the cues of every pack."""
    cues: dict[str, dict[str, None]] = {}
    ranks: dict[str, int] = {}
    for p in packs():
        for name, lv in p.education_levels.items():
            ranks[name] = lv.rank
            cues.setdefault(name, {}).update(dict.fromkeys(lv.cues))
    return tuple(
        EducationLevel(name, ranks[name], tuple(cues[name]))
        for name in sorted(ranks, key=lambda n: -ranks[n])
    )


def education_ongoing_words() -> tuple[str, ...]:
    """Words that say an education is not finished ("pågående", "beräknas", "expected")."""
    return _union("education_ongoing")


def education_completed_words() -> tuple[str, ...]:
    """Words that say a degree was completed ("slutförd", "completed")."""
    return _union("education_completed")


def education_rank(level: str) -> int | None:
    """'högskola' → 3, 'gymnasium' → 1; None for a name that is no level."""
    return next((lv.rank for lv in education_levels() if lv.name == level), None)
