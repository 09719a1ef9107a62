"""Other: certifications ("certifiering som CISSP eller CISM"), driving licence, security
clearance and whatever else fits no other kind. Only a named certification can be shown by a
CV; the rest is ``unknown`` and left to a person."""

from __future__ import annotations

import re
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
    topics: list[str] = _field(default_factory=list)  # the abilities named ("analytisk förmåga")

    def to_json(self) -> dict[str, Any]:
        # a certification has its names; an ability its topics (contract §1b); else only the kind
        if self.certifications:
            return {
                "kind": self.kind,
                "certifications": self.certifications,
                "or_equivalent": self.or_equivalent,
            }
        return {"kind": self.kind, "topics": self.topics} if self.topics else {"kind": self.kind}


def ability(text: str) -> OtherCondition | None:
    """An ability or personal quality ("analytisk förmåga", "Förmåga att leda workshops", "ska
    kunna: Planera bemanning"): kind other, the ability as its topic."""
    g = grammar()
    m = g.ability.search(text)
    if m is None:
        return None
    known = g.knowledge.search(text)
    if known is not None and known.start("noun") < m.start():
        return None  # "Förståelse för X … och har goda ledaregenskaper": knowledge comes first
    start = m.start()
    before = re.search(r"(\w+)\s+$", text[:start])
    fillers = {w.lower() for w in (*grammar().cues.level_fillers, *grammar().cues.head_trailers)}
    if before and before[1].islower() and before[1] not in fillers:
        start = before.start(1)  # its adjective: "analytisk förmåga", "goda ledaregenskaper"
    phrase = text[m.end() :] if m[0].endswith(":") else text[start:]
    phrase = re.split(r",\s", phrase.strip(), maxsplit=1)[0].strip(" .;:")
    return OtherCondition(topics=[phrase] if phrase else [])


@register
class Other(ConditionKind):
    name = "other"
    priority = 30
    condition = OtherCondition

    def recognise(self, text: str) -> list[Condition] | None:
        g = grammar()
        m = g.certification.search(text)
        if m is None:
            if g.other.search(text):
                return [OtherCondition()]
            found = ability(text)
            return [found] if found else None
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

    def key(self, condition: Condition) -> tuple:
        """Certifications and "or equivalent"; an ability's topics are the document's words and
        not compared (as the acceptance scorer reads them)."""
        assert isinstance(condition, OtherCondition)
        return (
            "other",
            tuple(" ".join(c.split()) for c in condition.certifications),
            condition.or_equivalent,
        )

    def cells(self, condition: Condition) -> dict[str, Any]:
        cells = super().cells(condition)
        assert isinstance(condition, OtherCondition)
        if not condition.certifications:
            cells["or_equivalent"] = None
        return cells
