"""CV text and its sections: the lines of any CV file joined into one text, and the headings
(of every language pack's ``cv_sections``, models/lang/*.yml) that cut it into sections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline import lang
from pipeline.cv.model import Section, Span
from pipeline.documents.furniture import remove_positioned
from pipeline.documents.read import read_document


@dataclass(frozen=True)
class CVLine:
    text: str
    span: Span  # in the CV text
    bold: bool


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
    parts: list[str] = []
    lines: list[CVLine] = []
    offset = 0
    for ln in doc.lines:
        text = ln.text.strip()
        if not text:
            continue
        lines.append(CVLine(text, (offset, offset + len(text)), ln.bold))
        parts.append(text)
        offset += len(text) + 1
    return CVText(source=Path(path).name, text="\n".join(parts), lines=tuple(lines))


def heading_kind(text: str) -> tuple[str, int] | None:
    """(section kind, length of the heading part) when ``text`` is a section heading line,
    either alone ("Språk") or leading its content ("Språk: svenska (modersmål)")."""
    clean = re.sub(r"[\s:–—-]+$", "", text.strip()).lower()
    kind = lang.cv_headings().get(" ".join(clean.split()))
    if kind:
        return kind, len(text)
    m = re.match(r"^([^:]{2,40}):\s*\S", text)
    if m and (kind := lang.cv_headings().get(" ".join(m[1].lower().split()))):
        return kind, m.end(1) + 1
    return None


def split_sections(cv: CVText) -> list[tuple[Section, list[CVLine]]]:
    """Sections in order, each with its content lines; text before the first heading is the
    'preamble'. An inline heading ("Språk: …") keeps its content as the section's first line."""
    out: list[tuple[Section, list[CVLine]]] = []
    kind, heading, start = "preamble", "", 0
    content: list[CVLine] = []
    for line in cv.lines:
        found = heading_kind(line.text)
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
