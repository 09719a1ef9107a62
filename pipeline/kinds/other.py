"""Other: certifications ("certifiering som CISSP eller CISM"), driving licence, security
clearance and whatever else fits no other kind. Only a named certification can be shown by a
CV; the rest is ``unknown`` and left to a person."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from pipeline.kinds.registry import ConditionKind, register
from pipeline.match.results import ConditionResult, ScreenContext
from pipeline.messages import msg
from pipeline.spec.grammar import grammar, without_or_equivalent
from pipeline.spec.model import Condition


@dataclass
class OtherCondition(Condition):
    certifications: list[str] = _field(default_factory=list)
    or_equivalent: bool = False

    def to_json(self) -> dict[str, Any]:
        # a condition that is not a certification has no fields beyond its kind (contract §1)
        return super().to_json() if self.certifications else {"kind": self.kind}


@register
class Other(ConditionKind):
    name = "other"
    priority = 30
    condition = OtherCondition

    def recognise(self, text: str) -> list[Condition] | None:
        g = grammar()
        m = g.certification.search(text)
        if m is None:
            return [OtherCondition()] if g.other.search(text) else None
        rest, equivalent = without_or_equivalent(text[m.end() :])
        rest = g.certification_tail.sub("", g.certification_lead.sub("", rest.strip()))
        names = [n for n in g.list_separator.split(rest) if n]
        return [OtherCondition(certifications=names, or_equivalent=equivalent)]

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, OtherCondition)
        if not condition.certifications:
            return ConditionResult("other", "unknown", msg("other_by_hand"))
        for name in condition.certifications:
            hits = ctx.index.find(name) or ctx.index.find_fuzzy(name)
            if hits:
                return ConditionResult(
                    "other",
                    "met",
                    msg("other_certification_met", name=name),
                    [ctx.evidence(hits[0].span, name, hits[0])],
                )
        return ConditionResult("other", "unknown", msg("other_no_certification"))

    def cells(self, condition: Condition) -> dict[str, Any]:
        cells = super().cells(condition)
        assert isinstance(condition, OtherCondition)
        if not condition.certifications:
            cells["or_equivalent"] = None
        return cells
