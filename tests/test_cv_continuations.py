"""CV reading where a CV's lines run on (issues 10 and 12): the wrapped rest of a bullet or a
next sentence stays in its entry, a heading over a consultancy's assignments ("Uppdrag via
Firma AB") opens them, and jobs listed without dates are undated entries, kept out of the
dated ``work``. Every CV here is invented for the test."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pdfgen import draw_pdf

from pipeline.cli import main
from pipeline.cv.dates import Month
from pipeline.cv.model import CVRecord
from pipeline.cv.parse import parse_cv
from pipeline.cv.sections import heading_kind
from pipeline.kinds.experience import ExperienceCondition
from pipeline.match.screen import screen_cv
from pipeline.spec.model import Requirement, Role

AS_OF: Month = (2026, 11)


def _cv(tmp_path: Path, body: str, name: str = "cv.txt") -> CVRecord:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_cv(path)


def _jobs(record: CVRecord) -> list[tuple[str, str | None, str]]:
    return [(w.title, w.employer, w.period.text) for w in record.work]


WRAPPED = """Eva Strömgren
Förvaltningsledare

ERFARENHET

2022-03 – nu   Kommunförbundet Älvdal
Förvaltningsledare e-arkiv
- Samordnar förbundets förvaltningsgrupp och tre konsultbolag mot ett gemensamt
  mål
- Ansvarar för arkivets anslutning till kommunernas verksamhetssystem och
  kunskaper om gallring
- Budget och uppföljning

2017-01 – 2022-02   Älvdals kommun
Arkivarie med IT-ansvar
- Införde e-arkiv för sex förvaltningar

2012-08 – 2016-12   Fjärdens Data AB
Driftstekniker
- Drift av servrar och lagring

UTBILDNING
2009 – 2012   Arkivvetenskap, Södertörns högskola

SPRÅK
Svenska – modersmål
Tyska – goda kunskaper
Engelska – mycket bra
"""


def test_a_wrapped_bullet_ending_in_a_heading_word_stays_in_its_entry(tmp_path: Path) -> None:
    record = _cv(tmp_path, WRAPPED)
    assert [s.kind for s in record.sections] == ["preamble", "work", "education", "languages"]
    assert _jobs(record) == [
        ("Förvaltningsledare e-arkiv", "Kommunförbundet Älvdal", "2022-03 – nu"),
        # the title under the dated employer, as the entry before it writes it, in words no
        # lexicon knows
        ("Arkivarie med IT-ansvar", "Älvdals kommun", "2017-01 – 2022-02"),
        ("Driftstekniker", "Fjärdens Data AB", "2012-08 – 2016-12"),
    ]
    assert "gemensamt mål" in record.work[0].description
    assert "kunskaper om gallring" in record.work[0].description
    # a language with its level is a language line, never a "kunskaper" heading
    assert [(s.language, s.level) for s in record.languages] == [
        ("sv", "native"),
        ("de", "good"),
        ("en", "good"),
    ]


def test_a_language_with_its_level_is_no_heading() -> None:
    assert heading_kind("Tyska – goda kunskaper") is None
    assert heading_kind("English – working knowledge") is None
    assert heading_kind("Språkkunskaper") == ("languages", len("Språkkunskaper"))


def test_a_heading_naming_the_consultancy_opens_its_assignments(tmp_path: Path) -> None:
    body = """Jonas Ek
Säkerhetsarkitekt

Uppdrag via Berglund Skydd AB

Trafikverket Öst — Säkerhetsarkitekt
mars 2024 – pågående
Utformade åtkomstmodellen för bolagets API:er.

Färjebolaget Syd — IAM-konsult
april 2021 – februari 2024
Införde rollbaserad behörighet.

Anställningar

Kassasystem AB — Backendutvecklare
januari 2017 – mars 2021
Utveckling av betaltjänster.

Språk
Svenska: modersmål
"""
    record = _cv(tmp_path, body)
    assert [(s.kind, s.heading) for s in record.sections][1] == (
        "assignments",
        "Uppdrag via Berglund Skydd AB",
    )
    assert [(w.employer, w.kind) for w in record.work] == [
        ("Trafikverket Öst", "assignment"),
        ("Färjebolaget Syd", "assignment"),
        ("Kassasystem AB", "employment"),
    ]
    assert heading_kind("Assignments through Northwind Consulting Ltd") == (
        "assignments",
        len("Assignments through Northwind Consulting Ltd"),
    )
    # a job header with a link word is no heading
    assert heading_kind("Konsult via Berglund Skydd AB") is None
    assert heading_kind("Uppdrag via en underkonsult") is None


def test_a_next_sentence_of_a_description_on_a_new_page_stays_with_its_entry(tmp_path: Path) -> None:
    pdf = draw_pdf(
        tmp_path / "cv.pdf",
        [
            [
                ("h1", "Olle Strand"),
                ("h2", "Erfarenhet"),
                ("p", "Vattenbolaget Norr — Integrationsarkitekt"),
                ("p", "feb 2021 – pågående"),
                ("p", "Ritade systemkartan och skrev REST-API:er åt kunderna; tog"),
                ("p", "fram meddelandeflöden. Införde köer för fakturor."),
            ],
            [
                ("p", "Skrev gränssnittsbeskrivningar i wikin."),
                ("p", "Lagerhuset Mälardalen AB — Systemutvecklare"),
                ("p", "jan 2015 – jan 2021"),
                ("p", "Underhåll av plocksystemet."),
                ("h2", "Språk"),
                ("p", "Svenska – modersmål"),
            ],
        ],
        footer=["Sida {page} av {pages}"],
    )
    record = parse_cv(pdf)
    assert _jobs(record) == [
        ("Integrationsarkitekt", "Vattenbolaget Norr", "feb 2021 – pågående"),
        ("Systemutvecklare", "Lagerhuset Mälardalen AB", "jan 2015 – jan 2021"),
    ]
    assert record.work[0].description.endswith("Skrev gränssnittsbeskrivningar i wikin.")
    assert "wikin" not in record.work[1].description


UNDATED = """Maja Lind
IAM-strateg

UPPDRAG

Jan 2023 – pågående
Integrationsarkitekt, Region Fjäll
• Tjänstekontrakt enligt FHIR för regionens vårdsystem.

TIDIGARE UPPDRAG I URVAL
• Region Kust – tekniskt stöd när regionens vårdsystem kopplades till
  den nationella plattformen enligt FHIR.
• Apotekskedjan Väst AB – kravanalys för receptflöden.

ÖVRIGA PROJEKT
Bildanalys för röntgen
  • Tränade en klassificerare för lungbilder.

KOMPETENSER
Elixir, Go, Kotlin, Rust

SPRÅK
Svenska: modersmål
"""


def test_jobs_listed_without_dates_are_undated_entries_kept_out_of_work(tmp_path: Path) -> None:
    record = _cv(tmp_path, UNDATED)
    assert _jobs(record) == [("Integrationsarkitekt", "Region Fjäll", "Jan 2023 – pågående")]
    assert [(u.employer, u.kind) for u in record.undated_work] == [
        ("Region Kust", "assignment"),
        ("Apotekskedjan Väst AB", "assignment"),
        (None, "assignment"),
    ]
    kust = record.undated_work[0]
    assert (
        kust.description
        == "tekniskt stöd när regionens vårdsystem kopplades till den nationella plattformen enligt FHIR."
    )
    assert record.undated_work[2].title == "Bildanalys för röntgen"
    assert "lungbilder" in record.undated_work[2].description


def test_parse_cv_json_keeps_undated_entries_in_their_own_field(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(UNDATED, encoding="utf-8")
    out = CliRunner().invoke(main, ["parse-cv", str(path), "--as-of", "2026-11-01"])
    assert out.exit_code == 0, out.output
    parsed = json.loads(out.output)
    (cv,) = parsed if isinstance(parsed, list) else parsed["cvs"]
    assert [w["employer"] for w in cv["work"]] == ["Region Fjäll"]
    assert [w["employer"] for w in cv["undated_work"]] == ["Region Kust", "Apotekskedjan Väst AB", None]
    assert all(w["period"] is None for w in cv["undated_work"])


def test_undated_support_makes_a_months_shortfall_unknown(tmp_path: Path) -> None:
    riv = [[ExperienceCondition(min_months=60, scope="av FHIR")]]
    cv = tmp_path / "maja.txt"
    cv.write_text(UNDATED, encoding="utf-8")
    role = Role(
        "Strateg",
        requirements=[Requirement("minst fem år FHIR", "experience", riv)],
    )
    (result,) = screen_cv(cv, [role], AS_OF)
    # FHIR: 47 dated months < 60, and an undated assignment shows it: cannot be counted
    assert result.requirements[0].status == "unknown"
    without = tmp_path / "utan.txt"
    without.write_text(UNDATED.replace("enligt FHIR.\n•", "enligt HL7.\n•"), encoding="utf-8")
    (result,) = screen_cv(without, [role], AS_OF)
    assert result.requirements[0].status == "not_met"


def test_undated_entries_written_as_headers_over_sentences_or_as_labelled_bullets(tmp_path: Path) -> None:
    body = """Per Alm

UPPDRAG
2021-01 – pågående  Arkitekt, Region Mitt
Tjänstekontrakt enligt FHIR.

TIDIGARE UPPDRAG
Region Kust, teknisk rådgivare
Stöd när vårdsystem kopplades in enligt FHIR.
Apotekskedjan AB, kravställare
Kravanalys för receptflöden och
testning av gränssnitt.

SPRÅK
Svenska – modersmål
"""
    record = _cv(tmp_path, body)
    assert [(u.title, u.employer, u.description) for u in record.undated_work] == [
        ("teknisk rådgivare", "Region Kust", "Stöd när vårdsystem kopplades in enligt FHIR."),
        ("kravställare", "Apotekskedjan AB", "Kravanalys för receptflöden och testning av gränssnitt."),
    ]
    english = """Per Alm

ASSIGNMENTS
Jan 2021 – present  Architect, Northwind Health
Service contracts following HL7.

EARLIER ASSIGNMENTS (SELECTION)
- Contoso Care: technical support when connecting the record system
  to the national platform.
- Fabrikam Pharma: requirements for prescription integrations.

LANGUAGES
English – native
"""
    record = _cv(tmp_path, english, "en.txt")
    assert [w.employer for w in record.work] == ["Northwind Health"]
    assert [u.description for u in record.undated_work] == [
        "technical support when connecting the record system to the national platform.",
        "requirements for prescription integrations.",
    ]


def test_a_line_after_a_description_ending_in_och_is_its_rest_not_the_next_header(tmp_path: Path) -> None:
    body = """Ola Berg

Erfarenhet
Nordvatten AB — Integrationsarkitekt
2019 – 2021
Byggde kopplingar i Boomi och
Azure Logic Apps
Sågverket Väst AB — Utvecklare
2015 – 2018
Underhåll av lagersystem.
"""
    record = _cv(tmp_path, body)
    assert _jobs(record) == [
        ("Integrationsarkitekt", "Nordvatten AB", "2019 – 2021"),
        ("Utvecklare", "Sågverket Väst AB", "2015 – 2018"),
    ]
    assert record.work[0].description == "Byggde kopplingar i Boomi och Azure Logic Apps"
