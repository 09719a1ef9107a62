"""The screening workbook (screening.xlsx) a recruiter can use as it comes: per role a ranked
sheet and a matrix sheet (consultants as rows in rank order, requirements as columns), Swedish
labels, bold frozen headers with filters, column widths, status colours. Text from the inputs
is always a text cell, never a formula; the file is byte-identical for the same results
(fixed workbook dates and zip entry times)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.messages import msg

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pipeline.outputs.writers import ScreeningResults

SHEET_MAX = 31
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FILLS = {  # status and verdict colours (light, readable in print)
    "met": "DFF3E4",
    "eligible": "DFF3E4",
    "not_met": "FBE0E0",
    "not_eligible": "FBE0E0",
    "unknown": "FFF4CF",
    "needs_review": "FFF4CF",
    "error": "E9E9E9",
}
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry times: the file does not change between runs
RANKED_COLUMNS = [  # (table column, message key of its header, width)
    ("rank", "col_rank", 10),
    ("cv", "col_cv", 32),
    ("name", "col_name", 24),
    ("verdict", "col_verdict", 14),
    ("score", "col_score", 8),
    ("qualifying_months", "col_qualifying_months", 14),
    ("not_met", "col_not_met", 50),
    ("unknown", "col_unknown", 50),
    ("language", "col_language", 10),
    ("duplicate_of", "col_duplicate_of", 24),
]


def unique_sheet_names(names: Sequence[str]) -> list[str]:
    """Excel sheet names for ``names``: forbidden characters replaced, at most 31 characters,
    no leading or trailing apostrophe, unique without regard to case (a clash gets " (2)", …)."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        clean = SHEET_FORBIDDEN.sub("-", name).strip("'").strip() or "-"
        candidate, n = clean[:SHEET_MAX].rstrip("'"), 1
        while candidate.lower() in taken:
            n += 1
            suffix = f" ({n})"
            candidate = clean[: SHEET_MAX - len(suffix)].rstrip("'") + suffix
        taken.add(candidate.lower())
        out.append(candidate)
    return out


def _set(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; a text is always a text cell (openpyxl would make "=…" a formula)."""
    cell = ws.cell(row=row, column=col)
    if value is None or (not isinstance(value, str) and value != value):  # None, NaN, pd.NA
        return cell
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value.item() if hasattr(value, "item") else value  # numpy → Python number
    return cell


def _header(ws: Worksheet, labels: Sequence[str], widths: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for i, (label, width) in enumerate(zip(labels, widths, strict=True), 1):
        cell = _set(ws, 1, i, label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F6")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _filter(ws: Worksheet, n_cols: int, n_rows: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{max(n_rows, 1) + 1}"


def write_workbook(path: Path, results: ScreeningResults) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    from pipeline.outputs.screening import matrix

    rows = [{str(k): v for k, v in row.items()} for row in results.table.to_dict("records")]
    roles = list(results.role_order)
    names = unique_sheet_names([*roles, *(f"{msg('sheet_matrix')} {r}" for r in roles)])
    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    for role, sheet_name in zip(roles, names[: len(roles)], strict=True):
        ws = wb.create_sheet(sheet_name)
        mine = [row for row in rows if row["role"] == role]
        _header(ws, [msg(key) for _, key, _ in RANKED_COLUMNS], [w for _, _, w in RANKED_COLUMNS])
        for r, values in enumerate(mine, 2):
            for c, (column, _, _) in enumerate(RANKED_COLUMNS, 1):
                value = values[column]
                if column == "verdict":
                    cell = _set(ws, r, c, msg(f"verdict_{value}"))
                    cell.fill = PatternFill("solid", fgColor=FILLS[value])
                elif column in ("not_met", "unknown") and values["verdict"] == "error":
                    cell = _set(ws, r, c, values["unmet"] if column == "not_met" else None)
                else:
                    cell = _set(ws, r, c, value)
                cell.alignment = wrap
        _filter(ws, len(RANKED_COLUMNS), len(mine))
    for role, sheet_name in zip(roles, names[len(roles) :], strict=True):
        m = matrix(results.summaries, role, roles)
        ws = wb.create_sheet(sheet_name)
        requirements = list(m.columns)
        _header(ws, [msg("col_cv"), msg("col_name"), msg("col_verdict"), *requirements],
                [32, 24, 14, *([28] * len(requirements))])  # fmt: skip
        by_cv = {row["cv"]: row for row in rows if row["role"] == role}
        for r, (cv, statuses) in enumerate(zip(m.index, m.itertuples(index=False), strict=True), 2):
            verdict = str(by_cv[cv]["verdict"])
            _set(ws, r, 1, cv)
            _set(ws, r, 2, by_cv[cv]["name"])
            _set(ws, r, 3, msg(f"verdict_{verdict}")).fill = PatternFill("solid", fgColor=FILLS[verdict])
            for c, status in enumerate(statuses, 4):
                cell = _set(ws, r, c, msg(f"status_{status}"))
                cell.fill = PatternFill("solid", fgColor=FILLS[status])
        ws.freeze_panes = "B2"
        _filter(ws, 3 + len(requirements), len(m))
    from datetime import datetime

    fixed = datetime(2000, 1, 1)
    wb.properties.creator = "kravmatch"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Rewrite the zip with fixed entry times and fixed document dates (openpyxl stamps the
    time of saving), so that the same results give the same bytes."""
    with zipfile.ZipFile(path) as z:
        entries = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
