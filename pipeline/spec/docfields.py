"""Document fields (title, issuer, reference, date) from the running header or the first page.

The header's cells are read by shape: a date, a reference number (its label dropped), a page
number; what is left are the short texts. Of those, one carrying a title word
("Kravspecifikation", "Bilaga", …) is the title and the other the issuer; with no such word the
first is the issuer and the second the title, as agencies print them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import lang
from pipeline.documents.furniture import find_date, find_reference, page_number_span
from pipeline.documents.lines import Line
from pipeline.knowledge import knowledge_cache, spec_cues
from pipeline.spec.model import DocumentInfo

_SEPARATORS = " \t–—-|·,:"


@knowledge_cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A cell that is only a label ("Datum:", "Dnr"); a date label closing a text ("… Datum:")."""
    cues = spec_cues().document
    only_label = re.compile(
        rf"^{lang.alternation(cues.date_labels + cues.reference_labels)}\b\.?:?\s*$", re.I
    )
    trailing_date_label = re.compile(rf"\b{lang.alternation(cues.date_labels)}\s*:?\s*$", re.I)
    return only_label, trailing_date_label


def _leftover_texts(lines: Sequence[Line]) -> tuple[list[str], str | None, str | None]:
    label, trailing_date_label = _labels()
    texts: list[str] = []
    found_date: str | None = None
    found_ref: str | None = None
    for line in lines:
        for segment in line.segments or ():
            text = segment.text
            dated = find_date(text)
            if dated:
                found_date = found_date or dated[0]
                text = text[: dated[1].start()] + text[dated[1].end() :]
            ref = find_reference(text)
            if ref:
                found_ref = found_ref or ref[0]
                text = text[: ref[1][0]] + text[ref[1][1] :]
            page = page_number_span(text)
            if page:
                text = text[: page.start()] + text[page.end() :]
            text = text.strip(_SEPARATORS)
            if label.match(text):
                continue
            text = trailing_date_label.sub("", text).strip(_SEPARATORS)
            if re.search(r"[^\W\d_]{2,}", text) and text not in texts:
                texts.append(text)
    return texts, found_date, found_ref


def _is_title(text: str) -> bool:
    low = text.lower()
    return any(low.startswith(w) or f" {w}" in low for w in spec_cues().document.title_cues)


def document_info(
    source: str,
    pages: int | None,
    furniture: Sequence[Line],
    first_page: Sequence[Line],
    metadata: dict[str, str],
) -> DocumentInfo:
    first_page_number = min((ln.page for ln in furniture), default=1)
    header = [ln for ln in furniture if ln.page == first_page_number]
    texts, date, ref = _leftover_texts(header)
    if date is None or ref is None:
        _, page_date, page_ref = _leftover_texts(first_page[:12])
        date, ref = date or page_date, ref or page_ref
    titles = [t for t in texts if _is_title(t)]
    others = [t for t in texts if t not in titles]
    title = titles[0] if titles else (others[1] if len(others) > 1 else None)
    issuer = others[0] if others else None
    if title is None:
        title = metadata.get("Title") or _largest_line(first_page)
    if issuer is None:
        issuer = metadata.get("Author") or None
    return DocumentInfo(source=source, title=title, issuer=issuer, reference=ref, date=date, pages=pages)


def _largest_line(lines: Sequence[Line]) -> str | None:
    sized = [ln for ln in lines if ln.size]
    if not sized:
        return None
    return max(sized, key=lambda ln: ln.size).text
