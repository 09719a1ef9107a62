"""Flat tables: the extraction as one row per role item (written as CSV by `extract`, and as a
pandas DataFrame for notebooks); CSV writing that a spreadsheet opens safely (text that would
start a formula is kept as text)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.outputs.files import write_bytes
from pipeline.spec.model import Spec

if TYPE_CHECKING:
    import pandas as pd

BASE_COLUMNS = ["role", "call_off", "section", "position", "text", "kind", "alternative", "condition",
                "condition_kind"]  # fmt: skip


def spec_rows(spec: Spec) -> tuple[list[str], list[dict[str, object]]]:
    """(columns, rows): one row per task, requirement condition and note, in that order per role
    (a requirement with two alternatives of two conditions gives four rows sharing ``position``),
    each kind's fields in its own columns (the kind registry says which)."""
    from pipeline.kinds import KINDS

    rows: list[dict[str, object]] = []
    for role in spec.roles:
        base = {"role": role.name, "call_off": role.call_off}
        rows += [{**base, "section": "task", "position": i, "text": t} for i, t in enumerate(role.tasks, 1)]
        for i, req in enumerate(role.requirements, 1):
            for a, alternative in enumerate(req.any_of, 1):
                for c, cond in enumerate(alternative, 1):
                    rows.append({
                        **base, "section": "requirement", "position": i, "text": req.text, "kind": req.kind,
                        "alternative": a, "condition": c, "condition_kind": cond.kind,
                        **KINDS.get(cond.kind).cells(cond),
                    })  # fmt: skip
        rows += [{**base, "section": "note", "position": i, "text": t} for i, t in enumerate(role.notes, 1)]
    return BASE_COLUMNS + KINDS.columns(), rows


def spec_table(spec: Spec) -> pd.DataFrame:
    """The rows of ``spec_rows`` as a DataFrame (the Python API's view of an extraction)."""
    import pandas as pd

    columns, rows = spec_rows(spec)
    return pd.DataFrame(rows, columns=columns)


def write_spec_csv(path: str | Path, spec: Spec) -> Path:
    """`extract`'s CSV, written with the csv module: the command stays within 1.5x a bare
    pdfplumber pass, and importing pandas alone costs a third of a second (benchmarks/)."""
    columns, rows = spec_rows(spec)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if (v := row.get(c)) is None else formula_safe(v) for c in columns])
    return write_bytes(path, out.getvalue().encode("utf-8"))


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
    import pandas as pd

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
