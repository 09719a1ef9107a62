"""CV reading by content (issue 10): dates in every written form, job headers in any layout,
section headings by meaning, non-work entries, education records and language lines. Every
CV here is invented for the test, in the shapes real CVs take."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfgen import draw_pdf

from pipeline.cli import main
from pipeline.cv.dates import find_periods, uses_iso_months
from pipeline.cv.headers import is_place, org_score, read_header, title_score
from pipeline.cv.model import CVRecord
from pipeline.cv.parse import parse_cv
from pipeline.cv.sections import heading_kind

# ---- dates ------------------------------------------------------------------------------------

Y = tuple[int, int]
# (text, [(start, end or None)], unknown_end) — points allowed, as on a CV's date line
DATES: list[tuple[str, list[tuple[Y, Y | None]]]] = [
    ("2011", [((2011, 1), (2011, 12))]),
    ("03/2018", [((2018, 3), (2018, 3))]),
    ("3/2018", [((2018, 3), (2018, 3))]),
    ("2018-03", [((2018, 3), (2018, 3))]),
    ("mars 2018", [((2018, 3), (2018, 3))]),
    ("Mars 2018", [((2018, 3), (2018, 3))]),
    ("March 2018", [((2018, 3), (2018, 3))]),
    ("sept. 2018", [((2018, 9), (2018, 9))]),
    ("Sommar 2012", [((2012, 6), (2012, 8))]),
    ("sommaren 2012", [((2012, 6), (2012, 8))]),
    ("Hösten 2012", [((2012, 9), (2012, 11))]),
    ("Våren 2019", [((2019, 3), (2019, 5))]),
    ("HT 2018", [((2018, 8), (2018, 12))]),
    ("VT 2019", [((2019, 1), (2019, 6))]),
    ("Summer 2021", [((2021, 6), (2021, 8))]),
    ("Sommarjobb 2009", [((2009, 6), (2009, 8))]),
    ("2004, 2005", [((2004, 1), (2004, 12)), ((2005, 1), (2005, 12))]),
    ("2013, 2014, 2016", [((2013, 1), (2013, 12)), ((2014, 1), (2014, 12)), ((2016, 1), (2016, 12))]),
    ("2019 och 2021", [((2019, 1), (2019, 12)), ((2021, 1), (2021, 12))]),
    ("2019 and 2020", [((2019, 1), (2019, 12)), ((2020, 1), (2020, 12))]),
    ("Sommar 2021 och 2022", [((2021, 6), (2021, 8)), ((2022, 6), (2022, 8))]),
    ("Summer 2017 & 2018", [((2017, 6), (2017, 8)), ((2018, 6), (2018, 8))]),
    ("2019 mars–juni", [((2019, 3), (2019, 6))]),
    ("2020: jan - apr", [((2020, 1), (2020, 4))]),
    ("Mars–Juni 2020", [((2020, 3), (2020, 6))]),
    ("jan - mar 2021", [((2021, 1), (2021, 3))]),
    ("June – August 2019", [((2019, 6), (2019, 8))]),
    ("1996-08-01 – 1998-05-31", [((1996, 8), (1998, 5))]),
    ("2021-10-18 – 2022-01-31", [((2021, 10), (2022, 1))]),
    ("2008-05-14", [((2008, 5), (2008, 5))]),
    ("apr. 2014 –", [((2014, 4), None)]),
    ("apr. 2014–", [((2014, 4), None)]),
    ("2014–", [((2014, 1), None)]),
    ("Oktober 2019 tills nu", [((2019, 10), None)]),
    ("Juni 2010 till nu", [((2010, 6), None)]),
    ("2015 till dags dato", [((2015, 1), None)]),
    ("maj 2019 – tills vidare", [((2019, 5), None)]),
    ("2012 to date", [((2012, 1), None)]),
    ("Jan 2020 – Present", [((2020, 1), None)]),
    ("Apr 2022 - current", [((2022, 4), None)]),
    ("2021-10-18 – Current", [((2021, 10), None)]),
    ("Februari 2024 - Nu", [((2024, 2), None)]),
    ("sedan 2019", [((2019, 1), None)]),
    ("since March 2020", [((2020, 3), None)]),
    ("fr.o.m. 2021-02", [((2021, 2), None)]),
    ("Mars 2012 — ca 2017", [((2012, 3), (2017, 12))]),
    ("ca 2016 – 2018", [((2016, 1), (2018, 12))]),
    ("c. 2010 – 2012", [((2010, 1), (2012, 12))]),
    ("cirka 2014", [((2014, 1), (2014, 12))]),
    ("12 veckor från och med september 2021", [((2021, 9), (2021, 11))]),
    ("6 månader från och med mars 2020", [((2020, 3), (2020, 8))]),
    ("två månader från och med juni 2019", [((2019, 6), (2019, 7))]),
    ("3 months from May 2018", [((2018, 5), (2018, 7))]),
    ("Augusti 2020 till juni 2022", [((2020, 8), (2022, 6))]),
    ("2011 till 2016", [((2011, 1), (2016, 12))]),
    ("Okt 2016 - Maj 2020", [((2016, 10), (2020, 5))]),
    ("Okt. 2023 – Maj 2024", [((2023, 10), (2024, 5))]),
    ("sep. 2007–feb. 2013", [((2007, 9), (2013, 2))]),
    ("04/2020 - 05/2021", [((2020, 4), (2021, 5))]),
    ("2011-08 – 2016-10", [((2011, 8), (2016, 10))]),
    ("Sep 2013 - Maj 2014", [((2013, 9), (2014, 5))]),
    ("December 2009 — April 2014", [((2009, 12), (2014, 4))]),
    ("Våren 2018 – Hösten 2019", [((2018, 3), (2019, 11))]),
    ("03/19 – 05/21", [((2019, 3), (2021, 5))]),
    ("08/21 –", [((2021, 8), None)]),
    # unseen-CV round: day before a month name, a year's last two digits, an arrow, "From … to …"
    ("15 mars 2019 – 30 juni 2020", [((2019, 3), (2020, 6))]),
    ("1 March 2019 - 31 May 2020", [((2019, 3), (2020, 5))]),
    ("Jan '19 – Mar '21", [((2019, 1), (2021, 3))]),
    ("Dec ’98 – present", [((1998, 12), None)]),
    ("2019-01 → 2020-06", [((2019, 1), (2020, 6))]),
    ("From 2019 to 2021", [((2019, 1), (2021, 12))]),
    ("Jan 2018 – till date", [((2018, 1), None)]),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_date_phrasings(text: str, expected: list[tuple[Y, Y | None]]) -> None:
    found = find_periods(text, points=True)
    assert [(p.start, p.end) for p in found] == expected


def test_unknown_end_is_neither_ongoing_nor_a_known_end() -> None:
    (p,) = find_periods("2014-03 – okänd")
    assert p.unknown_end and p.start == (2014, 3)
    (q,) = find_periods("2014-03 – unknown")
    assert q.unknown_end


def test_a_year_with_two_digits_after_it_is_a_short_range_only_where_the_cv_writes_no_iso_months() -> None:
    assert [
        (p.start, p.end) for p in find_periods("Sommarjobb + extra 2006-08", points=True, iso_months=False)
    ] == [((2006, 1), (2008, 12))]
    assert [(p.start, p.end) for p in find_periods("2006-08", points=True)] == [((2006, 8), (2006, 8))]
    assert uses_iso_months("2014-03 – 2017-05")
    assert not uses_iso_months("Sommarjobb 2004-06\nB-körkort 2008-05-14")


@pytest.mark.parametrize(
    "text",
    [
        "Windows Server 2012 · Exchange Online",
        "tel 070-123 45 67",
        "Office 365",
        "ISO 27001",
        "2019 - Foo AB",
    ],
)
def test_not_a_dated_range(text: str) -> None:
    assert [p for p in find_periods(text) if p.form != "point"] == []


# ---- job headers ------------------------------------------------------------------------------


def _cv(tmp_path: Path, body: str, name: str = "cv.txt") -> CVRecord:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return parse_cv(path)


def _jobs(record: CVRecord) -> list[tuple[str, str | None, str, str | None]]:
    def month(m: tuple[int, int] | None) -> str | None:
        return f"{m[0]:04d}-{m[1]:02d}" if m else None

    return [(w.title, w.employer, month(w.period.start) or "", month(w.period.end)) for w in record.work]


# (CV text under a work heading, [(title, employer, start, end)])
LAYOUTS: list[tuple[str, list[tuple[str, str | None, str, str | None]]]] = [
    (
        "2019–2021 Systemutvecklare, Fjällbo Data AB, Luleå",
        [("Systemutvecklare", "Fjällbo Data AB", "2019-01", "2021-12")],
    ),
    (
        "2019–2021 Fjällbo Data AB, Systemutvecklare",
        [("Systemutvecklare", "Fjällbo Data AB", "2019-01", "2021-12")],
    ),
    ("Mars 2015 — Maj 2018, Kvarnby Kod, Utvecklare", [("Utvecklare", "Kvarnby Kod", "2015-03", "2018-05")]),
    (
        "Fjällbo Data AB — Nätverkstekniker\n2018 – 2020",
        [("Nätverkstekniker", "Fjällbo Data AB", "2018-01", "2020-12")],
    ),
    (
        "Nätverkstekniker — Fjällbo Data AB, Umeå, Sverige\n2018-02-01 – 2020-06-30",
        [("Nätverkstekniker", "Fjällbo Data AB", "2018-02", "2020-06")],
    ),
    (
        "Fjällbo Data AB\nSupporttekniker\nUmeå\nJuni 2017 - Juli 2018",
        [("Supporttekniker", "Fjällbo Data AB", "2017-06", "2018-07")],
    ),
    (
        "Fjällbo Data\nSupport Technichian\nGöteborg, Lindholmen\nJuni 2016 - Aug 2017",
        [("Support Technichian", "Fjällbo Data", "2016-06", "2017-08")],
    ),
    (
        "Fjällbo Data AB, Umeå\nDrifttekniker 2012–2014\nDrift av servrar.",
        [("Drifttekniker", "Fjällbo Data AB", "2012-01", "2014-12")],
    ),
    (
        "2016–2018\nLagerarbetare, Norrkaj Logistik AB, Gävle.\n– Plock och pack.",
        [("Lagerarbetare", "Norrkaj Logistik AB", "2016-01", "2018-12")],
    ),
    (
        "03/2020 - 09/2021\nIT-tekniker\nVäxjö kommun\nJag installerade datorer åt skolor och förskolor i hela kommunen.",
        [("IT-tekniker", "Växjö kommun", "2020-03", "2021-09")],
    ),
    (
        "Servicedesk Analyst 2019 – 2022\nRegion Kronoberg\nFörsta linjens support för alla anställda i regionen och vårdcentralerna.",
        [("Servicedesk Analyst", "Region Kronoberg", "2019-01", "2022-12")],
    ),
    ("2016–nu Mjukvaruingenjör KTX.", [("Mjukvaruingenjör", "KTX", "2016-01", None)]),
    (
        "Hösten 2012 Supporttekniker på Bokskogen AB (frökontroll).",
        [("Supporttekniker", "Bokskogen AB (frökontroll)", "2012-09", "2012-11")],
    ),
    (
        "Sommar 2011 Praktik som webbutvecklare på 42 Kuggar i Göteborg.",
        [("Praktik som webbutvecklare", "42 Kuggar", "2011-06", "2011-08")],
    ),
    (
        "2015 Frilansande apputvecklare för firman Pixelverk i arbetet med en ny webbplats",
        [("Frilansande apputvecklare", "Pixelverk", "2015-01", "2015-12")],
    ),
    (
        "2013, 2014 Extra lagerarbetare på Norrkaj Logistik i Gävle (under sommaren)",
        [
            ("Extra lagerarbetare", "Norrkaj Logistik", "2013-01", "2013-12"),
            ("Extra lagerarbetare", "Norrkaj Logistik", "2014-01", "2014-12"),
        ],
    ),
    (
        "Sommar 2022 och 2023\nService Desk Analyst\nTrygg Försäkringar AB\nHanterade ärenden i telefon och chatt.",
        [
            ("Service Desk Analyst", "Trygg Försäkringar AB", "2022-06", "2022-08"),
            ("Service Desk Analyst", "Trygg Försäkringar AB", "2023-06", "2023-08"),
        ],
    ),
    (
        "Operations Engineer Laddbox Nordic AB Apr 2022 - current",
        [("Operations Engineer", "Laddbox Nordic AB", "2022-04", None)],
    ),
    (
        "Ekdal Omsorg AB\nPersonlig Assistent\nOktober 2019 tills nu",
        [("Personlig Assistent", "Ekdal Omsorg AB", "2019-10", None)],
    ),
    (
        "Tullverket, tullstationen Haparanda\nAdministratör\nMars 2017 tills nu",
        [("Administratör", "Tullverket, tullstationen Haparanda", "2017-03", None)],
    ),
    (
        "Norrkaj Bemanning\nTruckförare\nNorge 2013",
        [("Truckförare", "Norrkaj Bemanning", "2013-01", "2013-12")],
    ),
    (
        "Havsbris Cykel\nCykeluthyrare\nSommarjobb 2010",
        [("Cykeluthyrare", "Havsbris Cykel", "2010-06", "2010-08")],
    ),
    (
        "Sommarjobb      2019\nVolvo Cars, Torslanda\nR&D, Elektronik\nDokumentation och tester.",
        [("Sommarjobb", "Volvo Cars", "2019-01", "2019-12")],
    ),
    (
        "Forskningsassistent                                Okt. 2023 – Maj 2024\nScania CV      Södertälje, Sverige\n"
        "• Byggde modeller.",
        [("Forskningsassistent", "Scania CV", "2023-10", "2024-05")],
    ),
    (
        "Lindqvist & Berg AB\nIT-konsult\n2016-09 – pågående\n2016-09 – 2018-02\nAppar, kundportal — En av tre utvecklare\n"
        "Kund: Möbelhuset\nErfarenheter: java, kotlin",
        [
            ("IT-konsult", "Lindqvist & Berg AB", "2016-09", None),
            ("En av tre utvecklare", "Möbelhuset", "2016-09", "2018-02"),
        ],
    ),
    (
        "Blue collar — Ventil & Rör AB, Borås, Sweden\n1996-08-01 – 1998-05-31\nAssembly of pumps\n"
        "Internship — Kodhuset, Gothenburg, Sweden\n1999-06-14 – 1999-08-13\nSystem development",
        [
            ("Blue collar", "Ventil & Rör AB", "1996-08", "1998-05"),
            ("Internship", "Kodhuset", "1999-06", "1999-08"),
        ],
    ),
    (
        "Roll: Systemtekniker\nArbetsgivare: Hamnverket\n2011 – 2013",
        [("Systemtekniker", "Hamnverket", "2011-01", "2013-12")],
    ),
    (
        "Svea Stål AB, Hofors\nSvetsare 2002–2004\nSvetsning av balkar.\nMontör 2004–2006\nMontering av kranar.",
        [
            ("Svetsare", "Svea Stål AB", "2002-01", "2004-12"),
            ("Montör", "Svea Stål AB", "2004-01", "2006-12"),
        ],
    ),
    (
        "Hamnkrogen 7\nKök/servering/disk\nJuni 2010 till maj 2012\nHelger.\nStrandkiosken\nGlassförsäljare\nSommar 2008",
        [
            ("Kök/servering/disk", "Hamnkrogen 7", "2010-06", "2012-05"),
            ("Glassförsäljare", "Strandkiosken", "2008-06", "2008-08"),
        ],
    ),
    (
        "• 2017 – 2019 Kundtjänstmedarbetare, Telia Sverige AB",
        [("Kundtjänstmedarbetare", "Telia Sverige AB", "2017-01", "2019-12")],
    ),
    (
        "Mars 2012 — ca 2017, Egen firma Kodsmed, Utvecklare",
        [("Utvecklare", "Egen firma Kodsmed", "2012-03", "2017-12")],
    ),
    (
        "Software Engineer at Kodhuset (Stockholm) Jan 2018 – Present\nBuilt things.",
        [("Software Engineer", "Kodhuset", "2018-01", None)],
    ),
    ("Jan 2018 – Present: Software Engineer, Kodhuset", [("Software Engineer", "Kodhuset", "2018-01", None)]),
    (
        "Systemutvecklare, Fjällbo Data AB (2018–2020)",
        [("Systemutvecklare", "Fjällbo Data AB", "2018-01", "2020-12")],
    ),
    (
        "2005–2007, 2009 Lagerarbetare, Norrkaj AB",
        [
            ("Lagerarbetare", "Norrkaj AB", "2005-01", "2007-12"),
            ("Lagerarbetare", "Norrkaj AB", "2009-01", "2009-12"),
        ],
    ),
    ("Maj 2019 – idag\nVolvo Cars\nIT-tekniker\nGöteborg", [("IT-tekniker", "Volvo Cars", "2019-05", None)]),
    (
        "Jun 2015 - Aug 2015 (3 mån) Sommarjobbare, Växjö kommun",
        [("Sommarjobbare", "Växjö kommun", "2015-06", "2015-08")],
    ),
    (
        "Konsult, Fjällbo Data AB 2015–2016 (och 2018–2019)",
        [
            ("Konsult", "Fjällbo Data AB", "2015-01", "2016-12"),
            ("Konsult", "Fjällbo Data AB", "2018-01", "2019-12"),
        ],
    ),
    (
        "Kodhuset\nSenior Engineer\njan. 2018 - nu · 5 år 2 mån\nStockholm, Sverige\nByggde saker i Java.",
        [("Senior Engineer", "Kodhuset", "2018-01", None)],
    ),
    (
        "2016 - 2018    Lärare    Ekbackeskolan, Växjö\n2018 - nu    IT-samordnare    Växjö kommun",
        [
            ("Lärare", "Ekbackeskolan", "2016-01", "2018-12"),
            ("IT-samordnare", "Växjö kommun", "2018-01", None),
        ],
    ),
    (
        "IT-tekniker | Borås Stad | 2017-08 – 2019-12\nDrifttekniker | Nätkraft AB | 2020-01 – nu",
        [
            ("IT-tekniker", "Borås Stad", "2017-08", "2019-12"),
            ("Drifttekniker", "Nätkraft AB", "2020-01", None),
        ],
    ),
    (
        "Helpdesk Technician, Region Skåne, Malmö, 09/2019 – 12/2022\n• First line support",
        [("Helpdesk Technician", "Region Skåne", "2019-09", "2022-12")],
    ),
    (
        "Fjällbo Fastigheter AB\nWebbutvecklare\n12 veckor från och med september 2021\nAPL (Arbetsplatsförlagt lärande) / Praktik",
        [("Webbutvecklare", "Fjällbo Fastigheter AB", "2021-09", "2021-11")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), LAYOUTS)
def test_job_header_layouts(
    tmp_path: Path, body: str, expected: list[tuple[str, str | None, str, str | None]]
) -> None:
    record = _cv(tmp_path, f"Anna Berg\nArbetslivserfarenhet\n{body}\nSpråk\nSvenska – modersmål\n")
    assert _jobs(record) == expected


def test_parts_are_read_by_what_they_say() -> None:
    assert title_score("Support Technichian") >= 1  # misspelt, still a job
    assert title_score("IT-Tekniker") >= 2 and title_score("Systemansvarig") >= 2
    assert title_score("Stockholm") == 0
    assert org_score("Fjällbo Data AB") == 2 and org_score("Växjö kommun") == 2
    assert org_score("Norrlands universitetssjukhus") == 2
    assert is_place("Stockholm, Kista") and is_place("Umeå/Stockholm") and is_place("i Göteborg")
    assert is_place("Sverige") and is_place("Norway") and not is_place("Atlas Kod")
    head = read_header(["Kvarnby Kod, Malmö", "Utvecklare"])
    assert (head.title, head.employer) == ("Utvecklare", "Kvarnby Kod")


def test_consultancy_container_and_assignments_via_parentheses(tmp_path: Path) -> None:
    body = (
        "Nordkonsult\nKonsult\nVästerås\nApril 2021 - Nu\nJag arbetade som konsult.\n"
        "Stadsbiblioteket (uppdrag via Nordkonsult)\nFrontend Developer\nVästerås\nApril 2021 - November 2021\n"
        "Byggde en portal.\nFärjerederiet (uppdrag via Nordkonsult)\nAndroid Developer\nKarlstad\nFebruari 2022 - Nu\n"
    )
    record = _cv(tmp_path, f"Erfarenhet\n{body}")
    assert [(w.title, w.employer, w.kind, w.container) for w in record.work] == [
        ("Konsult", "Nordkonsult", "employment", True),
        ("Frontend Developer", "Stadsbiblioteket", "assignment", False),
        ("Android Developer", "Färjerederiet", "assignment", False),
    ]


def test_a_student_job_is_a_job(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Erfarenhet\nStudent assistant, Lunds universitet, 2019 – 2020\nEducation Coordinator, Skolverket, 2021 – 2022\n",
    )
    assert [(w.title, w.employer) for w in record.work] == [
        ("Student assistant", "Lunds universitet"),
        ("Education Coordinator", "Skolverket"),
    ]


@pytest.mark.parametrize(
    "entry",
    [
        "BTH, Blekinge tekniska högskola\nStudier\n2011-08 – 2016-06",
        "2009 – 2012\nUtbildning i ekonomi\nHandelshögskolan",
    ],
)
def test_study_words_alone_are_not_jobs(tmp_path: Path, entry: str) -> None:
    record = _cv(tmp_path, f"Erfarenheter\nFjällbo Data AB\nIT-tekniker\n2021-01 – 2022-12\n{entry}\n")
    assert [w.title for w in record.work] == ["IT-tekniker"]


@pytest.mark.parametrize(
    "entry",
    [
        "BTH, Blekinge tekniska högskola\nStudent\n2011-08 – 2016-06",
        "2015-02 – 2015-06\nExamensarbete — Tillsammans med en kurskamrat\nKund: Hamnverket",
        "2017-11 – 2018-09\nFöräldraledig\nHemma med min son",
        "Jan 2016 – Dec 2016\nCareer break\nTravelled",
        "Bildverket AB\nSoftware Developer\nMars 2019 - Juni 2019\nInom ramen för mitt kandidatarbete byggde jag en app.",
        "2019 – 2020 Masteruppsats på Scania CV",
    ],
)
def test_studies_theses_and_leave_are_not_jobs(tmp_path: Path, entry: str) -> None:
    record = _cv(tmp_path, f"Erfarenheter\nFjällbo Data AB\nIT-tekniker\n2021-01 – 2022-12\n{entry}\n")
    assert [w.title for w in record.work] == ["IT-tekniker"]


def test_dates_in_running_prose_open_no_entry(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Anställningar\nFjällbo Data AB\nDrifttekniker\nMars 2017 tills nu\n"
        "Jobbade heltid 2016-2019 men gick sedan ner i tid\n"
        "Övergången till nya rollen skedde gradvis under första halvåret 2021\n"
        "Bash · Windows Server 2012 · Exchange Online\n",
    )
    assert [w.title for w in record.work] == ["Drifttekniker"]


# ---- section headings -------------------------------------------------------------------------

HEADINGS = [
    ("Arbetslivserfarenhet", "work"),
    ("Arbetserfarenheter", "work"),
    ("Erfarenheter", "work"),
    ("ERFARENHET", "work"),
    ("Kortare anställningar", "work"),
    ("Tidigare anställningar:", "work"),
    ("2. Yrkeserfarenhet", "work"),
    ("Employment history", "work"),
    ("Nuvarande sysselsättning", "work"),
    ("Utbildningar", "education"),
    ("Övrig utbildning", "education"),
    ("Education & certifications", "education"),
    ("III. EDUCATION", "education"),
    ("Språkkunnighet", "languages"),
    ("Språkkunskaper", "languages"),
    ("Språk & Intressen", "languages"),
    ("Datorkunskaper", "skills"),
    ("Tekniska färdigheter", "skills"),
    ("Nyckelkompetenser", "skills"),
    ("Datorvana", "skills"),
    ("Förtroendeuppdrag", "other"),
    ("Examensarbete & Studentprojekt", "other"),
    ("Övriga meriter", "other"),
    ("Konsultuppdrag", "assignments"),
]


@pytest.mark.parametrize(("text", "kind"), HEADINGS)
def test_heading_variants(text: str, kind: str) -> None:
    found = heading_kind(text)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "text",
    [
        "Student",
        "IT-konsult",
        "Projektledare",
        "Yrkeshögskoleutbildning",
        "Tullverkets grundutbildning",
        "MPS, bokningssystem",
        "Vietnamesiska Bra (talspråk)",
        "Erfarenheter: java, kotlin",
        "Sommarjobb",
    ],
)
def test_job_and_content_lines_are_not_headings(text: str) -> None:
    assert heading_kind(text) is None


# ---- languages --------------------------------------------------------------------------------

LANGUAGE_LINES = [
    ("Svenska – modersmål", [("sv", "native")]),
    ("Svenska, modersmål", [("sv", "native")]),
    (
        "Svenska (Modersmål), Tyska (Avancerad C1), Persiska (Modersmål)",
        [("sv", "native"), ("de", "fluent"), ("fa", "native")],
    ),
    ("Danska & Engelska, flytande i tal och skrift", [("da", "fluent"), ("en", "fluent")]),
    ("Svenska och engelska: flytande", [("sv", "fluent"), ("en", "fluent")]),
    ("Svenska\nModersmål.\nEngelska\nGoda kunskaper.", [("sv", "native"), ("en", "good")]),
    ("Svenska | Modersmål.\nFranska | Läser och talar flytande.", [("sv", "native"), ("fr", "fluent")]),
    ("Jag talar flytande engelska och har tyska som modersmål.", [("en", "fluent"), ("de", "native")]),
    ("Tyska - akademisk nivå.", [("de", "fluent")]),
    ("Tyska B1", [("de", "good")]),
    ("Franska A2", [("fr", "basic")]),
    ("English - passed with merit, Certificate of Proficiency in English (CPE)", [("en", "fluent")]),
    ("Swedish - native speaker", [("sv", "native")]),
    ("English: professional working proficiency", [("en", "fluent")]),
    ("Koreanska (Nybörjare)", [("ko", "basic")]),
    ("Tunisisk Darija (Nybörjare)", [("ar", "basic")]),
    ("Vietnamesiska Bra (talspråk)", [("vi", "good")]),
    ("Polska Mycket bra", [("pl", "good")]),
    ("Finska – grundläggande", [("fi", "basic")]),
    ("Spanish (intermediate)", [("es", "good")]),
    ("Ungerska", [("hu", None)]),
    ("Modersmål: svenska, Flytande: engelska, tyska", [("sv", "native"), ("en", "fluent"), ("de", "fluent")]),
    ("Modersmål: svenska, Flytande: engelska, tyska", [("sv", "native"), ("en", "fluent"), ("de", "fluent")]),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE_LINES)
def test_language_lines(tmp_path: Path, text: str, expected: list[tuple[str, str | None]]) -> None:
    record = _cv(tmp_path, f"Per Lind\nSpråk\n{text}\n")
    assert [(s.language, s.level) for s in record.languages] == expected
    for skill in record.languages:
        assert record.quote(skill.span) == skill.text


# ---- education --------------------------------------------------------------------------------

EDUCATION = [
    (
        "Blekinge tekniska högskola, Karlskrona\nCivilingenjör Datateknik 2019–pågående\nHvitfeldtska gymnasiet, Göteborg\n"
        "Teknisk linje 2016–2019\nGymnasieutbildning med inriktning datorteknik inför högskola.",
        [("högskola", False, True), ("gymnasium", True, True)],
    ),
    (
        "Högskolan i Gävle                     Gävle, Sverige\nMasterexamen i Datavetenskap                 Beräknas juni 2027",
        [("högskola", False, True)],
    ),
    (
        "Högskoleingenjörsexamen, Byggteknik (pågående) 2018-2021\nKarlstads Universitet, Karlstad",
        [("högskola", False, False)],
    ),
    (
        "2021 - 2024\nSystemvetenskap och informatik\nMittskogens Universitet\n03/2021 - 04/2021\nProgrammering i Python\nKodakademin\n"
        "Introduktionskurs i Python.",
        [("högskola", True, True)],
    ),
    ("2017– Kulturvetarprogrammet vid Karlstads universitet", [("högskola", False, False)]),
    (
        "Internationella skolan Väst                Borås, Sverige\nInternational Baccalaureate (IB), Diploma Program 2014 - 2017",
        [("gymnasium", True, False)],
    ),
    ("aug. 2004–jun. 2007 | Fordonsprogrammet, Malmö tekniska gymnasium", [("gymnasium", True, False)]),
    (
        "Systemutvecklare Java, yrkeshögskoleutbildning\nAugusti 2020 till juni 2022",
        [("yrkeshögskola", True, True)],
    ),
    (
        "Kandidatexamen, Teknik 2014-2018\nKarlstads Universitet\nAvslutad kandidatexamen och påbörjad masterutbildning.",
        [("högskola", True, False)],
    ),
    (
        "Augusti 2009 — Juni 2011, Skydd mot olyckor, Räddningsskolan Revinge",
        [("yrkeshögskola", True, False)],
    ),
    ("2004 Konstlinjen, Medborgarskolan, Gävle", []),
    ("2013 Certifikat i tyska från Goethe-Institut (C1)", []),
]


@pytest.mark.parametrize(("body", "expected"), EDUCATION)
def test_education_records(tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]) -> None:
    record = _cv(tmp_path, f"Lisa Ek\nUtbildning\n{body}\n")
    assert [(e.level, e.completed, e.it_field) for e in record.education if e.level] == expected


def test_a_degree_stated_in_a_description_is_a_record(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Utbildning\nBlekinge tekniska högskola, Karlskrona\nCivilingenjör Datateknik 2018–pågående\n"
        "Avslutad Kandidatexamen och påbörjad masterutbildning i programvaruteknik.\n",
    )
    assert sorted((e.level, e.completed) for e in record.education) == [
        ("högskola", False),
        ("högskola", True),
    ]


def test_a_programme_written_among_jobs_is_education_once(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Erfarenhet\nFjällbo Data AB\nIT-tekniker\n2024-01 – pågående\nKarlstads universitet\n"
        "Civilingenjör Informationsteknologi\nKarlstad\nAugusti 2017 - Juni 2022\nTog min examen 2022.\n",
    )
    assert [w.title for w in record.work] == ["IT-tekniker"]
    assert [(e.level, e.completed, e.it_field) for e in record.education] == [("högskola", True, True)]


# ---- file formats and determinism -------------------------------------------------------------


def test_pdf_layout_title_over_employer_over_date(tmp_path: Path) -> None:
    pdf = draw_pdf(
        tmp_path / "cv.pdf",
        [[
            ("h1", "Karin Sund"),
            ("h2", "Erfarenhet"),
            ("p", "Fjällbo Data AB"), ("p", "Supporttekniker"), ("p", "Stockholm, Kista"), ("p", "Juli 2016 - Juli 2017"),
            ("p", "Jag arbetade med användarkonton och behörigheter."),
            ("p", "Norrkaj IT"), ("p", "Drifttekniker"), ("p", "Göteborg"), ("p", "Augusti 2017 - Nu"),
            ("h2", "Språk"),
            ("p", "Danska & Engelska, flytande"),
        ]],
    )  # fmt: skip
    record = parse_cv(pdf)
    assert _jobs(record) == [
        ("Supporttekniker", "Fjällbo Data AB", "2016-07", "2017-07"),
        ("Drifttekniker", "Norrkaj IT", "2017-08", None),
    ]
    assert [(s.language, s.level) for s in record.languages] == [("da", "fluent"), ("en", "fluent")]


def test_docx_layouts_date_above_and_table_row(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Erfarenhet", level=1)
    for text in ["Sommar 2021 och 2022", "Service Desk Analyst", "Trygg Försäkringar AB", "Hanterade ärenden.",
                 "03/2018", "IT-praktikant", "Datorhuset AB", "Lärde mig datorreparation."]:  # fmt: skip
        d.add_paragraph(text)
    d.add_heading("Arbetslivserfarenhet", level=1)
    table = d.add_table(rows=1, cols=2)
    for cell, text in zip(
        table.rows[0].cells, ("apr. 2014–", "Systemutvecklare, Modulverket AB, Göteborg"), strict=True
    ):
        cell.text = text
    d.add_heading("Språkkunskaper", level=1)
    d.add_paragraph("Svenska | Modersmål.")
    path = tmp_path / "cv.docx"
    d.save(str(path))
    record = parse_cv(path)
    assert _jobs(record) == [
        ("Service Desk Analyst", "Trygg Försäkringar AB", "2021-06", "2021-08"),
        ("Service Desk Analyst", "Trygg Försäkringar AB", "2022-06", "2022-08"),
        ("IT-praktikant", "Datorhuset AB", "2018-03", "2018-03"),
        ("Systemutvecklare", "Modulverket AB", "2014-04", None),
    ]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "native")]


def test_unknown_end_in_the_record_is_not_ongoing(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(
        "Erfarenheter\nLindqvist & Berg AB\nIT-konsult\n2016-09 – pågående\n2016-09 – okänd\n"
        "Kundportal — En av tre utvecklare\nKund: Möbelhuset\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["parse-cv", str(path), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    periods = [w["period"] for w in record["work"]]
    assert periods[1]["end"] is None and periods[1]["ongoing"] is False
    again = CliRunner().invoke(main, ["parse-cv", str(path), "--as-of", "2026-11-01"])
    assert again.output == result.output


def test_a_pasted_cv_in_one_paragraph_is_read_part_by_part(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Karl Holm")
    d.add_heading("Employment history", level=1)
    d.add_paragraph("Field Engineer Solpanel Nordic AB March 2020 - current")
    d.add_paragraph(
        "Installation and troubleshooting of inverters, sometimes on site and sometimes remotely over the network. "
        "Customer Support, Webbhuset AB Okt 2016 - Feb 2020 Webbhuset sells hosting and domains to small firms. "
        "I answered questions by phone and mail and handled the ticket queue "
        "Customer Support, Robotklipp AB Maj 2014 - Sep 2016 Support for garden machines. "
        "Education Lunds Gymnasieskola Aug 2010 - jun 2013 Engineering program, computer science track "
        "Languages Swedish: native speaker, English: fluent"
    )
    path = tmp_path / "cv.docx"
    d.save(str(path))
    record = parse_cv(path)
    assert _jobs(record) == [
        ("Field Engineer", "Solpanel Nordic AB", "2020-03", None),
        ("Customer Support", "Webbhuset AB", "2016-10", "2020-02"),
        ("Customer Support", "Robotklipp AB", "2014-05", "2016-09"),
    ]
    assert [(e.level, e.it_field) for e in record.education] == [("gymnasium", True)]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "native"), ("en", "fluent")]
    for w in record.work:
        assert record.quote(w.title_span) == w.title


def test_uncertain_readings_are_warnings_in_the_record(tmp_path: Path) -> None:
    undated = _cv(
        tmp_path, "Maria Al\nErfarenhet\nIT-tekniker på Fjällbo Data AB\nSpråk\nSvenska – modersmål\n"
    )
    assert undated.work == []
    assert any("no dated work entry" in w for w in undated.warnings)
    layout = _cv(
        tmp_path,
        "Erfarenhet\nFjällbo Data AB\nNätverkstekniker\n2015 – 2017\nNorrkaj Logistik\nPlock/pack/lager\n2017 – 2019\n"
        "Lindqvist & Berg AB\nIT-konsult\n2019-09 – okänd\n",
        name="layout.txt",
    )
    assert [w.title for w in layout.work] == ["Nätverkstekniker", "Plock/pack/lager", "IT-konsult"]
    assert layout.warnings == [
        "work entry 2: title and employer told apart by layout only",
        "work entry 3: the end of the period is written as unknown",
        "no education section recognised",
    ]
    assert "Fjällbo" not in " ".join(layout.warnings)  # no CV text in warnings
    assert layout.to_json()["warnings"] == layout.warnings


def test_a_company_named_like_a_town_and_units_of_an_employer(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Erfarenhet\nBoliden\nProcesstekniker\n2010 – 2014\n"
        "2015 – 2018 Lektor, Göteborgs universitet, Institutionen för data- och informationsteknik, Göteborg\n"
        "2018 – 2020 Utvecklare, Kodhuset AB, Java-utveckling i team\n",
    )
    assert [(w.title, w.employer) for w in record.work] == [
        ("Processtekniker", "Boliden"),
        ("Lektor", "Göteborgs universitet, Institutionen för data- och informationsteknik"),
        ("Utvecklare", "Kodhuset AB"),
    ]


def test_tab_columns_labelled_fields_and_open_ends_in_parentheses(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Anna Svensson\nARBETSLIVSERFARENHET\n2018-08 – 2020-06\tSkolassistent\tHagaskolan, Umeå\n"
        "2020-08 – nu\tIT-tekniker\tUmeå kommun\n"
        "Supporttekniker, Atea Sverige AB, Växjö (2016-)\n"
        "Titel: Servicedesktekniker\nFöretag: Region Halland\nPeriod: 2012-01 – 2014-12\nBeskrivning: Support.\n"
        "2010 – nuvarande\nIT-support, Sweco AB\n",
    )
    assert _jobs(record) == [
        ("Skolassistent", "Hagaskolan", "2018-08", "2020-06"),
        ("IT-tekniker", "Umeå kommun", "2020-08", None),
        ("Supporttekniker", "Atea Sverige AB", "2016-01", None),
        ("Servicedesktekniker", "Region Halland", "2012-01", "2014-12"),
        ("IT-support", "Sweco AB", "2010-01", None),
    ]


def test_consultant_cv_shapes(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Kim Berg\nERFARENHET\nNordlys Konsult AB, konsult (mar 2016 – pågående)\n"
        "Samordningsförbundet Väst — Lösningsarkitekt\njan 2024 – pågående\n"
        "Ansvarade för arkitekturen i samverkans nya portal, som används av nio\n"
        "medlemskommuner. API-design med REST.\n"
        "Sågverket Granen — Integrationsutvecklare\naug 2017 – dec 2023\n"
        "Byggde kopplingar mellan ekonomisystem och speditörer i Python; skrev\n"
        "API:er för partner.\n"
        "Tidigare uppdrag i urval\n06/2014 – 07/2017 Älvby kommun\nRoll: Systemarkitekt\n"
        "UPPDRAG (via Nordlys Konsult AB)\nKund: Hamnverket\nRoll: IT-arkitekt\nPeriod: 2012-04 – 2014-05\n",
    )
    assert [(w.title, w.employer, w.kind, w.container) for w in record.work] == [
        ("konsult", "Nordlys Konsult AB", "employment", True),
        ("Lösningsarkitekt", "Samordningsförbundet Väst", "assignment", False),
        ("Integrationsutvecklare", "Sågverket Granen", "assignment", False),
        ("Systemarkitekt", "Älvby kommun", "assignment", False),
        ("IT-arkitekt", "Hamnverket", "assignment", False),
    ]
    assert [s.kind for s in record.sections] == ["preamble", "work", "assignments", "assignments"]


def test_skill_items(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Kunskaper\nProgrammering: Kotlin, TypeScript/React, Go\nJava ♦ C# ♦ PHP\n"
        "TCP/IP, CI/CD, Jira/Confluence\nFreeBSD (operating system, zsh) - Van\n",
    )
    assert [s.text for s in record.skills] == [
        "Kotlin", "TypeScript", "React", "Go", "Java", "C#", "PHP", "TCP/IP", "CI/CD", "Jira", "Confluence",
        "FreeBSD (operating system, zsh)",
    ]  # fmt: skip
    for skill in record.skills:
        assert record.quote(skill.span) == skill.text


def test_pdf_with_right_aligned_dates_and_places(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "right.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 60
    rows = [
        ("Karin Sund", None), ("ARBETSLIVSERFARENHET", None),
        ("Fjällbo Data AB", "Umeå, Sverige"), ("Supporttekniker", "mars 2019 – pågående"),
        ("Första linjens support för 300 användare, Windows och Office 365.", None),
        ("Norrkaj Logistik AB", "Gävle"), ("Lagerarbetare", "juni 2016 – feb 2019"),
        ("UTBILDNING", None), ("Karlstads universitet", "Karlstad"), ("Datavetenskapliga programmet, 180 hp", "2013 – 2016"),
        ("SPRÅK", None), ("Svenska", "Modersmål"), ("Engelska", "Flytande"),
    ]  # fmt: skip
    for left, right in rows:
        c.setFont("Helvetica", 10)
        c.drawString(56, y, left)
        if right:
            c.drawRightString(width - 56, y, right)
        y -= 16
    c.save()
    record = parse_cv(path)
    assert _jobs(record) == [
        ("Supporttekniker", "Fjällbo Data AB", "2019-03", None),
        ("Lagerarbetare", "Norrkaj Logistik AB", "2016-06", "2019-02"),
    ]
    assert [(e.level, e.completed, e.it_field) for e in record.education] == [("högskola", True, True)]
    assert [(s.language, s.level) for s in record.languages] == [("sv", "native"), ("en", "fluent")]


def test_docx_tab_stops_are_columns(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Erfarenhet", level=1)
    for text in ["Fjällbo Data AB\tUmeå", "Sommarjobb\t2019", "Dokumentation och tester.",
                 "Norrkaj IT\tGävle", "Drifttekniker\tmaj 2020 – pågående"]:  # fmt: skip
        d.add_paragraph(text)
    path = tmp_path / "tabs.docx"
    d.save(str(path))
    assert _jobs(parse_cv(path)) == [
        ("Sommarjobb", "Fjällbo Data AB", "2019-01", "2019-12"),
        ("Drifttekniker", "Norrkaj IT", "2020-05", None),
    ]


def test_a_long_description_that_mentions_two_periods_stays_one_line() -> None:
    from pipeline.cv.sections import run_on_pieces

    text = (
        "Under 2015–2016 ledde jag projektet som handlade om många olika saker och det var lärorikt för alla "
        "inblandade parter i hela organisationen. Mellan 2017–2018 byggde jag ett nytt system tillsammans med ett "
        "team av utvecklare som arbetade agilt med korta sprintar och täta leveranser till kunden."
    )
    assert run_on_pieces(text) == [(0, len(text))]


@pytest.mark.parametrize(
    "body",
    [
        "UPPDRAG\nKonsult via Teknikbolaget AB, 2019-09 – pågående\n"
        "  Kund: Region Mälardalen (2021-01 – pågående) — IT-tekniker, drift av klientmiljö\n"
        "  Kund: Västerby kommun (2019-09 – 2020-12) — Helpdesk\n",
        "Erfarenhet\nKonsult, Teknikbolaget AB                      2019-09 – pågående\n"
        "  Uppdrag: IT-tekniker hos Region Mälardalen, 2021-01 – pågående\n"
        "  Uppdrag: Helpdesk hos Västerby kommun, 2019-09 – 2020-12\n",
    ],
)
def test_assignments_written_as_client_or_assignment_labels(tmp_path: Path, body: str) -> None:
    record = _cv(tmp_path, f"Johan Berg\n{body}Lagerarbetare, Coop Logistik AB   2015-06 – 2019-08\n")
    assert [(w.title, w.employer, w.kind, w.container) for w in record.work][:3] == [
        ("Konsult", "Teknikbolaget AB", "employment", True),
        ("IT-tekniker", "Region Mälardalen", "assignment", False),
        ("Helpdesk", "Västerby kommun", "assignment", False),
    ]
    assert record.work[3].title == "Lagerarbetare"


def test_linkedin_and_europass_shapes(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Namn\nExperience\nAcme Nordic AB\n5 years 3 months\nSenior Developer\nJanuary 2021 - Present (2 years)\n"
        "Stockholm, Sweden\nBuilt the payment platform.\nDeveloper\nSeptember 2018 - December 2020 (2 years 4 months)\n"
        "Worked on the web shop.\nBeta Konsult AB\n2 år 1 mån\nIT-tekniker\naug. 2016 – aug. 2018 (2 år 1 mån)\n"
        "WORK EXPERIENCE\n[ 01/09/2012 – 31/07/2016 ] SOFTWARE DEVELOPER – GAMMA SYSTEMS AB – MALMÖ, SWEDEN\n",
    )
    assert _jobs(record) == [
        ("Senior Developer", "Acme Nordic AB", "2021-01", None),
        ("Developer", "Acme Nordic AB", "2018-09", "2020-12"),
        ("IT-tekniker", "Beta Konsult AB", "2016-08", "2018-08"),
        ("SOFTWARE DEVELOPER", "GAMMA SYSTEMS AB", "2012-09", "2016-07"),
    ]


def test_the_cvs_own_order_reads_a_header_whose_words_decide_nothing(tmp_path: Path) -> None:
    record = _cv(
        tmp_path,
        "Experience\nIT Technician, Hamnterminalen AB   Apr 2025 – present\n"
        "Barista (part-time), Café Solrosen   2021 – 2025\n"
        "Nätverkstekniker (konsult via Kodnät Konsult AB)   jan 2019 – dec 2020\n",
    )
    assert [(w.title, w.employer) for w in record.work] == [
        ("IT Technician", "Hamnterminalen AB"),
        ("Barista (part-time)", "Café Solrosen"),
        ("Nätverkstekniker", "Kodnät Konsult AB"),
    ]


def test_a_table_header_row_names_the_columns(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Anställningar", level=1)
    table = d.add_table(rows=3, cols=4)
    rows = [("Period", "Arbetsgivare", "Befattning", "Beskrivning"),
            ("2019 – 2021", "Bar och kök", "Hamnkrogen 7", "Helger och kvällar."),
            ("2016 – 2019", "Lindqvist Lager", "Plock och pack", "Dagtid.")]  # fmt: skip
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "table.docx"
    d.save(str(path))
    record = parse_cv(path)
    assert [(w.title, w.employer, w.description) for w in record.work] == [
        ("Hamnkrogen 7", "Bar och kök", "Helger och kvällar."),
        ("Plock och pack", "Lindqvist Lager", "Dagtid."),
    ]
