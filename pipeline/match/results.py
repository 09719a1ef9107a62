"""What screening produces per condition and requirement, and the context every kind's
evaluator receives. Statuses follow docs/contract.md: ``met``; ``not_met`` where the CV
contradicts the condition; ``unknown`` where the CV says nothing about it (never a guess)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pipeline.cv.dates import Month
from pipeline.cv.model import CVRecord
from pipeline.spec.model import Role

if TYPE_CHECKING:
    from pipeline.nlp.lexicon import Hit, TextIndex

Status = Literal["met", "not_met", "unknown"]


@dataclass(frozen=True)
class ScreenContext:
    """One CV as every evaluator sees it: the record, its text index (built once per CV), the
    role being screened and the month that open periods run to."""

    cv: CVRecord
    index: TextIndex
    role: Role
    as_of: Month

    def evidence(self, span: tuple[int, int], note: str, hit: Hit | None = None) -> Evidence:
        return Evidence(
            quote=self.cv.quote(span),
            span=span,
            note=note,
            concept=hit.concept if hit else None,
            form=hit.form if hit else None,
            score=hit.score if hit else None,
        )


@dataclass(frozen=True)
class Evidence:
    quote: str
    span: tuple[int, int]
    note: str
    concept: str | None = None
    form: str | None = None
    score: float | None = None


@dataclass(frozen=True)
class EntryEvidence:
    """A CV entry (assignment or job) that proves an experience requirement: which one, when,
    how many months it adds on its own, and the CV's words that show each part of the scope.
    Call-offs ask the supplier to show which assignment supports each requirement."""

    title: str
    employer: str | None
    period: str  # as the CV writes it
    start: str | None  # "YYYY-MM"
    end: str | None  # "YYYY-MM"; None while ongoing
    months: int
    quotes: tuple[str, ...]  # the words that show the scope, one per part
    span: tuple[int, int]  # the entry in the CV's text


@dataclass
class ConditionResult:
    kind: str
    status: Status
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    months: int | None = None
    entries: list[str] = field(default_factory=list)
    assignments: list[EntryEvidence] = field(default_factory=list)  # the entries that prove it
    assignments_counted: int | None = None  # distinct entries that show the scope


def combine_all(statuses: Iterable[Status]) -> Status:
    """All must hold: one not_met fails, else one unknown leaves it undecided."""
    s = list(statuses)
    return "not_met" if "not_met" in s else "unknown" if "unknown" in s else "met"


def combine_any(statuses: Iterable[Status]) -> Status:
    """One must hold: one met suffices, else one undecided leaves it undecided."""
    s = list(statuses)
    return "met" if "met" in s else "unknown" if "unknown" in s else "not_met"


@dataclass
class RequirementResult:
    text: str
    kind: str
    status: Status
    alternatives: list[list[ConditionResult]]
    obligation: str = "must"  # only must requirements decide the verdict
    weight: str | None = None  # a should requirement's weight as the document prints it

    @property
    def deciding(self) -> list[ConditionResult]:
        """The alternative that decides the status: the first met, else the first undecided."""
        for status in ("met", "unknown"):
            for alt in self.alternatives:
                if combine_all(c.status for c in alt) == status:
                    return alt
        return [c for alt in self.alternatives for c in alt]
