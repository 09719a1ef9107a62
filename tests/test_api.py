"""The Python API that notebooks use: ``from pipeline import extract, parse_cv, screen``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from conftest import CVS, SPECS

from pipeline import extract, parse_cv, screen
from pipeline.cv.model import CVRecord
from pipeline.match.screen import RoleResult
from pipeline.spec.model import Spec


def test_extract_parse_and_screen_return_dataclasses_and_frames(seed_spec_json: Path) -> None:
    spec = extract(seed_spec_json)
    assert isinstance(spec, Spec) and [r.name for r in spec.roles][:2] == ["Helpdesk 1", "Helpdesk 2"]
    from pipeline import spec_table

    items = spec_table(spec)
    assert isinstance(items, pd.DataFrame) and {"task", "requirement"} <= set(items.section)
    cv = parse_cv(CVS / "CV_Erik_Dahl.docx")
    assert isinstance(cv, CVRecord) and cv.work
    run = screen(CVS, spec, roles=["IT-Tekniker 1"], as_of="2026-11")
    assert all(isinstance(r, RoleResult) for r in run.results) and len(run.results) == 8
    table = run.table
    assert list(table.columns[:5]) == ["cv", "role", "verdict", "score", "unmet"]
    assert table["rank"].is_monotonic_increasing
    erik = table[table.cv == "CV_Erik_Dahl.docx"].iloc[0]
    assert erik.verdict == "eligible" and erik.qualifying_months == 104
    matrix = run.matrix("IT-Tekniker 1")
    assert list(matrix.index)[0] == table.iloc[0].cv and set(matrix.stack()) <= {"met", "not_met", "unknown"}
    reqs = run.requirements()
    assert len(reqs) == 8 * len(spec.roles[2].requirements) and "evidence" in reqs.columns


def test_extract_reads_a_document_too() -> None:
    spec = extract(SPECS / "kravspecifikation-it-tjanster.txt")
    assert len(spec.roles) >= 4
