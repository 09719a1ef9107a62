"""Flat tables built with pandas: the extraction as one row per role item."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.outputs.files import write_bytes
from pipeline.spec.model import Spec

BASE_COLUMNS = ["role", "call_off", "section", "position", "text", "kind", "alternative", "condition",
                "condition_kind"]  # fmt: skip


def spec_table(spec: Spec) -> pd.DataFrame:
    """One row per task, note and requirement condition (a requirement with two alternatives of
    two conditions gives four rows sharing ``position``), each kind's fields in its own columns
    (the kind registry says which)."""
    from pipeline.kinds import KINDS

    rows: list[dict[str, object]] = []
    for role in spec.roles:
        base = {"role": role.name, "call_off": role.call_off}
        for section, items in (("task", role.tasks), ("note", role.notes)):
            rows += [{**base, "section": section, "position": i, "text": t} for i, t in enumerate(items, 1)]
        for i, req in enumerate(role.requirements, 1):
            for a, alternative in enumerate(req.any_of, 1):
                for c, cond in enumerate(alternative, 1):
                    rows.append({
                        **base, "section": "requirement", "position": i, "text": req.text, "kind": req.kind,
                        "alternative": a, "condition": c, "condition_kind": cond.kind,
                        **KINDS.get(cond.kind).cells(cond),
                    })  # fmt: skip
    frame = pd.DataFrame(rows, columns=BASE_COLUMNS + KINDS.columns())
    order = {"task": 0, "requirement": 1, "note": 2}
    frame["_role"] = frame["role"].map({r.name: i for i, r in enumerate(spec.roles)})
    frame["_section"] = frame["section"].map(order)
    frame = frame.sort_values(["_role", "_section", "position", "alternative", "condition"], kind="stable")
    return frame.drop(columns=["_role", "_section"]).reset_index(drop=True)


def write_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    payload = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return write_bytes(path, payload)
