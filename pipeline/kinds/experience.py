"""Experience: "minst ett (1) års arbetslivserfarenhet från liknande arbete", "varav minst två (2)
år som IT-tekniker".

The scope is resolved once, at extraction, into two reviewable fields: ``occupation`` (the
occupation group the scope or the role names, or else the role's own head noun, for "liknande
arbete" and "inom yrkeskategorin") and ``scope_terms`` (the scope's own content words). An entry
counts when its title or description shows the occupation or one of the terms; its months are
summed with overlaps counted once. A scope from which nothing can be derived is ``unknown``.

For an occupation group (models/lexicon/occupations.yml) an entry counts when its title names one
of the group's titles — also misspelt ("Support Technichian"), by rapidfuzz over the entry's own
title only — or its description states one of the group's duties ("underhåll av servrar").
An entry whose title is only *related* to the group ("Kundsupport" at a company not said to be in
IT, "Operations Engineer") is undecided: its months never make the requirement met, but when the
counted months fall short and counted + undecided months would meet it, the requirement is
``unknown`` (the contract's silence: support that may or may not be the same thing), with the
undecided entries named for the reviewer; so is a shortfall where an entry in scope has an unknown
end ("2015 – okänd"). Work that is neither (customer service outside IT,
software development) adds nothing and a shortfall stays ``not_met``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as _field

from pipeline import lang
from pipeline.cv.model import WorkEntry
from pipeline.kinds.registry import Clause, ConditionKind, register
from pipeline.match.months import months_covered, months_of
from pipeline.match.results import ConditionResult, Evidence, ScreenContext, Status
from pipeline.messages import msg
from pipeline.nlp.compounds import find_form, tokens
from pipeline.nlp.lexicon import OccupationGroup, TextIndex, fuzzy_title, occupation_groups, occupation_words
from pipeline.spec.grammar import alternation, grammar
from pipeline.spec.grammar import months_of as duration_months
from pipeline.spec.model import OPTIONAL, Condition


@dataclass
class ExperienceCondition(Condition):
    min_months: int | None = None
    scope: str | None = None  # the document's words for what the experience must be in
    occupation: str | None = None  # resolved: an occupation group's key, or the role's head noun
    scope_terms: list[str] = _field(default_factory=list)  # resolved: the scope's own content words
    min_assignments: int | None = _field(default=None, metadata=OPTIONAL)  # "minst tre (3) uppdrag"
    min_count: int | None = _field(default=None, metadata=OPTIONAL)  # "minst två (2) av följande"


def _content(words: str) -> str:
    fillers = occupation_words().scope_fillers
    return " ".join(w for w in words.split() if w.lower() not in fillers)


def scope_terms(scope: str) -> list[str]:
    """The scope's own terms, as the document writes them: its parts between commas and
    coordinators, function words dropped ("som säkerhetstekniker, nätverkstekniker eller
    drifttekniker" → three terms; "från liknande arbete" → none)."""
    words = occupation_words()
    text = scope
    for own in words.own_role_scopes:
        text = re.sub(re.escape(own), ",", text, flags=re.I)
    parts = re.split(rf",|\b(?:{'|'.join(map(re.escape, words.coordinators))})\b", text, flags=re.I)
    return list(dict.fromkeys(t for p in parts if (t := _content(p.strip(" .;:")))))


def role_head(role_name: str) -> str | None:
    """The noun a role's name is about ("Testledare 1" → "testledare"; "Senior Mjukvaruarkitekt" →
    "mjukvaruarkitekt"): its first word that is neither a number, a level nor a function word."""
    skip = occupation_words().role_name_qualifiers | occupation_words().scope_fillers
    for word in re.findall(r"[^\W\d_][\w-]*", role_name.lower()):
        if word not in skip:
            return word
    return None


def groups_named(text: str, *, as_role: bool = False) -> list[OccupationGroup]:
    """The occupation groups a scope (or a role's name) names. Extraction runs this, so it uses
    the word rules alone: the spaCy pipeline is loaded by screening only."""
    words = tokens(text)
    return [
        g
        for g in occupation_groups().values()
        if any(find_form(t, words) for t in (g.role_names if as_role else g.titles))
    ]


def resolve_scope(scope: str | None, role_name: str) -> tuple[str | None, list[str]]:
    """(occupation, scope_terms) of a scope in a role."""
    text = (scope or "").lower()
    own = [o for o in occupation_words().own_role_scopes if o in text]
    # "inom området" names the role's own work only when nothing follows it ("inom området
    # systemintegration" is an open scope)
    own_role = not text.strip() or bool(own and not _open_terms(_without_own_role(text)))
    terms = scope_terms(scope or "")
    if own_role:
        groups = groups_named(role_name, as_role=True)
        return (groups[0].key if groups else role_head(role_name)), terms
    groups = groups_named(scope or "")
    return (groups[0].key if groups else None), terms


def _without_own_role(scope: str) -> str:
    """The scope less its words for the role's own kind of work ("från liknande arbete")."""
    for own in occupation_words().own_role_scopes:
        scope = re.sub(rf"(?<!\w){re.escape(own)}(?!\w)", " ", scope, flags=re.I)
    return scope


def _open_terms(text: str) -> bool:
    from pipeline.match.terms import scope_terms as open_scope_terms

    return bool(open_scope_terms(text))


def entry_in_scope(entry: WorkEntry, cond: ExperienceCondition) -> list[str]:
    """The reasons an entry counts for the condition's scope (empty: it does not)."""
    group = occupation_groups().get(cond.occupation or "")
    title = TextIndex(entry.title if group else f"{entry.title} {entry.employer or ''}")
    described = TextIndex(entry.description)
    reasons = []
    if group is not None:
        if any(title.find(t) for t in group.titles):
            reasons.append(msg("experience_title_names", group=_group_name(group)))
        elif misspelt := fuzzy_title(entry.title, group.titles):
            reasons.append(
                msg("experience_title_misspelt", title=entry.title, form=misspelt, group=_group_name(group))
            )
        elif any(described.find(d) for d in group.duties):
            reasons.append(msg("experience_description_names", group=_group_name(group)))
    elif cond.occupation and (title.find(cond.occupation) or described.find(cond.occupation)):
        reasons.append(msg("experience_names_occupation", occupation=cond.occupation))
    for term in cond.scope_terms:
        if term != cond.occupation and (title.find(term) or described.find(term)):
            reasons.append(msg("experience_mentions", term=term))
    return reasons


def _group_name(group: OccupationGroup) -> str:
    return group.role_names[0] if group.role_names else group.key


def entry_related(entry: WorkEntry, cond: ExperienceCondition) -> list[str]:
    """The reasons an entry that does not count is undecided for the condition's occupation group:
    its title is one of the group's related titles (exactly or misspelt), or one of its titles
    related where the entry shows IT work (an ``it_context`` word in its title, employer or
    description: "Operations Manager" for hosted solutions, not at a warehouse). Empty: it is not."""
    group = occupation_groups().get(cond.occupation or "")
    if group is None:
        return []

    title = TextIndex(entry.title)

    def named(forms: tuple[str, ...]) -> bool:
        return bool(forms) and (
            any(title.find(t) for t in forms) or fuzzy_title(entry.title, forms) is not None
        )

    if named(group.related_titles):
        return [msg("experience_related_title", group=_group_name(group))]
    if named(group.related_titles_in_it):
        text = TextIndex(f"{entry.title} {entry.employer or ''} {entry.description}")
        if any(text.find(w) for w in occupation_words().it_context):
            return [msg("experience_related_title", group=_group_name(group))]
    return []


def _label(cond: ExperienceCondition) -> str:
    """What the explanation names the scope by: the occupation as its group's first role name
    ("it-tekniker", not the group key), then the scope's terms."""
    group = occupation_groups().get(cond.occupation or "")
    occupation = (group.role_names[0] if group and group.role_names else cond.occupation) or ""
    names = [*([occupation] if occupation else []), *cond.scope_terms]
    shown = {n.lower(): n for n in names}  # the document's spelling wins over the role name
    return ", ".join(shown[k] for k in dict.fromkeys(n.lower() for n in names))


def _inside(start: int, found: list[Clause]) -> bool:
    return any(c.start <= start < c.end for c in found)


def _scope_after(text: str, start: int) -> tuple[str, int]:
    """The scope that starts at ``start``, up to the next clause, and where it ends."""
    rest = text[start:]
    end = grammar().scope_end.search(rest)
    scope = (rest[: end.start()] if end else rest).strip().rstrip(".;,: ")
    return scope, start + (end.start() if end else len(rest))


def _count(number: str) -> int | None:
    digits = re.search(r"\(\s*(\d+)\s*\)", number)
    value = lang.number_value(digits[1] if digits else number.strip())
    return None if value is None else round(value)


def _assignment_clauses(text: str, found: list[Clause]) -> list[Clause]:
    """ "minst tre (3) uppdrag inom vilka ingått att skriva …" (the scope follows the count) or
    "ha utformat … inom minst två uppdrag" (the scope precedes it): an experience condition with
    ``min_assignments`` and no duration."""
    g = grammar()
    out: list[Clause] = []
    for m in g.assignments.finditer(text):
        if _inside(m.start(), found) or (count := _count(m["num"])) is None:
            continue
        after = g.assignment_glue.sub("", text[m.end() :])
        scope, end = _scope_after(text, len(text) - len(after))
        start = m.start()
        choice = g.choice_count.search(text, m.end())
        if choice is not None:
            # "… ett (1) arbete med lösningar som omfattat minst två (2) av följande teknologier: A B C"
            condition = ExperienceCondition(
                scope=choice["choices"].strip(" .;"), min_assignments=count, min_count=_count(choice["num"])
            )
            out.append(Clause(start, len(text), condition))
            continue
        if not re.search(r"\w{3,}", scope):
            head = re.sub(rf"\s*\b(?:{'|'.join(map(re.escape, lang.fillers()))})\s*$", "", text[: m.start()])
            head = re.sub(rf"^(?:\s*\b(?:{alternation(g.cues.head_trailers)})\b)+", "", head, flags=re.I)
            # "Erfarenhet av att leda X i minst ett (1) projekt", "Referensuppdraget ska ha omfattat
            # att leda X i minst ett (1) projekt": the scope is X
            opened = g.reference_assignment.match(head) or g.open_experience.search(head)
            if opened:
                head = head[opened.end() :]
            scope, start, end = head.strip(" ,"), 0, m.end()
        condition = ExperienceCondition(min_months=None, scope=scope or None, min_assignments=count)
        out.append(Clause(start, end, condition))
    return out


def _open_clauses(text: str, found: list[Clause]) -> list[Clause]:
    """ "erfarenhet av att skriva applikationer i Python": experience without a duration."""
    out: list[Clause] = []
    for m in grammar().open_experience.finditer(text):
        if _inside(m.start(), [*found, *out]):
            continue
        scope, end = _scope_after(text, m.end())
        out.append(Clause(m.start(), end, ExperienceCondition(min_months=None, scope=scope or None)))
    return out


@register
class Experience(ConditionKind):
    name = "experience"
    priority = 0
    condition = ExperienceCondition

    def clauses(self, text: str) -> list[Clause]:
        g = grammar()
        found: list[Clause] = []
        for m in g.experience.finditer(text):
            rest = text[m.end() :]
            end = g.scope_end.search(rest)
            scope = (rest[: end.start()] if end else rest).strip().rstrip(".;, ")
            if not m["noun"] and not g.scope_start.match(scope):
                continue  # "tre år" with no work meaning (e.g. validity of a certificate)
            months = duration_months(m["num"], m["unit"])
            span_end = m.end() + (end.start() if end else len(rest))
            found.append(
                Clause(m.start(), span_end, ExperienceCondition(min_months=months, scope=scope or None))
            )
        for clause in found:
            cond = clause.condition
            assert isinstance(cond, ExperienceCondition)
            chosen = g.choice_lead.match(cond.scope or "")
            if chosen and cond.min_count is None:  # "… av någon av följande: A, B eller C"
                cond.scope, cond.min_count = (cond.scope or "")[chosen.end() :], 1
        found += _assignment_clauses(text, found)
        lead = grammar().reference_assignment.match(text)
        if lead and not found:
            scope, scope_end = _scope_after(text, lead.end())
            found.append(Clause(0, scope_end, ExperienceCondition(scope=scope or None, min_assignments=1)))
        found += _open_clauses(text, found)
        for m in grammar().vague_assignments.finditer(text):
            if not _inside(m.start(), found):  # "ett flertal liknande uppdrag": no number to count
                found.append(Clause(m.start(), m.end(), ExperienceCondition(scope=m["scope"])))
        return found

    def resolve(self, condition: Condition, role_name: str) -> Condition:
        assert isinstance(condition, ExperienceCondition)
        if condition.occupation is None and not condition.scope_terms:
            condition.occupation, condition.scope_terms = resolve_scope(condition.scope, role_name)
        return condition

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, ExperienceCondition)
        cond = condition
        open_scope = _without_own_role(cond.scope or ", ".join(cond.scope_terms))
        if cond.occupation is None and _open_terms(open_scope):
            # an open scope (a call-off's "att utforma och bygga REST-API:er"): judged per entry
            from pipeline.match.entries import evaluate_open  # screening only, like the matcher it uses

            return evaluate_open(
                open_scope,
                ctx,
                min_months=cond.min_months,
                min_assignments=cond.min_assignments,
                min_count=cond.min_count,
            )
        if cond.occupation is None and not cond.scope_terms:
            return ConditionResult(
                "experience", "unknown", msg("experience_no_scope", scope=cond.scope or "")
            )
        entries = [e for e in ctx.cv.work if not e.container]
        if not entries:
            return ConditionResult("experience", "unknown", msg("experience_no_entries"))
        need = cond.min_months or 0
        counted = [(e, r) for e in entries if (r := entry_in_scope(e, cond))]
        months = months_of((e.period for e, _ in counted), ctx.as_of)
        evidence = [_entry_evidence(ctx, e, r) for e, r in counted]
        status: Status = "met" if months >= need else "not_met"
        explanation = msg(f"experience_{status}", months=months, label=_label(cond), need=need)
        if status == "not_met":
            # undecided entries: never met on their own, but a shortfall they would fill is unknown
            shown = {id(e) for e, _ in counted}
            related = [(e, r) for e in entries if id(e) not in shown and (r := entry_related(e, cond))]
            with_related = months_of((e.period for e, _ in [*counted, *related]), ctx.as_of)
            if related and with_related >= need:
                status = "unknown"
                explanation = msg(
                    "experience_undecided",
                    months=months,
                    label=_label(cond),
                    need=need,
                    related=with_related - months,
                    entries="; ".join(e.label for e, _ in related),
                )
                evidence += [_entry_evidence(ctx, e, r) for e, r in related]
        open_ended = [e for e, _ in counted if e.period.unknown_end]
        if status == "not_met" and open_ended:
            # "2015 – okänd": an entry in scope whose months cannot be counted to the end (silence)
            status = "unknown"
            explanation = msg(
                "experience_unknown_end",
                months=months,
                label=_label(cond),
                need=need,
                entries="; ".join(e.label for e in open_ended),
            )
        return ConditionResult(
            "experience",
            status,
            explanation,
            evidence,
            months=months,
            entries=[e.label for e, _ in counted],
        )

    def columns(self) -> tuple[str, ...]:
        return ("min_months", "scope", "occupation", "scope_terms", "min_assignments", "min_count")

    def key(self, condition: Condition) -> tuple:
        """Months and the scope's words; function words and the resolved fields do not matter."""
        assert isinstance(condition, ExperienceCondition)
        fillers = occupation_words().scope_fillers
        words = tuple(
            sorted(w for w in re.findall(r"\w[\w-]*", (condition.scope or "").lower()) if w not in fillers)
        )
        counts = tuple(
            (name, str(value))
            for name in ("min_assignments", "min_count")
            if (value := getattr(condition, name)) is not None
        )
        return ("experience", str(condition.min_months), words, *counts)


def _entry_evidence(ctx: ScreenContext, entry: WorkEntry, reasons: list[str]) -> Evidence:
    months = len(months_covered(entry.period, ctx.as_of))
    note = msg("experience_entry", months=months, period=entry.period.text, reasons="; ".join(reasons))
    return ctx.evidence(_header_span(ctx, entry), note)


def _header_span(ctx: ScreenContext, entry: WorkEntry) -> tuple[int, int]:
    end = ctx.cv.text.find("\n", entry.span[0])
    return entry.span[0], entry.span[1] if end < 0 else min(end, entry.span[1])
