"""Screening outputs (docs/contract.md §2): screening.csv, screening.json, and on request an
Excel workbook (one ranked sheet per role plus a requirement-by-consultant matrix) and Parquet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.match.screen import RoleResult
from pipeline.outputs.files import atomic_path, write_json
from pipeline.outputs.tables import write_csv

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


def ranked(results: Sequence[RoleResult], role_order: Sequence[str]) -> list[RoleResult]:
    """Within a role: score, then qualifying months, then file name — a stable, explainable order."""
    position = {name: i for i, name in enumerate(role_order)}
    return sorted(
        results, key=lambda r: (position.get(r.role, len(position)), -r.score, -r.qualifying_months, r.cv)
    )


def table(results: Sequence[RoleResult], role_order: Sequence[str]) -> pd.DataFrame:
    rows = []
    rank: dict[str, int] = {}
    for r in ranked(results, role_order):
        rank[r.role] = rank.get(r.role, 0) + 1
        statuses = [q.status for q in r.requirements]
        rows.append(
            {
                "cv": r.cv,
                "role": r.role,
                "verdict": r.verdict,
                "score": r.score,
                "unmet": r.unmet,
                "rank": rank[r.role] if r.verdict != "error" else None,
                "qualifying_months": r.qualifying_months,
                "met": statuses.count("met"),
                "not_met": statuses.count("not_met"),
                "unknown": statuses.count("unknown"),
                "language": r.language,
            }
        )
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def to_json(results: Sequence[RoleResult], role_order: Sequence[str], meta: dict[str, Any]) -> dict[str, Any]:
    rows = []
    for r in ranked(results, role_order):
        rows.append(
            {
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
                                {
                                    "kind": c.kind,
                                    "status": c.status,
                                    "explanation": c.explanation,
                                    "months": c.months,
                                    "entries": c.entries,
                                    "evidence": [asdict(e) for e in c.evidence],
                                }
                                for c in alt
                            ]
                            for alt in q.alternatives
                        ],
                    }
                    for q in r.requirements
                ],
            }
        )
    return {**meta, "rows": rows}


def matrix(results: Sequence[RoleResult], role: str) -> pd.DataFrame:
    """Requirements as rows, consultants as columns, cells met / not met / unknown."""
    mine = [r for r in results if r.role == role and r.verdict != "error"]
    if not mine:
        return pd.DataFrame()
    texts = [q.text for q in mine[0].requirements]
    data = {r.cv: [STATUS_MARK[q.status] for q in r.requirements] for r in sorted(mine, key=lambda r: r.cv)}
    return pd.DataFrame(data, index=pd.Index(texts, name="krav"))


def write_outputs(
    out_dir: Path,
    results: Sequence[RoleResult],
    role_order: Sequence[str],
    formats: Sequence[str],
    meta: dict[str, Any],
) -> list[Path]:
    written: list[Path] = []
    frame = table(results, role_order)
    if "csv" in formats:
        written.append(write_csv(out_dir / "screening.csv", frame))
    if "json" in formats:
        written.append(write_json(out_dir / "screening.json", to_json(results, role_order, meta)))
    if "parquet" in formats:
        with atomic_path(out_dir / "screening.parquet") as tmp:
            frame.to_parquet(tmp, index=False)
        written.append(out_dir / "screening.parquet")
    if "xlsx" in formats:
        with atomic_path(out_dir / "screening.xlsx") as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for role in role_order:
                sheet = frame[frame.role == role].drop(columns=["role"])
                sheet.to_excel(xl, sheet_name=_sheet_name(role), index=False)
            for role in role_order:
                m = matrix(results, role)
                if not m.empty:
                    m.to_excel(xl, sheet_name=_sheet_name("Matris " + role))
        written.append(out_dir / "screening.xlsx")
    return written


def _sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "-")
    return name[:31]
