"""Small specification and CV PDFs drawn with reportlab, page by page, so that tests control
exactly where page breaks, headers and footers fall."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

Item = tuple[str, str]  # (kind, text): h1, h2, h3, h3c, p, b (bullet), c (continuation), sb (sub-bullet)
# A tab in a text or header line splits it into two cells: the part after it is drawn at CELL_X
# (a form's second column, a running header's right-hand cell).
CELL_X = 330

STYLE = {
    "h1": ("Helvetica-Bold", 15, 56),
    "h2": ("Helvetica-Bold", 13, 56),
    "h3": ("Helvetica-Bold", 11, 56),
    "h3c": ("Helvetica-Bold", 11, 56),  # second line of a wrapped h3 heading
    "p": ("Helvetica", 10, 56),
    "b": ("Helvetica", 10, 78),
    "c": ("Helvetica", 10, 78),
    "sb": ("Helvetica", 10, 100),
}


def draw_pdf(
    path: Path,
    pages: Sequence[Sequence[Item]],
    *,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
    glyph: str = "•",
    sub_glyph: str = "o",
    encrypt: str | None = None,
    title: str | None = None,
    header_from: int = 1,
) -> Path:
    """Draw ``pages``; ``{page}``/``{pages}`` in header and footer lines are filled in. The
    header starts on page ``header_from`` (a cover page without one)."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        c.setTitle(title)
    width, height = A4
    total = len(pages)
    for number, items in enumerate(pages, start=1):
        y = height - 40
        for line in header if number >= header_from else ():
            c.setFont("Helvetica", 8)
            _cells(c, 56, y, line.format(page=number, pages=total))
            y -= 11
        y = height - 90
        for kind, text in items:
            font, size, x = STYLE[kind]
            if kind in ("h1", "h2", "h3") or (kind == "p" and y < height - 95):
                y -= 6
            if kind == "b":
                c.setFont("Helvetica", size)
                c.drawString(x - 12, y, glyph)
            if kind == "sb":
                c.setFont("Helvetica", size)
                c.drawString(x - 12, y, sub_glyph)
            c.setFont(font, size)
            _cells(c, x, y, text)
            y -= size * 1.45
        for i, line in enumerate(footer):
            c.setFont("Helvetica", 8)
            c.drawString(width / 2 - 30, 40 - 11 * i, line.format(page=number, pages=total))
        c.showPage()
    c.save()
    return path


def _cells(c: canvas.Canvas, x: float, y: float, text: str) -> None:
    left, _, right = text.partition("\t")
    c.drawString(x, y, left)
    if right:
        c.drawString(CELL_X, y, right)


def draw_blank_pdf(path: Path, *, with_shape: bool = True) -> Path:
    """A PDF with no text layer: a drawn rectangle stands in for a scanned image."""
    c = canvas.Canvas(str(path), pagesize=A4)
    if with_shape:
        c.rect(100, 400, 300, 200, fill=1)
    c.showPage()
    c.save()
    return path
