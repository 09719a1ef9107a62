"""One evaluator per condition kind: (condition, CV) → status with the CV text that decides it.

Statuses follow docs/contract.md: ``met``; ``not_met`` where the CV contradicts the condition
(too few months, a basic language level, a non-IT degree); ``unknown`` where the CV says
nothing about it. Evaluators never guess: missing evidence is ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pipeline.cv.dates import Month
from pipeline.cv.entries import is_it_education
from pipeline.cv.model import CVRecord, WorkEntry
from pipeline.match.months import months_covered, months_of
from pipeline.nlp.compounds import tokens
from pipeline.nlp.lexicon import (
    Concept,
    Hit,
    OccupationGroup,
    TextIndex,
    concept_for_topic,
    occupation_groups,
    own_role_scopes,
    scope_fillers,
)
from pipeline.spec.model import Condition, Requirement

Status = Literal["met", "not_met", "unknown"]
LEVEL_RANK = {"gymnasium": 1, "yrkeshögskola": 2, "högskola": 3}
GOOD_LANGUAGE_LEVELS = ("native", "fluent", "good")


@dataclass(frozen=True)
class Evidence:
    quote: str
    span: tuple[int, int]
    note: str
    concept: str | None = None
    form: str | None = None
    score: float | None = None


@dataclass
class ConditionResult:
    kind: str
    status: Status
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    months: int | None = None
    entries: list[str] = field(default_factory=list)


@dataclass
class RequirementResult:
    text: str
    kind: str
    status: Status
    alternatives: list[list[ConditionResult]]

    @property
    def deciding(self) -> list[ConditionResult]:
        """The alternative that decides the status: the first met, else the first undecided."""
        for status in ("met", "unknown"):
            for alt in self.alternatives:
                if combine_all(c.status for c in alt) == status:
                    return alt
        return [c for alt in self.alternatives for c in alt]


def combine_all(statuses) -> Status:
    """All must hold: one not_met fails, else one unknown leaves it undecided."""
    s = list(statuses)
    return "not_met" if "not_met" in s else "unknown" if "unknown" in s else "met"


def combine_any(statuses) -> Status:
    """One must hold: one met suffices, else one undecided leaves it undecided."""
    s = list(statuses)
    return "met" if "met" in s else "unknown" if "unknown" in s else "not_met"


def _evidence(cv: CVRecord, span: tuple[int, int], note: str, hit: Hit | None = None) -> Evidence:
    return Evidence(
        quote=cv.quote(span),
        span=span,
        note=note,
        concept=hit.concept if hit else None,
        form=hit.form if hit else None,
        score=hit.score if hit else None,
    )


def _header_span(cv: CVRecord, entry: WorkEntry) -> tuple[int, int]:
    end = cv.text.find("\n", entry.span[0])
    return entry.span[0], entry.span[1] if end < 0 else min(end, entry.span[1])


# ---------------------------------------------------------------- education


def education(cond: Condition, cv: CVRecord) -> ConditionResult:
    stated = [e for e in cv.education if e.level is not None]
    if not stated:
        return ConditionResult("education", "unknown", "no education stated in the CV")
    minimum = LEVEL_RANK.get(cond.level or "gymnasium", 1)
    if cond.level == "högskola" and cond.or_equivalent:
        minimum = LEVEL_RANK["yrkeshögskola"]  # "annan likvärdig (IT-)utbildning": a YH programme counts
    it_field = bool(cond.field and is_it_education(cond.field))
    field_stem = (cond.field or "").lower()[:6]

    def qualifies(level: str, text: str, is_it: bool) -> bool:
        if LEVEL_RANK[level] < minimum:
            return False
        if cond.field is None:
            return True
        if it_field:
            return is_it
        return any(t.text.startswith(field_stem) for t in tokens(text))

    for e in stated:
        assert e.level is not None
        if qualifies(e.level, e.text, e.it_field) and (e.completed or LEVEL_RANK[e.level] > minimum):
            return ConditionResult(
                "education",
                "met",
                f"{e.level}{' in IT' if e.it_field else ''} stated",
                [_evidence(cv, e.span, f"education: {e.level}")],
            )
    best = max(stated, key=lambda e: LEVEL_RANK[e.level or "gymnasium"])
    return ConditionResult(
        "education",
        "not_met",
        f"stated education ({best.level}{', IT' if best.it_field else ''}) does not reach "
        f"{cond.level}{' in ' + cond.field if cond.field else ''}",
        [_evidence(cv, e.span, f"education: {e.level}") for e in stated],
    )


# ---------------------------------------------------------------- experience


@dataclass(frozen=True)
class Scope:
    """What experience must be in: occupation groups and/or the scope's own words."""

    groups: tuple[OccupationGroup, ...]
    words: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join([g.key for g in self.groups] + list(self.words)) or "any work"


def role_groups(role_name: str) -> tuple[OccupationGroup, ...]:
    """The occupation groups a role's own name belongs to ("Helpdesk 2" → helpdesk)."""
    name = TextIndex(role_name)
    return tuple(g for g in occupation_groups().values() if any(name.find(n) for n in g.role_names))


def resolve_scope(scope: str | None, role_name: str) -> Scope:
    text = (scope or "").lower()
    if not text or any(own in text for own in own_role_scopes()):
        return Scope(role_groups(role_name), ())
    index = TextIndex(scope or "")
    groups = tuple(g for g in occupation_groups().values() if any(index.find(t) for t in g.titles))
    words = tuple(
        w.strip()
        for w in re.split(r",|\beller\b|\boch\b|\bsamt\b", text)
        if w.strip() and not groups
        for w in [" ".join(x for x in w.split() if x not in scope_fillers())]
        if w
    )
    return Scope(groups, words)


def entry_in_scope(entry: WorkEntry, scope: Scope) -> list[str]:
    """The reasons an entry counts for the scope (empty: it does not)."""
    title = TextIndex(f"{entry.title} {entry.employer or ''}" if not scope.groups else entry.title)
    described = TextIndex(entry.description)
    reasons = []
    for g in scope.groups:
        if any(title.find(t) for t in g.titles):
            reasons.append(f"title names {g.key} work")
        elif any(described.find(d) for d in g.duties):
            reasons.append(f"description names {g.key} work")
    for w in scope.words:
        if title.find(w) or described.find(w):
            reasons.append(f"mentions '{w}'")
    return reasons


def experience(cond: Condition, cv: CVRecord, role_name: str, as_of: Month) -> ConditionResult:
    entries = [e for e in cv.work if not e.container]
    scope = resolve_scope(cond.scope, role_name)
    need = cond.min_months or 0
    if not entries:
        return ConditionResult("experience", "unknown", "no dated work entries in the CV", months=None)
    counted = [(e, r) for e in entries if (r := entry_in_scope(e, scope))]
    months = months_of((e.period for e, _ in counted), as_of)
    evidence = [
        _evidence(
            cv,
            _header_span(cv, e),
            f"{len(months_covered(e.period, as_of))} months ({e.period.text}); {'; '.join(r)}",
        )
        for e, r in counted
    ]
    status: Status = "met" if months >= need else "not_met"
    return ConditionResult(
        "experience",
        status,
        f"{months} months of {scope.label} ({'>=' if status == 'met' else '<'} {need})",
        evidence,
        months=months,
        entries=[f"{e.title}{', ' + e.employer if e.employer else ''} ({e.period.text})" for e, _ in counted],
    )


# ---------------------------------------------------------------- knowledge


def _topic_hits(index: TextIndex, topic: str, examples: tuple[str, ...]) -> tuple[Concept | None, list[Hit]]:
    concept = concept_for_topic(topic)
    if concept is not None:
        return concept, index.find_concept(concept, examples)
    hits = index.find(topic, topic)
    head = topic.split()[0] if topic.split() else ""
    if not hits and len(head) >= 6:
        hits = index.find(head, topic)
    for example in examples:
        hits += index.find(example, topic) or index.find_fuzzy(example, topic)
    return None, hits


def knowledge(cond: Condition, cv: CVRecord, index: TextIndex) -> ConditionResult:
    evidence: list[Evidence] = []
    missing: list[str] = []
    for i, topic in enumerate(cond.topics):
        examples = tuple(cond.examples) if i == len(cond.topics) - 1 else ()
        concept, hits = _topic_hits(index, topic, examples)
        if not hits:
            missing.append(topic)
            continue
        hit = hits[0]
        note = f"'{topic}' shown by '{hit.surface}' → {hit.concept} (form '{hit.form}', score {hit.score:g})"
        evidence.append(_evidence(cv, hit.span, note, hit))
    if missing:
        return ConditionResult(
            "knowledge", "unknown", "nothing in the CV shows: " + ", ".join(missing), evidence
        )
    return ConditionResult("knowledge", "met", "every topic shown", evidence)


# ---------------------------------------------------------------- language


def language(cond: Condition, cv: CVRecord) -> ConditionResult:
    stated = {s.language: s for s in cv.languages}
    statuses: list[Status] = []
    evidence: list[Evidence] = []
    notes: list[str] = []
    for lang in cond.languages:
        skill = stated.get(lang)
        if skill is None:
            statuses.append("unknown")
            notes.append(f"{lang} not stated")
            continue
        evidence.append(_evidence(cv, skill.span, f"{lang}: {skill.level or 'no level given'}"))
        if skill.level in GOOD_LANGUAGE_LEVELS:
            statuses.append("met")
            notes.append(f"{lang} {skill.level}")
        elif skill.level is None:
            statuses.append("unknown")
            notes.append(f"{lang} stated without a level")
        else:
            statuses.append("not_met")
            notes.append(f"{lang} only {skill.level}")
    return ConditionResult("language", combine_all(statuses), "; ".join(notes), evidence)


# ---------------------------------------------------------------- other


def other(cond: Condition, cv: CVRecord, index: TextIndex) -> ConditionResult:
    if not cond.certifications:
        return ConditionResult("other", "unknown", "cannot be judged from a CV; check by hand")
    for name in cond.certifications:
        hits = index.find(name) or index.find_fuzzy(name)
        if hits:
            return ConditionResult(
                "other", "met", f"certification {name} stated", [_evidence(cv, hits[0].span, name, hits[0])]
            )
    return ConditionResult("other", "unknown", "none of the certifications is stated")


# ---------------------------------------------------------------- requirement


def evaluate(
    req: Requirement, cv: CVRecord, role_name: str, as_of: Month, index: TextIndex
) -> RequirementResult:
    alternatives: list[list[ConditionResult]] = []
    for alt in req.any_of:
        results = []
        for cond in alt:
            if cond.kind == "education":
                results.append(education(cond, cv))
            elif cond.kind == "experience":
                results.append(experience(cond, cv, role_name, as_of))
            elif cond.kind == "knowledge":
                results.append(knowledge(cond, cv, index))
            elif cond.kind == "language":
                results.append(language(cond, cv))
            else:
                results.append(other(cond, cv, index))
        alternatives.append(results)
    status = combine_any(combine_all(c.status for c in alt) for alt in alternatives)
    return RequirementResult(req.text, req.kind, status, alternatives)
