"""Experience scopes are resolved at extraction (per role, reviewable in the JSON) and screening
counts what they resolved to: the two wrong verdicts of the review, and the unresolvable scope."""

from __future__ import annotations

from pathlib import Path

from pipeline.cv.parse import parse_cv
from pipeline.kinds import resolve_roles
from pipeline.kinds.experience import ExperienceCondition, resolve_scope, role_head, scope_terms
from pipeline.match.screen import screen_cv
from pipeline.spec.model import Role
from pipeline.spec.requirements import parse_requirement

AS_OF = (2026, 11)

CV_TEMPLATE = """Kim Andersson
{title}

ARBETSLIVSERFARENHET

2016-11 – pågående  {title}, Norrby kommun
  * {duty}

UTBILDNING

2012 – 2015  Högskoleingenjör i datateknik, Mittuniversitetet
"""


def _role(name: str, requirement: str) -> Role:
    role = Role(name, requirements=[parse_requirement(requirement)])
    resolve_roles([role])
    return role


def _screen(tmp_path: Path, role: Role, title: str, duty: str) -> tuple[str, int | None]:
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEMPLATE.format(title=title, duty=duty), encoding="utf-8")
    assert len(parse_cv(cv).work) == 1
    (result,) = screen_cv(cv, [role], AS_OF)
    (req,) = result.requirements
    return req.status, req.alternatives[0][0].months


def test_similar_work_in_a_role_no_occupation_group_knows(tmp_path: Path) -> None:
    role = _role("Testledare 1", "minst ett (1) års arbetslivserfarenhet från liknande arbete")
    cond = role.requirements[0].any_of[0][0]
    assert isinstance(cond, ExperienceCondition)
    assert (cond.occupation, cond.scope_terms) == ("testledare", [])
    status, months = _screen(tmp_path, role, "Testledare", "Planerade och ledde systemtester")
    assert (status, months) == ("met", 121)


def test_scope_words_stay_when_one_of_them_names_a_group(tmp_path: Path) -> None:
    text = (
        "minst fem (5) års arbetslivserfarenhet som säkerhetstekniker, nätverkstekniker eller drifttekniker"
    )
    role = _role("Säkerhetstekniker 2", text)
    cond = role.requirements[0].any_of[0][0]
    assert isinstance(cond, ExperienceCondition)
    assert cond.occupation == "it_technician"
    assert cond.scope_terms == ["säkerhetstekniker", "nätverkstekniker", "drifttekniker"]
    status, months = _screen(tmp_path, role, "Säkerhetstekniker", "Brandväggar och intrångsskydd")
    assert (status, months) == ("met", 121)


def test_work_outside_the_scope_counts_nothing_and_fails_the_months(tmp_path: Path) -> None:
    role = _role("Testledare 1", "minst ett (1) års arbetslivserfarenhet från liknande arbete")
    status, months = _screen(tmp_path, role, "Lagerarbetare", "Plock och pack")
    assert (status, months) == ("not_met", 0)


def test_a_scope_with_nothing_to_look_for_is_unknown_never_zero(tmp_path: Path) -> None:
    role = _role("Senior 2", "minst ett (1) års arbetslivserfarenhet från liknande arbete")
    cond = role.requirements[0].any_of[0][0]
    assert isinstance(cond, ExperienceCondition)
    assert (cond.occupation, cond.scope_terms) == (None, [])
    status, months = _screen(tmp_path, role, "Testledare", "Planerade systemtester")
    assert (status, months) == ("unknown", None)


def test_resolution_reads_role_names_and_scopes() -> None:
    assert role_head("Senior Mjukvaruarkitekt") == "mjukvaruarkitekt"
    assert role_head("IT-Tekniker 2") == "it-tekniker"
    assert resolve_scope("inom yrkeskategorin", "Helpdesk 1") == ("helpdesk", [])
    assert resolve_scope("som IT-tekniker", "Helpdesk 1") == ("it_technician", ["IT-tekniker"])
    assert resolve_scope("med inriktning mot informationssäkerhet", "Arkitekt") == (
        None,
        ["informationssäkerhet"],
    )
    assert scope_terms("från liknande arbete inom offentlig sektor") == ["offentlig sektor"]


def test_an_analyst_edit_of_the_resolved_fields_is_kept() -> None:
    role = Role(
        "Testledare 1", requirements=[parse_requirement("minst ett (1) års erfarenhet från liknande arbete")]
    )
    cond = role.requirements[0].any_of[0][0]
    assert isinstance(cond, ExperienceCondition)
    cond.occupation, cond.scope_terms = None, ["acceptanstest"]
    resolve_roles([role])
    assert (cond.occupation, cond.scope_terms) == (None, ["acceptanstest"])
