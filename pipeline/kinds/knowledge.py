"""Knowledge: "goda kunskaper om datorer, kringutrustning samt nätverk", "kunskap i
ärendehanteringssystem, exempelvis Easit BPS eller Artologik Helpdesk".

Each topic is met by a mention of the topic itself or of something that belongs to it (the
concept lexicon), anywhere in the CV. Named examples never restrict. The level word cannot be
verified from a CV and is not judged; a topic the CV never mentions is ``unknown``. A contact
field's label ("Telefon: 070-…", "E-post: …", "Email: …") and the words of an e-mail or web
address are no evidence (of "kommunikation" or anything else), nor is an employer's name ("H1
Communication AB")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as _field

from pipeline.kinds.registry import ConditionKind, register
from pipeline.match.results import ConditionResult, Evidence, ScreenContext
from pipeline.messages import msg
from pipeline.nlp.lexicon import Concept, Hit, TextIndex, concept_for_topic
from pipeline.spec.grammar import (
    alternation,
    grammar,
    split_list,
    split_topics,
    strip_parentheticals,
    without_or_equivalent,
)
from pipeline.spec.model import OPTIONAL, Condition


@dataclass
class KnowledgeCondition(Condition):
    level: str | None = None  # the degree word of the text: "goda", "grund", …
    topics: list[str] = _field(default_factory=list)
    examples: list[str] = _field(default_factory=list)
    or_equivalent: bool = False
    min_count: int | None = _field(default=None, metadata=OPTIONAL)  # "minst två (2) av följande: …"


def topic_hits(index: TextIndex, topic: str, examples: tuple[str, ...]) -> tuple[Concept | None, list[Hit]]:
    """Where the CV shows ``topic``: through its concept where the lexicon has one, else the
    topic's own words (and its first word when that is long enough to name a thing)."""
    from pipeline.match.terms import scope_terms, shown  # screening only: extraction loads no matcher

    terms = scope_terms(topic)
    several = len(terms.groups) > 1 or any(len(a) > 1 for g in terms.groups for a in g.alternatives)
    concept = None if several else concept_for_topic(topic)
    if concept is not None:
        return concept, index.find_concept(concept, examples)
    if terms:
        # an open topic ("identitet och åtkomst", "OAuth 2.0", "projektledning"): every part shown
        found = shown(index, terms)
        if all(found):
            return None, [
                Hit(index.text[a:b], (a, b), s.group, topic, 100.0)
                for s in found
                if s
                for a, b in s.spans[:1]
            ]
        if several or not examples:
            return None, []
    hits = index.find(topic, topic)
    head = topic.split()[0] if topic.split() else ""
    if not hits and len(head) >= 6:
        hits = index.find(head, topic)
    for example in examples:
        hits += index.find(example, topic) or index.find_fuzzy(example, topic)
    return None, hits


# a contact value after a label: an e-mail or web address, or a phone number
CONTACT_VALUE = re.compile(r"\s*:\s*(?:[^\s@]+@[^\s@]+\.\w+|(?:https?://|www\.)\S+|\+?\(?\d[\d ()\-/]{5,}\d)")
ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.\w+|(?:https?://|www\.)\S+")


def contact_label(text: str, span: tuple[int, int]) -> bool:
    """Is the hit a contact field's label ("Telefon: 070-…", "E-post: a@b.se") or part of an
    e-mail or web address? Such words name a way to reach the person, not something they know."""
    if CONTACT_VALUE.match(text, span[1]):
        return True
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return any(m.start() <= span[0] - line_start < m.end() for m in ADDRESS.finditer(line))


def in_employer_name(ctx: ScreenContext, span: tuple[int, int]) -> bool:
    """Does the hit lie in the name of an employer of the CV's work ("Laddbox Nordic AB")? A
    company's name says what the company is called, not what the person knows."""
    text = ctx.index.text
    for entry in ctx.cv.work:
        if not entry.employer or not entry.span[0] <= span[0] < entry.span[1]:
            continue
        at = text.find(entry.employer, entry.span[0], entry.span[1])
        if at >= 0 and at <= span[0] and span[1] <= at + len(entry.employer):
            return True
    return False


def _plain_nouns() -> set[str]:
    return {n.lower() for n in grammar().cues.knowledge_nouns}


def _adjective(text: str) -> KnowledgeCondition | None:
    """ "så kunnig inom OAuth 2.0 att denne kan arbeta självständigt": the topic runs to the "att"
    clause; a degree word of that clause is the level."""
    cues = grammar().cues
    m = re.search(
        rf"\b(?:{alternation(cues.knowledge_adjectives)})\s+(?:{alternation(cues.topic_prepositions)})\s+"
        rf"(?P<topic>.+?)(?:\s+(?P<clause>(?:{alternation(cues.topic_clause_words)})\b.*))?$",
        text,
        re.I,
    )
    if m is None:
        return None
    clause = m["clause"] or ""
    level = next(
        (w for w in cues.knowledge_clause_levels if re.search(rf"\b{re.escape(w)}\b", clause, re.I)), None
    )
    return KnowledgeCondition(level=level, topics=split_topics(m["topic"].rstrip(". ")))


@register
class Knowledge(ConditionKind):
    name = "knowledge"
    priority = 40
    condition = KnowledgeCondition

    def recognise(self, text: str) -> list[Condition] | None:
        g = grammar()
        adjective = _adjective(text)
        if adjective is not None:
            return [adjective]
        m = g.knowledge.search(text)
        if not m:
            return None
        noun = m["noun"].lower()
        fillers = set(g.cues.level_fillers)
        level_words = [w for w in m["level"].split() if w.lower() not in fillers]
        domain = [w for w in level_words if w.lower().endswith(tuple(g.cues.domain_adjective_suffixes))]
        level_words = [w for w in level_words if w not in domain]  # "teknisk kunskap": a domain, no level
        level = g.cues.knowledge_prefix_levels.get(noun) or (" ".join(level_words) if level_words else None)
        rest = text[m.end() :].strip()
        rest = re.sub(rf"^(?:(?:{alternation(g.cues.topic_prepositions)})\b)?\s*:?\s*", "", rest, flags=re.I)
        rest = re.sub(
            rf"^,?\s*(?:{alternation(g.cues.topic_focus_words)})\s+(?:(?:{alternation(g.cues.topic_prepositions)})\s+)?",
            "",
            rest,
            flags=re.I,
        )
        any_one = re.match(rf"(?:{alternation(g.cues.any_one_cues)})\b", rest, re.I) is not None
        rest = g.choice_lead.sub("", rest)  # "någon av följande: A, B eller C": the choices A, B, C
        phrase_break = re.search(rf"\s*(?:{alternation(g.cues.knowledge_phrase_breaks)})\s+", rest, re.I)
        if phrase_break:
            # "kunskap inom IT och teknik, men även inom specialiseringar …": two phrases, one level
            head = text[: m.end()]
            first = self.recognise(f"{head} {rest[: phrase_break.start()]}") or []
            second = self.recognise(f"{head} {rest[phrase_break.end() :]}") or []
            return [*first, *second]
        if not re.search(r"\w", rest):
            # nothing follows the noun: the phrase names the topic ("Djup affärsförståelse", "Teknisk kompetens")
            own = " ".join([*domain, m["noun"]]) if domain or noun not in _plain_nouns() else ""
            return [KnowledgeCondition(level=level, topics=[own] if own else [])]
        examples: list[str] = []
        ex = g.example.search(rest)
        if ex:
            tail = rest[ex.end() :]
            if rest[ex.start()] == "(":
                close = tail.find(")")
                examples = split_list(g.example_trailer.sub("", tail[:close] if close >= 0 else tail))
                rest = (rest[: ex.start()] + (tail[close + 1 :] if close >= 0 else "")).strip()
            else:
                examples = split_list(g.example_trailer.sub("", tail))
                rest = rest[: ex.start()].strip()
        rest, equivalent = without_or_equivalent(strip_parentheticals(rest))
        return [
            KnowledgeCondition(
                level=level,
                topics=split_topics(rest.rstrip(". ")),
                examples=examples,
                or_equivalent=equivalent,
                min_count=1 if any_one else None,
            )
        ]

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, KnowledgeCondition)
        evidence: list[Evidence] = []
        missing: list[str] = []
        for i, topic in enumerate(condition.topics):
            examples = tuple(condition.examples) if i == len(condition.topics) - 1 else ()
            _, hits = topic_hits(ctx.index, topic, examples)
            hits = [
                h
                for h in hits
                if not contact_label(ctx.index.text, h.span) and not in_employer_name(ctx, h.span)
            ]
            if not hits:
                missing.append(topic)
                continue
            hit = hits[0]
            note = msg(
                "knowledge_shown",
                topic=topic,
                surface=hit.surface,
                concept=hit.concept,
                form=hit.form,
                score=f"{hit.score:g}",
            )
            evidence.append(ctx.evidence(hit.span, note, hit))
        need = condition.min_count
        if need is not None and len(condition.topics) - len(missing) >= need:
            return ConditionResult("knowledge", "met", msg("knowledge_all_shown"), evidence)
        if missing:
            return ConditionResult(
                "knowledge", "unknown", msg("knowledge_missing", topics=", ".join(missing)), evidence
            )
        return ConditionResult("knowledge", "met", msg("knowledge_all_shown"), evidence)

    def key(self, condition: Condition) -> tuple:
        assert isinstance(condition, KnowledgeCondition)
        fold = " ".join
        return ("knowledge", fold((condition.level or "").split()).lower(),
                tuple(fold(t.split()).lower() for t in condition.topics),
                tuple(fold(e.split()) for e in condition.examples), condition.or_equivalent,
                *((("min_count", str(condition.min_count)),) if condition.min_count is not None else ()))  # fmt: skip
