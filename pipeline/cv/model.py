"""The consultant record: every field keeps its character span in the CV's extracted text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as _field
from typing import Any, Literal

from pipeline.cv.dates import Month, Period

Span = tuple[int, int]
EntryKind = Literal["employment", "assignment"]


@dataclass(frozen=True)
class Section:
    kind: str  # work, assignments, education, skills, languages, … or "preamble"
    heading: str
    span: Span  # the whole section, heading included


@dataclass
class WorkEntry:
    title: str
    employer: str | None
    period: Period
    description: str
    span: Span  # the entry's header line through its description
    title_span: Span
    kind: EntryKind = "employment"
    container: bool = False  # a consultancy employment whose assignments are listed as entries
    by_layout: bool = False  # title or employer decided by where the CV writes them, not by words

    @property
    def label(self) -> str:
        """How evidence names the entry: "Title, Employer (period as written)"."""
        return f"{self.title}{', ' + self.employer if self.employer else ''} ({self.period.text})"

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "employer": self.employer,
            "period": _period_json(self.period),
            "description": self.description,
            "span": list(self.span),
            "title_span": list(self.title_span),
            "kind": self.kind,
            "container": self.container,
        }


@dataclass
class UndatedEntry:
    """A job or assignment the CV lists without dates ("Tidigare uppdrag i urval" / "• Region X –
    tekniskt stöd …"): it shows what the consultant did, but its months cannot be counted. Kept
    apart from the dated ``work`` entries (contract §3), with no period."""

    title: str
    employer: str | None
    description: str
    span: Span
    kind: EntryKind = "assignment"

    @property
    def text(self) -> str:
        """What the entry says about the work: title, employer and description."""
        return "\n".join(x for x in (self.title, self.employer or "", self.description) if x)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "employer": self.employer,
            "period": None,
            "description": self.description,
            "span": list(self.span),
            "kind": self.kind,
        }


@dataclass
class Education:
    text: str
    level: str | None  # gymnasium, yrkeshögskola, högskola; None for courses and certificates
    it_field: bool
    institution: str | None
    period: Period | None
    span: Span
    expected: bool = False  # written as ongoing or expected ("(pågående)", "Beräknas juni 2027")

    @property
    def completed(self) -> bool:
        if self.expected:
            return False
        return self.period is None or self.period.unknown_end or not self.period.ongoing

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "level": self.level,
            "it_field": self.it_field,
            "institution": self.institution,
            "period": _period_json(self.period) if self.period else None,
            "completed": self.completed,
            "span": list(self.span),
        }


@dataclass(frozen=True)
class LanguageSkill:
    language: str  # ISO 639-1
    level: str | None  # native, fluent, good, basic; None when the CV names no level
    text: str
    span: Span


@dataclass(frozen=True)
class Skill:
    text: str
    span: Span


@dataclass
class CVRecord:
    source: str
    text: str
    language: str
    sections: list[Section] = _field(default_factory=list)
    work: list[WorkEntry] = _field(default_factory=list)
    undated_work: list[UndatedEntry] = _field(default_factory=list)  # listed jobs without dates
    education: list[Education] = _field(default_factory=list)
    languages: list[LanguageSkill] = _field(default_factory=list)
    skills: list[Skill] = _field(default_factory=list)
    warnings: list[str] = _field(default_factory=list)  # where the reading is uncertain

    def quote(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "language": self.language,
            "sections": [asdict(s) for s in self.sections],
            "work": [w.to_json() for w in self.work],
            "undated_work": [w.to_json() for w in self.undated_work],
            "education": [e.to_json() for e in self.education],
            "languages": [asdict(x) for x in self.languages],
            "skills": [asdict(x) for x in self.skills],
            "warnings": list(self.warnings),
            "text": self.text,
        }


def _period_json(p: Period) -> dict[str, Any]:
    def month(m: Month | None) -> str | None:
        return f"{m[0]:04d}-{m[1]:02d}" if m else None

    if p.unknown_end:  # "2015-09 – okänd": the end is not known, and the period is not going on
        return {"start": month(p.start), "end": None, "ongoing": False, "unknown_end": True, "text": p.text}
    return {"start": month(p.start), "end": month(p.end), "ongoing": p.ongoing, "text": p.text}
