"""The screening command as a recruiter and an auditor use it (issue 13's acceptance): CV
identity in nested folders, non-CVs, hostile file names, roles whose names share 31
characters, the CSV, the workbook, Swedish explanations, the run record, the report, and
errors checked before any work."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from pipeline.cli import main
from pipeline.outputs.tables import formula_safe, write_csv
from pipeline.outputs.workbook import unique_sheet_names

KRAVMATCH = [sys.executable, "-m", "pipeline.cli"]
LONG = "Drifttekniker för kommunal IT-miljö"  # 35 characters: the two role names share 31
ROLE_A, ROLE_B = f"{LONG} nivå 1", f"{LONG} nivå 2"
HYPERLINK = '=HYPERLINK("x","y").txt'
IMG = "<img src=x onerror=alert(1)>.txt"

CV = """{name}
Arbetslivserfarenhet
{period} IT-tekniker, Kommunens IT-enhet
Installerade datorer, skrivare och nätverk; support i ServiceNow.
Utbildning
2008 – 2011 Gymnasieskola, El- och energiprogrammet
Språk
Svenska – modersmål
"""


def _spec() -> dict:
    def role(name: str, months: int) -> dict:
        return {
            "name": name, "call_off": "direct", "level": None, "tasks": [], "notes": [],
            "requirements": [
                {"text": f"minst {months} månaders arbetslivserfarenhet som IT-tekniker", "kind": "experience",
                 "obligation": "must", "weight": None,
                 "any_of": [[{"kind": "experience", "min_months": months, "scope": "som IT-tekniker"}]]},
                {"text": "kunna kommunicera obehindrat på svenska i tal och skrift", "kind": "language",
                 "obligation": "must", "weight": None,
                 "any_of": [[{"kind": "language", "languages": ["sv"], "modes": ["tal", "skrift"]}]]},
            ],
        }  # fmt: skip

    return {
        "document": {
            "source": "drift.pdf",
            "title": "Drift",
            "issuer": None,
            "reference": None,
            "date": None,
            "pages": 1,
            "kind": "specification",
        },  # fmt: skip
        "roles": [role(ROLE_A, 12), role(ROLE_B, 24)],
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from docx import Document

    root = tmp_path_factory.mktemp("acceptance")
    cvs = root / "export"
    (cvs / "a").mkdir(parents=True)
    (cvs / "b").mkdir()
    (cvs / "a" / "CV.txt").write_text(
        CV.format(name="Anna Berg", period="2019-01 – 2023-12"), encoding="utf-8"
    )
    (cvs / "b" / "CV.txt").write_text(CV.format(name="Bo Ek", period="2023-01 – 2023-03"), encoding="utf-8")
    nested = cvs / "c" / "bilagor"
    nested.mkdir(parents=True)
    doc = Document()
    for line in CV.format(name="Cecilia Dahl", period="2020-01 – 2021-12").splitlines():
        doc.add_paragraph(line)
    doc.save(str(nested / "meritforteckning.docx"))
    (cvs / "notes.md").write_text("hej\n", encoding="utf-8")
    (cvs / HYPERLINK).write_text(CV.format(name="Dan Fors", period="2015-01 – 2016-12"), encoding="utf-8")
    (cvs / IMG).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    spec = root / "drift.json"
    spec.write_text(json.dumps(_spec(), ensure_ascii=False), encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(main, ["screen", str(cvs), "--spec", str(spec), "--as-of", "2026-11", "-o", str(out),
                                       "--format", "csv,json,xlsx,jsonl"])  # fmt: skip
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "screening.csv").read_text(encoding="utf-8-sig"))))


def test_identity_nested_files_and_non_cvs(run: Path) -> None:
    rows = _rows(run)
    verdict = {(r["cv"], r["role"]): r["verdict"] for r in rows}
    assert verdict[("a/CV.txt", ROLE_A)] == "eligible" and verdict[("a/CV.txt", ROLE_B)] == "eligible"
    assert verdict[("b/CV.txt", ROLE_A)] == "not_eligible"
    names = {r["cv"]: r["name"] for r in rows}
    assert names["a/CV.txt"] == "Anna Berg" and names["b/CV.txt"] == "Bo Ek"
    assert verdict[("c/bilagor/meritforteckning.docx", ROLE_A)] == "eligible"
    assert names["c/bilagor/meritforteckning.docx"] == "Cecilia Dahl"
    notes = [r for r in rows if r["cv"] == "notes.md"]
    assert [r["verdict"] for r in notes] == ["error", "error"] and "inget CV" in notes[0]["unmet"]
    assert len(rows) == 6 * 2


def test_csv_has_a_bom_and_no_formula_cell(run: Path) -> None:
    raw = (run / "screening.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(r["cv"] == "'" + HYPERLINK for r in _rows(run))


def test_ranks_follow_verdicts_and_ties_share_a_place(run: Path) -> None:
    order = {"eligible": 0, "needs_review": 1, "not_eligible": 2, "error": 3}
    for role in (ROLE_A, ROLE_B):
        mine = sorted((r for r in _rows(run) if r["role"] == role), key=lambda r: int(r["rank"]))
        assert [order[r["verdict"]] for r in mine] == sorted(order[r["verdict"]] for r in mine)
        errors = [r["rank"] for r in mine if r["verdict"] == "error"]
        assert len(set(errors)) == 1  # notes.md and the <img> file: equal keys, one shared place


def test_workbook_sheets_are_unique_frozen_filtered_and_formula_free(run: Path) -> None:
    from openpyxl import load_workbook

    path = run / "screening.xlsx"
    wb = load_workbook(path)
    titles = wb.sheetnames
    assert len(titles) == 4 and len({t.lower() for t in titles}) == 4 and all(len(t) <= 31 for t in titles)
    for ws in wb:
        assert ws.freeze_panes in ("A2", "B2") and ws.auto_filter.ref
        assert ws["A1"].font.b
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    ranked = wb[titles[0]]
    assert ranked["A1"].value == "Placering" and ranked["D1"].value == "Bedömning"
    assert {ranked.cell(r, 4).value for r in range(2, ranked.max_row + 1)} <= {
        "behörig",
        "granskas",
        "ej behörig",
        "fel",
    }
    matrix = wb[titles[2]]
    assert matrix.cell(2, 1).value in ("a/CV.txt", "c/bilagor/meritforteckning.docx", HYPERLINK)  # rank order


ENGLISH = re.compile(r"\b(months?|shown by|not stated|stated|required|nothing in the CV|every topic|education|"
                     r"certification|cannot be judged|could not be read|no dated)\b", re.I)  # fmt: skip


def test_explanations_are_swedish(run: Path) -> None:
    data = json.loads((run / "screening.json").read_text(encoding="utf-8"))
    texts = [
        c["explanation"]
        for r in data["rows"]
        for q in r["requirements"]
        for alt in q["alternatives"]
        for c in alt
    ]
    texts += [e["note"] for r in data["rows"] for q in r["requirements"] for e in q["evidence"]]
    texts += [r["unmet"] for r in data["rows"] if r["verdict"] == "error" and r["cv"] == "notes.md"]
    assert texts and not [t for t in texts if ENGLISH.search(t)]


def test_manifest_records_the_run(run: Path) -> None:
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    spec = Path(manifest["spec"]["path"])
    assert manifest["spec"]["sha256"] == hashlib.sha256(spec.read_bytes()).hexdigest()
    assert manifest["as_of"] == "2026-11"
    export = spec.parent / "export"
    inputs = {i["path"]: i for i in manifest["inputs"]}
    assert set(inputs) == {
        "a/CV.txt",
        "b/CV.txt",
        "c/bilagor/meritforteckning.docx",
        "notes.md",
        HYPERLINK,
        IMG,
    }
    for rel, entry in inputs.items():
        assert entry["sha256"] == hashlib.sha256((export / rel).read_bytes()).hexdigest()
    assert inputs["notes.md"]["outcome"] == "error" and inputs["a/CV.txt"]["outcome"] == "screened"
    assert manifest["tool"]["kravmatch"] and manifest["tool"]["spacy_pipeline"]["name"]
    assert manifest["counts"]["files"] == 6 and manifest["counts"]["errors"] == 2
    assert manifest["started"] <= manifest["finished"]


def test_report_holds_no_raw_markup_from_inputs(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html


def test_jsonl_has_meta_then_one_row_per_line(run: Path) -> None:
    lines = [json.loads(x) for x in (run / "screening.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "meta" and lines[0]["as_of"] == "2026-11"
    assert len(lines) == 1 + 12 and all(x["type"] == "row" and "rank" in x for x in lines[1:])


def test_byte_identical_across_runs_and_workers(run: Path, tmp_path: Path) -> None:
    spec = run.parent / "drift.json"
    again = tmp_path / "again"
    result = CliRunner().invoke(main, ["screen", str(run.parent / "export"), "--spec", str(spec), "--as-of",
                                       "2026-11-01", "-o", str(again), "--format", "csv,json,xlsx", "--workers", "2"])  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("screening.csv", "screening.json", "screening.xlsx"):
        assert (again / name).read_bytes() == (run / name).read_bytes(), name


def _one_line_exit_2(args: list[str], cwd: Path) -> str:
    done = subprocess.run([*KRAVMATCH, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and "Traceback" not in done.stderr and "Error:" not in lines[0].split("error:", 1)[-1]
    )
    return lines[0]


def test_errors_before_any_work_in_one_line(run: Path, tmp_path: Path) -> None:
    from pdfgen import draw_pdf

    spec = str(run.parent / "drift.json")
    cvs = str(run.parent / "export")
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x", encoding="utf-8")
    line = _one_line_exit_2(["screen", cvs, "--spec", spec, "-o", str(a_file)], tmp_path)
    assert str(a_file) in line and "folder" in line
    pdf = tmp_path / "spec.pdf"
    draw_pdf(pdf, [[("h1", "Kravspecifikation"), ("p", "Helpdesk 1")]])
    line = _one_line_exit_2(["screen", cvs, "--spec", str(pdf)], tmp_path)
    assert "kravmatch extract" in line and "UnicodeDecodeError" not in line
    line = _one_line_exit_2(["screen", cvs, "--spec", spec, "--as-of", "november"], tmp_path)
    assert "YYYY-MM" in line
    line = _one_line_exit_2(["report", str(run), "-o", str(run)], tmp_path)
    assert "file" in line


def test_unique_sheet_names() -> None:
    names = unique_sheet_names([ROLE_A, ROLE_B, "a/b:c*", "x" * 40, "X" * 40])
    assert len(set(n.lower() for n in names)) == 5 and all(len(n) <= 31 for n in names)
    assert names[0] == ROLE_A[:31] and names[1].endswith(" (2)") and names[2] == "a-b-c-"


def test_formula_safe_cells_and_extract_csv(tmp_path: Path) -> None:
    import pandas as pd

    assert formula_safe("=1+1") == "'=1+1" and formula_safe("-x") == "'-x" and formula_safe("\tA") == "'\tA"
    assert formula_safe(-3) == -3 and formula_safe("ok") == "ok"
    path = write_csv(tmp_path / "t.csv", pd.DataFrame({"text": ["@SUM(A1)", "vanlig"], "n": [-1, 2]}))
    assert path.read_text(encoding="utf-8") == "text,n\n'@SUM(A1),-1\nvanlig,2\n"


def test_as_of_accepts_a_month(tmp_path: Path) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV.format(name="Anna Berg", period="2026-01 – pågående"), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse-cv", str(cv), "--as-of", "2026-11"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["work"][0]["months"] == 11
