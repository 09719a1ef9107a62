"""python-docx → lines: body paragraphs and table rows in document order.

Table rows (a common CV layout: period | employer | role) become one line with the cells
joined by " | ". Page headers and footers are not part of the body and are ignored.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline import lang
from pipeline.documents.lines import Document, Line
from pipeline.errors import InputError

CELL_SEPARATOR = " | "


def read_docx(path: str | Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    path = Path(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(
            path, f"not a readable Word document: corrupt or not .docx ({type(e).__name__})"
        ) from None
    lines: list[Line] = []
    heading_styles = tuple(lang.heading_styles())  # "Heading 1", "Rubrik 1" (Word names styles per language)

    def add(text: str, bold: bool) -> None:
        for part in text.replace("\t", "   ").split("\n"):
            if part.strip():
                lines.append(Line(text=part.strip(), page=1, x0=0.0, top=float(len(lines)), bold=bold))

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            runs = [r for r in paragraph.runs if r.text.strip()]
            bold = style.lower().startswith(heading_styles) or bool(runs and all(r.bold for r in runs))
            add(paragraph.text, bold)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    add(CELL_SEPARATOR.join(cells), False)
    if not lines:
        raise InputError(path, "the Word document has no text")
    return Document(source=path.name, lines=tuple(lines), pages=None)
