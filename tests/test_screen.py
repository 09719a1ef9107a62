"""Screening: the sample CVs against their gold, each condition kind at its edges, the command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CVS

from pipeline.cli import main
from pipeline.cv.parse import parse_cv
from pipeline.match.conditions import RequirementResult
from pipeline.match.screen import RoleResult, screen_cv
from pipeline.nlp.lexicon import TextIndex, concepts
from pipeline.spec.model import Spec

AS_OF = (2026, 11)


@pytest.fixture(scope="module")
def spec(seed_spec_json: Path) -> Spec:
    return Spec.from_json(json.loads(seed_spec_json.read_text(encoding="utf-8")))


def _short(req: RequirementResult) -> list[str]:
    """The gold's short names of a requirement of the IT-tjänster spec."""
    if req.kind == "education":
        return ["education_experience" if len(req.alternatives) > 1 else "education"]
    if req.kind == "experience":
        return ["experience"]
    if req.kind == "language":
        names = {"sv": "swedish", "en": "english"}
        return [
            names[part[:2]]
            for c in req.deciding
            for part in c.explanation.split("; ")
            if part and part.split()[1:2] not in (["native"], ["fluent"], ["good"])
        ]
    if "ärendehantering" in req.text:
        return ["ticket_system"]
    return ["ms_office"] if "Office" in req.text else ["knowledge_it"]


def test_sample_cvs_agree_with_gold_in_verdict_reasons_and_months(spec: Spec, cv_gold: dict) -> None:
    roles = [r for r in spec.roles if r.requirements]
    for name, gold in cv_gold["cvs"].items():
        results = {r.role: r for r in screen_cv(CVS / name, roles, AS_OF)}
        for role, expected in gold["roles"].items():
            got = results[role]
            assert got.verdict == expected["verdict"], (name, role, got.unmet)
            failed = sorted(x for r in got.requirements if r.status != "met" for x in _short(r))
            unknown = sorted(x for r in got.requirements if r.status == "unknown" for x in _short(r))
            assert failed == sorted(expected["failed"]), (name, role)
            assert unknown == sorted(expected["unknown"]), (name, role)
            group = "helpdesk_occupation" if role.startswith("Helpdesk") else "it_technician"
            assert got.qualifying_months == expected["experience_months"][group], (name, role)


def _cv(tmp_path: Path, text: str, name: str = "cv.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BASE = """Test Testsson
Erfarenhet
{work}
Utbildning
{education}
Kunskaper
Windows 11, Office 365, ServiceNow, datorer, skrivare och kringutrustning, nätverk (wifi, VPN), informationssäkerhet
Språk
Svenska – modersmål
Engelska – {english}
"""


def _screen(tmp_path: Path, spec: Spec, role: str, *, work: str, education: str = "Teknikprogrammet, Ö gymnasium 2010 – 2013",
            english: str = "flytande", cv: str | None = None) -> RoleResult:  # fmt: skip
    text = cv if cv is not None else BASE.format(work=work, education=education, english=english)
    roles = [r for r in spec.roles if r.name == role]
    return screen_cv(_cv(tmp_path, text), roles, AS_OF)[0]


@pytest.mark.parametrize(
    ("period", "verdict"), [("2025-05 – 2025-10", "eligible"), ("2025-06 – 2025-10", "not_eligible")]
)
def test_experience_exactly_at_and_one_month_under_the_threshold(
    tmp_path: Path, spec: Spec, period: str, verdict: str
) -> None:
    result = _screen(tmp_path, spec, "Helpdesk 1", work=f"Helpdesk, Acme AB {period}")
    assert result.verdict == verdict
    assert result.qualifying_months == (6 if verdict == "eligible" else 5)


def test_overlapping_and_ongoing_entries_count_once(tmp_path: Path, spec: Spec) -> None:
    work = "IT-tekniker, A AB 2025-01 – pågående\nNätverkstekniker, B AB 2025-06 – 2025-12\nDrifttekniker, C AB 2024-12 – 2025-02"
    result = _screen(tmp_path, spec, "IT-Tekniker 1", work=work)
    assert result.qualifying_months == 24  # Dec 2024 through Nov 2026
    assert result.verdict == "eligible"


def test_helpdesk_work_is_not_it_technician_work_and_both_count_when_named(
    tmp_path: Path, spec: Spec
) -> None:
    only_helpdesk = _screen(tmp_path, spec, "IT-Tekniker 1", work="Servicedesk, A AB 2015-01 – 2020-12")
    assert only_helpdesk.verdict == "not_eligible" and only_helpdesk.qualifying_months == 0
    both = _screen(tmp_path, spec, "IT-Tekniker 1", work="IT-tekniker / servicedesk, A AB 2024-01 – 2024-12")
    assert both.qualifying_months == 12 and both.verdict == "eligible"
    hd = _screen(tmp_path, spec, "Helpdesk 1", work="IT-tekniker / servicedesk, A AB 2024-01 – 2024-12")
    assert hd.qualifying_months == 12


def test_missing_information_gives_needs_review_never_a_guess(tmp_path: Path, spec: Spec) -> None:
    cv = "Kim\nErfarenhet\nHelpdesk, A AB 2020-01 – 2024-12\nSupport i ServiceNow, Windows, datorer, skrivare, nätverk, VPN, informationssäkerhet, Office 365\nSpråk\nSvenska – modersmål\n"
    result = _screen(tmp_path, spec, "Helpdesk 1", work="", cv=cv)
    assert result.verdict == "needs_review"
    statuses = {r.text: r.status for r in result.requirements}
    assert statuses["gymnasium eller likvärdig utbildning"] == "unknown"
    assert result.unmet == "gymnasium eller likvärdig utbildning"


def test_language_levels(tmp_path: Path, spec: Spec) -> None:
    work = "Helpdesk, A AB 2020-01 – 2024-12"
    basic = _screen(tmp_path, spec, "Helpdesk 2", work=work, english="grundläggande")
    assert basic.verdict == "not_eligible"
    cv = BASE.format(work=work, education="Teknikprogrammet 2010 – 2013", english="x").replace(
        "Engelska – x\n", ""
    )
    english_cv = cv + "\nI have worked with English-speaking users every day.\n"
    unstated = _screen(tmp_path, spec, "Helpdesk 2", work=work, cv=english_cv)
    assert unstated.verdict == "needs_review"


@pytest.mark.parametrize(
    ("education", "months", "verdict"),
    [
        (
            "Högskoleingenjör datateknik, KTH 2015 – 2018",
            "2025-01 – 2025-12",
            "eligible",
        ),  # IT degree + 12 months
        (
            "YH-utbildning IT-tekniker, Nackademin 2015 – 2017",
            "2025-01 – 2025-12",
            "eligible",
        ),  # YH in IT is equivalent
        (
            "Kandidatexamen i ekonomi, Lunds universitet 2012 – 2015",
            "2025-01 – 2025-12",
            "not_eligible",
        ),  # non-IT, 12 < 24
        (
            "Kandidatexamen i ekonomi, Lunds universitet 2012 – 2015",
            "2023-01 – 2025-12",
            "eligible",
        ),  # gymnasium implied + 36
    ],
)
def test_education_paths_of_helpdesk_2(
    tmp_path: Path, spec: Spec, education: str, months: str, verdict: str
) -> None:
    assert (
        _screen(tmp_path, spec, "Helpdesk 2", work=f"Servicedesk, A AB {months}", education=education).verdict
        == verdict
    )


@pytest.mark.parametrize(
    "variant",
    ["Service Now", "TopDesk", "EasitGO", "Artologik HelpDesk", "Jira Service Management", "Zendesk"],
)
def test_ticket_system_spelling_variants_and_equivalents_match(variant: str) -> None:
    hits = TextIndex(f"Ärenden hanterades i {variant} varje dag.").find_concept(concepts()["ticket_systems"])
    assert hits and hits[0].concept == "ticket_systems"


@pytest.mark.parametrize(
    "text", ["Easter holiday cover", "Artillery regiment", "Office manager at Acme", "Served coffee"]
)
def test_false_friends_do_not_match(text: str) -> None:
    index = TextIndex(text)
    assert not index.find_concept(concepts()["ticket_systems"])
    assert not index.find_concept(concepts()["office_suites"])


@pytest.mark.parametrize(
    "suite", ["Microsoft 365", "Office 365", "Google Workspace", "LibreOffice", "MS Office"]
)
def test_office_equivalents(suite: str) -> None:
    assert TextIndex(f"Van vid {suite}.").find_concept(concepts()["office_suites"])


def test_inflected_and_compound_forms_meet_topics() -> None:
    index = TextIndex(
        "Ansvar för nätverksmiljön, brandväggarna och datornätverken; drift- och supporttekniker."
    )
    assert index.find_concept(concepts()["networks"])
    assert index.find("drifttekniker")


# ---------------------------------------------------------------- the command


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["screen", *args])
    return result.exit_code, result.output


def test_screen_command_writes_contract_outputs_and_ranks(
    tmp_path: Path, seed_spec_json: Path, cv_folder: Path
) -> None:
    out = tmp_path / "out"
    code, output = _run(str(cv_folder), "--spec", str(seed_spec_json), "--as-of", "2026-11-01", "-o", str(out),
                        "--format", "csv,json,xlsx,parquet")  # fmt: skip
    assert code == 0, output
    rows = list(csv.DictReader((out / "screening.csv").open(encoding="utf-8-sig")))
    assert list(rows[0])[:5] == ["cv", "role", "verdict", "score", "unmet"]
    assert len(rows) == 32
    data = json.loads((out / "screening.json").read_text(encoding="utf-8"))
    erik = next(r for r in data["rows"] if r["cv"] == "CV_Erik_Dahl.docx" and r["role"] == "IT-Tekniker 1")
    exp = next(q for q in erik["requirements"] if q["kind"] == "experience")
    assert exp["months"] == 104 and len(exp["entries"]) == 2
    ticket = next(q for q in erik["requirements"] if "ärendehantering" in q["text"])
    assert ticket["evidence"][0]["quote"] == "ServiceNow"
    text = parse_cv(cv_folder / "CV_Erik_Dahl.docx").text
    for ev in exp["evidence"] + ticket["evidence"]:
        assert text[ev["span"][0] : ev["span"][1]] == ev["quote"]
    import openpyxl
    import pandas as pd

    book = openpyxl.load_workbook(out / "screening.xlsx")
    assert "Helpdesk 1" in book.sheetnames and "Matris Helpdesk 1" in book.sheetnames
    assert len(pd.read_parquet(out / "screening.parquet")) == 32
    assert "Helpdesk 1: 4 eligible, 1 needs_review, 3 not_eligible, 0 error" in output


def test_batch_goes_on_past_unreadable_files_and_reads_legacy_encodings(
    tmp_path: Path, seed_spec_json: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    cv = (CVS / "cv_stina_holmberg.txt").read_text(encoding="utf-8")
    (folder / "stina_cp1252.txt").write_bytes(cv.encode("cp1252"))
    (folder / "stina_utf16.txt").write_bytes(cv.encode("utf-16"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "notes.odt").write_bytes(b"x")
    out = tmp_path / "out"
    code, output = _run(str(folder), "--spec", str(seed_spec_json), "--as-of", "2026-11-01", "-o", str(out))
    assert code == 0, output
    rows = list(csv.DictReader((out / "screening.csv").open(encoding="utf-8-sig")))
    verdicts = {(r["cv"], r["role"]): r["verdict"] for r in rows}
    assert verdicts[("stina_cp1252.txt", "Helpdesk 1")] == "eligible"
    assert verdicts[("stina_utf16.txt", "Helpdesk 2")] == "eligible"
    errors = {r["cv"]: r["unmet"] for r in rows if r["verdict"] == "error"}
    assert set(errors) == {"empty.txt", "scan.pdf", "notes.odt"}
    assert "unsupported format" in errors["notes.odt"]


def test_workers_give_the_same_bytes(tmp_path: Path, seed_spec_json: Path, cv_folder: Path) -> None:
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / workers
        code, output = _run(
            str(cv_folder),
            "--spec",
            str(seed_spec_json),
            "--as-of",
            "2026-11-01",
            "-o",
            str(out),
            "--workers",
            workers,
        )
        assert code == 0, output
        outs.append(((out / "screening.csv").read_bytes(), (out / "screening.json").read_bytes()))
    assert outs[0] == outs[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-13-01"], "--as-of"),
        (["--role", "Astronaut"], "unknown role 'Astronaut'"),
        (["--role", "Interimschef"], "has no requirements"),
        (["--format", "pdf"], "unknown format"),
    ],
)
def test_bad_options_fail_before_any_work(
    tmp_path: Path, seed_spec_json: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    code, output = _run(str(CVS), "--spec", str(seed_spec_json), "-o", str(out), *args)
    assert code != 0 and message in output
    assert not out.exists()


def test_bad_spec_file(tmp_path: Path) -> None:
    bad = tmp_path / "spec.json"
    bad.write_text('{"roles": "nope"', encoding="utf-8")
    code, output = _run(str(CVS), "--spec", str(bad), "-o", str(tmp_path / "out"))
    assert code == 2 and "spec.json: not a specification JSON" in output
    code, output = _run(str(CVS), "--spec", str(tmp_path / "missing.json"), "-o", str(tmp_path / "out"))
    assert code == 2 and "missing.json: no such file" in output
