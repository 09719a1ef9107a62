"""Knowledge evidence: contact labels and addresses are no evidence; product names glued to their
version number match their product."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.kinds.knowledge import contact_label
from pipeline.match.screen import RoleResult, screen_cv
from pipeline.nlp.compounds import tokens
from pipeline.nlp.lexicon import TextIndex, concepts
from pipeline.spec.model import Spec

AS_OF = (2026, 11)


@pytest.fixture(scope="module")
def spec(seed_spec_json: Path) -> Spec:
    return Spec.from_json(json.loads(seed_spec_json.read_text(encoding="utf-8")))


def _screen(tmp_path: Path, spec: Spec, text: str) -> RoleResult:
    path = tmp_path / "cv.txt"
    path.write_text(text, encoding="utf-8")
    return screen_cv(path, [r for r in spec.roles if r.name == "Helpdesk 1"], AS_OF)[0]


def _knowledge(result: RoleResult, word: str) -> tuple[str, str, list[str]]:
    req = next(r for r in result.requirements if r.kind == "knowledge" and word in r.text)
    [cond] = req.alternatives[0]
    return req.status, cond.explanation, [e.quote for e in cond.evidence]


CONTACT_CV = """Kim Kontaktsson
{contact}
Erfarenhet
Helpdesk, Acme AB 2020-01 – 2024-12
Datorer, skrivare och kringutrustning, Windows, nätverk, informationssäkerhet, ServiceNow
Utbildning
Teknikprogrammet, Ö gymnasium 2010 – 2013
Språk
Svenska – modersmål
"""


@pytest.mark.parametrize(
    "contact",
    [
        "Telefon: 070-123 45 67\nE-post: kim@example.se",
        "Email: kim@example.com | Phone: +46 70 123 45 67",
        "Tel: (08) 123 456 78, Mail: kim.k@example.org",
        "Kontakt: kim.telefon@example.se",
    ],
)
def test_contact_labels_are_no_evidence_of_communication(tmp_path: Path, spec: Spec, contact: str) -> None:
    status, why, quotes = _knowledge(
        _screen(tmp_path, spec, CONTACT_CV.format(contact=contact)), "kommunikation"
    )
    assert status == "unknown" and "kommunikation" in why
    assert quotes and not any(
        q.lower() in {"telefon", "e-post", "email", "phone", "mail", "tel"} for q in quotes
    )


def test_the_same_words_as_skills_are_evidence(tmp_path: Path, spec: Spec) -> None:
    cv = (
        CONTACT_CV.format(contact="Telefon: 070-123 45 67")
        + "Kunskaper\nSupport via telefon, e-post och chatt\n"
    )
    status, _, quotes = _knowledge(_screen(tmp_path, spec, cv), "kommunikation")
    assert status == "met" and "telefon" in quotes and "Telefon" not in quotes  # the skill, not the label


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Telefon: 070-123 45 67", (0, 7), True),
        ("E-post:kim@example.se", (0, 6), True),
        ("Webb: www.example.se", (0, 4), True),
        ("Kommunikation: Teams, Skype", (0, 13), False),
        ("kim.mail@example.se", (4, 8), True),
        ("Telefoni: växel och IP-telefoni", (0, 8), False),
    ],
)
def test_contact_label_reads_the_value_after_the_label(text: str, span: tuple[int, int], label: bool) -> None:
    assert contact_label(text, span) is label


@pytest.mark.parametrize(
    ("text", "concept", "surface"),
    [
        ("Office365", "office_suites", "Office365"),
        ("Microsoft365 och Teams", "office_suites", "Microsoft365"),
        ("Windows10, Windows11", "operating_systems", "Windows"),
        ("MS Office365", "office_suites", "MS Office"),
    ],
)
def test_glued_product_names_match_their_product(text: str, concept: str, surface: str) -> None:
    hits = TextIndex(text).find_concept(concepts()[concept])
    assert hits and hits[0].surface == surface


def test_a_glued_version_splits_into_name_and_number() -> None:
    words = [(t.text, t.start, t.end) for t in tokens("Office365 Win10")]
    assert ("office", 0, 6) in words and ("365", 6, 9) in words and ("office365", 0, 9) in words
    assert ("win", 10, 13) in words and ("10", 13, 15) in words
    # a short code is no product name with a version
    assert [t.text for t in tokens("S4")] == ["s4"]


def test_an_employers_name_is_no_evidence_but_the_work_described_is(tmp_path: Path, spec: Spec) -> None:
    cv = CONTACT_CV.format(contact="").replace(
        "Helpdesk, Acme AB 2020-01 – 2024-12", "Helpdesk, Nordic Communication AB 2020-01 – 2024-12"
    )
    status, why, quotes = _knowledge(_screen(tmp_path, spec, cv), "kommunikation")
    assert status == "unknown" and "kommunikation" in why and "Communication" not in quotes
    described = cv.replace("ServiceNow", "ServiceNow, datakommunikation")
    status, _, quotes = _knowledge(_screen(tmp_path, spec, described), "kommunikation")
    assert status == "met" and "datakommunikation" in quotes
