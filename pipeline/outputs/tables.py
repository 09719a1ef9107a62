"""Flat tables built with pandas: the extraction as one row per role item; CSV writing that a
spreadsheet opens safely (text that would start a formula is kept as text)."""

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


# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"); tab and carriage return are stripped and the rest then evaluated.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """A text cell that would start a formula, with a leading apostrophe (spreadsheets show the
    text and do not evaluate it); everything else, numbers included, as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell made formula-safe; number columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(formula_safe).astype(object)
    return out


def write_csv(path: str | Path, frame: pd.DataFrame, *, bom: bool = False) -> Path:
    """``frame`` as CSV (UTF-8, "\\n" line ends), text cells formula-safe; ``bom`` puts a
    byte-order mark first, so that Excel reads the file as UTF-8 (Swedish letters intact)."""
    payload = safe_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")
    return write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + payload)
