"""CV layouts met on unseen CVs (QA round on invented CVs): bullet-prefixed job headers that end
in their period, Word layout tables (a label cell beside a cell of paragraphs, a table nested in
a cell). Every CV here is invented for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cv.model import CVRecord
from pipeline.cv.parse import parse_cv


def _cv(tmp_path: Path, body: str, name: str = "cv.txt") -> CVRecord:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_cv(path)


def _work(record: CVRecord) -> list[tuple[str | None, str | None, tuple[int, int], bool]]:
    return [(w.title, w.employer, w.period.start, w.period.ongoing) for w in record.work]


def test_a_bullet_that_is_a_job_header_ending_in_its_period(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Tove Anker\n\n"
        "■ PROFESSIONAL EXPERIENCE\n"
        "• Desktop Technician — Lumberg Freight AB (Feb 2019 - Present)\n"
        "  - Laptops and printers for 200 users\n"
        "• Cashier — Lumberg Freight AB (Jun 2016 - Jan 2019)\n"
        "  - Served customers at the till\n\n"
        "■ LANGUAGES\n• Swedish — native\n",
    )
    assert _work(record) == [
        ("Desktop Technician", "Lumberg Freight AB", (2019, 2), True),
        ("Cashier", "Lumberg Freight AB", (2016, 6), False),
    ]
    assert record.work[0].description.startswith("Laptops and printers")


def test_a_bullet_sentence_with_a_period_is_no_job(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Tove Anker\n\nErfarenhet\nIT-tekniker, Lumbergs Frakt AB, 2019 – 2022\n"
        "• Migrerade alla klienter till Windows 10 under projektet (2020 - 2021)\n",
    )
    assert _work(record) == [("IT-tekniker", "Lumbergs Frakt AB", (2019, 1), False)]


def test_a_word_layout_table_is_read_cell_by_cell(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Vera Lundmark")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Experience"
    table.cell(0, 1).text = (
        "Service Desk Agent\nHolmvik Insurance AB, Malmö\nMar 2023 – Present\nSupport for staff laptops.\n\n"
        "Barista\nKaffebaren Lund AB, Lund\nJun 2020 – Feb 2023"
    )
    table.cell(1, 0).text = "Education"
    table.cell(1, 1).text = "High school diploma, Technology programme\nLundby gymnasium, Lund\n2017 – 2020"
    table.cell(2, 0).text = "Languages"
    inner = table.cell(2, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Swedish", "Native"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "English", "Fluent"
    path = tmp_path / "cv.docx"
    document.save(str(path))
    record = parse_cv(path)
    assert _work(record) == [
        ("Service Desk Agent", "Holmvik Insurance AB", (2023, 3), True),
        ("Barista", "Kaffebaren Lund AB", (2020, 6), False),
    ]
    assert [(e.level, e.completed) for e in record.education] == [("gymnasium", True)]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "native"), ("en", "fluent")]


def test_an_employer_named_with_an_occupation_word_stays_the_employer_in_a_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Nils Odmark")
    document.add_heading("Arbetslivserfarenhet", 1)
    table = document.add_table(rows=0, cols=3)
    for row in [
        ("Tallbo kommun", "Drifttekniker", "2021–2023"),
        ("Kustens Support AB", "Helpdeskmedarbetare", "2017–2020"),
    ]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    path = tmp_path / "cv.docx"
    document.save(str(path))
    assert [(w.title, w.employer) for w in parse_cv(path).work] == [
        ("Drifttekniker", "Tallbo kommun"),
        ("Helpdeskmedarbetare", "Kustens Support AB"),
    ]


def test_a_colon_after_the_period_starts_the_description(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Rut Alm\n\nUppdrag\n"
        "Systemtekniker, Granviks kommun, 2019-02 – 2020-06: servrar, backup och patchning\n"
        "Nätverkstekniker, Ekö Hamn AB, 2021-01 – idag: switchar, wifi\n",
    )
    assert [(w.title, w.employer, w.description) for w in record.work] == [
        ("Systemtekniker", "Granviks kommun", "servrar, backup och patchning"),
        ("Nätverkstekniker", "Ekö Hamn AB", "switchar, wifi"),
    ]


def test_a_pdf_sidebar_under_a_banner_is_read_column_by_column(tmp_path: Path) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "cv.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(40, 790, "Alva Rydén")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(40, 774, "Drifttekniker · Örebro · alva@example.se · 070-000 00 11")
    side = ["KUNSKAPER", "Windows 11, Linux", "Office 365", "TOPdesk", "Switchar, VLAN", "", "SPRÅK"]
    side += ["Svenska – modersmål", "Engelska – flytande"]
    main = [
        ("ERFARENHET", ""),
        ("Drifttekniker", "2022-04 – pågående"),
        ("Ekbergs Energi AB, Örebro", ""),
        ("Drift av servrar och nätverk.", ""),
        ("Servicedesk", "2019-01 – 2022-03"),
        ("Kumla Vatten AB, Kumla", ""),
        ("Support till användare i Teams och Outlook.", ""),
    ]
    y = 730
    for text in side:
        pdf.drawString(40, y, text)
        y -= 14
    y = 730
    for text, date in main:
        pdf.drawString(200, y, text)
        if date:
            pdf.drawRightString(555, y, date)
        y -= 14
    pdf.save()
    record = parse_cv(path)
    assert _work(record) == [
        ("Drifttekniker", "Ekbergs Energi AB", (2022, 4), True),
        ("Servicedesk", "Kumla Vatten AB", (2019, 1), False),
    ]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "native"), ("en", "fluent")]
    assert "Windows 11" in record.text


def test_studies_among_the_jobs_are_education(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Tim Sävström\n\nErfarenhet och utbildning\n"
        "Nätverkstekniker   2021-09 – pågående\nHolmsunds Kraft AB, Umeå\n\n"
        "Högskoleingenjör i elektronik   2018-08 – 2021-06\nLuleå tekniska universitet\n\n"
        "Teknikprogrammet   2015 – 2018\nDragonskolan, Umeå\n",
    )
    assert _work(record) == [("Nätverkstekniker", "Holmsunds Kraft AB", (2021, 9), True)]
    assert [(e.level, e.completed) for e in record.education] == [("högskola", True), ("gymnasium", True)]


def test_a_title_line_of_two_job_words_takes_its_employer_from_the_next_line(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Tim Sävström\n\nErfarenhet\n"
        "Drifttekniker, Helpdesk   2021-09 – pågående\nHolmsunds Kraft AB, Umeå\nDrift och support.\n\n"
        "Lagerarbetare   2018-08 – 2021-06\nNorrfrakt AB, Umeå\n",
    )
    assert [w.employer for w in record.work] == ["Holmsunds Kraft AB", "Norrfrakt AB"]


def test_linkedin_roles_under_one_company_keep_it_as_employer_not_their_town(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Saga Holm\n\nErfarenhet\nTorsby kommun\n4 år 1 månad\n"
        "Systemtekniker\nmars 2023 - Present (3 år 9 månader)\nKarlstad\n"
        "Supporttekniker\noktober 2022 - februari 2023 (5 månader)\nKarlstad\n\n"
        "Utbildning\nTeknikprogrammet, Klarälvsgymnasiet (2012 - 2015)\n",
    )
    assert [(w.title, w.employer) for w in record.work] == [
        ("Systemtekniker", "Torsby kommun"),
        ("Supporttekniker", "Torsby kommun"),
    ]


def test_an_it_field_technician_is_it_technician_work(tmp_path: Path, seed_spec_json: Path) -> None:
    import json

    from pipeline.match.screen import screen_cv
    from pipeline.spec.model import Spec

    spec = Spec.from_json(json.loads(seed_spec_json.read_text(encoding="utf-8")))
    path = tmp_path / "cv.txt"
    path.write_text(
        "Leo Grahn\n\nEXPERIENCE\nIT Field Service Technician, Ramvik Industri AB   Jan 2022 – Present\n"
        "Repairing PCs and printers on site.\n\nEDUCATION\nTechnology Programme, Vallaskolan 2017 – 2020\n\n"
        "SKILLS\nWindows 11, Office 365, TOPdesk, LAN, VPN, Teams, information security\n\n"
        "LANGUAGES\nSwedish – native\n",
        encoding="utf-8",
    )
    result = screen_cv(path, [r for r in spec.roles if r.name == "IT-Tekniker 1"], (2026, 11))[0]
    assert result.verdict == "eligible"


def test_english_education_lines_each_their_own_record(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Ella Varg\n\nExperience\nIT technician, Solby Municipality, 2019 – 2022\n\nEducation\n"
        "BSc Information Systems — University of Skövde, 2016 – 2019\n"
        "Diploma in Network Administration (Higher Vocational Education), Borås, 2012 – 2014\n"
        "A-levels, Harbourside College, 2010 – 2012\n"
        "MSc Computer Science, KTH (ongoing)\n",
    )
    assert [(e.level, e.it_field, e.completed) for e in record.education] == [
        ("högskola", True, True),
        ("yrkeshögskola", True, True),
        ("gymnasium", False, True),
        ("högskola", True, False),
    ]


@pytest.mark.parametrize(
    "skills",
    [
        "PCs, printers, Win 10, LAN, Slack, endpoint protection, MS Excel, Remedy",
        "Datorer, skrivare, Windows, nätverk, Outlook, lösenordsbyten, Libre Office, GLPI",
        "Datorer, skrivare, Windows, nätverk, VoIP, virusskydd, Office 2016, TOPdesk",
    ],
)
def test_knowledge_shown_in_the_words_people_use(tmp_path: Path, seed_spec_json: Path, skills: str) -> None:
    import json

    from pipeline.match.screen import screen_cv
    from pipeline.spec.model import Spec

    spec = Spec.from_json(json.loads(seed_spec_json.read_text(encoding="utf-8")))
    path = tmp_path / "cv.txt"
    path.write_text(
        "Test Person\n\nErfarenhet\nHelpdesktekniker, Solby kommun, 2019 – 2022\n\n"
        "Utbildning\nTeknikprogrammet, Solby gymnasium, 2014 – 2017\n\n"
        f"Kunskaper\n{skills}\n\nSpråk\nSvenska – modersmål\n",
        encoding="utf-8",
    )
    result = screen_cv(path, [r for r in spec.roles if r.name == "Helpdesk 1"], (2026, 11))[0]
    assert result.verdict == "eligible", [(r.text, r.status) for r in result.requirements]


def test_the_verb_excel_is_no_office_suite() -> None:
    from pipeline.nlp.lexicon import TextIndex, concepts

    index = TextIndex("I excel at customer contact and Excel-like planning in teams.")
    assert not index.find_concept(concepts()["office_suites"])
    assert TextIndex("Verktyg: Microsoft Excel, Word").find_concept(concepts()["office_suites"])


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Yrkesbakgrund", "work"),
        ("Tidigare arbetsgivare", "work"),
        ("Extra- och sommarjobb", "work"),
        ("Career History", "work"),
        ("Languages spoken", "languages"),
        ("Personliga egenskaper", "profile"),
        ("Ideellt arbete", "other"),
        ("Military service", "other"),
    ],
)
def test_more_section_headings(heading: str, kind: str) -> None:
    from pipeline.cv.sections import heading_kind

    found = heading_kind(heading)
    assert found is not None and found[0] == kind


def test_a_summer_job_title_alone_on_its_line_is_no_heading(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Per Lind\n\nErfarenhet\nIT-tekniker, Solby kommun, 2019 – 2022\nSommarjobb\nFärsk Frukt AB, Solby\n2016\n",
    )
    assert [(w.title, w.employer) for w in record.work] == [
        ("IT-tekniker", "Solby kommun"),
        ("Sommarjobb", "Färsk Frukt AB"),
    ]


def test_a_sentence_under_a_date_cell_is_the_description(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Oskar Berg")
    document.add_heading("Arbetslivserfarenhet", 1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "2019 – 2022"
    table.cell(0, 1).text = "Drifttekniker\nTallbo kommun, Luleå\nDrift av servrar och nätverk."
    path = tmp_path / "cv.docx"
    document.save(str(path))
    work = parse_cv(path).work
    assert [(w.title, w.employer, w.description) for w in work] == [
        ("Drifttekniker", "Tallbo kommun", "Drift av servrar och nätverk.")
    ]
