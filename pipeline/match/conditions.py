"""A requirement against one CV: each condition judged by its kind (pipeline/kinds/), the
alternatives combined — all conditions of an alternative must hold, one alternative suffices."""

from __future__ import annotations

from pipeline.kinds import KINDS
from pipeline.match.results import RequirementResult, ScreenContext, combine_all, combine_any
from pipeline.spec.model import Requirement


def evaluate(req: Requirement, ctx: ScreenContext) -> RequirementResult:
    alternatives = [[KINDS.get(cond.kind).evaluate(cond, ctx) for cond in alt] for alt in req.any_of]
    status = combine_any(combine_all(c.status for c in alt) for alt in alternatives)
    return RequirementResult(req.text, req.kind, status, alternatives, req.obligation, req.weight)
