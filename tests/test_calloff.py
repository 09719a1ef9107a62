"""Call-offs, role catalogues and real requirement prose (contract §1b), on generated PDFs whose
layout is a TendSign-style export: a cover page without running header, numbered section
headings, a running header with the procurement number and a timestamp, "Sida n/N" footers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import draw_pdf

from pipeline.spec.extract import extract_spec

HEADER = ["2024050012 Avrop Testledare\tPublicerad 2024-05-03 09:41"]
FOOTER = ["Sida {page}/{pages}"]
COVER = [
    ("p", "Upphandlingsdokument"),
    ("p", "Upphandlande organisation\tUpphandling"),
    ("p", "Region Exempel\tAvrop Testledare"),
    ("p", "Kim Handläggare\t2024050012"),
    ("h2", "1.1 Avropsförfrågan Testledare"),
    ("p", "Detta är en avropsförfrågan som genomförs med förnyad konkurrensutsättning."),
    ("h2", "1.2 Kontraktstid"),
    ("p", "Avropskontraktet gäller i tolv (12) månader från det att båda parter har signerat."),
]
ROLE_SECTIONS = [
    ("h2", "1.10 Krav på anbudsgivare"),
    ("h3", "1.10.1 Efterfrågad roll och nivå"),
    ("p", "Offererad konsult ska vara på nivå 4. I detta avrop efterfrågar vi en (1) konsult."),
    ("h3", "1.10.2 Ska-krav på offererad konsult"),
    ("p", "Bifoga CV på offererad konsult. Det ska tydligt framgå vilket uppdrag som styrker kravet."),
    ("p", "Den offererade konsulten ska uppfylla nedan ställda krav:"),
    ("b", "Konsulten ska ha minst tre (3) års erfarenhet av testledning."),
    ("b", "Konsulten ska ha erfarenhet av testautomatisering i Cypress."),
    ("p", "Offererad konsult ska ha minst fem (5) års erfarenhet av utveckling i:"),
    ("b", "Java"),
    ("b", "Kotlin"),
    (
        "p",
        "Konsulten ska ha kunskap om och erfarenhet av Kubernetes. Arbetet sker i ett team om sex personer.",
    ),
    ("h3", "1.10.3 Krav på referensuppdrag"),
    (
        "p",
        "Referensuppdragen får inte vara äldre än tre (3) år från sista anbudsdag. Inera kan komma att ringa.",
    ),
    ("p", "Referensuppdragen ska visa följande:"),
    ("c", "a) Uppdrag där konsulten lett testarbete i ett införandeprojekt."),
    ("c", "b) Minst två (2) uppdrag där konsulten varit testledare inom offentlig sektor."),
]
CONTRACT = [
    ("h2", "1.11 Sekretess"),
    ("p", "Leverantören ska se till att konsulten har minst ett (1) års erfarenhet av sekretessfrågor."),
    ("h2", "1.12 Force majeure"),
    ("p", "Part är befriad från påföljd om hindret beror på omständighet utanför partens kontroll."),
    ("b", "krigshändelse"),
    ("b", "strejk"),
    ("h2", "1.13 Utvärdering"),
    ("p", "Nedan angivna kriterier bedöms vid intervjun, tillsammans med meriterande erfarenhet:"),
    ("b", "Erfarenhet av prestandatest med JMeter"),
]


@pytest.fixture(scope="module")
def call_off(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("calloff") / "avrop.pdf"
    draw_pdf(
        path,
        [COVER, ROLE_SECTIONS, CONTRACT],
        header=HEADER,
        footer=FOOTER,
        header_from=2,
        glyph="•",
    )
    return extract_spec(path).to_json()


def _texts(role: dict) -> list[str]:
    return [r["text"] for r in role["requirements"]]


def test_running_header_with_reference_and_timestamp_gives_the_document_fields(call_off: dict) -> None:
    doc = call_off["document"]
    assert doc["kind"] == "call_off"
    assert doc["reference"] == "2024050012"
    assert doc["date"] == "2024-05-03"
    assert doc["title"] == "Avrop Testledare"
    assert doc["issuer"] == "Region Exempel"
    assert doc["pages"] == 3
    for role in call_off["roles"]:
        for item in _texts(role) + role["notes"] + role["tasks"]:
            assert "Publicerad" not in item and "Sida" not in item


def test_the_requested_role_is_named_by_the_title_and_contract_clauses_are_no_roles(call_off: dict) -> None:
    [role] = call_off["roles"]
    assert role["name"] == "Testledare"
    assert role["level"] == 4
    assert role["call_off"] == "renewed_competition"
    joined = " ".join(_texts(role) + role["notes"] + role["tasks"])
    for clause_word in ("sekretessfrågor", "krigshändelse", "strejk", "Kontraktstid", "tolv (12)"):
        assert clause_word not in joined


def test_lead_in_without_content_is_dropped_and_one_with_content_prefixes_its_items(call_off: dict) -> None:
    texts = _texts(call_off["roles"][0])
    assert "Konsulten ska ha minst tre (3) års erfarenhet av testledning." in texts
    assert "Offererad konsult ska ha minst fem (5) års erfarenhet av utveckling i: Java" in texts
    assert "Offererad konsult ska ha minst fem (5) års erfarenhet av utveckling i: Kotlin" in texts
    assert not any("nedan ställda krav" in t for t in texts)
    reqs = {r["text"]: r for r in call_off["roles"][0]["requirements"]}
    java = reqs["Offererad konsult ska ha minst fem (5) års erfarenhet av utveckling i: Java"]
    assert java["any_of"][0][0]["min_months"] == 60


def test_prose_requirements_split_into_sentences_and_instructions_dropped(call_off: dict) -> None:
    role = call_off["roles"][0]
    reqs = {r["text"]: r for r in role["requirements"]}
    prose = reqs["Konsulten ska ha kunskap om och erfarenhet av Kubernetes."]
    kinds = sorted(c["kind"] for c in prose["any_of"][0])
    assert kinds == ["experience", "knowledge"]
    open_scope = reqs["Konsulten ska ha erfarenhet av testautomatisering i Cypress."]["any_of"][0][0]
    assert (open_scope["kind"], open_scope["min_months"]) == ("experience", None)
    assert "Arbetet sker i ett team om sex personer." in role["notes"]
    assert not any("Bifoga" in n for n in role["notes"])


def test_lettered_reference_items_count_assignments(call_off: dict) -> None:
    reqs = {r["text"]: r for r in call_off["roles"][0]["requirements"]}
    first = reqs["Uppdrag där konsulten lett testarbete i ett införandeprojekt."]["any_of"][0][0]
    second = reqs["Minst två (2) uppdrag där konsulten varit testledare inom offentlig sektor."]["any_of"][0][
        0
    ]
    assert (first["kind"], first["min_assignments"], first["min_months"]) == ("experience", 1, None)
    assert (second["min_assignments"], second["min_months"]) == (2, None)
    # the recency limit stays in the note it is written in, no experience requirement
    assert any("äldre än tre (3) år" in n for n in call_off["roles"][0]["notes"])
    assert not any("äldre än" in t for t in reqs)


def test_merits_after_the_evaluation_heading_are_should_requirements(call_off: dict) -> None:
    reqs = {r["text"]: r for r in call_off["roles"][0]["requirements"]}
    merit = reqs["Erfarenhet av prestandatest med JMeter"]
    assert merit["obligation"] == "should"
    assert all(
        r["obligation"] == "must" for t, r in reqs.items() if t != "Erfarenhet av prestandatest med JMeter"
    )


def test_two_profiles_under_one_heading_are_two_roles_with_their_level(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation yrkesområde Exempeladministration"),
            ("h2", "Sekreterare"),
            ("p", "Ska-krav gällande kompetens för sekreterare, nivå 1, enligt nedan."),
            ("b", "gymnasium eller likvärdig utbildning."),
            ("b", "goda kunskaper i svenska i tal och skrift."),
            ("p", "Med god kunskap avses att kunna kommunicera obehindrat."),
            ("p", "Ska-krav gällande kompetens för sekreterare, nivå 2, enligt nedan."),
            ("b", "gymnasium eller likvärdig utbildning."),
            ("b", "minst två (2) års arbetslivserfarenhet från liknande arbete."),
        ]
    ]
    spec = extract_spec(draw_pdf(tmp_path / "two.pdf", pages)).to_json()
    assert [(r["name"], r["level"]) for r in spec["roles"]] == [
        ("Sekreterare nivå 1", 1),
        ("Sekreterare nivå 2", 2),
    ]
    first, second = spec["roles"]
    assert _texts(first) == [
        "gymnasium eller likvärdig utbildning.",
        "goda kunskaper i svenska i tal och skrift.",
    ]
    assert first["notes"] == ["Med god kunskap avses att kunna kommunicera obehindrat."]
    assert second["requirements"][1]["any_of"][0][0]["min_months"] == 24
    assert first["tasks"] == second["tasks"] == []
    assert spec["document"]["title"] == "Kravspecifikation yrkesområde Exempeladministration"


def test_role_catalogue_sections_map_to_notes_requirements_and_tasks(tmp_path: Path) -> None:
    profile = [
        ("h2", "Kompetensområde 1 – Exempelområde"),
        ("p", "Uppdrag inom området rör ofta utredningar."),
        ("h3", "Dataanalytiker"),
        ("h3", "Rollbeskrivning"),
        ("p", "En dataanalytiker ska ta fram underlag för beslut."),
        ("h3", "Efterfrågad kompetens"),
        ("p", "Dataanalytiker ska ha kunskap om statistik. Konsulterna ska kunna:"),
        ("b", "Presentera resultat"),
        ("h3", "Exempel på uppdrag"),
        ("b", "Analys av ärendeflöden"),
    ]
    other = [
        ("h3", "Databasförvaltare"),
        ("h3", "Rollbeskrivning"),
        ("p", "En databasförvaltare sköter databaser."),
        ("h3", "Efterfrågad kompetens"),
        ("p", "Databasförvaltare ska ha analytisk förmåga."),
        ("h3", "Exempel på uppdrag"),
        ("b", "Uppgradering av databaser"),
    ]
    pages = [[("h1", "Bilaga B – Kompetensområden och exempelroller"), *profile], other]
    spec = extract_spec(
        draw_pdf(tmp_path / "catalogue.pdf", pages, footer=["Sida {page} av {pages}"])
    ).to_json()
    assert spec["document"]["kind"] == "role_catalogue"
    assert spec["document"]["title"] == "Kompetensområden och exempelroller"
    analyst, dba = spec["roles"]
    assert analyst["name"] == "Dataanalytiker" and analyst["call_off"] == "direct"
    assert analyst["notes"] == ["En dataanalytiker ska ta fram underlag för beslut."]
    assert _texts(analyst) == [
        "Dataanalytiker ska ha kunskap om statistik.",
        "Konsulterna ska kunna: Presentera resultat",
    ]
    assert [r["kind"] for r in analyst["requirements"]] == ["knowledge", "other"]
    assert analyst["tasks"] == ["Analys av ärendeflöden"]
    assert dba["requirements"][0]["kind"] == "other"
    assert dba["requirements"][0]["any_of"][0][0]["topics"] == ["analytisk förmåga"]


def test_a_bullet_broken_by_a_page_break_goes_on_after_the_footer(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation Exempel"),
            ("h2", "Arkivarie"),
            ("p", "Arkivarie ska uppfylla minst följande kompetenskrav:"),
            ("b", "kunskaper om ärendehanteringssystem (exempelvis Public360 eller"),
        ],
        [("p", "Visual Arkiv m.fl.)."), ("b", "kännedom om lagar och förordningar som styr arkivarbete.")],
    ]
    spec = extract_spec(
        draw_pdf(tmp_path / "broken.pdf", pages, footer=["Utskrivet: Sida {page} av {pages}"])
    ).to_json()
    [role] = spec["roles"]
    first, second = role["requirements"]
    assert (
        first["text"]
        == "kunskaper om ärendehanteringssystem (exempelvis Public360 eller Visual Arkiv m.fl.)."
    )
    assert first["any_of"][0][0]["examples"] == ["Public360", "Visual Arkiv"]
    assert second["any_of"][0][0]["topics"] == ["lagar och förordningar som styr arkivarbete"]
    assert role["notes"] == []
    assert spec["document"]["issuer"] is None


def test_a_word_broken_after_its_hyphen_at_a_line_end_is_joined(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation Exempel"),
            ("h2", "Integratör"),
            ("p", "Kompetenskrav:"),
            ("b", "erfarenhet av OAuth2-"),
            ("c", "baserad åtkomsthantering för IT-"),
            ("c", "och verksamhetschefer."),
        ]
    ]
    spec = extract_spec(draw_pdf(tmp_path / "hyphen.pdf", pages)).to_json()
    [req] = spec["roles"][0]["requirements"]
    assert req["text"] == "erfarenhet av OAuth2-baserad åtkomsthantering för IT- och verksamhetschefer."


def test_a_call_off_without_a_roles_section_names_its_role_by_the_title(tmp_path: Path) -> None:
    pages = [
        [
            ("h2", "1.1 Avropsförfrågan Databasadministratör"),
            ("p", "Detta avrop genomförs med förnyad konkurrensutsättning."),
            ("h2", "1.2 Uppdraget omfattar"),
            ("b", "Drift av databaser"),
            ("p", "Konsulten ska ha minst två (2) års erfarenhet av PostgreSQL. Teamet sitter i Umeå."),
            ("h2", "1.3 Force majeure"),
            ("p", "Part är befriad från påföljd vid omständighet utanför partens kontroll."),
        ]
    ]
    header = ["2024060001 Avrop Databasadministratör\tPublicerad 2024-06-01 10:00"]
    path = draw_pdf(tmp_path / "plain.pdf", [pages[0], [("p", "Sista sidan.")]], header=header, header_from=2)
    [role] = extract_spec(path).to_json()["roles"]
    assert role["name"] == "Databasadministratör"
    assert role["tasks"] == ["Drift av databaser"]
    assert _texts(role) == ["Konsulten ska ha minst två (2) års erfarenhet av PostgreSQL."]
    assert role["notes"] == ["Teamet sitter i Umeå."]


def test_the_requested_role_sentence_names_the_role_before_the_title(tmp_path: Path) -> None:
    """Contract §1b: without a heading of its own the role is named by the "Efterfrågad roll" text,
    not by the title with its words around the profile."""
    page = [
        ("h2", "1.1 Avropsförfrågan testledare för Exempelplattformen"),
        ("h2", "1.9 Krav på anbudsgivare"),
        ("h3", "1.9.1 Efterfrågad roll och nivå"),
        (
            "p",
            "Rollen som efterfrågas är en testledare/testarkitekt, som också kommer att kallas konsulten. "
            "Offererad konsult ska vara på nivå 4.",
        ),
        ("h3", "1.9.2 Ska-krav på offererad konsult"),
        ("b", "Minst två (2) års erfarenhet av testledning"),
        ("h2", "1.10 Force majeure"),
        ("p", "Part är befriad från påföljd vid omständighet utanför partens kontroll."),
    ]
    header = ["2024070002 Avrop för testledare till Exempelplattformen\tPublicerad 2024-07-01 10:00"]
    path = draw_pdf(tmp_path / "named.pdf", [page, [("p", "Sista sidan.")]], header=header, header_from=2)
    [role] = extract_spec(path).to_json()["roles"]
    assert role["name"] == "testledare/testarkitekt"
    assert role["level"] == 4
    assert _texts(role) == ["Minst två (2) års erfarenhet av testledning"]


def test_an_assignment_count_after_its_scope_leaves_the_experience_words_out_of_the_scope(
    tmp_path: Path,
) -> None:
    page = [
        ("h2", "1.1 Avropsförfrågan Testledare"),
        ("h2", "1.9 Krav på anbudsgivare"),
        ("h3", "1.9.1 Efterfrågad roll och nivå"),
        ("p", "Offererad konsult ska vara på nivå 4."),
        ("h3", "1.9.2 Ska-krav på offererad konsult"),
        ("b", "Erfarenhet av att leda testarbete i offentlig sektor i minst ett (1) projekt"),
        ("h3", "1.9.3 Krav på referensuppdrag"),
        ("c", "1) Referensuppdraget ska ha omfattat att leda testautomatisering i minst två (2) projekt."),
        ("c", "2) Konsulten ska ha varit ansvarig för att leda ett testarbete inom vården."),
        ("h2", "1.10 Force majeure"),
        ("p", "Part är befriad från påföljd vid omständighet utanför partens kontroll."),
    ]
    header = ["2024070003 Avrop Testledare\tPublicerad 2024-07-01 10:00"]
    path = draw_pdf(tmp_path / "counts.pdf", [page, [("p", "Sista sidan.")]], header=header, header_from=2)
    [role] = extract_spec(path).to_json()["roles"]
    conditions = [req["any_of"][0][0] for req in role["requirements"]]
    assert [(c["scope"], c["min_assignments"]) for c in conditions] == [
        ("av att leda testarbete i offentlig sektor", 1),
        ("att leda testautomatisering", 2),
        ("ansvarig för att leda ett testarbete inom vården", 1),  # the consultant and "ska ha varit" left out
    ]


def test_should_requirements_take_their_weight_as_printed(tmp_path: Path) -> None:
    region = [
        ("h2", "1.10 Krav på anbudsgivare"),
        ("h3", "1.10.1 Efterfrågad roll och nivå"),
        ("p", "Offererad konsult ska vara på nivå 3."),
        ("h3", "1.10.2 Ska-krav på offererad konsult"),
        ("p", "Offererad konsult ska ha:"),
        ("b", "minst två (2) års erfarenhet av systemförvaltning"),
        ("h3", "1.10.3 Bör-krav på offererad konsult (20 %)"),
        ("p", "Den offererade konsulten bör uppfylla nedan ställda krav:"),
        ("b", "erfarenhet av ITIL"),
        ("b", "erfarenhet av upphandling (10 poäng)"),
        ("p", "Konsulten bör ha erfarenhet av regional förvaltning."),
        ("p", "Det är meriterande om konsulten har erfarenhet av Kubernetes, 5 poäng."),
        ("h2", "1.11 Sekretess"),
        ("p", "Leverantören ska följa sekretesslagen."),
    ]
    header = ["2024070002 Avrop Systemförvaltare\tPublicerad 2024-07-01 08:00"]
    pages = [[("p", "Upphandlingsdokument")], region, [("p", "Bilagor lämnas separat.")]]
    path = draw_pdf(tmp_path / "weights.pdf", pages, header=header, header_from=2)
    [role] = extract_spec(path).to_json()["roles"]
    got = {r["text"]: (r["obligation"], r["weight"]) for r in role["requirements"]}
    assert got == {
        "minst två (2) års erfarenhet av systemförvaltning": ("must", None),
        "erfarenhet av ITIL": ("should", "20 %"),
        "erfarenhet av upphandling (10 poäng)": ("should", "10 poäng"),
        "Konsulten bör ha erfarenhet av regional förvaltning.": ("should", "20 %"),
        "Det är meriterande om konsulten har erfarenhet av Kubernetes, 5 poäng.": ("should", "5 poäng"),
    }
    assert role["level"] == 3
    scopes = {r["text"]: r["any_of"][0][0]["scope"] for r in role["requirements"]}
    assert scopes["erfarenhet av upphandling (10 poäng)"] == "av upphandling"  # the weight is no scope
    assert scopes["Det är meriterande om konsulten har erfarenhet av Kubernetes, 5 poäng."] == "av Kubernetes"


def test_a_text_dump_of_a_call_off_reads_to_the_same_role(tmp_path: Path) -> None:
    """A dump without blank lines: the running header recurs with its case number and timestamp,
    numbered headings start sections, a header line before a heading does not take it along."""
    header = "2024050012 Avrop Testledare Publicerad 2024-05-03 09:41"
    lines = [
        "Upphandlingsdokument",
        "1. Avropsförfrågan",
        "1.1 Avropsförfrågan Testledare",
        "Detta är en avropsförfrågan som genomförs med förnyad konkurrensutsättning.",
        "Sida 1/3",
        header,
        "1.10 Krav på anbudsgivare",
        "1.10.1 Efterfrågad roll och nivå",
        "Offererad konsult ska vara på nivå 4.",
        "1.10.2 Ska-krav på offererad konsult",
        "Den offererade konsulten ska uppfylla nedan ställda krav:",
        "• Konsulten ska ha minst tre (3) års erfarenhet av testledning.",
        "• Konsulten ska ha erfarenhet av testautomatisering i Cypress.",
        "Sida 2/3",
        header,
        "1.11 Sekretess",
        "Leverantören ska följa sekretesslagen.",
        "Sida 3/3",
        header,
    ]
    path = tmp_path / "avrop.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = extract_spec(path).to_json()
    assert spec["document"]["kind"] == "call_off"
    assert (spec["document"]["title"], spec["document"]["reference"]) == ("Avrop Testledare", "2024050012")
    [role] = spec["roles"]
    assert (role["name"], role["level"]) == ("Testledare", 4)
    assert _texts(role) == [
        "Konsulten ska ha minst tre (3) års erfarenhet av testledning.",
        "Konsulten ska ha erfarenhet av testautomatisering i Cypress.",
    ]
