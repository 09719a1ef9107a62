"""Requirement text → typed conditions (``any_of`` alternatives), through the kind registry.

Reading order: a choice list ("något av följande:") or the cue "Alternativt," splits the text
into alternatives. In each alternative the clauses that kinds find inside longer text (the
experience clauses "minst ett (1) års arbetslivserfarenhet från liknande arbete", "varav minst
två (2) år …") come first; the text before them is one more condition, of the first kind (in
priority order) that recognises it, else of the fallback kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.kinds import KINDS
from pipeline.spec.grammar import alternation, grammar
from pipeline.spec.model import Condition, Requirement


def parse_conditions(text: str) -> list[Condition]:
    """The conditions of a text that holds no clause: the first kind that recognises it decides."""
    text = text.strip().rstrip(".;:, ")
    for kind in KINDS:
        found = kind.recognise(text)
        if found:
            return found
    return [KINDS.get(KINDS.fallback).condition()]


def parse_alternative(text: str) -> list[Condition]:
    cues = grammar().cues
    text = " ".join(text.split()).strip().rstrip(".;")
    clauses = sorted((c for kind in KINDS for c in kind.clauses(text)), key=lambda c: c.start)
    if not clauses:
        return parse_conditions(text)
    head = text[: clauses[0].start]
    trailing = alternation(cues.head_trailers)
    head = re.sub(rf"(?:\s*,)?\s*(?:\b(?:{trailing})\b\s*)*$", "", head.strip(), flags=re.I).strip()
    conditions: list[Condition] = []
    if re.search(
        r"\w{3,}", re.sub(rf"\b(?:{trailing}|{alternation(cues.level_fillers)})\b", "", head, flags=re.I)
    ):
        conditions += parse_conditions(head)
    return conditions + [c.condition for c in clauses]


def parse_requirement(text: str, subs: Sequence[str] = ()) -> Requirement:
    """Type one requirement bullet. ``subs`` are its sub-bullets (already part of ``text``)."""
    g = grammar()
    lead = text
    if subs:
        lead = text[: len(text) - len(" ".join(subs))].strip() if text.endswith(" ".join(subs)) else text
    if subs and g.choice_list.search(lead):
        alternatives = [parse_alternative(s) for s in subs]
    else:
        parts = [p for p in g.alternative.split(text) if p.strip()]
        alternatives = [parse_alternative(p) for p in parts]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        alternatives = [[KINDS.get(KINDS.fallback).condition()]]
    return Requirement(text=text, kind=alternatives[0][0].kind, any_of=alternatives)
