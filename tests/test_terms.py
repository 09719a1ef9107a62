"""Term extraction of open scopes (issue 12): what a call-off's scope or topic asks a CV to show.

Each expected reading is written as groups joined by " & " (all must be shown), alternatives by
" | " (one suffices), terms of one alternative by "+" (all in the same text), and "!" marks a group
that a verb of making stands before (the CV must say the thing was made, close to it). Terms are
the keys of models/lexicon/terms.yml synonyms, of the concept lexicon, or the word itself."""

from __future__ import annotations

import pytest

from pipeline.match.terms import ScopeTerms, find_term, scope_terms, shown, variants
from pipeline.nlp.lexicon import TextIndex


def _render(t: ScopeTerms) -> str:
    return " & ".join(
        " | ".join("+".join(x.key for x in a) for a in g.alternatives) + ("!" if g.made else "")
        for g in t.groups
    )


# Scopes and topics of real call-offs (Inera's avrop 11, 12, 15, 21, 22 and 25), as their
# requirement sentences write them.
SCOPES = [
    (
        "av att arbeta med och i Samverkansarkitektur, SOAP, Tjänstekontrakt i enlighet med gällande regelverk",
        "samverkansarkitektur & soap & tjänstekontrakt",
    ),
    (
        "ansvarig integrationsarkitekt i minst ett (1) projektet som har omfattat utförandet av anslutning av tjänst mot NTJP eller motsvarande regionala tjänsteplattformar",
        "responsible+integration_architecture+anslutning+tjänst+ntjp | responsible+integration_architecture+anslutning+tjänst+regionala+tjänsteplattformar",
    ),
    (
        "ansvarig för att leda ett förändringsarbete inom integration eller samverkansarkitektur",
        "responsible+lead+förändringsarbete+system_integration | responsible+lead+förändringsarbete+samverkansarkitektur",
    ),
    (
        "av fullstackutveckling i iQuery/React/Preact/Vue",
        "development+iquery | development+react | development+preact | development+vue",
    ),
    (
        "att ha en ledande roll i projekt och bedriva utveckling både på egen hand och i team",
        "lead & development+independent & team",
    ),
    (
        "av att använda Microsoft Azure DevOps och ha goda kunskaper i Git som versionshanterare",
        "azure_devops & git+version_control",
    ),
    ("av att utveckla och beskriva en metodik för införandestöd", "metodik+införandestöd!"),
    ("av att ha utformat integrationsarkitektur", "integration_architecture!"),
    ("av att utforma och bygga REST-API:er", "rest_api!"),
    ("av att skriva applikationer i Python", "python!"),
    ("av Docker", "docker"),
    ("av att skriva applikationer inom området systemintegration", "system_integration!"),
    ("att skriva teknisk dokumentation", "technical_documentation!"),
    ("ansvarig för utformande av integrationsarkitektur", "responsible+integration_architecture"),
    ("av att leda utvecklingen av IdP (Identity provider) lösning", "lead+development+idp"),
    (
        "av att leda flera olika team inom en organisation och externa parter mot samma mål",
        "lead+team & external+parties",
    ),
    (
        "av framtagandet för lösningar som följer Referensarkitekturen för Identitet och åtkomst för nationell eHälsa i Sverige",
        "ra_identity_access",
    ),
    ("RIV Tekniska anvisningar för nationell eHälsa i Sverige", "riv_ta"),
    (
        "av framtagande för lösningar som följer Referensarkitektur för elektronisk underskrift och stämpel för nationell eHälsa i Sverige",
        "ra_signature",
    ),
    ("SAML2, OAuth2.0, OIDC", "saml2 & oauth2 & oidc"),
    (
        "att leda utvecklingen av IdP (Identity provider) lösning som följer Referensarkitekturen för Identitet och åtkomst för nationell eHälsa i Sverige",
        "lead+development+idp+ra_identity_access",
    ),
    ("projektledning", "project_management"),
    ("identitet och åtkomst", "identity_access"),
    (
        "OAuth2-baserad åtkomsthantering för maskin-till-maskin-kommunikation",
        "oauth2+access_management+machine_to_machine",
    ),
    (
        "av att utforma och realisera OAuth2-baserad åtkomsthantering för maskin-till-maskin-kommunikation",
        "oauth2+access_management+machine_to_machine!",
    ),
    ("OAuth 2.0", "oauth2"),
    (
        "utformat och varit med vid realisering av OAuth2-baserad åtkomsthantering för maskin-till-maskin-kommunikation via REST",
        "oauth2+access_management+machine_to_machine+rest_api!",
    ),
    ("av att ta OAuth2-lösningar från utformning till produktion", "oauth2+production"),
    (
        "av att utforma OAuth2-lösningar som är enkla att drifta och administrera",
        "oauth2+simple+operate! & administer",
    ),
    (
        "ansvarig för att utforma och realisera OAuth2-baserad åtkomsthantering för maskin-till-maskin-kommunikation",
        "responsible+oauth2+access_management+machine_to_machine!",
    ),
    ("av OAuth2 i större community lösningar med många parter", "oauth2+community+many_parties"),
    ("av OAuth2 service discovery via metadata", "oauth2+service_discovery"),
    ("av fullstackutveckling i C#", "development+csharp"),
    ("av fullstackutveckling i JavaScript", "development+javascript"),
    ("av fullstackutveckling i SQL", "development+sql"),
    ("av fullstackutveckling i jQuery", "development+jquery"),
    ("Visual studio", "visual_studio"),
    ("Azure DevOps", "azure_devops"),
    ("Arbeta med Git", "git"),
    ("Att integrera med REST-basreade WebAPI:er", "system_integration+rest_api+web_api"),
    (
        "utfört uppdrag inom Microsoft infrastrukturplattform (Windows/SCCM/Active Directory/Windows Azure m.m.)",
        "microsoft_infrastructure | windows | sccm | active_directory | windows_azure",
    ),
    (
        "självständigt och i team, utvecklat verktyg för klienthantering och Configuration Manager i följande utvecklingsspråk: C# och C++",
        "independent & team & verktyg+client_management! & sccm+development+csharp & c++",
    ),
    ("av att arbeta med React och FluentUI", "react & fluentui"),
    (
        "av att arbeta med JavaScript, .Net Framework/.Net Core, SQL samt integration mot Microsoft System Center Configuration Manager",
        "javascript & dotnet & sql & system_integration+sccm",
    ),
    ("av att arbeta med Microsoft Azure DevOps", "azure_devops"),
    ("av att arbeta med GIT som versionshanterare", "git+version_control"),
    ("av att bedriva arbete både självständigt och i Team", "independent & team"),
    ("om klientplattformskomponenter, framför allt Sysman", "client_platform | sysman"),
    ("av utveckling i C#", "development+csharp"),
    ("av att arbeta med Windows 10 eller senare och dess komponenter", "windows"),
    ("av att utveckla klientplattformskomponenter inom offentlig sektor", "client_platform+public_sector!"),
    (
        "av att arbeta med NTJP eller motsvarande regionala tjänsteplattformar",
        "ntjp | regionala+tjänsteplattformar",
    ),
    ("av att arbeta med patientdatalagen", "patient_data_act"),
    (
        "av att arbeta som IT-arkitekt och IT-processledare inom offentlig sektor",
        "it_architect & process_lead+public_sector",
    ),
    ("av att arbeta med tjänsten Säker digital kommunikation (SDK)", "sdk"),
    ("av att arbeta som projektledare i offentlig sektor", "project_management+public_sector"),
    ("av att etablera samverkansformer med externa parter", "samverkansformer+external+parties"),
    ("av att strukturerat leda projekt", "lead"),
]


@pytest.mark.parametrize(("scope", "expected"), SCOPES)
def test_scope_terms_of_real_call_offs(scope: str, expected: str) -> None:
    assert _render(scope_terms(scope)) == expected


def test_at_least_forty_real_scopes_are_covered() -> None:
    assert len({s for s, _ in SCOPES}) >= 40


@pytest.mark.parametrize(
    ("form", "spellings"),
    [
        ("OAuth 2.0", {"oauth 2.0", "oauth2", "oauth 2", "oauth2.0"}),
        ("OAuth2", {"oauth2", "oauth 2", "oauth2.0", "oauth 2.0"}),
        ("SAML2", {"saml2", "saml 2", "saml2.0", "saml 2.0"}),
        ("REST-API:er", {"rest-api", "rest api"}),
        ("Windows 10", {"windows 10", "windows10", "windows 10.0", "windows10.0"}),
    ],
)
def test_product_versions_and_suffixes_are_normalised(form: str, spellings: set[str]) -> None:
    assert spellings <= set(variants(form))


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        ("OAuth 2.0", "Skyddade API:erna med OAuth2 client credentials."),
        ("OAuth2.0", "Implemented the OAuth 2.0 authorization code flow."),
        ("av att utforma och bygga REST-API:er", "Designade och byggde REST-API:er för partner."),
        ("av att utforma och bygga REST-API:er", "Designed and built RESTful APIs (OpenAPI)."),
        ("av att utforma och bygga REST-API:er", "API-design och -utveckling med REST (OpenAPI 3.1)."),
        ("av Docker", "Integrationstjänsterna körs i Docker-containrar."),
        ("av fullstackutveckling i C#", "Fullstackutveckling i C#/.NET och React."),
        ("att skriva teknisk dokumentation", "Dokumenterade arkitektur och gränssnitt."),
        ("att skriva teknisk dokumentation", "Wrote the technical documentation and runbooks."),
        ("ansvarig för utformande av integrationsarkitektur", "Owned the design of the integration architecture."),
        ("ansvarig för utformande av integrationsarkitektur", "Huvudansvarig för integrationsarkitekturen."),
        ("av att ha utformat integrationsarkitektur", "Integrationsarkitekt, Region Norr"),
        ("identitet och åtkomst", "Identitets- och åtkomsthantering (IAM)"),
        ("RIV Tekniska anvisningar för nationell eHälsa i Sverige", "Tjänstekontrakt enligt RIV-TA."),
        (
            "utformat och varit med vid realisering av OAuth2-baserad åtkomsthantering för "
            "maskin-till-maskin-kommunikation via REST",
            "Designed and helped implement OAuth2 protection of REST APIs for service-to-service calls.",
        ),
        ("av att leda flera olika team inom en organisation och externa parter mot samma mål",
         "Leder tre interna utvecklingsteam och två externa leverantörer mot en gemensam plan."),
        ("av att utforma OAuth2-lösningar som är enkla att drifta och administrera",
         "Designed the OAuth 2.0 platform to be simple to operate and administer."),
        ("av att arbeta med GIT som versionshanterare", "Versionshantering i Git och Azure DevOps."),
    ],
)  # fmt: skip
def test_other_words_inflections_compounds_and_languages_show_a_scope(scope: str, text: str) -> None:
    found = shown(TextIndex(text), scope_terms(scope))
    assert all(found), [g.label for g, s in zip(scope_terms(scope).groups, found, strict=True) if s is None]


@pytest.mark.parametrize(
    ("scope", "text", "why"),
    [
        ("av Docker", "Tjänsterna byggs som containrar med Podman och Buildah och körs på Kubernetes.",
         "Podman is not Docker"),
        ("av Docker", "Certified Kubernetes Administrator (CKA).", "Kubernetes is not Docker"),
        ("av att utforma och bygga REST-API:er", "SOAP/XML-webbtjänster (WCF) och BizTalk-orkestreringar.",
         "SOAP web services are not REST"),
        ("av att utforma och bygga REST-API:er",
         "Designed and implemented OAuth2 token-based access for service-to-service communication between "
         "internal REST microservices.", "securing REST services is not building REST APIs"),
        ("av fullstackutveckling i Java", "Fullstackutveckling i JavaScript och TypeScript.",
         "a product whose name begins with another's is not that product"),
        ("OAuth 2.0", "Inloggning med OpenID Connect (OIDC) mot regionens IdP.", "OIDC is not OAuth 2.0"),
        ("av fullstackutveckling i C#", "Utveckling i C++ och C.", "C++ is not C#"),
        ("SAML2", "Federation med WS-Federation och Kerberos.", "other federation protocols"),
        ("av att leda utvecklingen av IdP (Identity provider) lösning",
         "Ansvarade för e-tjänsternas anslutning till regionens befintliga inloggningstjänst (IdP).",
         "connecting to an IdP is not leading its development"),
        ("av att leda flera olika team inom en organisation och externa parter mot samma mål",
         "Leder två interna team mot en gemensam release.", "both parts joined by och must be shown"),
        ("av att skriva applikationer inom området systemintegration",
         "Förvaltningsledare. Tjänsteintegrationer enligt RIV Tekniska anvisningar.",
         "naming integrations is not writing integration applications"),
    ],
)  # fmt: skip
def test_near_misses_do_not_show_a_scope(scope: str, text: str, why: str) -> None:
    assert not all(shown(TextIndex(text), scope_terms(scope))), why


def test_eller_and_slash_need_one_and_och_needs_every_part() -> None:
    terms = scope_terms("av att arbeta med NTJP eller motsvarande regionala tjänsteplattformar")
    assert all(shown(TextIndex("Anslutningar till NTJP."), terms))
    terms = scope_terms("av att arbeta med React och FluentUI")
    assert not all(shown(TextIndex("Frontend i React och TypeScript."), terms))
    assert all(shown(TextIndex("Gränssnitt i React med Fluent UI och FluentUI-komponenter."), terms))
    terms = scope_terms("av att arbeta med JavaScript, .Net Framework/.Net Core, SQL")
    assert all(shown(TextIndex("JavaScript, .NET Core och SQL Server."), terms))
    assert not all(shown(TextIndex("JavaScript och SQL Server."), terms))


def test_examples_are_alternatives_and_generic_compound_tails_fall_away() -> None:
    terms = scope_terms("om klientplattformskomponenter, framför allt Sysman")
    assert all(shown(TextIndex("Paketering i Sysman för regionens klienter."), terms))
    assert all(shown(TextIndex("Förvaltning av klientplattformen."), terms))
    assert not all(shown(TextIndex("Drift av serverplattformen."), terms))


def test_swedish_compounds_of_a_scope_are_found_in_english_cvs() -> None:
    terms = scope_terms("av uppdrag inom Microsoft infrastrukturplattform")
    assert all(shown(TextIndex("Consultant on the Microsoft infrastructure platform (SCCM, AD)."), terms))
    terms = scope_terms("av att arbeta med att utbilda, leda och förändra inom offentliga organisationer")
    assert all(
        shown(TextIndex("Trained staff, led the team and drove change at a Swedish municipality."), terms)
    )


def test_hyphen_coordination_in_a_scope_names_both_compounds() -> None:
    terms = scope_terms("av att leda utvecklings- och implementeringsprojekt")
    assert all(shown(TextIndex("Ledde utvecklingsprojekt och implementeringsprojekt i regionen."), terms))
    assert not all(shown(TextIndex("Ledde utvecklingsprojekt i regionen."), terms))


def test_a_misspelt_scope_word_finds_the_right_spelling() -> None:
    terms = scope_terms("av arbete inom serverinfrastruktur och utveckling av verkstygsstöd")
    assert all(shown(TextIndex("Serverinfrastruktur; utveckling av verktygsstöd för kommuner."), terms))


def test_a_near_miss_hit_is_dropped_but_the_real_name_next_to_it_stays() -> None:
    (docker,) = scope_terms("av Docker").groups[0].alternatives[0]
    index = TextIndex("Podman lokalt, Docker i produktion.")
    assert [index.text[a:b] for a, b in find_term(index, docker)] == ["Docker"]
