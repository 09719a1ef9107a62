"""The extract path on the shipped samples and on generated PDFs with other layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SPECS
from pdfgen import draw_pdf

from pipeline.spec.extract import extract_spec


def _gold(stem: str) -> dict:
    return json.loads((SPECS / f"{stem}.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "stem", ["kravspecifikation-it-tjanster", "kravspecifikation-informationssakerhetstjanster"]
)
def test_sample_pdf_extracts_exactly_to_gold(stem: str) -> None:
    gold = _gold(stem)
    assert _like(extract_spec(SPECS / f"{stem}.pdf").to_json(), gold) == gold


def _like(pred: object, gold: object) -> object:
    """``pred`` with only the keys ``gold`` has, at every level: the contract allows extra fields
    (resolved scopes, obligation, level, document kind); every gold field must be there and equal."""
    if isinstance(pred, dict) and isinstance(gold, dict):
        return {k: _like(pred[k], gold[k]) if k in pred else "<missing>" for k in gold}
    if isinstance(pred, list) and isinstance(gold, list) and len(pred) == len(gold):
        return [_like(p, g) for p, g in zip(pred, gold, strict=True)]
    return pred


def test_seed_scopes_are_resolved_per_role_in_the_json() -> None:
    spec = extract_spec(SPECS / "kravspecifikation-it-tjanster.pdf").to_json()
    resolved = {
        (role["name"], cond["scope"]): (cond["occupation"], cond["scope_terms"])
        for role in spec["roles"]
        for req in role["requirements"]
        for alt in req["any_of"]
        for cond in alt
        if cond["kind"] == "experience"
    }
    assert resolved[("Helpdesk 1", "inom yrkeskategorin")] == ("helpdesk", [])
    assert resolved[("IT-Tekniker 1", "som IT-tekniker")] == ("it_technician", ["IT-tekniker"])
    assert resolved[("Helpdesk 2", "från liknande arbete")] == ("helpdesk", [])


def test_text_dump_extracts_to_the_same_content_as_the_pdf() -> None:
    from_pdf = extract_spec(SPECS / "kravspecifikation-it-tjanster.pdf").to_json()
    from_txt = extract_spec(SPECS / "kravspecifikation-it-tjanster.txt").to_json()
    assert from_txt["roles"] == from_pdf["roles"]
    for key in ("title", "issuer", "reference", "date"):
        assert from_txt["document"][key] == from_pdf["document"][key]
    assert from_txt["document"]["pages"] is None
    assert from_pdf["document"]["pages"] == 3


def test_text_dump_header_block_inside_task_list_is_removed() -> None:
    spec = extract_spec(SPECS / "kravspecifikation-it-tjanster.txt")
    tasks = spec.roles[3].tasks
    assert tasks[4] == (
        "sköta datakommunikation, drift och datasäkerhet i större nätverksmiljöer med datorer på olika orter "
        "och också i globala nätverk"
    )
    assert not any("Sid" in t or "Dnr" in t or "Inköpscentral" in t for r in spec.roles for t in r.tasks)


TASKS = ["I denna tjänst kan nedan arbetsuppgifter förekomma;"]
REQS = ["Erbjuden konsult ska uppfylla nedan kompetenskrav;"]


def _role(name: str, tasks: list[str], reqs: list[str], kind: str = "h2") -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = [(kind, name), ("h3", "Arbetsuppgifter"), ("p", TASKS[0])]
    items += [("b", t) for t in tasks]
    items += [("h3", "Kompetenskrav"), ("p", REQS[0])]
    items += [("b", r) for r in reqs]
    return items


def test_footer_only_page_numbers_numbered_headings_and_break_inside_bullet(tmp_path: Path) -> None:
    page1 = [
        ("h1", "1 Inledning"),
        ("p", "Detta dokument beskriver kompetensprofilerna i ramavtalet."),
        ("h1", "3 Kompetensområden"),
        ("h2", "3.1 Systemutvecklare 1"),
        ("h3", "Arbetsuppgifter"),
        ("p", TASKS[0]),
        ("b", "utveckla och förvalta system"),
        ("b", "delta i kodgranskning och testning av"),
    ]
    page2 = [
        ("c", "nya funktioner i verksamhetens system"),
        ("h3", "Kompetenskrav"),
        ("p", REQS[0]),
        ("b", "minst tre år som systemutvecklare"),
        ("b", "goda kunskaper i Java eller C#"),
        ("h2", "3.2 Systemutvecklare 2"),
    ]
    page3 = [
        ("h3", "Arbetsuppgifter"),
        ("p", TASKS[0]),
        ("b", "leda utvecklingsteam"),
        ("h3", "Kompetenskrav"),
        ("p", REQS[0]),
        ("b", "minst arton (18) månaders arbetslivserfarenhet som systemutvecklare"),
        ("h1", "4 Övrigt"),
        ("p", "Avtalet gäller i två år."),
    ]
    pdf = draw_pdf(
        tmp_path / "spec.pdf", [page1, page2, page3], footer=["Sida {page} av {pages}"], title="Spec"
    )
    spec = extract_spec(pdf)
    assert [r.name for r in spec.roles] == ["Systemutvecklare 1", "Systemutvecklare 2"]
    first = spec.roles[0]
    assert first.tasks == [
        "utveckla och förvalta system",
        "delta i kodgranskning och testning av nya funktioner i verksamhetens system",
    ]
    assert [r.text for r in first.requirements] == [
        "minst tre år som systemutvecklare",
        "goda kunskaper i Java eller C#",
    ]
    assert first.requirements[0].any_of[0][0].min_months == 36
    second = spec.roles[1]
    assert second.tasks == ["leda utvecklingsteam"]  # a page break between heading and first bullet
    assert second.requirements[0].any_of[0][0].min_months == 18
    assert all(not r.notes for r in spec.roles)


def test_header_with_word_date_unlabelled_reference_and_dash_bullets(tmp_path: Path) -> None:
    header = [
        "Myndigheten för digital förvaltning    20 maj 2024    ",
        "Kravspecifikation Konsulttjänster    2024/00123",
    ]
    body = _role(
        "Drifttekniker", ["övervaka servrar", "hantera incidenter"], ["gymnasium eller likvärdig utbildning"]
    )
    body2 = _role(
        "Nätverkstekniker",
        ["konfigurera switchar"],
        ["minst två (2) års arbetslivserfarenhet som nätverkstekniker"],
    )
    pdf = draw_pdf(tmp_path / "dash.pdf", [body, body2], header=["{page} (" + "{pages})", *header], glyph="–")
    spec = extract_spec(pdf)
    assert spec.document.date == "2024-05-20"
    assert spec.document.reference == "2024/00123"
    assert spec.document.issuer == "Myndigheten för digital förvaltning"
    assert spec.document.title == "Kravspecifikation Konsulttjänster"
    assert [r.name for r in spec.roles] == ["Drifttekniker", "Nätverkstekniker"]
    assert spec.roles[0].tasks == ["övervaka servrar", "hantera incidenter"]
    assert spec.roles[1].requirements[0].any_of[0][0].scope == "som nätverkstekniker"


def test_two_line_heading_sub_bullets_and_renewed_competition_role_with_tasks(tmp_path: Path) -> None:
    page = [
        ("h1", "Krav på kompetenser"),
        *_role("Testare", ["testa system"], ["goda kunskaper om testverktyg"]),
        ("h2", "Kompetenser som avropas enbart via förnyad konkurrensutsättning"),
        ("h3", "Verksamhetsutvecklare med inriktning mot"),
        ("h3c", "digitalisering"),
        ("h3", "Arbetsuppgifter"),
        ("p", TASKS[0]),
        ("b", "driva förändringsarbete"),
        ("h3", "Kompetenskrav"),
        ("p", REQS[0]),
        ("b", "något av följande:"),
        ("sb", "högskoleutbildning inom systemvetenskap"),
        ("sb", "minst fem (5) års arbetslivserfarenhet som verksamhetsutvecklare"),
        ("p", "Kompetenskrav kan kompletteras vid avrop."),
    ]
    spec = extract_spec(draw_pdf(tmp_path / "two.pdf", [page], header=["Sid {page} ({pages})"]))
    assert [(r.name, r.call_off) for r in spec.roles] == [
        ("Testare", "direct"),
        ("Verksamhetsutvecklare med inriktning mot digitalisering", "renewed_competition"),
    ]
    role = spec.roles[1]
    assert role.tasks == ["driva förändringsarbete"]
    req = role.requirements[0]
    assert req.text == (
        "något av följande: högskoleutbildning inom systemvetenskap "
        "minst fem (5) års arbetslivserfarenhet som verksamhetsutvecklare"
    )
    assert [[c.kind for c in alt] for alt in req.any_of] == [["education"], ["experience"]]
    assert req.any_of[0][0].field == "systemvetenskap"
    assert req.any_of[1][0].min_months == 60
    assert role.notes == ["Kompetenskrav kan kompletteras vid avrop."]


def test_sub_bullets_that_complete_a_lead_ending_in_a_preposition_are_one_condition_each(
    tmp_path: Path,
) -> None:
    """ "Ha god kunskap om" + sub-bullets stays one item (§1); each sub-bullet is one topic, as with
    a lead ending in ":"."""
    page = [
        ("h1", "Krav på kompetenser"),
        ("h2", "Systemutvecklare"),
        ("h3", "Kompetenskrav"),
        ("b", "Ha minst tre (3) års erfarenhet av utveckling i"),
        ("sb", "Python"),
        ("sb", "Rust"),
        ("b", "Ha god kunskap om"),
        ("sb", "Visual Studio"),
        ("sb", "Arbeta med Git"),
    ]
    spec = extract_spec(draw_pdf(tmp_path / "subs.pdf", [page]))
    experience, knowledge = spec.roles[0].requirements
    assert experience.text == "Ha minst tre (3) års erfarenhet av utveckling i Python Rust"
    assert [(c.min_months, c.scope) for c in experience.any_of[0]] == [
        (36, "av utveckling i Python"),
        (36, "av utveckling i Rust"),
    ]
    assert knowledge.text == "Ha god kunskap om Visual Studio Arbeta med Git"
    assert [(c.level, c.topics) for c in knowledge.any_of[0]] == [
        ("god", ["Visual Studio"]),
        ("god", ["Arbeta med Git"]),
    ]


def test_a_section_numbered_as_the_roles_part_after_a_group_of_roles_is_no_role(tmp_path: Path) -> None:
    """ "3 Övriga villkor" after the roles of "2 Krav på kompetenser" (and its group of renewed-
    competition roles at the same heading size) belongs to no role (§1)."""
    page = [
        ("h1", "Kravspecifikation Drifttjänster"),
        ("h2", "1 Inledning"),
        ("p", "Denna kravspecifikation beskriver kompetensområdena."),
        ("h2", "2 Krav på kompetenser"),
        *_role("Drifttekniker", ["övervaka servrar"], ["gymnasium eller likvärdig utbildning"], kind="h3"),
        ("h2", "Kompetenser som avropas enbart via förnyad konkurrensutsättning"),
        *_role("Säkerhetstekniker", ["skanna sårbarheter"], ["kunskaper om loggning"], kind="h3"),
        ("h2", "3 Övriga villkor"),
        ("p", "Leverantören ansvarar för att konsulterna har de verktyg som krävs."),
    ]
    spec = extract_spec(draw_pdf(tmp_path / "part.pdf", [page]))
    assert [(r.name, r.call_off) for r in spec.roles] == [
        ("Drifttekniker", "direct"),
        ("Säkerhetstekniker", "renewed_competition"),
    ]
    assert all(not r.notes for r in spec.roles)


def test_a_bullets_second_line_in_type_larger_than_the_body_is_no_heading(tmp_path: Path) -> None:
    """A list set a point larger than the body text: the bullet's wrapped line stays in the bullet."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "larger.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780.0

    def line(x: float, text: str, size: float, font: str = "Helvetica") -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(x, y, text)
        y -= size * 1.4

    line(56, "Krav på kompetenser", 14, "Helvetica-Bold")
    line(56, "Databasadministratör", 12, "Helvetica-Bold")
    line(56, "Arbetsuppgifter", 10, "Helvetica-Bold")
    line(56, "I denna tjänst kan nedan arbetsuppgifter förekomma;", 11)
    line(70, "• driva utvecklingen av databaser byggda på PostgreSQL", 11)
    line(82, "plattformen", 11)
    line(70, "• ta fram rutiner för säkerhetskopiering", 11)
    line(56, "Kompetenskrav", 10, "Helvetica-Bold")
    line(56, "Erbjuden konsult ska uppfylla nedan kompetenskrav;", 11)
    line(70, "• goda kunskaper om PostgreSQL", 11)
    for n in range(12):
        line(56, f"Villkor {n + 1}: leverantören ansvarar för konsultens arbetsmiljö och utrustning.", 9)
    c.showPage()
    c.save()
    [role] = extract_spec(path).roles
    assert role.tasks == [
        "driva utvecklingen av databaser byggda på PostgreSQL plattformen",
        "ta fram rutiner för säkerhetskopiering",
    ]


def test_one_of_the_following_inside_a_condition_gives_its_choices_and_min_count_one(tmp_path: Path) -> None:
    page = _role(
        "Systemutvecklare",
        ["utveckla system"],
        [
            "minst två (2) års erfarenhet av någon av följande: Java, C# eller Python",
            "goda kunskaper om någon av följande: Jira, Confluence eller Trello",
        ],
    )
    spec = extract_spec(draw_pdf(tmp_path / "choices.pdf", [[("h1", "Krav på kompetenser"), *page]]))
    experience, knowledge = (r.any_of[0][0] for r in spec.roles[0].requirements)
    assert (experience.min_months, experience.scope, experience.min_count) == (24, "Java, C# eller Python", 1)
    assert (knowledge.topics, knowledge.min_count) == (["Jira", "Confluence", "Trello"], 1)


def test_an_education_field_that_is_a_suspended_compound_stays_whole(tmp_path: Path) -> None:
    page = _role(
        "Systemvetare",
        ["analysera system"],
        ["högskoleutbildning inom data- och systemvetenskap eller likvärdig utbildning"],
    )
    spec = extract_spec(draw_pdf(tmp_path / "field.pdf", [[("h1", "Krav på kompetenser"), *page]]))
    [condition] = spec.roles[0].requirements[0].any_of[0]
    assert (condition.level, condition.field, condition.or_equivalent) == (
        "högskola",
        "data- och systemvetenskap",
        True,
    )


def test_output_is_deterministic(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    outputs = []
    for run in ("a", "b"):
        result = CliRunner().invoke(
            main, ["extract", str(SPECS / "kravspecifikation-it-tjanster.pdf"), "-o", str(tmp_path / run)]
        )
        assert result.exit_code == 0, result.output
        outputs.append(
            (
                (tmp_path / run / "kravspecifikation-it-tjanster.json").read_bytes(),
                (tmp_path / run / "kravspecifikation-it-tjanster.csv").read_bytes(),
            )
        )
    assert outputs[0] == outputs[1]


def test_csv_has_one_row_per_item_with_typed_fields(tmp_path: Path) -> None:
    import pandas as pd
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(
        main, ["extract", str(SPECS / "kravspecifikation-it-tjanster.pdf"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0
    frame = pd.read_csv(tmp_path / "kravspecifikation-it-tjanster.csv")
    hd2 = frame[(frame.role == "Helpdesk 2") & (frame.section == "requirement") & (frame.position == 1)]
    assert list(hd2.condition_kind) == ["education", "experience", "education", "experience"]
    assert list(hd2.min_months.dropna().astype(int)) == [12, 24]
    assert set(frame.section) == {"task", "requirement", "note"}
    assert (frame[frame.section == "task"].role == "Helpdesk 1").sum() == 4


def test_extract_path_imports_no_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline.spec.extract import extract_spec\n"
        f"extract_spec({str(SPECS / 'kravspecifikation-it-tjanster.pdf')!r})\n"
        "print('spacy' in sys.modules, 'thinc' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_letterhead_and_labelled_first_page_lines_give_the_document_fields(tmp_path: Path) -> None:
    """No running header: an all-capitals letterhead (written in the running text's case), a
    labelled reference and a date written in words on the first page."""
    pages = [
        [
            ("p", "EXEMPELVERKETS INKÖPSENHET"),
            ("p", "Diarienummer: 24.1-0815-24"),
            ("p", "Datum: 3 mars 2025"),
            ("h1", "Kravspecifikation Exempeltjänster"),
            ("p", "Exempelverkets inköpsenhet upphandlar konsulter inom följande roller."),
            ("h2", "Testare 1"),
            ("h3", "Kompetenskrav"),
            ("p", "Erbjuden konsult ska uppfylla nedan kompetenskrav;"),
            ("b", "minst ett (1) års arbetslivserfarenhet inom yrkeskategorin"),
        ]
    ]
    doc = extract_spec(draw_pdf(tmp_path / "letterhead.pdf", pages)).to_json()["document"]
    assert doc["kind"] == "specification"
    assert doc["issuer"] == "Exempelverkets inköpsenhet"
    assert doc["reference"] == "24.1-0815-24"
    assert doc["date"] == "2025-03-03"
    assert doc["title"] == "Kravspecifikation Exempeltjänster"


def test_a_call_off_rule_outside_the_roles_sections_names_its_roles(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation Exempeltjänster"),
            ("h2", "Avropsformer"),
            ("p", "Rollerna Testledare och Arkitekt avropas endast genom förnyad konkurrensutsättning."),
            ("h2", "Testare"),
            ("h3", "Kompetenskrav"),
            ("b", "minst ett (1) års arbetslivserfarenhet som testare"),
            ("h2", "Testledare"),
            ("h3", "Kompetenskrav"),
            ("b", "minst tre (3) års arbetslivserfarenhet som testledare"),
        ]
    ]
    roles = extract_spec(draw_pdf(tmp_path / "rule.pdf", pages)).to_json()["roles"]
    assert [(r["name"], r["call_off"]) for r in roles] == [
        ("Testare", "direct"),
        ("Testledare", "renewed_competition"),
    ]


def test_a_merits_section_gives_should_requirements_with_their_weight(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation Exempeltjänster"),
            ("h2", "Testledare"),
            ("h3", "Kompetenskrav"),
            ("b", "minst tre (3) års arbetslivserfarenhet som testledare"),
            ("h3", "Meriterande"),
            ("b", "certifiering som ISTQB Advanced (10 poäng)"),
            ("b", "erfarenhet av testautomatisering"),
        ]
    ]
    [role] = extract_spec(draw_pdf(tmp_path / "merits.pdf", pages)).to_json()["roles"]
    assert [(r["obligation"], r["weight"]) for r in role["requirements"]] == [
        ("must", None),
        ("should", "10 poäng"),
        ("should", None),
    ]


def test_a_specification_whose_title_speaks_of_call_offs_stays_a_specification(tmp_path: Path) -> None:
    pages = [
        [
            ("h1", "Kravspecifikation för avrop av IT-tjänster"),
            ("h2", "Testare"),
            ("h3", "Arbetsuppgifter"),
            ("b", "testa system"),
            ("h3", "Kompetenskrav"),
            ("b", "minst ett (1) års arbetslivserfarenhet som testare"),
        ]
    ]
    spec = extract_spec(draw_pdf(tmp_path / "avrop-spec.pdf", pages)).to_json()
    assert spec["document"]["kind"] == "specification"
    assert [(r["name"], r["call_off"]) for r in spec["roles"]] == [("Testare", "direct")]
