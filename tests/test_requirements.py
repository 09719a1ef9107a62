"""The requirement parser over many phrasings: kinds, alternatives, numbers, levels, topics."""

from __future__ import annotations

import pytest

from pipeline.spec.grammar import months_of, split_list
from pipeline.spec.requirements import parse_requirement

RESOLVED = ("occupation", "scope_terms")  # filled in per role at extraction; tested in test_scopes.py


def conds(text: str) -> list[list[dict]]:
    """The contract's fields of each condition (the resolved scope fields left out)."""
    return [
        [{k: v for k, v in c.to_json().items() if k not in RESOLVED} for c in alt]
        for alt in parse_requirement(text).any_of
    ]


EXPERIENCE = [
    ("minst sex (6) månaders arbetslivserfarenhet inom yrkeskategorin", 6, "inom yrkeskategorin"),
    ("ska ha minst ett (1) års arbetslivserfarenhet som IT-tekniker", 12, "som IT-tekniker"),
    ("minst arton (18) månader erfarenhet som systemförvaltare", 18, "som systemförvaltare"),
    ("tre år arbetslivserfarenhet av projektledning", 36, "av projektledning"),
    ("minst 2 års erfarenhet inom området", 24, "inom området"),
    ("minst 1,5 års erfarenhet som testledare", 18, "som testledare"),
    ("minst ett halvt års erfarenhet från liknande arbete", 6, "från liknande arbete"),
    ("minst tolv (12) månaders yrkeserfarenhet av supportarbete.", 12, "av supportarbete"),
    (
        "minst fyra (4) års arbetslivserfarenhet av dataskyddsarbete i offentlig sektor",
        48,
        "av dataskyddsarbete i offentlig sektor",
    ),
    ("minst tio år som arkitekt", 120, "som arkitekt"),
]


@pytest.mark.parametrize(("text", "months", "scope"), EXPERIENCE)
def test_experience(text: str, months: int, scope: str) -> None:
    req = parse_requirement(text)
    assert req.kind == "experience"
    assert conds(text) == [[{"kind": "experience", "min_months": months, "scope": scope}]]


EDUCATION = [
    ("gymnasium eller likvärdig utbildning", "gymnasium", None, True),
    ("gymnasium eller likvärdig kunskap", "gymnasium", None, True),
    ("högskoleutbildning inom IT", "högskola", "IT", False),
    ("högskoleutbildning inom juridik eller annan likvärdig utbildning", "högskola", "juridik", True),
    ("gymnasium eller likvärdig utbildning med inriktning mot IT", "gymnasium", "IT", True),
    ("universitetsexamen inom systemvetenskap", "högskola", "systemvetenskap", False),
    (
        "yrkeshögskoleutbildning inom nätverksteknik eller motsvarande",
        "yrkeshögskola",
        "nätverksteknik",
        True,
    ),
    ("eftergymnasial utbildning inom ekonomi", "högskola", "ekonomi", False),
]


@pytest.mark.parametrize(("text", "level", "field", "equivalent"), EDUCATION)
def test_education(text: str, level: str, field: str | None, equivalent: bool) -> None:
    assert conds(text) == [
        [{"kind": "education", "level": level, "field": field, "or_equivalent": equivalent}]
    ]


KNOWLEDGE = [
    (
        "goda kunskaper om datorer, kringutrustning, operativsystem, nätverk, kommunikation samt informationssäkerhet",
        "goda",
        ["datorer", "kringutrustning", "operativsystem", "nätverk", "kommunikation", "informationssäkerhet"],
        [],
        False,
    ),
    ("grundkunskaper i MS Office eller likvärdigt", "grund", ["MS Office"], [], True),
    (
        "kunskaper om ärendehanteringssystem (exempelvis Easit BPS eller Artologik Helpdesk)",
        None,
        ["ärendehanteringssystem"],
        ["Easit BPS", "Artologik Helpdesk"],
        False,
    ),
    (
        "goda kunskaper om lagstiftning som rör informationssäkerhet, exempelvis säkerhetsskyddslagen och NIS-direktivet",
        "goda",
        ["lagstiftning som rör informationssäkerhet"],
        ["säkerhetsskyddslagen", "NIS-direktivet"],
        False,
    ),
    ("mycket goda kunskaper om dataskyddsförordningen", "mycket goda", ["dataskyddsförordningen"], [], False),
    (
        "kunskaper om metoder för informationsklassning och riskanalys",
        None,
        ["metoder för informationsklassning", "riskanalys"],
        [],
        False,
    ),
    ("goda kunskaper i molntjänster, t.ex. Azure och AWS", "goda", ["molntjänster"], ["Azure", "AWS"], False),
    (
        "god kännedom om ITIL såsom incident- och problemhantering",
        "god",
        ["ITIL"],
        ["incident- och problemhantering"],
        False,
    ),
    ("grundläggande kunskaper om hård- och mjukvara", "grundläggande", ["hård- och mjukvara"], [], False),
    (
        "goda kunskaper inom nätverk (till exempel Cisco) eller likvärdigt",
        "goda",
        ["nätverk"],
        ["Cisco"],
        True,
    ),
]


@pytest.mark.parametrize(("text", "level", "topics", "examples", "equivalent"), KNOWLEDGE)
def test_knowledge(
    text: str, level: str | None, topics: list[str], examples: list[str], equivalent: bool
) -> None:
    assert conds(text) == [
        [
            {
                "kind": "knowledge",
                "level": level,
                "topics": topics,
                "examples": examples,
                "or_equivalent": equivalent,
            }
        ]
    ]


LANGUAGE = [
    ("kunna kommunicera obehindrat på svenska, såväl i tal som skrift.", [[(["sv"], ["tal", "skrift"])]]),
    (
        "kunna kommunicera obehindrat på svenska och engelska, såväl i tal som skrift.",
        [[(["sv", "en"], ["tal", "skrift"])]],
    ),
    (
        "behärska svenska i tal och skrift samt engelska i skrift",
        [[(["sv"], ["tal", "skrift"]), (["en"], ["skrift"])]],
    ),
    ("goda kunskaper i engelska", [[(["en"], [])]]),
    ("kunna kommunicera på finska i tal", [[(["fi"], ["tal"])]]),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE)
def test_language(text: str, expected: list) -> None:
    got = [[(c["languages"], c["modes"]) for c in alt] for alt in conds(text)]
    assert got == expected
    assert parse_requirement(text).kind == "language"


def test_alternatives_each_hold_education_and_experience() -> None:
    text = (
        "högskoleutbildning inom IT (till exempel högskoleingenjör med datainriktning) eller annan likvärdig "
        "IT-utbildning och minst ett (1) års arbetslivserfarenhet från liknande arbete. Alternativt, gymnasium "
        "eller likvärdig kunskap samt två (2) års arbetslivserfarenhet från liknande arbete"
    )
    req = parse_requirement(text)
    assert req.kind == "education"
    assert conds(text) == [
        [
            {"kind": "education", "level": "högskola", "field": "IT", "or_equivalent": True},
            {"kind": "experience", "min_months": 12, "scope": "från liknande arbete"},
        ],
        [
            {"kind": "education", "level": "gymnasium", "field": None, "or_equivalent": True},
            {"kind": "experience", "min_months": 24, "scope": "från liknande arbete"},
        ],
    ]


def test_varav_clause_adds_a_second_experience_condition() -> None:
    text = "minst fem (5) års arbetslivserfarenhet som arkitekt inom IT, varav minst två (2) år med inriktning mot säkerhetsarkitektur"
    assert conds(text) == [
        [
            {"kind": "experience", "min_months": 60, "scope": "som arkitekt inom IT"},
            {"kind": "experience", "min_months": 24, "scope": "med inriktning mot säkerhetsarkitektur"},
        ]
    ]


def test_plain_eller_is_not_an_alternative() -> None:
    assert (
        len(parse_requirement("certifiering som CISSP eller CISM eller likvärdig certifiering").any_of) == 1
    )
    assert len(parse_requirement("gymnasium eller likvärdig utbildning").any_of) == 1


@pytest.mark.parametrize(
    ("text", "names", "equivalent"),
    [
        ("certifiering som CISSP eller CISM eller likvärdig certifiering", ["CISSP", "CISM"], True),
        ("certifiering som CompTIA Security+ eller likvärdig certifiering", ["CompTIA Security+"], True),
        ("certifiering som CIPP/E eller likvärdig certifiering", ["CIPP/E"], True),
        ("certifiering inom ITIL 4 Foundation", ["ITIL 4 Foundation"], False),
    ],
)
def test_certifications_are_other(text: str, names: list[str], equivalent: bool) -> None:
    assert conds(text) == [[{"kind": "other", "certifications": names, "or_equivalent": equivalent}]]


@pytest.mark.parametrize(
    "text", ["B-körkort", "ska kunna genomgå säkerhetsprövning", "vara flexibel och lyhörd"]
)
def test_other(text: str) -> None:
    assert parse_requirement(text).kind == "other"


def test_choice_list_sub_bullets_are_alternatives() -> None:
    subs = ["kandidatexamen inom data", "minst fyra (4) års arbetslivserfarenhet som utvecklare"]
    req = parse_requirement("något av följande: " + " ".join(subs), subs)
    assert [[c.kind for c in alt] for alt in req.any_of] == [["education"], ["experience"]]


def test_number_words_and_split_list() -> None:
    assert months_of("sex (6)", "månaders") == 6
    assert months_of("ett (1)", "års") == 12
    assert months_of("arton (18)", "månader") == 18
    assert months_of("tre", "år") == 36
    assert split_list("datorer, skrivare samt nätverk och/eller telefoni") == [
        "datorer",
        "skrivare",
        "nätverk",
        "telefoni",
    ]


# Real requirement sentences (contract §1b): open scopes, counts, abilities, knowledge levels.
REAL = [
    (
        "Konsulten ska ha erfarenhet av Docker.",
        [[{"kind": "experience", "min_months": None, "scope": "av Docker"}]],
    ),
    (
        "Konsulten ska ha minst (3) års erfarenhet av att utforma och bygga REST-API:er.",
        [[{"kind": "experience", "min_months": 36, "scope": "av att utforma och bygga REST-API:er"}]],
    ),
    (
        "Konsulten ska ha minst haft tre (3) uppdrag inom vilka ingått att skriva teknisk dokumentation.",
        [[{"kind": "experience", "min_months": None, "scope": "att skriva teknisk dokumentation", "min_assignments": 3}]],
    ),
    (
        "Referensuppdraget ska ha omfattat att leda ett införandeprojekt.",
        [[{"kind": "experience", "min_months": None, "scope": "att leda ett införandeprojekt", "min_assignments": 1}]],
    ),
    (
        "goda kunskaper inom minst två (2) av följande områden: nätverk, lagring och virtualisering",
        [[{"kind": "knowledge", "level": "goda", "topics": ["nätverk", "lagring", "virtualisering"],
           "examples": [], "or_equivalent": False, "min_count": 2}]],
    ),
    (
        "vara så kunnig inom OAuth 2.0 att denne kan arbeta självständigt med att utforma lösningar.",
        [[{"kind": "knowledge", "level": "självständigt", "topics": ["OAuth 2.0"], "examples": [],
           "or_equivalent": False}]],
    ),
    (
        "Uppdraget kräver att konsulten besitter hög kompetens inom projektledning och identitet och åtkomst.",
        [[{"kind": "knowledge", "level": "hög", "topics": ["projektledning", "identitet och åtkomst"],
           "examples": [], "or_equivalent": False}]],
    ),
    (
        "Risk manager ska ha analytisk förmåga.",
        [[{"kind": "other", "topics": ["analytisk förmåga"]}]],
    ),
    (
        "kännedom om lagar och förordningar som styr offentlig verksamhet och arkivariers funktion.",
        [[{"kind": "knowledge", "level": None,
           "topics": ["lagar och förordningar som styr offentlig verksamhet och arkivariers funktion"],
           "examples": [], "or_equivalent": False}]],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), REAL)
def test_real_requirement_sentences(text: str, want: list) -> None:
    assert conds(text) == want


def test_kunskap_om_och_erfarenhet_av_gives_knowledge_and_experience_of_the_same_thing() -> None:
    [alt] = conds("Webbstrateg ska ha kunskap om och erfarenhet av sökmotoroptimering och tillgänglighet.")
    by_kind = {c["kind"]: c for c in alt}
    assert by_kind["knowledge"]["topics"] == ["sökmotoroptimering", "tillgänglighet"]
    assert by_kind["experience"] == {
        "kind": "experience",
        "min_months": None,
        "scope": "av sökmotoroptimering och tillgänglighet",
    }


def test_a_count_choice_over_sub_items_is_one_condition() -> None:
    req = parse_requirement("goda kunskaper inom minst två (2) av följande: A B C", ["A", "B", "C"])
    [[cond]] = req.any_of
    assert (cond.kind, cond.topics, cond.min_count) == ("knowledge", ["A", "B", "C"], 2)  # type: ignore[attr-defined]
