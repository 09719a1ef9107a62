"""Experience in an occupation group ("inom yrkeskategorin", "som IT-tekniker", "från liknande arbete"):
misspelt titles, duties stated in the description, and titles near the group that cannot be decided
(a reviewable `unknown`, never `met`), against work that counts for neither group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cv.parse import parse_cv
from pipeline.kinds.experience import ExperienceCondition, entry_in_scope, entry_related
from pipeline.match.screen import RoleResult, screen_cv
from pipeline.messages import set_language
from pipeline.nlp.lexicon import fuzzy_title, occupation_groups
from pipeline.spec.model import Spec

AS_OF = (2026, 11)

CV = """Test Testsson
Erfarenhet
{work}
Utbildning
Teknikprogrammet, Ö gymnasium 2010 – 2013
Kunskaper
Windows 11, Office 365, ServiceNow, datorer, skrivare och kringutrustning, nätverk (wifi, VPN), informationssäkerhet
Språk
Svenska – modersmål
Engelska – flytande
"""


@pytest.fixture(scope="module")
def spec(seed_spec_json: Path) -> Spec:
    return Spec.from_json(json.loads(seed_spec_json.read_text(encoding="utf-8")))


def _screen(tmp_path: Path, spec: Spec, role: str, work: str) -> RoleResult:
    path = tmp_path / "cv.txt"
    path.write_text(CV.format(work=work), encoding="utf-8")
    return screen_cv(path, [r for r in spec.roles if r.name == role], AS_OF)[0]


def _experience(result: RoleResult) -> list[tuple[str, str]]:
    return [
        (c.status, c.explanation)
        for r in result.requirements
        for alt in r.alternatives
        for c in alt
        if c.kind == "experience"
    ]


@pytest.mark.parametrize(
    ("title", "group", "form"),
    [
        ("Support Technichian", "helpdesk", "support technician"),
        ("Servicdesk", "helpdesk", "servicedesk"),
        ("IT-Technican", "it_technician", "it technician"),
        ("Nätverkstekninker", "it_technician", "nätverkstekniker"),
        ("Systemadministrator", "it_technician", "system administrator"),
        ("Datortekninker", "it_technician", "datortekniker"),
        ("Support Technichian, Brandt Drift AB", "helpdesk", "support technician"),
    ],
)
def test_misspelt_titles_match_their_group(title: str, group: str, form: str) -> None:
    assert fuzzy_title(title, occupation_groups()[group].titles) == form


@pytest.mark.parametrize(
    "title",
    ["Servicetekniker", "El-tekniker", "Driftansvarig", "Tekniker", "Systemutvecklare", "Kundtjänst", "Fordonstekniker", "Ljudtekniker",
     "Software Engineer", "Säljare", "Medicintekniker", "Teletekniker"],
)  # fmt: skip
def test_other_occupations_are_no_misspelling_of_a_group_title(title: str) -> None:
    for group in occupation_groups().values():
        assert fuzzy_title(title, group.titles) is None, (title, group.key)


def test_a_misspelt_support_title_counts_as_helpdesk_work(tmp_path: Path, spec: Spec) -> None:
    result = _screen(tmp_path, spec, "Helpdesk 1", "Support Technichian, Kontorsdata AB 2024-01 – 2024-08")
    assert result.qualifying_months == 8
    assert result.verdict == "eligible"
    [(status, why)] = _experience(result)
    assert status == "met"


def test_duties_in_the_description_count_under_another_title(tmp_path: Path, spec: Spec) -> None:
    work = (
        "Sommarjobb, Verkstaden Norr AB 2019-06 – 2020-08\n"
        "Under loven arbetade jag med installation och underhåll av servrar och arbetsstationer."
    )
    result = _screen(tmp_path, spec, "IT-Tekniker 1", work)
    assert result.qualifying_months == 15
    assert result.verdict == "eligible"
    # the same duties say nothing about helpdesk work
    assert _screen(tmp_path, spec, "Helpdesk 1", work).qualifying_months == 0


@pytest.mark.parametrize(
    ("role", "title"),
    [
        ("Helpdesk 1", "Kundsupport, Spelbolaget Malta Ltd 2012-01 – 2012-12"),
        ("Helpdesk 1", "Technical Support, Webshop Cloud AB 2020-01 – 2021-06"),
        (
            "IT-Tekniker 1",
            "Operations Engineer, Laddbolaget AB 2021-05 – pågående\nFelsökning av hårdvara och nätverk",
        ),
        (
            "IT-Tekniker 1",
            "Operations Manager, Molnbolaget AB 2014-09 – 2016-03\nSupervision of hosted solutions",
        ),
    ],
)
def test_a_near_title_that_would_meet_the_months_is_unknown_not_met(
    tmp_path: Path, spec: Spec, role: str, title: str
) -> None:
    result = _screen(tmp_path, spec, role, title)
    [(status, why)] = _experience(result)
    assert status == "unknown"
    assert "inte kan avgöras" in why and title.split(",")[0] in why
    assert result.qualifying_months == 0  # never counted as met
    assert result.verdict == "needs_review"


def test_a_near_title_too_short_to_meet_the_months_leaves_not_met(tmp_path: Path, spec: Spec) -> None:
    result = _screen(tmp_path, spec, "Helpdesk 1", "Kundsupport, Spelbolaget AB 2012-01 – 2012-03")
    [(status, _)] = _experience(result)
    assert status == "not_met" and result.verdict == "not_eligible"


def test_decided_and_near_months_together_make_unknown(tmp_path: Path, spec: Spec) -> None:
    work = "Helpdesk, A AB 2020-01 – 2020-03\nKundsupport, B AB 2021-01 – 2021-06"
    result = _screen(tmp_path, spec, "Helpdesk 1", work)
    [(status, why)] = _experience(result)
    assert status == "unknown" and result.qualifying_months == 3
    assert why.startswith("3 månader")


@pytest.mark.parametrize(
    "work",
    [
        "Kundtjänstmedarbetare, Modehuset AB 2015-01 – 2020-12",
        "Customer Service Representative, Fashion Retail Ltd 2015-01 – 2020-12",
        "Butiksbiträde, Livs AB 2015-01 – 2020-12",
        "Systemutvecklare, Kodbolaget AB 2015-01 – 2020-12",
        "Lagerarbetare, Logistik AB 2015-01 – 2020-12",
    ],
)
def test_work_outside_both_groups_stays_not_met(tmp_path: Path, spec: Spec, work: str) -> None:
    for role in ("Helpdesk 1", "IT-Tekniker 1"):
        result = _screen(tmp_path, spec, role, work)
        [(status, _)] = _experience(result)
        assert status == "not_met" and result.verdict == "not_eligible", (role, work)


def test_a_near_title_of_one_group_is_not_near_the_other(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(CV.format(work="Kundsupport, Spelbolaget AB 2012-01 – 2012-12"), encoding="utf-8")
    [entry] = parse_cv(path).work
    helpdesk = ExperienceCondition(min_months=6, occupation="helpdesk")
    technician = ExperienceCondition(min_months=6, occupation="it_technician")
    assert entry_related(entry, helpdesk) and not entry_in_scope(entry, helpdesk)
    assert not entry_related(entry, technician)


def test_the_undecided_explanation_has_an_english_text(tmp_path: Path, spec: Spec) -> None:
    set_language("en")
    try:
        result = _screen(tmp_path, spec, "Helpdesk 1", "Kundsupport, Spelbolaget AB 2012-01 – 2012-12")
    finally:
        set_language("sv")
    [(status, why)] = _experience(result)
    assert status == "unknown" and "cannot be decided" in why


@pytest.mark.parametrize(
    ("work", "status"),
    [
        ("Operations Manager, Molnbolaget AB 2014-09 – 2016-03\nSupport and supervision of hosted solutions", "unknown"),
        ("Operations Manager, Lagerhuset AB 2014-09 – 2016-03\nLedde lagret och transporterna", "not_met"),
        ("Driftansvarig, Pappersbruket AB 2014-09 – 2016-03\nAnsvar för pappersmaskinerna", "not_met"),
        ("Driftansvarig, Kommunen 2014-09 – 2016-03\nAnsvar för servrar och nätverk i skolorna", "unknown"),
    ],
)  # fmt: skip
def test_a_generic_near_title_is_undecided_only_where_the_entry_shows_it_work(
    tmp_path: Path, spec: Spec, work: str, status: str
) -> None:
    [(got, _)] = _experience(_screen(tmp_path, spec, "IT-Tekniker 1", work))
    assert got == status


@pytest.mark.parametrize(
    "title", ["Datortekniker", "Network Engineer", "Klienttekniker", "Nätverksadministratör"]
)
def test_more_it_technician_titles_count(tmp_path: Path, spec: Spec, title: str) -> None:
    result = _screen(tmp_path, spec, "IT-Tekniker 1", f"{title}, Firma AB 2024-01 – 2024-12")
    assert result.qualifying_months == 12 and result.verdict == "eligible"


def test_an_entry_in_scope_with_an_unknown_end_makes_a_shortfall_unknown(tmp_path: Path, spec: Spec) -> None:
    result = _screen(tmp_path, spec, "Helpdesk 1", "Helpdesk, A AB 2026-09 – okänd")
    [(status, why)] = _experience(result)
    assert status == "unknown" and "okänt" in why and result.verdict == "needs_review"
    # an unknown end outside the scope changes nothing
    other = _screen(tmp_path, spec, "Helpdesk 1", "Lagerarbetare, A AB 2026-09 – okänd")
    [(status, _)] = _experience(other)
    assert status == "not_met"
