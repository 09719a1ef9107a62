"""Running headers, footers and page numbers: found without knowing their words, and removed.

Positioned documents (PDF): a line is furniture when it sits in the top or bottom band of the
page and, counted from the page edge inwards without a gap, either recurs on most pages at the
same height (digits may differ: "Sid 1 (14)" / "Sid 2 (14)") or has the shape of a page number.
Single-page documents have no recurrence, so shape decides: page numbers, labelled dates and
references, and caller-given cue words (a CV's "CV", "Uppdaterad …").

Text dumps have no positions and their header block can land in the middle of a list. There a
block is anchored on lines shaped like a page number, a date line or a reference line; the short
lines standing with them in the block (agency name, document title) go too.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from pipeline import lang
from pipeline.documents.lines import Document, Line
from pipeline.knowledge import knowledge_cache, spec_cues

BULLET_START = re.compile(r"^\s*(?:[•▪●◦■□►▸‣∙·\-–—*o]|\(cid:\d+\)|[\ue000-\uf8ff])\s")
TOP_BAND = 0.14
_SUBSECTION = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")
BOTTOM_BAND = 0.88


@dataclass(frozen=True)
class Furniture:
    """What was taken out: the lines, in document order."""

    lines: tuple[Line, ...]


@knowledge_cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Shapes of page numbers, dates and references; their words come from the language packs
    (page labels, "av"/"of", month names) and spec_cues.yml ``document`` (date and reference labels)."""
    c = spec_cues().document
    months = lang.alternation(lang.all_month_names())
    labels = lang.alternation(lang.page_labels())
    of = lang.alternation(lang.page_of_words())
    return {
        "page": re.compile(
            rf"(?:^|[\s–—|·-])(?:{labels}\s*\d+(?:\s*(?:\(\s*\d+\s*\)|(?:{of}|/)\s*\d+))?"
            rf"|\d+\s*/\s*\d+|\d+\s*\(\s*\d+\s*\)|\d+\s+{of}\s+\d+)\s*$",
            re.I,
        ),
        "bare_page": re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$"),
        "iso_date": re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        "word_date": re.compile(rf"\b(\d{{1,2}})\s+({months})\.?\s+(\d{{4}})\b", re.I),
        "date_label": re.compile(rf"^{lang.alternation(c.date_labels)}\s*:?\s*", re.I),
        "ref_label": re.compile(rf"(?:^|\s){lang.alternation(c.reference_labels)}\s*:?\s*(\S+)", re.I),
        # a case number: digit groups joined by ".", "/" or "-", or one long run of digits
        # (TendSign's "2023110004"), never a date
        "ref_shape": re.compile(r"(?<![\w/.:+-])(\d+(?:[./-]\d+){2,}|\d{2,4}/\d{3,}|\d{8,})(?![\w/.:-])"),
    }


def page_number_span(text: str) -> re.Match[str] | None:
    p = _patterns()
    return p["page"].search(text) or p["bare_page"].match(text)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """ISO date written in ``text`` (``2021-04-03`` or ``20 maj 2024``) and where it stands."""
    p = _patterns()
    m = p["iso_date"].search(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat(), m
        except ValueError:
            pass
    m = p["word_date"].search(text)
    if m:
        month = lang.all_month_names()[m[2].lower()]
        try:
            return date(int(m[3]), month, int(m[1])).isoformat(), m
        except ValueError:
            return None
    return None


def find_reference(text: str) -> tuple[str, tuple[int, int]] | None:
    """A reference number, labelled ("Dnr 23.5-2944-21") or by its shape alone, without label."""
    p = _patterns()
    m = p["ref_label"].search(text)
    if m and any(ch.isdigit() for ch in m[1]):
        return m[1].rstrip(".,;"), (m.start(), m.end())
    for m in p["ref_shape"].finditer(text):
        if find_date(m[1]) is None:
            return m[1], (m.start(), m.end())
    return None


def is_anchor(text: str) -> bool:
    """A line shaped like a page number, a (labelled) date line or a reference line."""
    stripped = text.strip()
    if page_number_span(stripped):
        return True
    dated = find_date(stripped)
    if dated and len(stripped) - (dated[1].end() - dated[1].start()) <= 12:
        return True
    ref = find_reference(stripped)
    return bool(ref and _patterns()["ref_label"].search(stripped))


def _key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text.lower()), int(line.top // 4)


def _recurring_keys(lines: Sequence[Line], pages: int) -> set[tuple[str, int]]:
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for line in lines:
        text_key, bucket = _key(line)
        # Neighbouring buckets absorb small baseline jitter.
        for b in (bucket - 1, bucket, bucket + 1):
            seen[(text_key, b)].add(line.page)
    need = max(2, math.ceil(pages / 2))
    return {k for k, v in seen.items() if len(v) >= need}


def _shape_furniture(line: Line, cue_words: Sequence[str]) -> bool:
    text = line.text
    if page_number_span(text) or is_anchor(text):
        return True
    lowered = f" {text.lower()} "
    return any(f" {w} " in lowered or f" {w}:" in lowered for w in cue_words)


def remove_positioned(doc: Document, cue_words: Sequence[str] = ()) -> tuple[Document, Furniture]:
    """Drop running headers/footers and page numbers of a PDF; return both parts."""
    height = doc.page_height or max((ln.top for ln in doc.lines), default=0) + 1
    pages = doc.pages or 1
    recurring = _recurring_keys(doc.lines, pages) if pages > 1 else set()
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in doc.lines:
        by_page[line.page].append(line)
    drop: set[int] = set()

    def furniture(line: Line) -> bool:
        if BULLET_START.match(line.text):
            return False
        return _key(line) in recurring or _shape_furniture(line, cue_words)

    for page_lines in by_page.values():
        ordered = sorted(page_lines, key=lambda ln: ln.top)
        for line in ordered:
            if line.top > height * TOP_BAND or not furniture(line):
                break
            drop.add(id(line))
        for line in reversed(ordered):
            if line.top < height * BOTTOM_BAND or not furniture(line):
                break
            drop.add(id(line))
    kept = tuple(ln for ln in doc.lines if id(ln) not in drop)
    gone = tuple(ln for ln in doc.lines if id(ln) in drop)
    return replace(doc, lines=kept), Furniture(gone)


def _recurring_stamped(lines: Sequence[Line]) -> list[int]:
    """Lines of a text dump that recur three times or more (digits aside) and carry a date or a
    case number: a running header such as "2023110004 Avrop X Publicerad 2023-11-10 16:54"."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if find_date(line.text) or find_reference(line.text):
            seen[re.sub(r"\d+", "#", line.text.strip().lower())].append(i)
    return [i for found in seen.values() if len(found) >= 3 for i in found]


def remove_textual(
    doc: Document, keep: Iterable[str] = (), is_heading_follower=None
) -> tuple[Document, Furniture]:
    """Drop header/footer blocks of a text dump, anchored on page-number, date and reference lines.

    ``keep`` are lower-case line texts that are never furniture (section headings);
    ``is_heading_follower(text)`` says whether a line opens a section, so that the heading
    right before it is not mistaken for a header line.
    """
    lines = list(doc.lines)
    keep_set = {k.lower() for k in keep}
    anchors = [i for i, ln in enumerate(lines) if is_anchor(ln.text) and not BULLET_START.match(ln.text)]
    anchors = sorted({*anchors, *_recurring_stamped(lines)})
    drop: set[int] = set(anchors)
    indented_block = all(lines[i].x0 >= 2 for i in anchors)

    def standing_with(i: int) -> bool:
        ln = lines[i]
        text = ln.text
        if BULLET_START.match(text) or text.lower().rstrip(":") in keep_set:
            return False
        if len(text) > 60 or text[-1] in ".;:,":
            return False
        if _SUBSECTION.match(text):
            return False  # "2.1.1 Uppdraget omfattar": a numbered heading, not a header cell
        if indented_block and ln.x0 < 2:
            return False
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        return not (is_heading_follower and is_heading_follower(nxt))

    for a in anchors:
        i = a + 1
        while i < len(lines) and lines[i].blank_before <= 3 and (i in drop or standing_with(i)):
            drop.add(i)
            i += 1
        i = a - 1
        while i >= 0 and lines[i + 1].blank_before <= 3 and (i in drop or standing_with(i)):
            drop.add(i)
            i -= 1
    kept: list[Line] = []
    pending_blanks = 0
    for i, ln in enumerate(lines):
        if i in drop:
            pending_blanks += ln.blank_before
            continue
        kept.append(replace(ln, blank_before=ln.blank_before + pending_blanks) if pending_blanks else ln)
        pending_blanks = 0
    gone = tuple(lines[i] for i in sorted(drop))
    return replace(doc, lines=tuple(kept)), Furniture(gone)
