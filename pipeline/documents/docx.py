"""python-docx → lines: body paragraphs and table rows in document order.

Table rows (a common CV layout: period | employer | role) become one line with the cells
joined by " | ". Page headers and footers are not part of the body and are ignored.

Before python-docx parses anything the package is checked against the limits (docs/limits.md):
the uncompressed size of each part and of all, no DTD (entity bombs: Word never writes one),
and the number of paragraphs, counted by a streaming parse.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from pipeline import lang
from pipeline.documents.limits import limits
from pipeline.documents.lines import Document, Line
from pipeline.errors import InputError

CELL_SEPARATOR = " | "
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = "word/document.xml"
_LONG_BLANKS = re.compile(r"\s{4,}")


def check_package(path: Path) -> None:
    """An InputError when the Word file would cost more than the limits to open."""
    limit = limits()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            biggest = max(infos, key=lambda i: i.file_size, default=None)
            if biggest is not None and biggest.file_size > limit.max_docx_part_mb * 1048576:
                raise InputError(path, f"a part of the Word file unpacks to {biggest.file_size / 1048576:.0f} MB, "
                                 f"more than the limit of {limit.max_docx_part_mb:g} MB; not read")  # fmt: skip
            if total > limit.max_docx_total_mb * 1048576:
                raise InputError(path, f"the Word file unpacks to {total / 1048576:.0f} MB, more than the "
                                 f"limit of {limit.max_docx_total_mb:g} MB; not read")  # fmt: skip
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as part:
                        head = part.read(4096).replace(b"\x00", b"")
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise InputError(path, f"the Word file's {info.filename} declares a DTD (XML "
                                         "entities), which Word never writes; not read")  # fmt: skip
            if _BODY in zf.namelist():
                with zf.open(_BODY) as body:
                    paragraphs = _count_paragraphs(body)
                if paragraphs > limit.max_paragraphs:
                    raise InputError(path, f"the Word document has more than {limit.max_paragraphs:,} "
                                     "paragraphs, the limit; not read")  # fmt: skip
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as e:
        raise InputError(
            path, f"not a readable Word document: corrupt or not .docx ({type(e).__name__})"
        ) from None
    except etree.XMLSyntaxError:
        raise InputError(path, "not a readable Word document: its text part is not well-formed XML") from None


def _count_paragraphs(stream: object) -> int:
    """Paragraphs and table rows of the body, by a streaming parse that keeps no tree."""
    count = 0
    parser = etree.iterparse(stream, events=("end",), tag=(f"{_W}p", f"{_W}tr"), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False)  # fmt: skip
    for _, element in parser:
        count += 1
        element.clear(keep_tail=False)
        if count > limits().max_paragraphs:
            break
    return count


def read_docx(path: str | Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    path = Path(path)
    check_package(path)
    try:
        document = docx.Document(str(path))
    except etree.XMLSyntaxError:
        raise InputError(path, "not a readable Word document: a part is not well-formed XML") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(
            path, f"not a readable Word document: corrupt or not .docx ({type(e).__name__})"
        ) from None
    lines: list[Line] = []
    styles: dict[str | None, str] = {}

    def style_name(paragraph: Paragraph) -> str:  # python-docx looks each style up anew: cache
        key = paragraph._p.style
        if key not in styles:
            styles[key] = (paragraph.style.name if paragraph.style is not None else "") or ""
        return styles[key]

    heading_styles = tuple(lang.heading_styles())  # "Heading 1", "Rubrik 1" (Word names styles per language)

    def add(text: str, bold: bool) -> None:
        for part in text.replace("\t", "   ").split("\n"):
            if part.strip():
                # a run of blanks no longer than a tab's: later patterns scan whitespace runs
                part = _LONG_BLANKS.sub("   ", part.strip())
                lines.append(Line(text=part, page=1, x0=0.0, top=float(len(lines)), bold=bold))

    def add_table(table: Table) -> None:
        for row in table.rows:
            if any(_is_layout_cell(cell) for cell in row.cells):
                # a layout row (a label cell beside a cell of paragraphs, a table in a cell): each
                # cell is read as lines of its own, as the page shows them
                seen: list[object] = []
                for cell in row.cells:
                    if cell._tc in seen:
                        continue  # a merged cell repeats itself
                    seen.append(cell._tc)
                    for item in cell.iter_inner_content():
                        if isinstance(item, Table):
                            add_table(item)
                        elif item.text.strip():
                            runs = [r for r in item.runs if r.text.strip()]
                            add(item.text, bool(runs and all(r.bold for r in runs)))
                continue
            cells: list[str] = []
            for cell in row.cells:
                text = " ".join(cell.text.split())
                if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                    cells.append(text)
            if cells:
                add(CELL_SEPARATOR.join(cells), False)

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if not "".join(child.itertext()).strip():
                continue  # an empty paragraph: no line, and no style to look up
            paragraph = Paragraph(child, document)
            style = style_name(paragraph)
            runs = [r for r in paragraph.runs if r.text.strip()]
            bold = style.lower().startswith(heading_styles) or bool(runs and all(r.bold for r in runs))
            add(paragraph.text, bold)
        elif tag == "tbl":
            add_table(Table(child, document))
    if not lines:
        raise InputError(path, "the Word document has no text")
    return Document(source=path.name, lines=tuple(lines), pages=None)


def _is_layout_cell(cell: object) -> bool:
    """A cell that holds a table or several paragraphs of text: the table lays out a page (a CV
    template's label column beside its content), not a row of data."""
    if getattr(cell, "tables", None):
        return True
    texts = [p.text for p in getattr(cell, "paragraphs", []) if p.text.strip()]
    return len(texts) > 1 or any("\n" in t for t in texts)
