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

from pipeline import lang
from pipeline.kinds import KINDS
from pipeline.kinds.other import ability
from pipeline.knowledge import knowledge_cache, spec_cues
from pipeline.spec.grammar import alternation, grammar
from pipeline.spec.model import Condition, Requirement
from pipeline.spec.sentences import sentences


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
    choice = grammar().choice_count.search(text)
    if choice and choice["choices"].strip() and not grammar().assignments.search(text, 0, choice.start()):
        # "goda kunskaper inom minst två (2) av följande: A, B och C": one condition over the choices
        counted = parse_alternative(f"{text[: choice.start()].rstrip()} {choice['choices']}")
        return _with_count(counted, choice["num"])
    clauses = sorted((c for kind in KINDS for c in kind.clauses(text)), key=lambda c: c.start)
    if not clauses:
        return parse_conditions(text)
    head = text[: clauses[0].start]
    shared = _shared_object().search(head)
    if shared and clauses[0].condition.kind == "experience":
        # "kunskap om och lång erfarenhet av X": the knowledge is of the experience's own X
        scope = getattr(clauses[0].condition, "scope", None) or ""
        head = f"{head[: shared.start(1)]} {_strip_preposition(scope)}"
    trailing = alternation(cues.head_trailers)
    head = re.sub(rf"(?:\s*,)?\s*(?:\b(?:{trailing})\b\s*)*$", "", head.strip(), flags=re.I).strip()
    conditions: list[Condition] = []
    head, abilities = _abilities(head)
    conditions += abilities
    if re.search(
        r"\w{3,}", re.sub(rf"\b(?:{trailing}|{alternation(cues.level_fillers)})\b", "", head, flags=re.I)
    ):
        conditions += recognised_conditions(head)
    return conditions + [c.condition for c in clauses]


def _with_count(conditions: list[Condition], number: str) -> list[Condition]:
    """Set ``min_count`` on the last condition that takes choices (knowledge topics, experience scope)."""
    digits = re.search(r"\((\s*\d+)\s*\)", number)
    value = lang.number_value(digits[1].strip() if digits else number.strip())
    for condition in reversed(conditions):
        if hasattr(condition, "min_count") and value is not None:
            setattr(condition, "min_count", round(value))  # noqa: B010  (the kinds that count choices)
            break
    return conditions


def _bare_other(condition: Condition) -> bool:
    """The fallback condition of a sentence no kind recognised."""
    return condition.kind == KINDS.fallback and not any(vars(condition).values())


def states_condition(text: str) -> bool:
    """Does a sentence state a condition some kind recognises (an experience clause, a knowledge,
    language, education or certification phrase), rather than only describing?"""
    text = " ".join(text.split()).strip().rstrip(".;:")
    return any(kind.clauses(text) for kind in KINDS) or bool(recognised_conditions(text))


def _abilities(head: str) -> tuple[str, list[Condition]]:
    """Ability phrases among the comma-separated parts of a head ("analytisk förmåga, kunskap om
    …"): one other condition each; the rest of the head is read as before."""
    parts = head.split(", ")
    if len(parts) < 2:
        return head, []
    found: list[Condition] = []
    kept: list[str] = []
    for part in parts:
        condition = ability(part) if grammar().ability.search(part) else None
        if condition is not None:
            found.append(condition)
        else:
            kept.append(part)
    return ", ".join(kept), found


def recognised_conditions(text: str) -> list[Condition]:
    """The conditions of a clause's head when a kind recognises it; a head no kind claims
    ("Konsulten ska ha", "praktisk") adds nothing."""
    text = text.strip().rstrip(".;:, ")
    for kind in KINDS:
        found = kind.recognise(text)
        if found:
            return found
    return []


def _strip_preposition(scope: str) -> str:
    return re.sub(rf"^(?:{alternation(grammar().cues.topic_prepositions)})\s+", "", scope.strip(), flags=re.I)


@knowledge_cache
def _shared_object() -> re.Pattern[str]:
    """A head that ends in a preposition, a coordinator and at most one more word ("kunskap om
    och lång"): its object is the experience clause's that follows."""
    g = grammar()
    preposition = alternation(g.cues.topic_prepositions)
    return re.compile(rf"\s((?:{preposition})\s+(?:{g.all_coordinators})(?:\s+\w+)?\s*)$", re.I)


def _open_lead(lead: str, first: str) -> bool:
    """A lead whose sub-bullets complete its condition: it ends in ":" and states a condition
    ("minst 18 månaders erfarenhet av:"), or it ends in a preposition that awaits its object and
    states one with its first item ("Ha god kunskap om" + "Visual Studio")."""
    stripped = lead.rstrip()
    if stripped.endswith(":"):
        return any(kind.clauses(stripped) for kind in KINDS)
    last = stripped.rsplit(None, 1)[-1].lower() if stripped else ""
    if last not in {w.lower() for w in grammar().cues.topic_prepositions}:
        return False
    return any(not _bare_other(c) for c in parse_alternative(f"{stripped} {first}"))


def parse_requirement(text: str, subs: Sequence[str] = ()) -> Requirement:
    """Type one requirement bullet. ``subs`` are its sub-bullets (already part of ``text``)."""
    g = grammar()
    printed, text = text, text if subs else _without_weight(text)
    lead = text
    if subs:
        lead = text[: len(text) - len(" ".join(subs))].strip() if text.endswith(" ".join(subs)) else text
    counted = g.choice_count.search(lead) if subs else None
    if counted and not counted["choices"].strip():
        # "minst två (2) av följande områden:" + items: one condition, the items its choices
        choices = ", ".join(s.strip().rstrip(".;,") for s in subs)
        alternatives = [parse_alternative(f"{lead[: counted.start()].rstrip()} {choices}")]
        alternatives = [_with_count(alternatives[0], counted["num"])]
    elif subs and g.choice_list.search(lead):
        alternatives = [parse_alternative(s) for s in subs]
    elif subs and _open_lead(lead, subs[0]):
        # "minst 18 månaders erfarenhet av:" (or "… av" without the colon) + items: the lead's
        # condition once for each item
        alternatives = [[c for s in subs for c in parse_alternative(f"{lead} {s}")]]
    else:
        parts = [p for p in g.alternative.split(text) if p.strip()]
        if len(parts) == 1 and len(said := sentences(text)) > 1:
            # one item of several sentences ("Kunskaper i X. Kunskap om Y."): all hold together
            alternatives = [
                [c for s in said for c in parse_alternative(s) if not _bare_other(c)]
                or [KINDS.get(KINDS.fallback).condition()]
            ]
        else:
            alternatives = [parse_alternative(p) for p in parts]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        alternatives = [[KINDS.get(KINDS.fallback).condition()]]
    return Requirement(text=printed, kind=alternatives[0][0].kind, any_of=alternatives)


@knowledge_cache
def _level_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(spec_cues().call_off.level_words)})\s+(\d+)\b", re.I)


def level_in(text: str) -> tuple[int, str] | None:
    """The framework level a text states ("… assistent, nivå 1, enligt nedan") and its words."""
    m = _level_pattern().search(text)
    return (int(m[1]), m[0]) if m else None


@knowledge_cache
def _sentence_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = spec_cues().call_off
    requirement = re.compile(
        rf"\b(?:{alternation(c.requirement_verbs)})\b|(?:{alternation(c.requirement_nouns)})\b", re.I
    )
    recency = re.compile(rf"\b(?:{alternation(c.recency_cues)})\b", re.I)
    instruction = re.compile(rf"\b(?:{alternation(c.instruction_cues)})\b", re.I)
    content_lead = re.compile(rf"\b(?:{alternation(c.content_lead_endings)})\s*:\s*$", re.I)
    return requirement, recency, instruction, content_lead


def states_requirement(sentence: str) -> bool:
    """A sentence that states a requirement: a requirement word ("ska", "krav") and a condition
    some kind recognises; a recency limit or an instruction to the tenderer is none."""
    requirement, recency, instruction, _ = _sentence_cues()
    if recency.search(sentence) or instruction.search(sentence) or _supplier().match(sentence):
        return False
    return bool(requirement.search(sentence)) and states_condition(sentence)


def carries_content(lead: str) -> bool:
    """Does a lead-in state part of the requirement ("… minst sju (7) års erfarenhet av … i:",
    "ska minst ha följande certifikat:", "Konsulterna ska kunna:"), or only announce the list?"""
    if _announcement().search(lead):
        return False  # "… enligt nedan:" only announces
    return bool(_sentence_cues()[3].search(lead)) or states_condition(lead.rstrip(" :;."))


@knowledge_cache
def _announcement() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(spec_cues().call_off.list_announcements)})\b", re.I)


@knowledge_cache
def _supplier() -> re.Pattern[str]:
    """A sentence about the supplier company ("Leverantören ska …"), not the consultant."""
    return re.compile(rf"\s*(?:{alternation(spec_cues().call_off.supplier_subjects)})\b", re.I)


@knowledge_cache
def _should_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    c = spec_cues().call_off
    should = re.compile(rf"\b(?:{alternation(c.should_cues)})(?!\w)", re.I)
    weight = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)?\s*(?:{alternation(c.weight_units)}))(?!\w)", re.I)
    return should, weight


def says_should(text: str) -> bool:
    """A heading, lead-in or sentence that makes requirements "should" (bör-krav, meriterande)."""
    return bool(_should_patterns()[0].search(text))


def _without_weight(text: str) -> str:
    """A should requirement's text without the weight at its end ("… inom offentlig sektor (10 poäng).",
    "…, 5 poäng."): the weight is no part of what the requirement is about."""
    weight = _should_patterns()[1].pattern
    return re.sub(rf"\s*(?:\(\s*{weight}\s*\)|,\s*{weight})\s*[.;]?\s*$", "", text, flags=re.I)


def weight_in(texts: Sequence[str]) -> str | None:
    """The first weight printed in ``texts`` ("10 poäng", "20 %"), as printed."""
    for text in texts:
        m = _should_patterns()[1].search(text)
        if m:
            return " ".join(m[1].split())
    return None
