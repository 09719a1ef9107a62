"""Loader for the reviewable data files under ``models/`` (cue words, language packs, lexicon).

The folder is found next to the package (editable install, the supported way) or through
``KRAVMATCH_MODELS``, read at every call, so a test may point it elsewhere; files are read once
per path. ``load`` gives the parsed YAML as it is; ``load_typed`` validates it against a
pydantic model and turns any mismatch into one ``KnowledgeError`` naming the file and the key
(a misspelt key fails at load, not at its first use far away).

Functions that build something from the data (compiled patterns, lookup tables) cache it with
``@knowledge_cache``, so that ``clear_caches()`` forgets the files and everything built from them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, StrictStr, ValidationError

from pipeline.errors import KnowledgeError

__all__ = [
    "DocumentCues",
    "EducationLexicon",
    "KnowledgeError",
    "SpecCues",
    "Strict",
    "Word",
    "clear_caches",
    "knowledge_cache",
    "load",
    "load_typed",
    "education_lexicon",
    "spec_cues",
    "concepts_lexicon",
    "lemma_exceptions",
    "lemma_rules",
    "occupations_lexicon",
    "morphology",
    "models_dir",
    "validate",
]

M = TypeVar("M", bound=BaseModel)
F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []
# libyaml's loader where PyYAML has it (its wheels do): the same safe subset of YAML, parsed in C,
# which takes the data files' load from about a third of `kravmatch extract`'s time to a trifle
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def knowledge_cache(fn: F) -> F:
    """``functools.cache`` for a function whose result is built from files under ``models/``;
    ``clear_caches()`` clears it."""
    cached = cache(fn)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every loaded file and everything built from one (tests that switch models dirs)."""
    for cached in _CACHES:
        cached.cache_clear()


def models_dir() -> Path:
    env = os.environ.get("KRAVMATCH_MODELS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models"


@knowledge_cache
def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_SAFE_LOADER)
    except FileNotFoundError:
        raise KnowledgeError(path, "", "missing") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise KnowledgeError(path, "", f"not valid YAML{where}") from None


def load(name: str) -> Any:
    """Parsed YAML of ``models/<name>`` (e.g. ``"spec_cues.yml"`` or ``"lexicon/concepts.yml"``)."""
    return _read(models_dir() / name)


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(model: type[M], data: Any, path: str | Path) -> M:
    """``data`` (parsed from ``path``) as ``model``, or a KnowledgeError naming the first bad key."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
        first = errors[0]
        kind = first["type"]
        if kind == "missing":
            problem = "missing"
        elif kind == "extra_forbidden":
            problem = "unknown key (misspelt?)"
        else:
            problem = first["msg"].replace("\n", " ")
        unknown = [_key_path(err["loc"]) for err in errors if err["type"] == "extra_forbidden"]
        if kind == "missing" and unknown:
            problem += f"; unknown key {unknown[0]} (misspelt?)"  # the likely cause, in the same line
            errors = [err for err in errors if _key_path(err["loc"]) != unknown[0]]
        rest = len(errors) - 1
        more = f" (and {rest} more problem{'s' if rest > 1 else ''})" if rest > 0 else ""
        raise KnowledgeError(path, _key_path(first["loc"]), problem + more) from None


@knowledge_cache
def _typed(path: Path, model: type[M]) -> M:
    return validate(model, _read(path), path)


def load_typed(name: str, model: type[M]) -> M:
    """``models/<name>`` validated as ``model`` (read and validated once per path and model)."""
    return _typed(models_dir() / name, model)


# ---- the typed shapes of the files -----------------------------------------------------------


def _word(text: str) -> str:
    if not text.strip():
        raise ValueError("an empty word")
    return text.lower()


# A word or phrase of a cue list: a string (YAML's bare `no`/`on` are booleans and fail here),
# lower-cased, never empty. Surrounding spaces are kept: some lists give them a meaning.
Word = Annotated[StrictStr, AfterValidator(_word)]


class Strict(BaseModel):
    """Base of the knowledge models: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentCues(Strict):
    """spec_cues.yml ``document``: label words of running headers and footers."""

    reference_labels: list[Word]
    first_page_reference_labels: list[Word]
    date_labels: list[Word]
    title_cues: list[Word]
    own_title_cues: list[Word]
    issuer_labels: list[Word]
    title_prefixes: list[Word]
    metadata_placeholders: list[Word]


class DocumentKindCues(Strict):
    """spec_cues.yml ``kinds``: what tells a call-off or a role catalogue from a specification."""

    call_off_cues: list[Word]
    role_catalogue_sections: list[Word]


class CallOffCues(Strict):
    """spec_cues.yml ``call_off``: the words a call-off's roles, sections and sentences are read by."""

    requested_role_cues: list[Word]
    requirement_section_cues: list[Word]
    role_name_trailers: list[Word]
    title_role_leads: list[Word]
    requested_role_leads: list[Word]
    role_name_articles: list[Word]
    reference_section_cues: list[Word]
    description_cues: list[Word]
    evaluation_cues: list[Word]
    should_cues: list[Word]
    weight_units: list[Word]
    instruction_cues: list[Word]
    level_words: list[Word]
    requirement_verbs: list[Word]
    requirement_nouns: list[Word]
    announce_cues: list[Word]
    supplier_subjects: list[Word]
    consultant_subject_leads: list[Word]
    consultant_subject_verbs: list[Word]
    recency_cues: list[Word]
    content_lead_endings: list[Word]
    list_announcements: list[Word]
    abbreviations: list[Word]


SpecSection = Literal["tasks", "requirements", "notes"]


class SpecCues(Strict):
    """spec_cues.yml: the words a specification's structure and its requirement text are read by
    (the comments of the file say what each key holds)."""

    duration_units: dict[Word, int]
    experience_nouns: list[Word]
    assignment_units: list[Word]
    assignment_glue: list[Word]
    reference_assignment_leads: list[Word]
    minimum_words: list[Word]
    clause_openers: list[Word]
    clause_opener_suffixes: list[Word]
    subclause_cues: list[Word]
    clause_breaks: list[Word]
    vague_counts: list[Word]
    education_nouns: list[Word]
    field_cues: list[Word]
    or_equivalent_cues: list[Word]
    or_equivalent_leads: list[Word]
    or_equivalent_determiners: list[Word]
    alternative_cues: list[Word]
    choice_list_cues: list[Word]
    example_cues: list[Word]
    example_trailers: list[Word]
    knowledge_nouns: list[Word]
    knowledge_prefix_levels: dict[Word, str]
    topic_prepositions: list[Word]
    head_trailers: list[Word]
    level_fillers: list[Word]
    topic_separators: list[Word]
    topic_clause_words: list[Word]
    topic_relative_words: list[Word]
    topic_determiners: list[Word]
    knowledge_adjectives: list[Word]
    any_one_cues: list[Word]
    topic_focus_words: list[Word]
    topic_head_prepositions: list[Word]
    topic_back_references: list[Word]
    topic_shared_modifiers: list[Word]
    knowledge_phrase_breaks: list[Word]
    knowledge_clause_levels: list[Word]
    choice_count_cues: list[Word]
    suspended_compound_followers: list[Word]
    certification_cues: list[Word]
    certification_name_leads: list[Word]
    other_cues: list[Word]
    ability_cues: list[Word]
    domain_adjective_suffixes: list[Word]
    language_cues: list[Word]
    language_knowledge_cues: list[Word]
    language_separators: list[Word]
    language_modes: dict[Word, str]
    sections: dict[SpecSection, list[Word]]
    lead_in_words: dict[Literal["tasks", "requirements"], list[Word]]
    group_heading_cues: list[Word]
    renewed_competition_cues: list[Word]
    renewed_competition_negations: list[Word]
    direct_call_off_cues: list[Word]
    document: DocumentCues
    kinds: DocumentKindCues
    call_off: CallOffCues


class EducationLexicon(Strict):
    """lexicon/education.yml: what makes an education line a course, an IT education, a school."""

    not_education: list[Word]
    it_field_prefixes: list[Word]
    it_field_words: list[Word]
    institution_words: list[Word]
    programme_words: list[Word]


class ConceptEntry(Strict):
    """One concept of lexicon/concepts.yml: how requirements name it, what in a CV shows it."""

    names: list[Word]
    members: list[Word]
    products: bool = False  # a category of named products: spelling variants match fuzzily


class Concepts(RootModel[dict[str, ConceptEntry]]):
    model_config = ConfigDict(frozen=True)


class OccupationGroupEntry(Strict):
    role_names: list[Word]
    titles: list[Word]
    duties: list[Word]
    related_titles: list[Word] = Field(default_factory=list)  # near the group, undecided without more
    related_titles_in_it: list[Word] = Field(default_factory=list)  # the same where the entry shows IT work


class Occupations(Strict):
    """lexicon/occupations.yml: occupation groups and the words around them in scopes."""

    groups: dict[str, OccupationGroupEntry]
    it_context: list[Word] = Field(default_factory=list)  # words that show an entry is IT work
    own_role_scopes: list[Word]
    scope_fillers: list[Word]
    role_name_qualifiers: list[Word]


class Morphology(Strict):
    """lexicon/morphology.yml: the inflection endings and compound rules of the word matcher."""

    inflections: list[StrictStr]  # "" (the bare form) is one
    min_head: int = Field(ge=1)
    min_inflect: int = Field(ge=1)
    min_tail: int = Field(ge=1)
    coordinator_marks: list[StrictStr]


class LemmaExceptions(Strict):
    """lexicon/lemma_exceptions.yml: domain lemmas the dictionary and the model get wrong."""

    protect_suffixes: dict[str, str]
    words: dict[str, str]


class LemmaRules(Strict):
    """lexicon/lemma_rules.yml: the endings and word classes of the lemma combination rule and
    the closed-class words of the tagger fix (pipeline/nlp/components.py)."""

    model_pos: list[StrictStr]
    verb_lemma_endings: list[StrictStr]
    verb_pos: list[StrictStr]
    participle_endings: list[StrictStr]
    prefix_pos: list[StrictStr]
    name_pos: list[StrictStr]
    genitive_endings: list[StrictStr]
    paradigm_endings: dict[str, list[StrictStr]]
    closed_class: dict[str, list[StrictStr]]


def lemma_exceptions() -> LemmaExceptions:
    return load_typed("lexicon/lemma_exceptions.yml", LemmaExceptions)


def lemma_rules() -> LemmaRules:
    return load_typed("lexicon/lemma_rules.yml", LemmaRules)


def concepts_lexicon() -> Concepts:
    return load_typed("lexicon/concepts.yml", Concepts)


def occupations_lexicon() -> Occupations:
    return load_typed("lexicon/occupations.yml", Occupations)


def morphology() -> Morphology:
    return load_typed("lexicon/morphology.yml", Morphology)


def spec_cues() -> SpecCues:
    return load_typed("spec_cues.yml", SpecCues)


def education_lexicon() -> EducationLexicon:
    return load_typed("lexicon/education.yml", EducationLexicon)
