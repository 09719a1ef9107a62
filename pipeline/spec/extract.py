"""The extract path end to end: file → lines → furniture removed → blocks → roles → Spec."""

from __future__ import annotations

from pathlib import Path

from pipeline.documents.furniture import remove_positioned, remove_textual
from pipeline.documents.read import read_document
from pipeline.errors import InputError
from pipeline.kinds import resolve_roles
from pipeline.knowledge import spec_cues
from pipeline.spec.calloff import calloff_roles
from pipeline.spec.docfields import document_info
from pipeline.spec.dockind import document_kind
from pipeline.spec.layout import blocks_from_positioned, blocks_from_text
from pipeline.spec.model import Spec
from pipeline.spec.structure import opens_section, roles_from_blocks, section_of


def extract_spec(path: str | Path) -> Spec:
    path = Path(path)
    kind, doc = read_document(path)
    if kind == "pdf":
        body, furniture = remove_positioned(doc)
        blocks = blocks_from_positioned(body.lines)
    else:
        section_words = [w for words in spec_cues().sections.values() for w in words]
        body, furniture = remove_textual(doc, keep=section_words, is_heading_follower=opens_section)
        blocks = blocks_from_text(body.lines, is_section=lambda t: section_of(t) is not None)
    if not body.lines:
        raise InputError(path, "the document has no text besides page headers and footers")
    first_page = [ln for ln in doc.lines if ln.page == 1]
    text = " ".join(ln.text for ln in body.lines)
    info = document_info(doc.source, doc.pages, furniture.lines, first_page, doc.metadata, text)
    info.kind = document_kind(blocks, info.title)
    if info.kind == "call_off":
        roles = calloff_roles(blocks, info.title)
    else:
        roles = roles_from_blocks(blocks, catalogue=info.kind == "role_catalogue")
    resolve_roles(roles)
    if not roles:
        raise InputError(
            path, "no role found (no heading followed by an 'Arbetsuppgifter' or 'Kompetenskrav' list)"
        )
    return Spec(document=info, roles=roles)
