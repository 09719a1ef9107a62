"""CV text and its sections: the lines of any CV file joined into one text, and the headings
that cut it into sections.

A heading is recognised by what it says and how it is set: a short line (no date, no sentence)
whose words, or the head of its words, are a heading of a language pack's ``cv_sections``
(models/lang/*.yml) in any inflection ("Arbetserfarenheter"), compound ("Datorkunskaper",
"Språkkunnighet": a heading word followed by one of the packs' ``cv_heading_tails``), with an
adjective before it ("Kortare anställningar", "Tekniska färdigheter"), numbered ("2. Utbildning")
or combined with another ("Education & certifications": the first part decides)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import lang
from pipeline.cv.dates import find_periods
from pipeline.cv.headers import is_place, org_score, title_score
from pipeline.cv.model import Section, Span
from pipeline.documents.docx import CELL_SEPARATOR
from pipeline.documents.furniture import BULLET_START, remove_positioned
from pipeline.documents.lines import Document, Line, Segment
from pipeline.documents.read import read_document
from pipeline.knowledge import knowledge_cache, morphology


@dataclass(frozen=True)
class CVLine:
    text: str
    span: Span  # in the CV text
    bold: bool
    cells: tuple[str, ...] = ()  # the line's cells (table cells, wide-gap columns) when it has several


@dataclass(frozen=True)
class CVText:
    source: str
    text: str
    lines: tuple[CVLine, ...]


def read_cv_text(path: str | Path) -> CVText:
    """Any CV file → its text, line by line, with running headers and footers removed."""
    # CVs need positions but no typography: pdfium reads them ~30x faster than pdfplumber
    kind, doc = read_document(path, columns=True, allow_docx=True, pdf_engine="pdfium")
    if kind == "pdf":
        doc, _ = remove_positioned(doc, cue_words=lang.cv_furniture_words())
        doc = rejoin_date_column(doc)
    parts: list[str] = []
    lines: list[CVLine] = []
    offset = 0
    for ln in doc.lines:
        text = ln.text.strip()
        if not text:
            continue
        cells = tuple(c.text.strip() for c in ln.segments if c.text.strip())
        if len(cells) < 2:
            cells = (
                tuple(c.strip() for c in text.split(CELL_SEPARATOR.strip())) if CELL_SEPARATOR in text else ()
            )
        if len(cells) < 2 and kind == "docx":
            # a Word tab stop ("Sommarjobb<TAB>2019") is read as a run of spaces: a column gap
            cells = tuple(c for c in re.split(r"\s{3,}", text) if c)
        if len(cells) < 2 and len(text) > _RUN_ON_CHARS:
            for a, b in run_on_pieces(text):
                lines.append(CVLine(text[a:b], (offset + a, offset + b), ln.bold))
        else:
            lines.append(CVLine(text, (offset, offset + len(text)), ln.bold, cells if len(cells) > 1 else ()))
        parts.append(text)
        offset += len(text) + 1
    return CVText(source=Path(path).name, text="\n".join(parts), lines=tuple(lines))


_MAX_COLUMN_LINES = 300


def rejoin_date_column(doc: Document) -> Document:
    """A PDF read as two columns whose right "column" is the CV's right-aligned dates and places
    ("Supporttekniker ........ mars 2019 – pågående") → those back on their lines, as cells.
    A page is rejoined only when most of its right-column lines sit on the baseline of a left
    line and most of them are dates or places; a real sidebar (skills, languages) stays apart."""
    out: list[Line] = []
    lines = list(doc.lines)
    n = 0
    while n < len(lines):
        page = lines[n].page
        block = []
        while n < len(lines) and lines[n].page == page:
            block.append(lines[n])
            n += 1
        out.extend(_rejoin_page(block))
    return replace(doc, lines=tuple(out))


def _rejoin_page(block: list[Line]) -> list[Line]:
    # where the reading order jumps back up the page, the second column starts
    cut = next((i for i in range(1, len(block)) if block[i].top < block[i - 1].top - 1), None)
    if cut is None:
        return block
    left, right = block[:cut], block[cut:]
    if len(right) > _MAX_COLUMN_LINES or len(left) > _MAX_COLUMN_LINES:
        return block  # no CV page; the pairing below compares every line with every line
    pairs: dict[int, list[Line]] = {}
    for r in right:
        match = next(
            (i for i, ln in enumerate(left) if abs(ln.top - r.top) <= 2.5 and (ln.x1 or ln.x0) < r.x0), None
        )
        if match is not None:
            pairs.setdefault(match, []).append(r)
    matched = sum(len(v) for v in pairs.values())
    dated = sum(1 for r in right if find_periods(r.text, points=True) or is_place(r.text))
    if matched < 0.6 * len(right) or dated < 0.5 * len(right):
        return block
    joined = {id(r) for v in pairs.values() for r in v}
    merged: list[Line] = []
    for i, ln in enumerate(left):
        extra = pairs.get(i, [])
        if not extra:
            merged.append(ln)
            continue
        cells = ln.segments or (Segment(ln.x0, ln.text),)
        cells = cells + tuple(seg for r in extra for seg in (r.segments or (Segment(r.x0, r.text),)))
        merged.append(replace(ln, text=" ".join(c.text for c in cells), segments=cells))
    return merged + [r for r in right if id(r) not in joined]


_HEADING_END = ":–—-"
_RUN_ON_CHARS = 300
_CONNECTORS = frozenset({"&", "-", "–", "—", "/", "|", "of", "and", "och", "i", "for", "för", "de", "la"})


def _header_start(text: str, at: int) -> int:
    """Where a job header written just before a date in running text starts: back over
    capitalised words, numbers and connectors, to a lower-case word or a sentence end."""
    start = at
    words = list(re.finditer(r"\S+", text[:at]))
    for m in reversed(words[-8:]):
        word = m.group(0)
        if word.endswith((".", "!", "?", ":")) and not word[:-1].isupper():
            break
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in _CONNECTORS):
            break
        start = m.start()
    return start


def _names_a_job(text: str) -> bool:
    return bool(text.strip()) and (title_score(text) >= 2 or org_score(text) > 0)


def run_on_pieces(text: str) -> list[tuple[int, int]]:
    """A long paragraph that runs a CV's jobs, schools and headings together (a pasted CV)
    → the spans of its parts: cut after each dated range, before the header that leads up to
    it, at sentence ends and around a section heading word glued into the text. Any other
    long line stays whole."""
    periods = [p for p in find_periods(text) if p.form in ("range", "open")]
    starts = [_header_start(text, p.span[0]) for p in periods]
    # only a paragraph with job headers in it (a role or an organisation before the dates) is a
    # pasted CV; a description that mentions two periods stays one line
    headed = sum(1 for p, a in zip(periods, starts, strict=True) if _names_a_job(text[a : p.span[0]]))
    if len(periods) < 2 or headed < 2:
        return [(0, len(text))]
    cuts = {0, len(text)}
    for p, a in zip(periods, starts, strict=True):
        cuts.add(p.span[1])
        cuts.add(a)
    for m in re.finditer(r"[.!?]\s+(?=[^\W\d_])", text):
        cuts.add(m.end())
    # a heading word glued in: after a sentence end, or a languages heading before a language
    heads = lang.cv_headings()
    for m in re.finditer(r"(?<!\S)([^\W\d_][\w-]+)\s+([A-ZÅÄÖ][\w-]*)", text):
        kind = heads.get(m[1].lower()) if m[1][:1].isupper() else None
        if kind is None:
            continue
        before = text[: m.start(1)].rstrip()
        after_sentence = not before or before[-1] in ".!?"
        if after_sentence or (kind == "languages" and lang.language_code(m[2]) is not None):
            cuts.update((m.start(1), m.end(1)))
    spans = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:], strict=False):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if piece.strip():
            spans.append((a + lead, a + trail))
    return spans


def _strip_heading_end(text: str) -> str:
    """``text`` without its trailing colons, dashes and spaces, in one pass from the end (the
    regex ``[\\s:–—-]+$`` retries from every position: a line of dashes took time squared)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _HEADING_END):
        end -= 1
    return text[:end]


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-h])[.)]\s+")
_COMPOUND_KINDS = ("work", "skills", "languages")


@knowledge_cache
def _heading_endings() -> tuple[str, ...]:
    """Inflection endings a heading word may carry ("erfarenheter"), longest first: the word
    matcher's (models/lexicon/morphology.yml)."""
    return tuple(sorted((e for e in morphology().inflections if e), key=len, reverse=True))


def _word_kind(word: str) -> str | None:
    """The section kind of one heading word, in any inflection or as a compound."""
    heads = lang.cv_headings()
    if word in heads:
        return heads[word]
    for ending in _heading_endings():
        if word.endswith(ending) and len(word) - len(ending) >= 4 and word[: -len(ending)] in heads:
            return heads[word[: -len(ending)]]
    singles = lang.cv_heading_words()
    # a compound ending in a heading word of a kind that lists ("datorkunskaper",
    # "nyckelkompetenser", "yrkeserfarenheter"); "grundutbildning" or "förtroendeuppdrag" name
    # one programme or post, not a section
    for head in singles:
        if (
            len(head) >= 5
            and heads[head] in _COMPOUND_KINDS
            and word.endswith(head)
            and len(word) > len(head) + 2
        ):
            return heads[head]
    # a heading word followed by a generic tail ("språkkunnighet", "utbildningsbakgrund")
    for tail in lang.cv_heading_tails():
        if word.endswith(tail) and len(word) > len(tail) + 2:
            stem = word[: -len(tail)].rstrip("s-")
            if stem in heads:
                return heads[stem]
    return None


@knowledge_cache
def _qualified_heading() -> re.Pattern[str]:
    """A heading word, a function word of the packs and a qualifier ("Uppdrag i urval")."""
    return re.compile(rf"(.+?)\s+{lang.alternation(lang.fillers())}\s+(.+)")


def _part_kind(part: str) -> str | None:
    heads = lang.cv_headings()
    if part in heads:
        return heads[part]
    # "Uppdrag i urval", "Erfarenhet i sammandrag": a qualifier of the packs after a preposition
    m = _qualified_heading().fullmatch(part)
    head = m[1] if m and m[2] in lang.cv_heading_qualifiers() else part
    words = re.findall(r"[^\W\d_][\w-]*", head)
    if not words or len(words) > 4:
        return None
    # the head of a heading is its last word; the words before it qualify it
    return _word_kind(words[-1])


@knowledge_cache
def _heading_joins() -> re.Pattern[str]:
    return re.compile(r"\s*(?:&|\+|/)\s*|\s+(?:" + lang.alternation(lang.coordinators()) + r")\s+")


@knowledge_cache
def _assignment_word() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){lang.alternation(lang.assignment_cues())}(?!\w)")


@knowledge_cache
def _via_heading() -> re.Pattern[str]:
    return re.compile(rf"(.+?)\s+{lang.alternation(lang.consultancy_links())}\s+(\S.*)")


def _names_firm(text: str, at: int) -> bool:
    """The words of ``text`` from ``at`` on (in its cleaned, lower-case form) name an
    organisation: an organisation word, or capitalised words."""
    clean = " ".join(_NUMBERING.sub("", text.strip()).split())
    rest = clean[at:]
    words = re.findall(r"[^\W\d_][\w&-]*", rest)
    return bool(words) and (org_score(rest) > 0 or all(w[:1].isupper() for w in words))


def heading_kind(text: str) -> tuple[str, int] | None:
    """(section kind, length of the heading part) when ``text`` is a section heading line,
    either alone ("Språk", "Arbetserfarenheter", "2. Tekniska färdigheter") or leading its
    content with a colon ("Språk: svenska (modersmål)"; only the packs' exact headings)."""
    heads = lang.cv_headings()
    clean = _NUMBERING.sub("", text.strip())
    clean = _strip_heading_end(clean).lower()
    clean = " ".join(clean.split())
    # "ERFARENHET (uppdrag via Berglund Skydd AB)": the words in brackets qualify the heading; an
    # assignment cue there makes the section one of assignments
    bracket = re.fullmatch(r"([^()]{2,40}?)\s*\(([^()]{1,60})\)", clean)
    if bracket:
        outer = heading_kind(bracket[1])
        if outer:
            cue = _assignment_word().search(bracket[2])
            return ("assignments" if cue and outer[0] == "work" else outer[0]), len(text)
    if clean in heads:
        return heads[clean], len(text)
    m = re.match(r"^([^:]{2,40}):\s*\S", text)
    kind = heads.get(" ".join(_NUMBERING.sub("", m[1]).lower().split())) if m else None
    if m and kind and kind not in ("work", "assignments"):
        # "Språk: svenska"; never "Uppdrag: IT-tekniker hos …", which is an entry, not a section
        return kind, m.end(1) + 1
    # typography: a short line, no digits, no sentence
    if not clean or len(clean) > 50 or re.search(r"\d|[.!?]$|https?:|@", clean) or len(clean.split()) > 6:
        return None
    if "," in clean or "(" in clean:
        return None  # "MPS, bokningssystem", "Vietnamesiska Bra (talspråk)": content, not a heading
    words = re.findall(r"[^\W\d_][\w-]*", clean)
    if words and lang.language_code(words[0]) is not None and lang.proficiency_in(clean) is not None:
        return None  # "Tyska – goda kunskaper": a language and its level, not a heading
    via = _via_heading().fullmatch(clean)
    if via and _part_kind(via[1]) in ("work", "assignments") and _names_firm(text, via.start(2)):
        # "Uppdrag via Firma AB": the assignments of an employment through that firm
        return "assignments", len(text)
    for part in _heading_joins().split(clean):
        part_kind = _part_kind(part) if part else None
        if part_kind:
            return part_kind, len(text)
    return None


def split_sections(cv: CVText) -> list[tuple[Section, list[CVLine]]]:
    """Sections in order, each with its content lines; text before the first heading is the
    'preamble'. An inline heading ("Språk: …") keeps its content as the section's first line."""
    out: list[tuple[Section, list[CVLine]]] = []
    kind, heading, start = "preamble", "", 0
    content: list[CVLine] = []
    previous: CVLine | None = None
    for line in cv.lines:
        found = None if _continues(previous, line) else heading_kind(line.text)
        previous = line
        if found:
            if content or heading:
                out.append((Section(kind, heading, (start, line.span[0])), content))
            kind, cut = found
            heading, start, content = line.text[:cut].rstrip(": "), line.span[0], []
            rest = line.text[cut:]
            if rest.strip():
                lead = len(rest) - len(rest.lstrip(" :"))
                content.append(CVLine(rest.strip(" :"), (line.span[0] + cut + lead, line.span[1]), False))
            continue
        content.append(line)
    out.append((Section(kind, heading, (start, len(cv.text))), content))
    return out


def _continues(previous: CVLine | None, line: CVLine) -> bool:
    """A line that starts in lower case after a line its sentence does not end on is the rest of
    that sentence (a wrapped bullet: "- Leder … mot gemensamma" / "mål"), not a heading. A
    heading of the packs word for word ("utbildning") still is one after a line of prose that
    neither is a bullet nor ends in a word that cannot end a phrase."""
    if previous is None or not line.text[:1].islower():
        return False
    if re.search(r"[.!?:;]\s*$", previous.text) or len(previous.text.split()) < 4:
        return False
    clean = _strip_heading_end(_NUMBERING.sub("", line.text.strip())).lower()
    last = (re.findall(r"[^\W\d_]+", previous.text) or [""])[-1].lower()
    open_end = (
        BULLET_START.match(previous.text) is not None or last in lang.fillers() or last in lang.coordinators()
    )
    return open_end or clean not in lang.cv_headings()
