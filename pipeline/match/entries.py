"""Open scopes against a CV's entries: which entries show a scope, and the counting rules of
docs/contract.md §2 ("Requirements of real call-offs", "Silence").

- Months: over the entries that show the scope, overlaps counted once.
- ``min_assignments``: distinct entries that show the scope.
- ``min_count``: that many of the listed choices, shown inside one entry (a requirement with an
  assignment count) or anywhere in the CV (a knowledge topic list).
- No number: one entry that shows the scope (where the CV names no entries, a skills line).
- Silence: a number no entry of a CV with dated entries supports is ``not_met``; a CV without
  dated entries leaves it ``unknown``; without a number, a scope the CV never shows is ``unknown``;
  so is one whose only support is undated or ambiguous.
Only work entries count: a course or a skills line is not an assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.cv.model import WorkEntry
from pipeline.match.months import months_covered, months_of
from pipeline.match.results import ConditionResult, EntryEvidence, ScreenContext, Status
from pipeline.match.terms import ScopeTerms, Shown, scope_terms, shown
from pipeline.messages import msg
from pipeline.nlp.lexicon import TextIndex


@dataclass(frozen=True)
class EntryMatch:
    entry: WorkEntry
    shown: tuple[Shown, ...]  # the parts of the scope the entry shows


@lru_cache(maxsize=256)
def text_index(text: str) -> TextIndex:
    """One index per entry text, shared by every condition and role of a CV (and its hits)."""
    return TextIndex(text)


def entry_text(entry: WorkEntry) -> str:
    """What an entry says about the work: its title, employer (or client) and description."""
    return "\n".join(x for x in (entry.title, entry.employer or "", entry.description) if x)


def matching_entries(
    entries: list[WorkEntry], terms: ScopeTerms, min_count: int | None = None
) -> list[EntryMatch]:
    """Entries that show every part of the scope (or, with ``min_count``, that many of its
    choices)."""
    out: list[EntryMatch] = []
    for e in entries:
        found = shown(text_index(entry_text(e)), terms)
        parts = tuple(s for s in found if s is not None)
        need = min(min_count, len(terms.groups)) if min_count is not None else len(terms.groups)
        if len(parts) >= need and parts:
            out.append(EntryMatch(e, parts))
    return out


def _month(m: tuple[int, int] | None) -> str | None:
    return f"{m[0]:04d}-{m[1]:02d}" if m else None


def entry_evidence(match: EntryMatch, ctx: ScreenContext) -> EntryEvidence:
    e = match.entry
    return EntryEvidence(
        title=e.title,
        employer=e.employer,
        period=e.period.text,
        start=_month(e.period.start),
        end=_month(e.period.end),
        months=len(months_covered(e.period, ctx.as_of)),
        quotes=tuple(q for s in match.shown for q in s.quotes),
        span=e.span,
    )


def _header_span(ctx: ScreenContext, entry: WorkEntry) -> tuple[int, int]:
    end = ctx.cv.text.find("\n", entry.span[0])
    return entry.span[0], entry.span[1] if end < 0 else min(end, entry.span[1])


def _skills_support(ctx: ScreenContext, terms: ScopeTerms, min_count: int | None) -> list[Shown]:
    """Parts of the scope a skills line shows (for a CV that names no entries)."""
    found: list[Shown | None] = [None] * len(terms.groups)
    for skill in ctx.cv.skills:
        for i, s in enumerate(shown(text_index(skill.text), terms, made=False)):
            found[i] = found[i] or s
    parts = [s for s in found if s is not None]
    need = min(min_count, len(terms.groups)) if min_count is not None else len(terms.groups)
    return parts if parts and len(parts) >= need else []


def evaluate_open(
    scope: str,
    ctx: ScreenContext,
    *,
    min_months: int | None,
    min_assignments: int | None,
    min_count: int | None,
) -> ConditionResult:
    """An experience condition whose scope names no occupation group, judged per CV entry."""
    terms = scope_terms(scope)
    if not terms:
        return ConditionResult("experience", "unknown", msg("experience_no_scope", scope=scope))
    label = "; ".join(terms.labels)
    entries = [e for e in ctx.cv.work if not e.container]
    numbered = min_months is not None or min_assignments is not None
    if not entries:
        support = _skills_support(ctx, terms, min_count)
        if support and not numbered:
            return ConditionResult(
                "experience",
                "met",
                msg("knowledge_all_shown"),
                [ctx.evidence(_span_in_cv(ctx, s), s.group) for s in support],
            )
        return ConditionResult("experience", "unknown", msg("experience_no_entries"))
    pooled = min_count is not None and min_assignments is None and min_months is None
    # "minst två (2) av följande" with no assignment or duration: the choices anywhere in the work
    matches = matching_entries(entries, terms, None if pooled else min_count)
    if pooled:
        matches = _pooled(entries, terms, min_count or 0)
    dated = [m for m in matches if _dated(m.entry)]
    # undated, or with an unknown end ("2015 – okänd"): support whose months cannot be counted
    undated: list[object] = [
        m for m in matches if not _dated(m.entry) or getattr(m.entry.period, "unknown_end", False)
    ]
    # jobs the CV lists without dates ("Tidigare uppdrag i urval") that show the scope
    parts_needed = len(terms.groups) if min_count is None or pooled else min(min_count, len(terms.groups))
    undated += [
        u
        for u in ctx.cv.undated_work
        if sum(s is not None for s in shown(text_index(u.text), terms)) >= max(parts_needed, 1)
    ]
    months = months_of((m.entry.period for m in dated), ctx.as_of)
    status: Status
    if min_months is not None:
        status = "met" if months >= min_months else "not_met"
        if status == "met" and min_assignments is not None and len(dated) < min_assignments:
            status = "not_met"
    elif min_assignments is not None:
        status = "met" if len(dated) >= min_assignments else "not_met"
    else:
        status = "met" if dated else "unknown"
    if status == "not_met" and (undated or not any(_dated(e) for e in entries)):
        status = "unknown"  # only undated support, or no dated entries at all: cannot be counted
    need = min_months if min_months is not None else (min_assignments or 1)
    if status == "unknown" and not numbered and not matches:
        explanation = msg("knowledge_missing", topics=label)
    else:
        counted = months if min_months is not None else len(dated)
        key = "experience_met" if status == "met" else "experience_not_met"
        explanation = msg(key, months=counted, label=label, need=need)
    evidence = [
        ctx.evidence(
            _header_span(ctx, m.entry),
            msg(
                "experience_entry",
                months=len(months_covered(m.entry.period, ctx.as_of)),
                period=m.entry.period.text,
                reasons="; ".join(msg("experience_mentions", term=q) for s in m.shown for q in s.quotes),
            ),
        )
        for m in matches
    ]
    return ConditionResult(
        "experience",
        status,
        explanation,
        evidence,
        months=months,
        entries=[m.entry.label for m in matches],
        assignments=[entry_evidence(m, ctx) for m in matches],
        assignments_counted=len(dated),
    )


def _pooled(entries: list[WorkEntry], terms: ScopeTerms, need: int) -> list[EntryMatch]:
    """Entries that show at least one choice, when all of them together show ``need`` choices."""
    found = [
        EntryMatch(e, tuple(s for s in shown(text_index(entry_text(e)), terms) if s is not None))
        for e in entries
        if _dated(e)
    ]
    found = [m for m in found if m.shown]
    choices = {s.group for m in found for s in m.shown}
    return found if len(choices) >= min(need, len(terms.groups)) else []


def _dated(entry: WorkEntry) -> bool:
    return getattr(entry, "period", None) is not None and entry.period.start is not None


def _span_in_cv(ctx: ScreenContext, s: Shown) -> tuple[int, int]:
    """Where the first quoted word of ``s`` stands in the CV (the start of the CV if nowhere)."""
    at = ctx.cv.text.find(s.quotes[0]) if s.quotes else -1
    return (at, at + len(s.quotes[0])) if at >= 0 else (0, 0)
