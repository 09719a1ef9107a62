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
    "rank",
    "qualifying_months",
    "met",
    "not_met",
    "unknown",
    "language",
]
STATUS_MARK = {"met": "uppfyllt", "not_met": "ej uppfyllt", "unknown": "oklart"}


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


def row_json(r: RoleResult) -> dict[str, Any]:
    """One row of screening.json: each requirement's status, the deciding evidence (quotes with
    offsets), the months and entries counted, and every alternative's explanation."""
    return {
        "cv": r.cv,
        "role": r.role,
        "verdict": r.verdict,
        "score": r.score,
        "unmet": r.unmet,
        "error": r.error,
        "qualifying_months": r.qualifying_months,
        "requirements": [
            {
                "text": q.text,
                "kind": q.kind,
                "status": q.status,
                "evidence": [asdict(e) for c in q.deciding for e in c.evidence],
                "months": next((c.months for c in q.deciding if c.kind == "experience"), None),
                "entries": [x for c in q.deciding if c.kind == "experience" for x in c.entries],
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
            self.summaries.append(
                Summary(r.cv, r.role, r.verdict, r.score, r.unmet, r.qualifying_months, r.language,
                        tuple(q.text for q in r.requirements), tuple(q.status for q in r.requirements))
            )  # fmt: skip

    def row_bytes(self, s: Summary) -> bytes:
        offset, length = self._where[(s.cv, s.role)]
        self._file.seek(offset)
        return self._file.read(length)

    def close(self) -> None:
        self._file.close()


def ranked(results: Sequence[Summary], role_order: Sequence[str]) -> list[Summary]:
    """Within a role: score, then qualifying months, then file name — a stable, explainable order."""
    position = {name: i for i, name in enumerate(role_order)}
    return sorted(
        results, key=lambda r: (position.get(r.role, len(position)), -r.score, -r.qualifying_months, r.cv)
    )


def table(results: Sequence[Summary], role_order: Sequence[str]) -> pd.DataFrame:
    rows = []
    rank: dict[str, int] = {}
    for r in ranked(results, role_order):
        rank[r.role] = rank.get(r.role, 0) + 1
        rows.append(
            {
                "cv": r.cv,
                "role": r.role,
                "verdict": r.verdict,
                "score": r.score,
                "unmet": r.unmet,
                "rank": rank[r.role] if r.verdict != "error" else None,
                "qualifying_months": r.qualifying_months,
                "met": r.statuses.count("met"),
                "not_met": r.statuses.count("not_met"),
                "unknown": r.statuses.count("unknown"),
                "language": r.language,
            }
        )
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def matrix(results: Sequence[Summary], role: str) -> pd.DataFrame:
    """Requirements as rows, consultants as columns, cells met / not met / unknown."""
    mine = [r for r in results if r.role == role and r.verdict != "error"]
    if not mine:
        return pd.DataFrame()
    data = {r.cv: [STATUS_MARK[s] for s in r.statuses] for r in sorted(mine, key=lambda r: r.cv)}
    return pd.DataFrame(data, index=pd.Index(list(mine[0].requirements), name="krav"))


def write_outputs(
    out_dir: Path, spool: ResultSpool, role_order: Sequence[str], formats: Sequence[str], meta: dict[str, Any]
) -> list[Path]:
    """The requested formats' files, each by its entry of ``WRITERS``, in registration order."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(WRITERS.names())}")
    results = ScreeningResults(spool, role_order, meta)
    return [writer.write_to(out_dir, results) for writer in WRITERS if writer.name in formats]
