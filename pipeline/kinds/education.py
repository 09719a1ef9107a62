"""Education: "gymnasieutbildning eller likvärdig", "högskoleutbildning inom IT …".

Met by a completed education at or above the level (and in the field, where one is named); a
stated education below it is ``not_met``; no education stated is ``unknown``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import lang
from pipeline.kinds.registry import ConditionKind, register
from pipeline.match.results import ConditionResult, ScreenContext
from pipeline.messages import msg
from pipeline.nlp.compounds import tokens
from pipeline.spec.grammar import alternation, grammar, strip_parentheticals
from pipeline.spec.model import Condition


def rank(level: str | None) -> int:
    """The rank of an education level in the language packs (1 for none or an unknown name)."""
    return (lang.education_rank(level) if level else None) or 1


@dataclass
class EducationCondition(Condition):
    level: str | None = None  # "gymnasium", "yrkeshögskola", "högskola"
    field: str | None = None  # "IT", or None
    or_equivalent: bool = False


@register
class Education(ConditionKind):
    name = "education"
    priority = 20
    condition = EducationCondition

    def recognise(self, text: str) -> list[Condition] | None:
        g = grammar()
        plain = strip_parentheticals(text)
        found = list(g.education.finditer(plain))
        if not found:
            bare = re.match(rf"\s*(?:{alternation(g.cues.education_nouns)})\b", plain, re.I)
            if bare is None:
                return None
            # "utbildning inom aktuellt område, viss svårighetsgrad": an education of no named level
            field_match = g.field.search(plain, bare.end())
            return [
                EducationCondition(
                    level=None,
                    field=field_match["field"].strip() if field_match else None,
                    or_equivalent=bool(g.or_equivalent.search(plain)),
                )
            ]
        first = min(found, key=lambda m: m.start())
        said = " ".join(first[0].lower().split())
        level = g.education_levels.get(said) or g.education_levels[f"{said} "]
        field_match = g.field.search(plain, first.end())
        return [
            EducationCondition(
                level=level,
                field=field_match["field"].strip() if field_match else None,
                or_equivalent=bool(g.or_equivalent.search(plain)),
            )
        ]

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, EducationCondition)
        cond = condition
        stated = [e for e in ctx.cv.education if e.level is not None]
        if not stated:
            return ConditionResult("education", "unknown", msg("education_none"))
        minimum = rank(cond.level)
        if cond.or_equivalent and minimum == max(lv.rank for lv in lang.education_levels()):
            minimum -= 1  # "högskoleutbildning … eller annan likvärdig": a YH programme counts (contract §2)
        from pipeline.cv.entries import is_it_education  # screening only: extraction loads no CV code

        it_field = bool(cond.field and is_it_education(cond.field))
        field_stem = (cond.field or "").lower()[:6]

        def qualifies(level: str, text: str, is_it: bool) -> bool:
            if rank(level) < minimum:
                return False
            if cond.field is None:
                return True
            if it_field:
                return is_it
            return any(t.text.startswith(field_stem) for t in tokens(text))

        for e in stated:
            assert e.level is not None
            if qualifies(e.level, e.text, e.it_field) and (e.completed or rank(e.level) > minimum):
                return ConditionResult(
                    "education",
                    "met",
                    msg("education_met", level=e.level, field=msg("education_in_it") if e.it_field else ""),
                    [ctx.evidence(e.span, msg("education_evidence", level=e.level))],
                )
        best = max(stated, key=lambda e: rank(e.level))
        return ConditionResult(
            "education",
            "not_met",
            msg(
                "education_not_reached",
                level=best.level,
                field=msg("education_in_it") if best.it_field else "",
                required=(cond.level or "")
                + (msg("education_in_field", field=cond.field) if cond.field else ""),
            ),
            [ctx.evidence(e.span, msg("education_evidence", level=e.level)) for e in stated],
        )
