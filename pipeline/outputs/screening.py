"""Screening outputs (docs/contract.md §2): the spooled rows, the ranked table and the matrix
that screening.csv, screening.json and on request an Excel workbook (one ranked sheet per role
plus a requirement-by-consultant matrix) and Parquet are written from. Each file is one entry of
``pipeline.outputs.writers.WRITERS``."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.match.screen import RoleResult
from pipeline.outputs.writers import WRITERS, ScreeningResults

CSV_COLUMNS = [
    "cv",
    "role",
    "verdict",
    "score",
    "unmet",
    "not_met",
    "unknown",
    "rank",
    "name",
    "qualifying_months",
    "met_count",
    "not_met_count",
    "unknown_count",
    "language",
    "duplicate_of",
]
VERDICT_ORDER = {"eligible": 0, "needs_review": 1, "not_eligible": 2, "error": 3}
SEPARATOR = " | "


@dataclass(frozen=True)
class Summary:
    """What the tables need of one (CV, role) result; the full row with its evidence is spooled."""

    cv: str
    role: str
    verdict: str
    score: float
    unmet: str
    qualifying_months: int
    language: str | None
    requirements: tuple[str, ...]
    statuses: tuple[str, ...]
    name: str | None = None
    duplicate_of: str | None = None
    sha256: str | None = None

    def texts(self, status: str) -> str:
        """The requirement texts with ``status``, separated like ``unmet``."""
        return SEPARATOR.join(t for t, s in zip(self.requirements, self.statuses, strict=True) if s == status)


def row_json(r: RoleResult) -> dict[str, Any]:
    """One row of screening.json: each requirement's status, the deciding evidence (quotes with
    offsets), the months and entries counted, and every alternative's explanation."""
    return {
        "cv": r.cv,
        "name": r.name,
        "role": r.role,
        "verdict": r.verdict,
        "score": r.score,
        "unmet": r.unmet,
        "error": r.error,
        "language": r.language,
        "sha256": r.sha256,
        "duplicate_of": r.duplicate_of,
        "qualifying_months": r.qualifying_months,
        "requirements": [
            {
                "text": q.text,
                "kind": q.kind,
                "status": q.status,
                "evidence": [asdict(e) for c in q.deciding for e in c.evidence],
                "months": next((c.months for c in q.deciding if c.kind == "experience"), None),
                "entries": [x for c in q.deciding if c.kind == "experience" for x in c.entries],
                # the assignments that prove it: title, employer, period, the CV's words (issue 12)
                "assignments": [asdict(a) for c in q.deciding for a in c.assignments],
                "obligation": q.obligation,
                "weight": q.weight,
                "alternatives": [
                    [
                        {"kind": c.kind, "status": c.status, "explanation": c.explanation, "months": c.months}
                        for c in alt
                    ]
                    for alt in q.alternatives
                ],
            }
            for q in r.requirements
        ],
    }


def summary_of(r: RoleResult) -> Summary:
    """What the tables keep of one result."""
    return Summary(r.cv, r.role, r.verdict, r.score, r.unmet, r.qualifying_months, r.language,
                   tuple(q.text for q in r.requirements), tuple(q.status for q in r.requirements),
                   r.name, r.duplicate_of, r.sha256)  # fmt: skip


class ResultSpool:
    """Collects results CV by CV with memory flat in the number of CVs: the JSON rows go to a
    temporary file at once, only ``Summary`` records stay in memory for ranking and tables."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by close(), after the outputs are written)
        self._where: dict[tuple[str, str], tuple[int, int]] = {}
        self.summaries: list[Summary] = []

    def add(self, results: Sequence[RoleResult]) -> None:
        for r in results:
            payload = json.dumps(row_json(r), ensure_ascii=False, sort_keys=True).encode("utf-8")
            self._where[(r.cv, r.role)] = (self._file.tell(), len(payload))
            self._file.write(payload)
            self.summaries.append(summary_of(r))

    def row_bytes(self, s: Summary) -> bytes:
        offset, length = self._where[(s.cv, s.role)]
        self._file.seek(offset)
        return self._file.read(length)

    def close(self) -> None:
        self._file.close()


def rank_key(r: Summary) -> tuple[int, float, int]:
    """What decides a place within a role: the verdict (eligible, needs_review, not_eligible,
    error), then the score, then the qualifying months; CVs with equal keys share a place."""
    return (VERDICT_ORDER.get(r.verdict, len(VERDICT_ORDER)), -r.score, -r.qualifying_months)


def ranked(results: Sequence[Summary], role_order: Sequence[str]) -> list[Summary]:
    """Roles in the spec's order; within a role by ``rank_key``, then by ``cv`` (a stable order
    among equals, not a difference in place)."""
    position = {name: i for i, name in enumerate(role_order)}
    return sorted(results, key=lambda r: (position.get(r.role, len(position)), *rank_key(r), r.cv))


def ranks(results: Sequence[Summary], role_order: Sequence[str]) -> dict[tuple[str, str], int]:
    """(cv, role) → place within the role, 1 first; equal keys share a place and the next
    different key takes its place in the count (1, 1, 3: "standard competition ranking")."""
    out: dict[tuple[str, str], int] = {}
    previous: dict[str, tuple[tuple[int, float, int], int]] = {}
    seen: dict[str, int] = {}
    for r in ranked(results, role_order):
        seen[r.role] = seen.get(r.role, 0) + 1
        key = rank_key(r)
        last = previous.get(r.role)
        place = last[1] if last and last[0] == key else seen[r.role]
        previous[r.role] = (key, place)
        out[(r.cv, r.role)] = place
    return out


def table(results: Sequence[Summary], role_order: Sequence[str]) -> pd.DataFrame:
    """The rows of screening.csv: one per (CV, role), ranked."""
    place = ranks(results, role_order)
    rows = []
    for r in ranked(results, role_order):
        error = r.verdict == "error"
        rows.append(
            {
                "cv": r.cv,
                "role": r.role,
                "verdict": r.verdict,
                "score": r.score,
                "unmet": r.unmet,
                "not_met": "" if error else r.texts("not_met"),
                "unknown": "" if error else r.texts("unknown"),
                "rank": place[(r.cv, r.role)],
                "name": r.name,
                "qualifying_months": r.qualifying_months,
                "met_count": r.statuses.count("met"),
                "not_met_count": r.statuses.count("not_met"),
                "unknown_count": r.statuses.count("unknown"),
                "language": r.language,
                "duplicate_of": r.duplicate_of,
            }
        )
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def matrix(results: Sequence[Summary], role: str, role_order: Sequence[str] = ()) -> pd.DataFrame:
    """Consultants as rows in rank order, the role's requirements as columns, cells the status
    (met / not_met / unknown); CVs that could not be read are left out."""
    mine = [r for r in ranked(results, role_order or [role]) if r.role == role and r.verdict != "error"]
    if not mine:
        return pd.DataFrame()
    frame = pd.DataFrame(
        [list(r.statuses) for r in mine], columns=list(mine[0].requirements), index=[r.cv for r in mine]
    )
    frame.index.name = "cv"
    return frame


def write_outputs(
    out_dir: Path, spool: ResultSpool, role_order: Sequence[str], formats: Sequence[str], meta: dict[str, Any]
) -> list[Path]:
    """The requested formats' files, each by its entry of ``WRITERS``, in registration order."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(WRITERS.names())}")
    results = ScreeningResults(spool, role_order, meta)
    return [writer.write_to(out_dir, results) for writer in WRITERS if writer.name in formats]
