"""Blocks → roles with tasks, requirements, notes and call-off.

Headings form a tree by typography (larger font, then shallower section number, is higher);
a heading whose words say it groups roles ("Kompetenser som avropas …") takes the headings of
its own level that follow it as children too, since text dumps have no font sizes.

A *list role* is a heading whose content opens a task or requirement list (a section heading
such as "Arbetsuppgifter" or a lead-in line). A heading with only paragraphs is a role when it
stands after the first list role under a group of roles (the "Hybrid" and "Interimschef" kind);
sections before the first role and outside the roles' group (Inledning, Säkerhetsskydd) are not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline import lang
from pipeline.knowledge import knowledge_cache, spec_cues
from pipeline.spec.layout import Block, Bullet, Heading, Paragraph
from pipeline.spec.model import Role
from pipeline.spec.requirements import carries_content, level_in, parse_requirement, says_should, weight_in
from pipeline.spec.sentences import sentences

Section = str  # "tasks" | "requirements" | "notes"


def _norm(text: str) -> str:
    return " ".join(text.lower().strip().rstrip(":;").split())


def section_of(text: str) -> Section | None:
    """'Arbetsuppgifter' → 'tasks', 'Kompetenskrav:' → 'requirements', anything else → None."""
    t = _norm(text)
    return _section_of_heading().get(t)


@knowledge_cache
def _section_of_heading() -> dict[str, Section]:
    return {" ".join(w.split()): section for section, words in spec_cues().sections.items() for w in words}


@knowledge_cache
def _lead_in_patterns() -> tuple[tuple[Section, re.Pattern[str]], ...]:
    words = spec_cues().lead_in_words
    return tuple(
        (section, re.compile(rf"\b{lang.alternation(words[section])}\b", re.I))
        for section in ("tasks", "requirements")
    )


@knowledge_cache
def _announces_list() -> re.Pattern[str]:
    """A lead-in that ends in "." but announces the list below ("… enligt nedan.")."""
    return re.compile(rf"\b{lang.alternation(spec_cues().call_off.list_announcements)}\s*\.$", re.I)


def lead_in_of(text: str) -> Section | None:
    """A list's lead-in line ('Erbjuden konsult ska uppfylla nedan kompetenskrav;') → its section."""
    stripped = unicodedata.normalize("NFKC", text).strip()  # dumps may carry U+037E for ";"
    if not (stripped.endswith((";", ":")) or _announces_list().search(stripped)) or len(stripped) > 160:
        return None
    return next((section for section, pattern in _lead_in_patterns() if pattern.search(stripped)), None)


def opens_section(text: str) -> bool:
    return section_of(text) is not None or lead_in_of(text) is not None


def _is_group_by_words(text: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in spec_cues().group_heading_cues)


def _says_renewed(text: str) -> bool:
    low = text.lower()
    c = spec_cues()
    return any(cue in low for cue in c.renewed_competition_cues) and not _renewed_negation().search(low)


@knowledge_cache
def _renewed_negation() -> re.Pattern[str]:
    return re.compile(rf"\b{lang.alternation(spec_cues().renewed_competition_negations)}\b", re.I)


@dataclass
class _Node:
    heading: Heading
    index: int  # position in the block list
    content: list[Block] = field(default_factory=list)
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    by_words: bool = False

    @property
    def lists(self) -> bool:
        for b in self.content:
            if isinstance(b, Heading) and section_of(b.text):
                return True
            if isinstance(b, Paragraph) and lead_in_of(b.text):
                return True
        return False

    def ancestors(self) -> list[_Node]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


def _higher(a: Heading, b: Heading) -> bool:
    """Is ``a`` a higher heading level than ``b``?"""
    if abs(a.size - b.size) >= 0.5:
        return a.size > b.size
    if a.bold != b.bold:
        return a.bold
    if a.depth and b.depth:
        return a.depth < b.depth
    return False


def _tree(blocks: Sequence[Block]) -> list[_Node]:
    nodes: list[_Node] = []
    stack: list[_Node] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Heading) and not section_of(block.text):
            node = _Node(block, i, by_words=_is_group_by_words(block.text) or _says_renewed(block.text))
            while stack:
                top = stack[-1]
                same_level = not _higher(top.heading, block) and not _higher(block, top.heading)
                numbered_peers = top.heading.depth and top.heading.depth == block.depth
                adopts = same_level and top.by_words and not node.by_words and not numbered_peers
                if _higher(top.heading, block) or adopts:
                    break
                stack.pop()
            if stack:
                node.parent = stack[-1]
                stack[-1].children.append(node)
            stack.append(node)
            nodes.append(node)
        elif nodes:
            nodes[-1].content.append(block)
    return nodes


def _common_ancestor(nodes: Sequence[_Node]) -> _Node | None:
    if not nodes:
        return None
    common = nodes[0].ancestors()
    for n in nodes[1:]:
        chain = n.ancestors()
        common = [a for a in common if a in chain]
    return common[0] if common else None


def _fill(role: Role, content: Sequence[Block], catalogue: bool = False) -> None:
    """A role's blocks → its tasks, requirements and notes. A lead-in that carries part of the
    requirement ("Konsulterna ska kunna:") is put before each item of its list."""
    section: Section | None = None
    after_heading = False
    lead: str | None = None
    should: list[str] = []  # the heading or lead-in that makes the list "should" (bör-krav, meriterande)
    for block in content:
        if isinstance(block, Heading):
            section = section_of(block.text)
            after_heading = section is not None
            lead = None
            should = [block.text] if says_should(block.text) else []
            if section is None:  # a sub-heading inside a role: keep its words as a note
                role.notes.append(block.text)
            continue
        if isinstance(block, Paragraph):
            opens = lead_in_of(block.text)
            if catalogue and section == "requirements" and not opens:
                lead = _prose(role, block.text)
            elif opens or (
                after_heading and unicodedata.normalize("NFKC", block.text).rstrip().endswith((";", ":"))
            ):
                section = opens or section
                lead = block.text if section == "requirements" and carries_content(block.text) else None
                should = [block.text, *should] if says_should(block.text) else should
            else:
                role.notes.append(block.text)
                lead = None
            after_heading = False
            continue
        assert isinstance(block, Bullet)
        after_heading = False
        if section == "requirements":
            text = f"{lead.rstrip()} {block.full_text}" if lead else block.full_text
            req = parse_requirement(text, block.subs)
            if should:
                req.obligation, req.weight = "should", weight_in([text, *should])
            role.requirements.append(req)
        elif section == "notes":
            role.notes.append(block.full_text)
        else:
            role.tasks.append(block.full_text)


def _prose(role: Role, text: str) -> str | None:
    """A paragraph of a role catalogue's requirements section → one requirement per sentence (the
    section decides); returns its closing lead-in when that carries content ("Konsulterna ska
    kunna:"). A specification's paragraphs there stay notes, as its lists carry the requirements."""
    parts = sentences(text)
    lead = None
    if parts and parts[-1].rstrip().endswith(":"):
        closing = parts.pop()
        lead = closing if carries_content(closing) else None
    for sentence in parts:
        role.requirements.append(parse_requirement(sentence))
    return lead


def roles_from_blocks(blocks: Sequence[Block], catalogue: bool = False) -> list[Role]:
    nodes = _tree(blocks)
    list_roles = [n for n in nodes if n.lists]
    if not list_roles:
        return []
    first = list_roles[0].index
    scope = _common_ancestor(list_roles)
    # the section number of the part that holds the roles ("2 Krav på kompetenser"): a heading
    # numbered as its peer ("3 Övriga villkor") starts another part, not a role
    part_depths = [
        a.heading.depth for n in list_roles for a in n.ancestors() if a.heading.depth and not a.lists
    ]
    part_depth = min(part_depths, default=0)
    roles: list[Role] = []
    own: set[int] = set()  # the blocks inside a role's own section
    for node in nodes:
        if node.lists:
            is_role = True
        elif node.children or node.by_words or node.index < first or _starts_part(node, part_depth):
            is_role = False
        else:
            parent = node.parent
            if parent is None:
                is_role = scope is None
            else:
                is_role = (
                    parent.by_words or parent is scope or (scope is not None and scope in parent.ancestors())
                )
        if not is_role:
            continue
        renewed = any(
            _says_renewed(a.heading.text)
            or (not catalogue and any(isinstance(b, Paragraph) and _says_renewed(b.text) for b in a.content))
            for a in node.ancestors()
            if not a.lists
        )
        own.update(id(b) for b in node.content)
        for name, level, content in _profiles(node):
            role = Role(name=name, call_off="renewed_competition" if renewed else "direct", level=level)
            _fill(role, content, catalogue)
            roles.append(role)
    _renewed_by_name([b for b in blocks if id(b) not in own], roles)
    return roles


def _starts_part(node: _Node, part_depth: int) -> bool:
    depth = node.heading.depth
    return bool(part_depth and depth and depth <= part_depth)


def _renewed_by_name(blocks: Sequence[Block], roles: list[Role]) -> None:
    """A call-off rule stated outside the roles' own sections ("Rollerna Interimschef och Testledare
    avropas endast genom förnyad konkurrensutsättning."): the roles it names by their headings' names."""
    direct = re.compile(rf"\b{lang.alternation(spec_cues().direct_call_off_cues)}\b", re.I)
    for block in blocks:
        if not isinstance(block, Paragraph) or not _says_renewed(block.text) or direct.search(block.text):
            continue
        for role in roles:
            if re.search(rf"(?<!\w){re.escape(role.name)}(?!\w)", block.text, re.I):
                role.call_off = "renewed_competition"


def _profiles(node: _Node) -> list[tuple[str, int | None, list[Block]]]:
    """A heading's competence profiles: one, or one per requirement lead-in where the heading holds
    several at different levels ("Ska-krav … för assistent, nivå 1, enligt nedan." / "… nivå 2 …"),
    each named by the heading and its level as the document writes it ("Assistent nivå 1")."""
    leads = [
        i
        for i, b in enumerate(node.content)
        if isinstance(b, Paragraph) and lead_in_of(b.text) == "requirements"
    ]
    found = [level_in(node.content[i].text) for i in leads]
    levels = [f for f in found if f is not None]
    name = node.heading.text
    if len(leads) < 2 or len(levels) != len(leads) or len({n for n, _ in levels}) != len(levels):
        return [(name, levels[0][0] if len(levels) == 1 else None, list(node.content))]
    shared = node.content[: leads[0]]
    bounds = [*leads, len(node.content)]
    return [
        (f"{name} {words}", number, [*shared, *node.content[bounds[k] : bounds[k + 1]]])
        for k, (number, words) in enumerate(levels)
    ]
