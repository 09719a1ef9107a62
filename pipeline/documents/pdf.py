"""pdfplumber → positioned lines (text, page, x0, top, font size, bold).

Words are grouped into lines by vertical overlap; a line keeps its wide-gap segments so
that running headers printed as cells ("Statens Inköpscentral   Datum …   Sid 1 (14)") can be
read part by part. With ``columns=True`` a page with a clear vertical gutter is read left
column first (CV layouts).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.documents.limits import limits
from pipeline.documents.lines import Document, Line, Segment
from pipeline.errors import InputError

# Weight fragments of PostScript font names ("Arial-BoldMT", "Calibri,Bold"): font-file
# conventions, the same in every language, so not a language pack's business.
_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", ",b")
Word = dict[str, Any]


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(m in name for m in _BOLD_MARKERS)


def _group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words whose vertical extents overlap by more than half belong to one line."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        for row in reversed(rows[-3:]):
            top = min(x["top"] for x in row)
            bottom = max(x["bottom"] for x in row)
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap > 0.5 * min(bottom - top, w["bottom"] - w["top"]):
                row.append(w)
                break
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    rows.sort(key=lambda r: min(w["top"] for w in r))
    return rows


def _joined(words: Sequence[Word]) -> str:
    """Words of one cell joined by spaces; pieces that touch (a word split where its font or size
    changes, "ska" + "-krav") are one word."""
    out = words[0]["text"]
    for prev, w in zip(words, words[1:], strict=False):
        out += ("" if w["x0"] - prev["x1"] < 0.3 else " ") + w["text"]
    return out


def _make_line(row: list[Word], page: int) -> Line:
    size = statistics.median(w["size"] for w in row)
    gap_limit = max(14.0, 2.2 * size)
    segments: list[Segment] = []
    current: list[Word] = [row[0]]
    for prev, w in zip(row, row[1:], strict=False):
        if w["x0"] - prev["x1"] > gap_limit:
            segments.append(Segment(current[0]["x0"], _joined(current)))
            current = []
        current.append(w)
    segments.append(Segment(current[0]["x0"], _joined(current)))
    letters = [w for w in row if any(ch.isalnum() for ch in w["text"])] or row
    bold_chars = sum(len(w["text"]) for w in letters if _is_bold(w["fontname"]))
    return Line(
        text=" ".join(s.text for s in segments),
        page=page,
        x0=round(row[0]["x0"], 2),
        x1=round(max(w["x1"] for w in row), 2),
        top=round(min(w["top"] for w in row), 2),
        size=round(float(size), 2),
        bold=bold_chars * 2 > sum(len(w["text"]) for w in letters),
        segments=tuple(segments),
    )


def _split_columns(words: list[Word], width: float) -> list[list[Word]]:
    """Return the words per column: one list, or two when a gutter runs down the page — also
    below a banner of a few lines across both columns at the top (the name and contact lines of
    a CV with a sidebar), which is read first."""
    split = _split_body(words, width)
    if len(split) == 2 or len(words) < 20:
        return split
    rows = _group_lines(words)
    for banner_rows in range(1, min(_MAX_BANNER_ROWS, len(rows) - 1) + 1):
        banner = [w for row in rows[:banner_rows] for w in row]
        split = _split_body([w for row in rows[banner_rows:] for w in row], width)
        if len(split) == 2:
            return [banner, *split]
    return [words]


_MAX_BANNER_ROWS = 3


def _split_body(words: list[Word], width: float) -> list[list[Word]]:
    """The words per column: one list, or two when a gutter runs down the page."""
    if len(words) < 20:
        return [words]
    # the coverage is counted per point of the page's width, on pages of sane size; a page
    # wider than PDF's own limit is counted in coarser bins so that memory stays bounded
    width = _finite(width)
    scale = max(1.0, width / limits().max_page_points)
    bins = int(width / scale)
    lo, hi = int(bins * 0.25), int(bins * 0.75)
    covered = [0] * (bins + 2)
    for w in words:
        for x in range(
            max(int(_finite(w["x0"]) / scale), 0), min(int(_finite(w["x1"]) / scale) + 1, len(covered))
        ):
            covered[x] += 1
    runs: list[tuple[int, int]] = []  # (length, start) of every empty run in the middle half
    run_start = -1
    for x in range(lo, hi + 2):
        if x <= hi and covered[x] == 0:
            if run_start < 0:
                run_start = x
        elif run_start >= 0:
            runs.append((x - run_start, run_start))
            run_start = -1
    # the widest gap that sets two columns of text apart; a gap between a column's text and its
    # right-aligned dates leaves too few words on one side and is passed over
    for length, start in sorted(runs, key=lambda r: (-r[0], r[1])):
        if length * scale < 12:
            break
        cut = (start + length / 2) * scale
        left = [w for w in words if w["x1"] <= cut]
        right = [w for w in words if w["x0"] >= cut]
        if min(len(left), len(right)) >= 0.15 * len(words):
            return [left, right]
    return [words]


def _finite(value: float) -> float:
    """A coordinate as a number the page arithmetic can use (a damaged PDF may give inf or nan)."""
    return value if math.isfinite(value) else 0.0


def _words_from_chars(textpage, height: float) -> list[Word]:  # noqa: ANN001
    """Words from pdfium's character boxes: a space, a line change or a gap wider than a third
    of the letter height ends a word (text runs alone would join two columns on one baseline)."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # left, bottom, right, top of the current word
    advance_right = 0.0  # where the previous letter's advance ends

    def flush() -> None:
        if chars:
            words.append({"text": "".join(chars), "x0": box[0], "x1": box[2], "top": height - box[3],
                          "bottom": height - box[1], "size": box[3] - box[1], "fontname": ""})  # fmt: skip
            chars.clear()

    for i, ch in enumerate(text[:count]):
        if ch.isspace():
            flush()
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        # the gap to the previous letter is measured between advance boxes: ink boxes set
        # narrow glyphs apart ("11" in Helvetica would be two words)
        loose_left, _, loose_right, _ = textpage.get_charbox(i, loose=True)
        if chars:
            letter = max(box[3] - box[1], top - bottom, 1.0)
            same_line = min(top, box[3]) - max(bottom, box[1]) > -0.2 * letter
            if not same_line or loose_left - advance_right > letter / 3 or left < box[0] - 1:
                flush()
        advance_right = max(loose_right, right)
        if not chars:
            box[:] = [left, bottom, right, top]
        else:
            box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        chars.append(ch)
    flush()
    return words


def _check_pages(path: Path, pages: int) -> None:
    if pages > limits().max_pages:
        raise InputError(
            path, f"the PDF has {pages:,} pages, more than the limit of {limits().max_pages:,}; not read"
        )


def _check_chars(path: Path, chars: int) -> None:
    from pipeline.documents.read import check_text_length

    check_text_length(path, chars)


def _pdfium_words(path: Path) -> tuple[list[tuple[list[Word], float]], float, dict[str, str]]:
    """Text runs with their boxes per page, through pypdfium2: no fonts, but 30x faster than
    pdfplumber on CVs (benchmarks/bench_screen.py), where typography is not needed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(path, "the PDF is encrypted (password protected)") from None
        raise InputError(path, f"not a readable PDF: damaged or truncated ({e})") from None
    pages: list[tuple[list[Word], float]] = []
    height = 0.0
    chars = 0
    try:
        _check_pages(path, len(pdf))
        for page in pdf:
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars += textpage.count_chars()
            _check_chars(path, chars)
            words = _words_from_chars(textpage, float(height))
            pages.append((words, float(width)))
    finally:
        pdf.close()
    return pages, float(height), {}


def _pdfplumber_words(path: Path) -> tuple[list[tuple[list[Word], float]], float, dict[str, str]]:
    """Words with font name and size per page, through pdfplumber (specs need the typography)."""
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, "the PDF is encrypted (password protected)") from None
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as e:
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "the PDF is encrypted (password protected)") from None
        raise InputError(path, f"not a readable PDF: damaged or truncated ({type(cause).__name__})") from None
    pages: list[tuple[list[Word], float]] = []
    try:
        with pdf:
            meta = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, str | bytes)}
            height = float(pdf.pages[0].height) if pdf.pages else 0.0
            _check_pages(path, len(pdf.pages))
            chars = 0
            for page in pdf.pages:
                chars += len(page.chars)
                _check_chars(path, chars)
                words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                pages.append((words, float(page.width)))
    except (PdfminerException, PDFSyntaxError, PSException) as e:
        raise InputError(path, f"the PDF is damaged or truncated ({type(e).__name__})") from None
    return pages, height, meta


def read_pdf(path: str | Path, *, columns: bool = False, engine: str = "pdfplumber") -> Document:
    """Positioned lines of a PDF. ``engine="pdfium"`` trades fonts (bold) for speed."""
    path = Path(path)
    pages, height, meta = _pdfium_words(path) if engine == "pdfium" else _pdfplumber_words(path)
    if not pages:
        raise InputError(path, "the PDF has no pages")
    lines: list[Line] = []
    for number, (words, width) in enumerate(pages, start=1):
        for group in _split_columns(words, width) if columns else [words]:
            lines.extend(_make_line(row, number) for row in _group_lines(group))
    if not lines:
        raise InputError(path, "the PDF has no text layer (scanned or image-only); run OCR first")
    return Document(source=path.name, lines=tuple(lines), pages=len(pages), page_height=height, metadata=meta)
