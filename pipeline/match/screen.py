"""Spec × CVs → one result per (CV, role): requirement statuses, evidence, verdict, score.

Each CV is read and judged on its own (in worker processes with ``workers > 1``); a CV that
cannot be read becomes ``error`` rows with the reason and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.cv.dates import Month
from pipeline.cv.parse import parse_cv
from pipeline.errors import InputError
from pipeline.match.conditions import evaluate
from pipeline.match.results import RequirementResult, ScreenContext
from pipeline.nlp.lexicon import TextIndex
from pipeline.spec.model import Role, Spec

Verdict = Literal["eligible", "not_eligible", "needs_review", "error"]
STATUS_WEIGHT = {"met": 1.0, "unknown": 0.5, "not_met": 0.0}


@dataclass
class RoleResult:
    cv: str
    role: str
    verdict: Verdict
    score: float
    requirements: list[RequirementResult] = field(default_factory=list)
    error: str | None = None
    language: str | None = None

    @property
    def unmet(self) -> str:
        if self.error is not None:
            return self.error
        return " | ".join(r.text for r in self.requirements if r.status != "met")

    @property
    def qualifying_months(self) -> int:
        return max(
            (
                c.months or 0
                for r in self.requirements
                for alt in r.alternatives
                for c in alt
                if c.kind == "experience"
            ),
            default=0,
        )


def verdict_of(results: Sequence[RequirementResult]) -> Verdict:
    statuses = {r.status for r in results}
    if "not_met" in statuses:
        return "not_eligible"
    if "unknown" in statuses:
        return "needs_review"
    return "eligible"


def score_of(results: Sequence[RequirementResult]) -> float:
    """Share of the role's requirements the CV meets; an undecided one counts half."""
    if not results:
        return 0.0
    return round(sum(STATUS_WEIGHT[r.status] for r in results) / len(results), 4)


def screenable_roles(spec: Spec, names: Sequence[str] = ()) -> list[Role]:
    """Roles with requirements, or the named ones (an unknown name is an error)."""
    with_reqs = [r for r in spec.roles if r.requirements]
    if not names:
        return with_reqs
    by_name = {r.name: r for r in spec.roles}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(repr(r.name) for r in with_reqs)
        raise ValueError(f"unknown role {', '.join(map(repr, unknown))}; the specification has {known}")
    empty = [n for n in names if not by_name[n].requirements]
    if empty:
        raise ValueError(f"role {', '.join(map(repr, empty))} has no requirements to screen against")
    return [by_name[n] for n in names]


def prepare() -> None:
    """Load what every CV needs once, before the first CV (and before worker processes fork, so
    they share it): the Swedish pipeline and the lexicons. A broken data file fails here, with
    its one-line KnowledgeError, not as error rows of every CV."""
    from pipeline.nlp.lexicon import concepts, occupation_groups, screening_nlp, term_matcher

    screening_nlp()
    concepts()
    occupation_groups()
    term_matcher().add([m for c in concepts().values() for m in c.members])


def screen_cv(path: Path, roles: Sequence[Role], as_of: Month) -> list[RoleResult]:
    try:
        cv = parse_cv(path)
    except InputError as e:
        return [RoleResult(path.name, r.name, "error", 0.0, error=e.problem) for r in roles]
    except Exception as e:  # a reader bug must not stop the batch; the row says what happened
        reason = f"could not be read ({type(e).__name__}: {e})"
        return [RoleResult(path.name, r.name, "error", 0.0, error=reason) for r in roles]
    index = TextIndex.of_document(cv.text)
    out = []
    for role in roles:
        ctx = ScreenContext(cv, index, role, as_of)
        results = [evaluate(req, ctx) for req in role.requirements]
        out.append(
            RoleResult(
                path.name, role.name, verdict_of(results), score_of(results), results, language=cv.language
            )
        )
    return out


def collect_cvs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders read whole (every file in them is a CV), sorted by name."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found += sorted(
                (f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")), key=lambda f: f.name
            )
        else:
            found.append(p)
    return found


def _screen_one(args: tuple[Path, Sequence[Role], Month]) -> list[RoleResult]:
    return screen_cv(*args)


def screen(
    cvs: Sequence[Path],
    roles: Sequence[Role],
    as_of: Month,
    *,
    workers: int = 1,
    on_done: Callable[[Path], None] | None = None,
) -> Iterator[list[RoleResult]]:
    """Results per CV, in the order of ``cvs``."""
    jobs = [(p, roles, as_of) for p in cvs]
    if workers <= 1 or len(cvs) < 2:
        for job in jobs:
            result = _screen_one(job)
            if on_done:
                on_done(job[0])
            yield result
        return
    workers = min(workers, os.cpu_count() or 1, len(cvs))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for job, result in zip(
            jobs, pool.map(_screen_one, jobs, chunksize=max(1, len(jobs) // (workers * 8))), strict=True
        ):
            if on_done:
                on_done(job[0])
            yield result
