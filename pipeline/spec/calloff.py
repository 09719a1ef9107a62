"""A call-off (avropsförfrågan) → its requested roles (contract §1b).

A call-off is mostly contract text: procedure, supplier requirements, evaluation, price, contract
clauses. Its roles are the profiles under the heading that names the requested roles ("Efterfrågad
roll och nivå", "Efterfrågade roller"): the numbered sub-headings under it that are no requirement
section ("Senior Mjukvaruarkitekt krav"), or, where it has none, one role named by the title ("Avrop
Integrationsarkitekt"). That heading's region (up to the next heading of a higher level) holds
the roles' requirements:

- a list after a lead-in: the lead-in is dropped when it only announces the list, and put before
  each item when it carries part of the requirement ("… minst sju (7) års erfarenhet av … i:");
- a paragraph: each sentence that states a requirement is one; a paragraph with other content
  (a recency limit, how many consultants) is a note; one that only announces the requirements or
  instructs the tenderer ("Bifoga CV …") is dropped; the level sentence fills ``level``.

After the region, the sections that describe the assignment ("Uppdraget omfattar") give tasks
(bullets) and notes (paragraphs), per role where a sub-heading names it; any other section up to
the evaluation gives the sentences that state a requirement on the consultants, for every role;
from the evaluation on only lists marked as merits ("meriterande") are read, as ``should``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.kinds.experience import ExperienceCondition
from pipeline.knowledge import knowledge_cache, spec_cues
from pipeline.lang import alternation
from pipeline.spec.layout import NUMBERED_HEADING, Block, Bullet, Heading, Paragraph
from pipeline.spec.model import Requirement, Role
from pipeline.spec.requirements import (
    carries_content,
    parse_requirement,
    says_should,
    states_requirement,
    weight_in,
)
from pipeline.spec.sentences import sentences


@dataclass
class _Patterns:
    requested: re.Pattern[str]
    requirement_section: re.Pattern[str]
    name_trailer: re.Pattern[str]
    title_lead: re.Pattern[str]
    requested_sentence: re.Pattern[str]
    reference_section: re.Pattern[str]
    description: re.Pattern[str]
    evaluation: re.Pattern[str]
    instruction: re.Pattern[str]
    level: re.Pattern[str]
    requirement: re.Pattern[str]
    announce: re.Pattern[str]
    recency: re.Pattern[str]
    content_lead: re.Pattern[str]
    list_announcement: re.Pattern[str]
    consultant_lead: re.Pattern[str]


@knowledge_cache
def _patterns() -> _Patterns:
    c = spec_cues().call_off

    def words(ws: Sequence[str]) -> str:
        return alternation(ws)

    return _Patterns(
        requested=re.compile(rf"\b(?:{words(c.requested_role_cues)})\b", re.I),
        requirement_section=re.compile(rf"(?:{words(c.requirement_section_cues)})", re.I),
        name_trailer=re.compile(rf"\s+(?:{words(c.role_name_trailers)})\s*$", re.I),
        reference_section=re.compile(rf"(?:{words(c.reference_section_cues)})", re.I),
        title_lead=re.compile(rf"^\s*(?:{words(c.title_role_leads)})\s+", re.I),
        requested_sentence=re.compile(
            rf"\b(?:{words(c.requested_role_leads)})\s+(?:(?:{words(c.role_name_articles)})\s+)?"
            r"(?P<name>[^,.;:]+?)\s*(?:[,.;:]|\bsom\b)",
            re.I,
        ),
        description=re.compile(rf"\b(?:{words(c.description_cues)})\b", re.I),
        evaluation=re.compile(rf"(?:{words(c.evaluation_cues)})", re.I),
        instruction=re.compile(rf"\b(?:{words(c.instruction_cues)})\b", re.I),
        level=re.compile(rf"\b(?:{words(c.level_words)})\s+(\d+)\b", re.I),
        requirement=re.compile(
            rf"\b(?:{words(c.requirement_verbs)})\b|(?:{words(c.requirement_nouns)})\b", re.I
        ),
        announce=re.compile(rf"\b(?:{words(c.announce_cues)})\b", re.I),
        recency=re.compile(rf"\b(?:{words(c.recency_cues)})\b", re.I),
        content_lead=re.compile(rf"\b(?:{words(c.content_lead_endings)})\s*:\s*$", re.I),
        list_announcement=re.compile(rf"\b(?:{words(c.list_announcements)})\s*\.\s*$", re.I),
        consultant_lead=re.compile(
            rf"^(?:{words(c.consultant_subject_leads)})\s+(?:{words(c.consultant_subject_verbs)})\s+", re.I
        ),
    )


_LETTERED = re.compile(r"^[a-zåäö][.)]\s+(?=\S)")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"(\w)-\s+(?=\w)", r"\1-", text).split())


def _part_heading(block: Block) -> Heading | None:
    """A short numbered paragraph ("2. Krav på utförandet av tjänsten") is a part's heading."""
    if isinstance(block, Heading):
        return block
    if isinstance(block, Paragraph) and len(block.text) <= 80 and NUMBERED_HEADING.match(block.text):
        text = NUMBERED_HEADING.sub("", block.text).strip()
        if text[:1].isupper() and not text.endswith((".", ":")):
            return Heading(text, 0.0, True, 1, block.page)
    return None


@dataclass
class _Draft:
    role: Role
    keys: list[str] = field(default_factory=list)  # names a description sub-heading may use


def _role_name(heading: str) -> str:
    p = _patterns()
    name = p.name_trailer.sub("", heading).strip()
    return _norm(re.sub(r"\s*\((?:[^)]*\d[^)]*)\)\s*$", "", name))


def title_role(title: str | None) -> str | None:
    """'Avrop Integrationsarkitekt' → 'Integrationsarkitekt'; 'Avrop för OAuth2- konsult' → 'OAuth2-konsult';
    a title without a call-off word is the role's name as it stands ("Senior Fullstackutvecklare")."""
    if not title:
        return None
    m = _patterns().title_lead.match(title)
    return _norm(re.sub(r"\s*\([^)]*\)\s*$", "", title[m.end() :] if m else title))


def requested_role(blocks: Sequence[Block]) -> str | None:
    """The name in the requested-role sentence ("Rollen som efterfrågas är en Senior Utvecklare, som …"
    → "Senior Utvecklare"), the source after the role's own heading (contract §1b)."""
    for b in blocks:
        if isinstance(b, Paragraph):
            m = _patterns().requested_sentence.search(b.text)
            if m and m["name"].strip():
                return _norm(m["name"])
    return None


def _is_lead_in(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(":") or bool(_patterns().list_announcement.search(stripped))


def _is_requirement_sentence(sentence: str) -> bool:
    return states_requirement(sentence)


def _one_assignment(req: Requirement, item: str) -> None:
    """An item of a reference-assignment list is one assignment unless it states a count: its
    experience condition gets ``min_assignments: 1``; an item no kind reads becomes one."""
    found = [c for alt in req.any_of for c in alt if isinstance(c, ExperienceCondition)]
    if not found:
        scope = _patterns().consultant_lead.sub("", _LETTERED.sub("", item.strip())).rstrip(".;")
        req.any_of = [[ExperienceCondition(scope=scope, min_assignments=1)]]
        req.kind = "experience"
        return
    for cond in found:
        if cond.min_assignments is None and cond.min_months is None:
            cond.min_assignments = 1


def _obligation(text: str) -> str:
    return "should" if says_should(text) else "must"


def _requirement(
    text: str, subs: Sequence[str] = (), obligation: str = "must", context: Sequence[str] = ()
) -> Requirement:
    """Type a requirement; a should requirement takes the weight printed in its text, else in its
    lead-in or section heading (``context``)."""
    req = parse_requirement(text, subs)
    req.obligation = "should" if obligation == "should" else "must"
    if req.obligation == "should":
        req.weight = weight_in([text, *context])
    return req


def _prose(text: str) -> tuple[list[str], str | None]:
    """A paragraph → (its requirement sentences, the note it leaves or None).

    The note is the paragraph without its requirement sentences, when anything of content is
    left: a paragraph that only announces the requirements or instructs is no note."""
    p = _patterns()
    parts = sentences(text)
    reqs = [s for s in parts if _is_requirement_sentence(s)]
    rest = [s for s in parts if s not in reqs]
    content = [
        s
        for s in rest
        if not p.instruction.search(s)
        and not (p.announce.search(s) and p.requirement.search(s))
        and not p.level.search(s)
    ]
    if not content:
        return reqs, None
    return reqs, " ".join(rest) if reqs else text


def _level(blocks: Sequence[Block]) -> int | None:
    for b in blocks:
        text = b.text if isinstance(b, Paragraph | Heading | Bullet) else ""
        m = _patterns().level.search(text)
        if m:
            return int(m[1])
    return None


class _Filler:
    """Walks a run of blocks and adds their tasks, requirements and notes to roles."""

    def __init__(self, targets: list[Role], section: str) -> None:
        self.targets = targets
        self.section = section  # "requirements" | "description" | "other" | "evaluation"
        self.lead: str | None = None
        self.lead_obligation = "must"
        self.heading_obligation = "must"
        self.in_list = False
        self.skip_answers = False
        self.open_item: Requirement | None = None
        self.references = False  # in the section of reference assignments
        self.context: list[str] = []  # the heading over the current list (its weight)

    def _add_requirement(self, req: Requirement) -> None:
        for role in self.targets:
            if all(r.text != req.text for r in role.requirements):
                role.requirements.append(req)

    def _add_note(self, note: str) -> None:
        for role in self.targets:
            role.notes.append(note)

    def heading(self, block: Heading) -> None:
        self.lead, self.in_list, self.open_item = None, False, None
        p = _patterns()
        self.skip_answers = bool(p.instruction.search(block.text)) or not block.depth
        if block.depth:
            self.references = bool(p.reference_section.search(block.text))
        self.lead_obligation = self.heading_obligation = _obligation(block.text)
        self.context = [block.text]

    def paragraph(self, block: Paragraph) -> None:
        text = block.text
        lettered = _LETTERED.match(text)
        if lettered and not self.skip_answers:
            # "a. Referensuppdraget ska omfatta …": a lettered item of a list, written as paragraphs
            self.in_list = True
            self.bullet(Bullet(text[lettered.end() :].strip(), block.x0, block.page))
            return
        if self.skip_answers and block.x0 > self.body_x0 + 5:
            return  # the answer field of a tenderer's prompt ("Bifogad fil", "Ja/Nej")
        self.skip_answers = False
        self.open_item = None
        if _is_lead_in(text):
            self.in_list = True
            self.lead_obligation = (
                "should" if "should" in (self.heading_obligation, _obligation(text)) else "must"
            )
            self.lead = text if carries_content(text) and self.section != "description" else None
            return
        self.lead, self.in_list = None, False
        if self.section == "evaluation":
            return
        reqs, note = _prose(text)
        for sentence in reqs:
            obligation = _obligation(sentence) if _obligation(sentence) == "should" else self.lead_obligation
            self._add_requirement(_requirement(sentence, obligation=obligation, context=self.context))
        if note and self.section in ("requirements", "description"):
            self._add_note(note)

    def bullet(self, block: Bullet) -> None:
        self.skip_answers = False
        if self.section == "evaluation" and not (self.in_list and self.lead_obligation == "should"):
            return
        if self.section == "other" and not self.lead:
            return  # a list outside the roles' sections counts only under a lead-in with content
        text = block.full_text
        if self.open_item is not None:
            # items of a bullet that ends in ":" ("… minst två (2) av följande teknologier:")
            merged = _requirement(f"{self.open_item.text} {text}", obligation=self.open_item.obligation)
            for role in self.targets:
                role.requirements[:] = [merged if r is self.open_item else r for r in role.requirements]
            self.open_item = merged
            return
        if self.section == "description":
            for role in self.targets:
                role.tasks.append(text)
            return
        if self.lead:
            text = f"{self.lead.rstrip()} {text}"
        req = _requirement(
            text, block.subs, self.lead_obligation, [*([self.lead] if self.lead else []), *self.context]
        )
        if self.references:
            _one_assignment(req, block.full_text)
        self._add_requirement(req)
        if block.text.rstrip().endswith(":") and not block.subs:
            self.open_item = req

    body_x0: float = 0.0


def calloff_roles(blocks: Sequence[Block], title: str | None) -> list[Role]:
    p = _patterns()
    parts = [(_part_heading(b) or b) for b in blocks]
    xs = sorted(b.x0 for b in parts if isinstance(b, Paragraph))
    body_x0 = xs[len(xs) // 4] if xs else 0.0
    start = next(
        (i for i, b in enumerate(parts) if isinstance(b, Heading) and b.depth and p.requested.search(b.text)),
        None,
    )
    if start is None:
        start = next(
            (
                i
                for i, b in enumerate(parts)
                if isinstance(b, Heading) and b.depth and p.requirement_section.search(_norm(b.text))
            ),
            None,
        )
    if start is None:
        # no section names the requested roles: one role named by the title, its requirements the
        # sentences that state them, its tasks and notes the assignment's description
        name = title_role(title)
        if not name:
            return []
        role = Role(name=name, call_off="renewed_competition", level=_level(parts))
        _after(parts, [role], body_x0)
        return [role] if role.requirements else []
    top = parts[start]
    assert isinstance(top, Heading)
    end = next(
        (
            i
            for i in range(start + 1, len(parts))
            if isinstance(parts[i], Heading) and 0 < parts[i].depth < top.depth  # type: ignore[union-attr]
        ),
        len(parts),
    )
    region = parts[start:end]
    level = _level(region)
    role_at = [
        i
        for i, b in enumerate(region)
        if i
        and isinstance(b, Heading)
        and b.depth > top.depth
        and not p.requirement_section.search(_norm(b.text))
        and not p.instruction.search(b.text)
    ]
    drafts: list[_Draft] = []
    spans: list[tuple[_Draft, Sequence[Block]]] = []
    if role_at:
        for k, i in enumerate(role_at):
            heading = region[i]
            assert isinstance(heading, Heading)
            name = _role_name(heading.text)
            draft = next((d for d in drafts if d.role.name == name), None)
            if draft is None:
                draft = _Draft(Role(name=name, call_off="renewed_competition", level=level), [name])
                drafts.append(draft)
            spans.append((draft, region[i + 1 : role_at[k + 1] if k + 1 < len(role_at) else len(region)]))
    else:
        name = requested_role(region) or title_role(title) or _role_name(top.text)
        draft = _Draft(Role(name=name, call_off="renewed_competition", level=level), [name])
        drafts.append(draft)
        first = next((i for i, b in enumerate(region) if i and isinstance(b, Heading)), len(region))
        spans.append((draft, region[first:]))
    for draft, span in spans:
        filler = _Filler([draft.role], "requirements")
        filler.body_x0 = body_x0
        _walk(filler, span)
    _after(parts[end:], [d.role for d in drafts], body_x0)
    return [
        d.role for d in drafts if d.role.requirements
    ]  # a call-off's role is one requirements are stated for


def _walk(filler: _Filler, blocks: Sequence[Block]) -> None:
    for b in blocks:
        if isinstance(b, Heading):
            filler.heading(b)
        elif isinstance(b, Paragraph):
            filler.paragraph(b)
        else:
            filler.bullet(b)


def _match_role(text: str, roles: list[Role]) -> Role | None:
    scored = [(fuzz.partial_ratio(text.lower(), r.name.lower()), r) for r in roles]
    best = max(scored, key=lambda s: s[0], default=None)
    return best[1] if best and best[0] >= 80 else None


def _after(blocks: Sequence[Block], roles: list[Role], body_x0: float) -> None:
    """The sections after the roles' region: descriptions, team-wide sentences, merits."""
    p = _patterns()
    section = "other"
    filler = _Filler(roles, section)
    filler.body_x0 = body_x0
    for b in blocks:
        if isinstance(b, Heading) and b.depth:
            if section == "evaluation" or p.evaluation.search(b.text):
                section = "evaluation"
            else:
                section = "description" if p.description.search(b.text) else "other"
            filler = _Filler(roles, section)
            filler.body_x0 = body_x0
            filler.heading(b)
            continue
        if isinstance(b, Heading) and section == "description":
            role = _match_role(b.text, roles)
            if role is not None:
                filler = _Filler([role], section)
                filler.body_x0 = body_x0
                continue
        _walk(filler, [b])
