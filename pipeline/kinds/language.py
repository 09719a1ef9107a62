"""Language: "svenska i tal och skrift samt engelska i skrift".

Met where the CV states the language at a native, fluent or good level; a basic level is
``not_met``; a language the CV does not state is ``unknown`` (docs/contract.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field

from pipeline.kinds.registry import ConditionKind, register
from pipeline.match.results import ConditionResult, ScreenContext, Status, combine_all
from pipeline.messages import language_name, msg
from pipeline.spec.grammar import grammar
from pipeline.spec.model import Condition

GOOD_LANGUAGE_LEVELS = ("native", "fluent", "good")


@dataclass
class LanguageCondition(Condition):
    languages: list[str] = _field(default_factory=list)  # ISO 639-1 codes
    modes: list[str] = _field(default_factory=list)  # "tal", "skrift", …


@register
class Language(ConditionKind):
    name = "language"
    priority = 10
    condition = LanguageCondition

    def recognise(self, text: str) -> list[Condition] | None:
        g = grammar()
        if not (g.language.search(text) and g.language_cue.search(text)):
            return None
        names = g.languages
        modes_of = g.cues.language_modes
        chunks = [c for c in g.language_separator.split(text) if g.language.search(c)]
        per_language: list[tuple[str, list[str]]] = []
        all_modes = [modes_of[m.lower()] for m in g.mode.findall(text)]
        for chunk in chunks:
            langs = [names[m.lower()] for m in g.language.findall(chunk)]
            modes = [modes_of[m.lower()] for m in g.mode.findall(chunk)]
            per_language += [(lang, modes) for lang in langs]
        distinct = {tuple(dict.fromkeys(m)) for _, m in per_language if m}
        if len(distinct) <= 1:
            langs = list(dict.fromkeys(lang for lang, _ in per_language))
            return [LanguageCondition(languages=langs, modes=list(dict.fromkeys(all_modes)))]
        return [
            LanguageCondition(languages=[lang], modes=list(dict.fromkeys(m or all_modes)))
            for lang, m in per_language
        ]

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, LanguageCondition)
        stated = {s.language: s for s in ctx.cv.languages}
        statuses: list[Status] = []
        evidence = []
        notes: list[str] = []
        for lang in condition.languages:
            skill = stated.get(lang)
            if skill is None:
                statuses.append("unknown")
                notes.append(msg("language_not_stated", language=language_name(lang)))
                continue
            level = msg(f"level_{skill.level}") if skill.level else msg("level_none")
            evidence.append(
                ctx.evidence(skill.span, msg("language_stated", language=language_name(lang), level=level))
            )
            if skill.level in GOOD_LANGUAGE_LEVELS:
                statuses.append("met")
                notes.append(msg("language_stated", language=language_name(lang), level=level))
            elif skill.level is None:
                statuses.append("unknown")
                notes.append(msg("language_no_level", language=language_name(lang)))
            else:
                statuses.append("not_met")
                notes.append(msg("language_only", language=language_name(lang), level=level))
        return ConditionResult("language", combine_all(statuses), "; ".join(notes), evidence)

    def key(self, condition: Condition) -> tuple:
        assert isinstance(condition, LanguageCondition)
        return ("language", tuple(sorted(x.lower() for x in condition.languages)),
                tuple(sorted(x.lower() for x in condition.modes)))  # fmt: skip
