"""The document's kind (contract §1b) from its headings and title, never its file name or issuer:
a call-off names itself ("Avropsförfrågan …", "Avrop Integrationsarkitekt"); a role catalogue
repeats the sections of a role profile ("Rollbeskrivning", "Efterfrågad kompetens", …)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.knowledge import knowledge_cache, spec_cues
from pipeline.lang import alternation
from pipeline.spec.layout import Block, Heading
from pipeline.spec.model import DocumentKind


@knowledge_cache
def _call_off_words() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(spec_cues().kinds.call_off_cues)})\b", re.I)


def _plain(text: str) -> str:
    return " ".join(text.lower().strip().rstrip(":;").split())


def document_kind(blocks: Sequence[Block], title: str | None) -> DocumentKind:
    cues = spec_cues().kinds
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    catalogue = {_plain(w) for w in cues.role_catalogue_sections}
    if sum(_plain(h) in catalogue for h in headings) >= 3:
        return "role_catalogue"
    sections = {_plain(w) for words in cues_sections() for w in words}
    if sum(_plain(h) in sections for h in headings) >= 2:
        # role sections of their own ("Arbetsuppgifter", "Kompetenskrav"): a specification, even
        # one whose title speaks of call-offs ("Kravspecifikation för avrop av IT-tjänster")
        return "specification"
    named = sum(bool(_call_off_words().search(h)) for h in headings)
    if (title and _call_off_words().search(title)) or named >= 2:
        return "call_off"
    return "specification"


def cues_sections() -> list[list[str]]:
    return [spec_cues().sections[k] for k in ("tasks", "requirements")]
