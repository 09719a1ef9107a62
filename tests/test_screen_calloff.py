"""Screening against real call-offs (issue 12): the counting rules and silence of contract §2,
must and should, and the entries that prove each experience requirement. CVs are built as records
(entries with their periods), so the rules are tested apart from how a CV file is read; one test
runs a text CV through ``screen_cv`` end to end."""

from __future__ import annotations

from pathlib import Path

from pipeline.cv.dates import Month, Period
from pipeline.cv.model import CVRecord, Skill, WorkEntry
from pipeline.kinds.experience import ExperienceCondition
from pipeline.kinds.knowledge import KnowledgeCondition
from pipeline.match.conditions import evaluate
from pipeline.match.results import ConditionResult, RequirementResult, ScreenContext
from pipeline.match.screen import score_of, screen_cv, verdict_of, weight_of
from pipeline.nlp.lexicon import TextIndex
from pipeline.outputs.screening import rank_key, row_json, summary_of
from pipeline.spec.model import Condition, Requirement, Role

AS_OF: Month = (2026, 11)


def _entry(
    title: str, description: str, start: Month, end: Month | None, employer: str = "Kund AB"
) -> WorkEntry:
    text = f"{start[0]}-{start[1]:02d} – {'pågående' if end is None else f'{end[0]}-{end[1]:02d}'}"
    return WorkEntry(
        title, employer, Period(start, end, (0, 0), text), description, (0, 0), (0, 0), "assignment"
    )


def _ctx(*entries: WorkEntry, skills: tuple[str, ...] = (), extra: str = "") -> ScreenContext:
    lines: list[str] = []
    placed: list[WorkEntry] = []
    at = 0
    for e in entries:
        line = f"{e.title}, {e.employer} {e.period.text}\n{e.description}\n"
        placed.append(
            WorkEntry(
                e.title,
                e.employer,
                e.period,
                e.description,
                (at, at + len(line)),
                (at, at + len(e.title)),
                e.kind,
            )
        )
        lines.append(line)
        at += len(line)
    text = "".join(lines) + extra + "\n".join(skills)
    skill_spans = [Skill(s, (text.find(s), text.find(s) + len(s))) for s in skills]
    cv = CVRecord("cv.txt", text, "sv", work=placed, skills=skill_spans)
    return ScreenContext(cv, TextIndex(text), Role("Roll"), AS_OF)


def _experience(scope: str, ctx: ScreenContext, **counts: int | None) -> ConditionResult:
    cond = ExperienceCondition(scope=scope, **counts)  # type: ignore[arg-type]
    return evaluate(_req(cond), ctx).alternatives[0][0]


def _req(*conds: Condition, obligation: str = "must", weight: str | None = None) -> Requirement:
    return Requirement("krav", conds[0].kind, [list(conds)], obligation, weight)  # type: ignore[arg-type]


REST = "av att utforma och bygga REST-API:er"


def test_months_count_overlapping_entries_once() -> None:
    ctx = _ctx(
        _entry("Integrationsarkitekt", "Ansvarig för integrationsarkitekturen.", (2022, 6), None),
        _entry("Integrationsarkitekt (deltid)", "Utformade integrationsarkitekturen.", (2022, 1), (2023, 12)),
    )
    result = _experience("av att ha utformat integrationsarkitektur", ctx, min_months=60)
    assert (result.status, result.months) == ("not_met", 59)  # 2022-01 … 2026-11, not 54 + 24
    assert _experience("av att ha utformat integrationsarkitektur", ctx, min_months=59).status == "met"


def test_months_count_only_entries_that_show_the_scope() -> None:
    ctx = _ctx(
        _entry("Integrationsarkitekt", "Designar och bygger REST-API:er i Azure.", (2024, 6), None),
        _entry(
            "Integrationsarkitekt",
            "SOAP/XML-webbtjänster (WCF) och BizTalk-orkestreringar.",
            (2019, 3),
            (2024, 5),
        ),
    )
    result = _experience(REST, ctx, min_months=36)
    assert (result.status, result.months) == ("not_met", 30)
    assert [a.period for a in result.assignments] == ["2024-06 – pågående"]


def test_assignment_counts_are_distinct_entries_that_show_the_scope() -> None:
    docs = "Skrev teknisk dokumentation för förvaltningen."
    ctx = _ctx(
        _entry("Utvecklare", docs, (2020, 1), (2020, 12)),
        _entry("Utvecklare", "Dokumenterade gränssnitten i Confluence.", (2021, 1), (2021, 12)),
        _entry("Utvecklare", "Byggde tjänster i Java.", (2022, 1), (2022, 12)),
    )
    result = _experience("att skriva teknisk dokumentation", ctx, min_assignments=3)
    assert (result.status, result.assignments_counted) == ("not_met", 2)
    assert _experience("att skriva teknisk dokumentation", ctx, min_assignments=2).status == "met"


def test_a_choice_count_is_met_inside_one_assignment_not_across_them() -> None:
    scope = "SAML2, OAuth2.0, OIDC"
    split = _ctx(
        _entry("Projektledare", "IdP:n bygger på SAML2 och WS-Federation.", (2020, 9), None),
        _entry("Teknisk projektledare", "OpenID Connect-baserad IdP-komponent.", (2018, 1), (2020, 8)),
        skills=("SAML2, OIDC, WS-Federation",),
    )
    assert _experience(scope, split, min_assignments=1, min_count=2).status == "not_met"
    together = _ctx(
        _entry(
            "Backend Developer", "OAuth 2.0 authorization code flow and OpenID Connect.", (2016, 9), (2020, 9)
        )
    )
    assert _experience(scope, together, min_assignments=1, min_count=2).status == "met"


def test_a_choice_count_without_assignments_pools_the_choices_of_every_entry() -> None:
    ctx = _ctx(
        _entry("Utvecklare", "Backend i C# och SQL Server.", (2020, 1), None),
        _entry("Utvecklare", "Frontend i React.", (2016, 1), (2019, 12)),
    )
    assert _experience("C#, Java, React", ctx, min_count=2).status == "met"
    assert _experience("C#, Java, React", ctx, min_count=3).status == "unknown"


def test_no_duration_is_met_by_one_entry_and_unknown_when_never_shown() -> None:
    ctx = _ctx(
        _entry(
            "Utvecklare", "Integrationstjänster i Python, paketerade i Docker-containrar.", (2020, 1), None
        )
    )
    assert _experience("av Docker", ctx).status == "met"
    silent = _ctx(_entry("Utvecklare", "Integrationstjänster i Java.", (2020, 1), None))
    assert _experience("av Docker", silent).status == "unknown"  # never not_met without a number


def test_a_near_miss_or_a_course_leaves_a_no_number_requirement_unknown() -> None:
    podman = _ctx(
        _entry("Integrationsarkitekt", "Containrar med Podman och Buildah.", (2020, 1), None),
        skills=("Podman",),
    )
    assert _experience("av Docker", podman).status == "unknown"
    course = _ctx(
        _entry("Integrationsarkitekt", "BizTalk och C#.", (2020, 1), None),
        extra="Kurser\nPython för utvecklare, 3 dagar\n",
    )
    assert _experience("av att skriva applikationer i Python", course).status == "unknown"


def test_a_number_no_dated_entry_supports_is_not_met_but_unknown_without_dated_entries() -> None:
    ctx = _ctx(_entry("Lagerarbetare", "Plock och pack.", (2015, 1), (2020, 12)))
    assert _experience(REST, ctx, min_months=36).status == "not_met"
    assert _experience(REST, ctx, min_assignments=1).status == "not_met"
    no_entries = _ctx(skills=("REST-API:er", "Python"))
    assert _experience(REST, no_entries, min_months=36).status == "unknown"
    assert _experience("av att skriva applikationer i Python", no_entries).status == "met"  # a skills line


def test_support_whose_months_cannot_be_counted_leaves_a_shortfall_unknown() -> None:
    rest = "Tjänstekontrakt enligt RIV-TA."
    short = _ctx(_entry("Integrationsarkitekt", rest, (2018, 1), (2020, 4)))
    scope = "RIV Tekniska anvisningar för nationell eHälsa i Sverige"
    assert _experience(scope, short, min_months=36).status == "not_met"  # 28 months, nothing else
    unclear = _entry("Arkitekt", rest, (2012, 1), (2012, 1))
    unclear.period = Period((2012, 1), (2012, 1), (0, 0), "2012 – okänt", unknown_end=True)
    both = _ctx(_entry("Integrationsarkitekt", rest, (2018, 1), (2020, 4)), unclear)
    assert _experience(scope, both, min_months=36).status == "unknown"


def test_open_knowledge_topics_and_choice_counts_look_anywhere_in_the_cv() -> None:
    ctx = _ctx(
        _entry("Projektledare", "Ledde införandet av e-legitimation.", (2020, 1), None),
        skills=("OAuth2, SAML2",),
    )
    cond = KnowledgeCondition(level="hög", topics=["projektledning", "identitet och åtkomst"])
    assert evaluate(_req(cond), ctx).status == "unknown"
    cond = KnowledgeCondition(level="hög", topics=["projektledning", "OAuth 2.0"])
    assert evaluate(_req(cond), ctx).status == "met"
    choice = KnowledgeCondition(topics=["SAML2", "OAuth2.0", "OIDC"], min_count=2)
    assert evaluate(_req(choice), ctx).status == "met"


def test_evidence_names_the_assignments_that_prove_a_requirement() -> None:
    ctx = _ctx(
        _entry(
            "Integrationsarkitekt", "Designade och byggde REST-API:er.", (2021, 1), (2024, 2), "Trafikbolaget"
        ),
        _entry("Systemutvecklare", "Batchjobb i COBOL.", (2016, 4), (2020, 12), "Banken"),
    )
    result = _experience(REST, ctx, min_months=36)
    assert result.status == "met"
    (proof,) = result.assignments
    assert (proof.title, proof.employer, proof.start, proof.end, proof.months) == (
        "Integrationsarkitekt", "Trafikbolaget", "2021-01", "2024-02", 38,
    )  # fmt: skip
    assert proof.quotes == ("REST-API:er",)
    assert ctx.cv.quote(proof.span).startswith("Integrationsarkitekt, Trafikbolaget")


def _result(status: str, obligation: str = "must", weight: str | None = None) -> RequirementResult:
    return RequirementResult("krav", "experience", status, [], obligation, weight)  # type: ignore[arg-type]


def test_only_must_requirements_decide_the_verdict() -> None:
    assert verdict_of([_result("met"), _result("not_met", "should")]) == "eligible"
    assert verdict_of([_result("met"), _result("unknown", "should")]) == "eligible"
    assert verdict_of([_result("unknown"), _result("met", "should")]) == "needs_review"
    assert verdict_of([_result("not_met"), _result("met", "should")]) == "not_eligible"


def test_should_requirements_add_to_the_score_by_their_weight() -> None:
    assert weight_of("10 poäng") == 10 and weight_of("20 %") == 20 and weight_of(None) == 1
    musts = [_result("met"), _result("met")]
    assert score_of(musts) == 1.0
    both = score_of([*musts, _result("met", "should", "10 poäng"), _result("met", "should", "5 poäng")])
    one_heavy = score_of(
        [*musts, _result("met", "should", "10 poäng"), _result("not_met", "should", "5 poäng")]
    )
    one_light = score_of(
        [*musts, _result("not_met", "should", "10 poäng"), _result("met", "should", "5 poäng")]
    )
    assert both > one_heavy > one_light


def test_ranking_is_verdict_then_score_then_months(tmp_path: Path) -> None:
    from pipeline.match.screen import RoleResult

    def row(verdict: str, score: float, months: int) -> RoleResult:
        cond = ConditionResult("experience", "met", "", months=months)
        req = RequirementResult("krav", "experience", "met", [[cond]])
        return RoleResult("cv.txt", "Roll", verdict, score, [req])  # type: ignore[arg-type]

    rows = [
        row("needs_review", 0.9, 10),
        row("eligible", 0.5, 10),
        row("eligible", 0.8, 5),
        row("eligible", 0.8, 50),
    ]
    order = sorted(rows, key=lambda r: rank_key(summary_of(r)))
    assert [(r.verdict, r.score, r.qualifying_months) for r in order] == [
        ("eligible", 0.8, 50), ("eligible", 0.8, 5), ("eligible", 0.5, 10), ("needs_review", 0.9, 10),
    ]  # fmt: skip


CALL_OFF_CV = """Alva Berg
Integrationsarkitekt

ERFARENHET

2021-01 – pågående  Integrationsarkitekt, Region Norrland
  Ansvarig för regionens integrationsarkitektur. Designade och byggde REST-API:er i Python,
  driftsatta i Docker-containrar. Skrev teknisk dokumentation.

2015-01 – 2020-12  Systemutvecklare, Banken AB
  Batchjobb i COBOL och underhåll av stordatorsystem.

SPRÅK
Svenska – modersmål
"""


def test_a_call_off_role_end_to_end_with_evidence_in_screening_json(tmp_path: Path) -> None:
    cv = tmp_path / "alva.txt"
    cv.write_text(CALL_OFF_CV, encoding="utf-8")
    reqs = [
        Requirement("minst (3) års REST", "experience", [[ExperienceCondition(min_months=36, scope=REST)]]),
        Requirement("Docker", "experience", [[ExperienceCondition(scope="av Docker")]]),
        Requirement(
            "Kubernetes", "experience", [[ExperienceCondition(scope="av Kubernetes")]], "should", "10 poäng"
        ),
    ]
    (result,) = screen_cv(cv, [Role("Integrationsarkitekt", requirements=reqs)], AS_OF)
    assert [r.status for r in result.requirements] == ["met", "met", "unknown"]
    assert result.verdict == "eligible"  # the should requirement does not decide
    row = row_json(result)
    (proof,) = row["requirements"][0]["assignments"]
    assert (proof["title"], proof["employer"], proof["months"]) == (
        "Integrationsarkitekt",
        "Region Norrland",
        71,
    )
    assert row["requirements"][2]["obligation"] == "should"
