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
from pipeline.spec.layout import NUMBERED_HEADING
from pipeline.spec.model import DocumentInfo

_SEPARATORS = " \t–—-|·,:"
_YEAR_END = re.compile(r"\b(?:19|20)\d\d$")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


@knowledge_cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A cell that is only a label ("Datum:", "Dnr"); a date label closing a text ("… Datum:")."""
    cues = spec_cues().document
    only_label = re.compile(
        rf"^{lang.alternation(cues.date_labels + cues.reference_labels)}\b\.?:?\s*$", re.I
    )
    trailing_date_label = re.compile(rf"\b{lang.alternation(cues.date_labels)}\s*:?\s*$", re.I)
    return only_label, trailing_date_label


def _leftover_texts(lines: Sequence[Line]) -> tuple[list[str], str | None, str | None, list[str]]:
    """The header's short texts, its date and reference, and the texts that stood in the
    reference's cell ("2023110004 Avrop Integrationsarkitekt": a title)."""
    label, trailing_date_label = _labels()
    texts: list[str] = []
    found_date: str | None = None
    found_ref: str | None = None
    referenced: list[str] = []
    previous: Line | None = None
    for line in lines:
        wraps = (
            referenced
            and previous is not None
            and previous.page == line.page
            and len(line.segments) == 1
            and line.top - previous.top < 2 * max(line.size, 1.0)
        )
        previous = line
        if wraps and not (find_date(line.text) or find_reference(line.text) or page_number_span(line.text)):
            # the reference's cell wraps onto a second line: the title goes on there
            joined = f"{referenced[-1]} {line.text.strip()}"
            texts[texts.index(referenced[-1])] = joined
            referenced[-1] = joined
            continue
        for segment in line.segments or ():
            text = segment.text
            dated = find_date(text)
            if dated:
                found_date = found_date or dated[0]
                text = text[: dated[1].start()] + text[dated[1].end() :]
            ref = find_reference(text)
            with_ref = ref is not None
            if ref:
                found_ref = found_ref or ref[0]
                text = (text[: ref[1][0]] + text[ref[1][1] :]).replace(ref[0], " ")
            page = page_number_span(text)
            if page:
                text = text[: page.start()] + text[page.end() :]
            text = _TIME.sub("", text)
            if text.rstrip().endswith(":"):
                continue  # a label whose value was a date or a page number ("Utskrivet: Sida 1 av 2")
            text = text.strip(_SEPARATORS)
            if label.match(text):
                continue
            text = trailing_date_label.sub("", text).strip(_SEPARATORS)
            if re.search(r"[^\W\d_]{2,}", text) and text not in texts:
                texts.append(text)
                if with_ref:
                    referenced.append(text)
    return texts, found_date, found_ref, referenced


def _is_title(text: str) -> bool:
    low = text.lower()
    return any(low.startswith(w) or f" {w}" in low for w in spec_cues().document.title_cues)


def document_info(
    source: str,
    pages: int | None,
    furniture: Sequence[Line],
    first_page: Sequence[Line],
    metadata: dict[str, str],
    body_text: str = "",
) -> DocumentInfo:
    texts: list[str] = []
    referenced: list[str] = []
    date = ref = None
    running = _running_header(furniture)
    if running:
        # the lines that recur page after page are the running header and footer
        texts, date, ref, referenced = _leftover_texts(running)
    for page in sorted({ln.page for ln in furniture}) if not texts else ():
        # the first page that prints a running header with text (a cover page may have none)
        texts, page_date, page_ref, referenced = _leftover_texts([ln for ln in furniture if ln.page == page])
        date, ref = date or page_date, ref or page_ref
        if texts:
            break
    if date is None or ref is None:
        body = [ln for ln in first_page[:12] if not NUMBERED_HEADING.match(ln.text)]
        _, page_date, page_ref, _ = _leftover_texts(body)
        date, ref = date or page_date, ref or page_ref
    if ref is None:
        ref = _cover_reference(first_page[:12])
    titles = [t for t in texts if t in referenced] + [
        t for t in texts if _is_title(t) and t not in referenced
    ]
    # a text that ends in a year names a framework or a series ("IT-konsulttjänster 2021"), no issuer
    others = [t for t in texts if t not in titles and not _YEAR_END.search(t)]
    gone = set(furniture)
    # the running header's cell that carries the case number names the document; else a
    # first-page title heading wins over a framework's running header
    title = (
        next((t for t in texts if t in referenced), None)
        or _own_title([ln for ln in first_page if ln not in gone])
        or (titles[0] if titles else (others[1] if len(others) > 1 else None))
    )
    issuer = others[0] if others else None
    if title is None:
        title = _metadata(metadata, "Title") or _largest_line(first_page)
    if issuer is None:
        issuer = (
            _labelled(first_page, spec_cues().document.issuer_labels)
            or _letterhead([ln for ln in first_page if ln not in gone], body_text)
            or _metadata(metadata, "Author")
        )
    return DocumentInfo(
        source=source, title=_without_prefix(title), issuer=issuer, reference=ref, date=date, pages=pages
    )


def _running_header(furniture: Sequence[Line]) -> list[Line]:
    """The first occurrence of each furniture line that recurs (digits aside) and carries a date or
    a case number, in order: the running header, also in a text dump that has no pages."""
    keys = [re.sub(r"\d+", "#", ln.text.strip().lower()) for ln in furniture]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    out: list[Line] = []
    seen: set[str] = set()
    previous: Line | None = None
    for key, line in zip(keys, furniture, strict=True):
        stamped = find_date(line.text) or find_reference(line.text)
        # a stamped line, or the next line of the header block it heads (a wrapped title cell)
        follows = previous is not None and out and previous is out[-1] and previous.page == line.page
        if counts[key] >= 2 and key not in seen and (stamped or follows):
            seen.add(key)
            out.append(line)
        previous = line
    return out


def _metadata(metadata: dict[str, str], key: str) -> str | None:
    value = (metadata.get(key) or "").strip()
    placeholders = {w.lower() for w in spec_cues().document.metadata_placeholders}
    return value if value and value.lower() not in placeholders else None


@knowledge_cache
def _title_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = spec_cues().document
    own = re.compile(rf"^(?:{lang.alternation(cues.own_title_cues)})\b", re.I)
    prefix = re.compile(
        rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{lang.alternation(cues.title_prefixes)})(?:\s+(?:\d+|[A-ZÅÄÖ]\b))?\s*[–—:-]?\s*",
        re.I,
    )
    return own, prefix


def _without_prefix(title: str | None) -> str | None:
    """'4. Bilaga Kravspecifikation …' → 'Kravspecifikation …'; 'Bilaga 4 – X' → 'X'."""
    if not title:
        return title
    stripped = _title_patterns()[1].sub("", title).strip()
    return stripped or title


def _own_title(first_page: Sequence[Line]) -> str | None:
    """A first-page heading that opens with a title word ("Kravspecifikation …", also after "4.
    Bilaga"): the document's own title, which wins over a framework's running header."""
    own, _ = _title_patterns()
    _, prefix = _title_patterns()
    for line in first_page[:10]:
        raw = NUMBERED_HEADING.sub("", line.text.strip())
        text = _without_prefix(raw) or ""
        annex = bool(prefix.match(raw)) and text != raw  # "Bilaga A – Kompetensområden och …"
        if (own.match(text) or annex) and len(text) <= 120 and not text.endswith((".", ":", ";")):
            return text
    return None


def _cover_reference(lines: Sequence[Line]) -> str | None:
    """ "Projektnummer 10539" standing on its own line of the first page."""
    labels = lang.alternation(spec_cues().document.first_page_reference_labels)
    for line in lines:
        m = re.fullmatch(rf"\s*(?:{labels})\s*:?\s*(\d[\w./-]*)\s*", line.text, re.I)
        if m:
            return m[1]
    return None


def _letterhead(lines: Sequence[Line], body_text: str) -> str | None:
    """An all-capitals organisation name at the top of the first page ("STATENS SERVICECENTER"),
    in the case the document's running text writes it ("Statens servicecenter"), else as printed."""
    for line in lines[:3]:
        text = line.text.strip()
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) < 4 or len(text) > 60 or any(ch.isdigit() for ch in text) or not text.isupper():
            continue
        found = re.search(re.escape(text).replace(r"\ ", r"\s+"), body_text.replace(text, " "), re.I)
        return " ".join(found[0].split()) if found else text
    return None


def _labelled(lines: Sequence[Line], labels: Sequence[str]) -> str | None:
    """The value of a labelled cell ("Upphandlande organisation" above "Inera AB", or "Beställare:
    Inera AB" on one line)."""
    label = re.compile(rf"^(?:{lang.alternation(labels)})\b\s*:?\s*", re.I)
    for i, line in enumerate(lines):
        for segment in line.segments or ():
            m = label.match(segment.text)
            if not m:
                continue
            rest = segment.text[m.end() :].strip()
            if rest:
                return rest
            below = lines[i + 1] if i + 1 < len(lines) else None
            for cell in below.segments if below is not None else ():
                if abs(cell.x0 - segment.x0) < 5 and cell.text.strip():
                    return cell.text.strip()
    return None


def _largest_line(lines: Sequence[Line]) -> str | None:
    sized = [ln for ln in lines if ln.size]
    if not sized:
        return None
    return max(sized, key=lambda ln: ln.size).text
