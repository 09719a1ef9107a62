"""CV reading: the period grammar, the sample CVs, generated layouts and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CVS
from pdfgen import draw_blank_pdf

from pipeline.cli import main
from pipeline.cv.dates import find_period
from pipeline.cv.parse import parse_cv
from pipeline.errors import InputError
from pipeline.match.months import months_covered

AS_OF = (2026, 11)

PERIODS = [
    ("2019-03 – 2021-08", (2019, 3), (2021, 8)),
    ("2019-03 - 2021-08", (2019, 3), (2021, 8)),
    ("2019-03—2021-08", (2019, 3), (2021, 8)),
    ("2019-3 – 2021-8", (2019, 3), (2021, 8)),
    ("03/2019 – 08/2021", (2019, 3), (2021, 8)),
    ("3/2019 – 8/2021", (2019, 3), (2021, 8)),
    ("03.2019 – 08.2021", (2019, 3), (2021, 8)),
    ("mars 2019 – aug 2021", (2019, 3), (2021, 8)),
    ("Mars 2019 – Augusti 2021", (2019, 3), (2021, 8)),
    ("Mar 2019 – Aug 2021", (2019, 3), (2021, 8)),
    ("March 2019 – August 2021", (2019, 3), (2021, 8)),
    ("mar. 2019 – aug. 2021", (2019, 3), (2021, 8)),
    ("jan 2020 – dec 2020", (2020, 1), (2020, 12)),
    ("okt 2018 – feb 2019", (2018, 10), (2019, 2)),
    ("Oct 2018 – Feb 2019", (2018, 10), (2019, 2)),
    ("maj 2017 – juni 2018", (2017, 5), (2018, 6)),
    ("May 2017 – June 2018", (2017, 5), (2018, 6)),
    ("juli 2016 – sept 2016", (2016, 7), (2016, 9)),
    ("2018 – 2020", (2018, 1), (2020, 12)),
    ("2019–2021", (2019, 1), (2021, 12)),
    ("2019-2021", (2019, 1), (2021, 12)),
    ("2014 to 2017", (2014, 1), (2017, 12)),
    ("2014 till 2017", (2014, 1), (2017, 12)),
    ("jan 2022 – pågående", (2022, 1), None),
    ("2023 – nu", (2023, 1), None),
    ("Sep 2021 – present", (2021, 9), None),
    ("sep 2021 - Present", (2021, 9), None),
    ("2020-03 – idag", (2020, 3), None),
    ("2020-03 – i dag", (2020, 3), None),
    ("2021 – now", (2021, 1), None),
    ("2021 – current", (2021, 1), None),
    ("2021 – ongoing", (2021, 1), None),
    ("2024 –", (2024, 1), None),
    ("sedan 2020", (2020, 1), None),
    ("sedan mars 2020", (2020, 3), None),
    ("since May 2019", (2019, 5), None),
    ("IT-support, Åsby kommun   2020-03 – pågående", (2020, 3), None),
    ("Helpdesk (summer temp), Kustlanda IT      Jun 2019 – Sep 2019", (2019, 6), (2019, 9)),
    ("08/2024 – pågående | Vaktmästare, Björkbacka skola", (2024, 8), None),
    ("Barista (part-time) — Café Stångån 2021 – 2025", (2021, 1), (2025, 12)),
    ("Konsult 2019-07 — 2020-06, kund Skatteverket", (2019, 7), (2020, 6)),
]


@pytest.mark.parametrize(("text", "start", "end"), PERIODS)
def test_period_grammar(text: str, start: tuple[int, int], end: tuple[int, int] | None) -> None:
    period = find_period(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Övergången skedde under första halvåret 2021",
        "070-174 06 24",
        "CompTIA Network+ (2024)",
        "Easter 2019",
        "2021",
    ],
)
def test_not_a_period(text: str) -> None:
    assert find_period(text) is None


def test_month_counts_are_inclusive_and_ongoing_ends_at_as_of() -> None:
    def count(text: str) -> int:
        period = find_period(text)
        assert period is not None
        return len(months_covered(period, AS_OF))

    assert count("2019-03 – 2021-08") == 30
    assert count("2018 – 2020") == 36
    assert count("2026-06 – pågående") == 6
    assert count("2027-01 – pågående") == 0  # starts after the as-of date


def _entries(record) -> list[tuple[str, int, bool]]:
    return [(w.title, len(months_covered(w.period, AS_OF)), w.container) for w in record.work]


def test_every_sample_cv_parses_and_entry_months_match_the_hand_count(cv_gold: dict) -> None:
    for name, gold in cv_gold["cvs"].items():
        record = parse_cv(CVS / name)
        assert record.language == gold["language"], name
        counted = sorted(m for _, m, container in _entries(record) if not container)
        assert counted == sorted(e["months"] for e in gold["entries"]), name


def test_consultant_assignments_are_entries_and_the_employment_a_container() -> None:
    record = parse_cv(CVS / "Maja_Sjoberg_CV.docx")
    assert [(w.title, w.kind, w.container) for w in record.work] == [
        ("IT-konsult", "employment", True),
        ("IT-tekniker", "assignment", False),
        ("Servicedesk", "assignment", False),
    ]
    assert [(e.level, e.it_field) for e in record.education] == [("högskola", True), ("gymnasium", False)]


def test_docx_table_rows_and_title_above_period() -> None:
    gustav = parse_cv(CVS / "CV_Gustav_Ek.docx")
    assert [(w.title, w.employer) for w in gustav.work] == [
        ("Vaktmästare", "Björkbacka skola"),
        ("IT-support (visstid)", "Västra Ängby Bygg AB"),
    ]
    assert "Pureservice" in gustav.work[1].description
    fatima = parse_cv(CVS / "CV Fatima Ali.txt")
    assert [(w.title, w.employer, w.period.text) for w in fatima.work] == [
        ("Helpdesk", "Kvarnstadens Bostäder AB", "sep 2024 – nu"),
        ("Butiksbiträde", "Stenhagens Livs", "2019 – 2024"),
    ]
    assert fatima.education == []


def test_languages_with_levels_and_spans_quote_the_cv() -> None:
    for name, expected in [
        ("CV Fatima Ali.txt", [("sv", "native"), ("so", "native"), ("en", "fluent")]),
        ("resume_sofia_lindberg.txt", [("sv", "native"), ("en", "fluent")]),
        ("Alexandra_Berg_Resume.pdf", [("sv", "native"), ("en", "fluent")]),
    ]:
        record = parse_cv(CVS / name)
        assert [(s.language, s.level) for s in record.languages] == expected
        for skill in record.languages:
            assert record.quote(skill.span) == skill.text
    record = parse_cv(CVS / "cv_stina_holmberg.txt")
    for w in record.work:
        assert record.quote(w.title_span) == w.title


def test_pdf_running_header_and_footer_are_removed() -> None:
    olle = parse_cv(CVS / "CV_Olle_Persson.pdf")
    assert "Olle Persson – CV" not in olle.text and "Sida 1 av 1" not in olle.text
    alexandra = parse_cv(CVS / "Alexandra_Berg_Resume.pdf")
    assert "1/1" not in alexandra.text
    assert alexandra.education[0].text.endswith("University College")


def test_two_column_pdf_reads_left_column_first(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "twocol.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    left = [
        "Anna Berg",
        "Språk",
        "Svenska – modersmål",
        "Engelska – flytande",
        "Kunskaper",
        "Windows, ServiceNow",
    ]
    right = ["Erfarenhet", "IT-tekniker, Älvby kommun 2020-01 – 2022-12", "Drift av servrar och nätverk",
             "Helpdesk, Kvarn AB 2018-01 – 2019-12", "Support via telefon", "Utbildning",
             "Teknikprogrammet, Älvby gymnasium 2014 – 2017"]  # fmt: skip
    c.setFont("Helvetica", 10)
    for i, text in enumerate(left):
        c.drawString(40, 780 - 16 * i, text)
    for i, text in enumerate(right):
        c.drawString(230, 780 - 16 * i, text)
    c.showPage()
    c.save()
    record = parse_cv(path)
    assert record.text.index("Svenska – modersmål") < record.text.index("Erfarenhet")
    assert [(w.title, len(months_covered(w.period, AS_OF))) for w in record.work] == [
        ("IT-tekniker", 36),
        ("Helpdesk", 24),
    ]
    assert [s.language for s in record.languages] == ["sv", "en"]
    assert record.education[0].level == "gymnasium"


def test_docx_cv_with_table_layout(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Work experience", level=1)
    table = d.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, [("Mar 2019 – Aug 2021", "Service Desk Analyst, Acme", "Tickets in TOPdesk"),
                                        ("2015 – 2018", "Warehouse worker, Stock AB", "Picking")], strict=True):  # fmt: skip
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    d.add_heading("Languages", level=1)
    d.add_paragraph("Swedish – fluent; English – basic")
    d.sections[0].header.paragraphs[0].text = "CONFIDENTIAL HEADER 2019 – 2025"
    path = tmp_path / "table.docx"
    d.save(str(path))
    record = parse_cv(path)
    assert [(w.title, len(months_covered(w.period, AS_OF))) for w in record.work] == [
        ("Service Desk Analyst", 30),
        ("Warehouse worker", 48),
    ]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "fluent"), ("en", "basic")]
    assert "CONFIDENTIAL" not in record.text


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")],
)
def test_text_encodings_keep_swedish_letters(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Åsa Öberg\nErfarenhet\nIT-tekniker, Växjö kommun 2019-01 – 2020-12\nSpråk\nSvenska – modersmål\n"
    path = tmp_path / "cv.txt"
    path.write_bytes(bom + text.encode(encoding))
    record = parse_cv(path)
    assert record.text.startswith("Åsa Öberg")
    assert record.work[0].employer == "Växjö kommun"


def _bad(tmp: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "empty.txt": b"",
        "junk.txt": bytes(range(256)) * 8,
        "broken.docx": b"PK\x03\x04 this is not really a zip",
        "truncated.pdf": (CVS / "CV_Olle_Persson.pdf").read_bytes()[:700],
        "cv.odt": b"whatever",
        "photo.pdf": None,
    }
    out = {}
    for name, payload in files.items():
        path = tmp / name
        if payload is None:
            draw_blank_pdf(path)
        else:
            path.write_bytes(payload)
    out = {
        "empty": (tmp / "empty.txt", "empty"),
        "junk": (tmp / "junk.txt", "binary"),
        "corrupt docx": (tmp / "broken.docx", "not a readable Word document"),
        "truncated pdf": (tmp / "truncated.pdf", "damaged or truncated"),
        "unsupported": (tmp / "cv.odt", "unsupported format"),
        "image only": (tmp / "photo.pdf", "no text layer"),
    }
    from pdfgen import draw_pdf

    out["encrypted"] = (draw_pdf(tmp / "locked.pdf", [[("p", "hemligt")]], encrypt="pw"), "encrypted")
    return out


@pytest.mark.parametrize(
    "case", ["empty", "junk", "corrupt docx", "truncated pdf", "unsupported", "image only", "encrypted"]
)
def test_bad_cv_files_give_a_clear_error(tmp_path: Path, case: str) -> None:
    path, problem = _bad(tmp_path)[case]
    with pytest.raises(InputError) as err:
        parse_cv(path)
    assert problem in str(err.value) and str(path.name) in str(err.value)


def test_parse_cv_command_is_deterministic_and_reports_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    args = ["parse-cv", str(CVS / "CV_Erik_Dahl.docx"), str(bad), "--as-of", "2026-11-01"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == 3 and first.stdout == second.stdout
    records = json.loads(first.stdout)
    assert [e["months"] for e in records[0]["work"]] == [71, 39]
    assert records[1] == {"source": "empty.txt", "error": "the file is empty"}
