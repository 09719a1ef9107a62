"""Plain-text files → decoded text → lines (indentation as x0, blank lines counted).

Decoding goes through charset-normalizer: BOMs (UTF-8, UTF-16) are honoured, UTF-8 is tried
first, and legacy Windows files (cp1252) come out with Swedish letters intact.
"""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.documents.lines import Document, Line, Segment
from pipeline.errors import InputError

# Swedish and English documents: only Western European legacy code pages are candidates, so
# that "å" in cp1252 is not read as Central European "Ĺ" (cp1250).
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1", "cp850", "mac_roman")

_BOMS = {
    b"\xef\xbb\xbf": "utf-8-sig",
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
}


def decode_text(path: str | Path, raw: bytes) -> str:
    """Bytes of a text file → str, or an InputError that says why it is not text."""
    if not raw.strip():
        raise InputError(path, "the file is empty")
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    path, f"declares {encoding} by its byte-order mark but does not decode"
                ) from None
    if b"\x00" in raw[:4096]:
        raise InputError(path, "binary data, not a text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.chaos > 0.25:
        raise InputError(path, "binary data or an unknown text encoding, not a text file")
    return str(best)


def text_to_lines(text: str, source: str) -> Document:
    lines: list[Line] = []
    blanks = 0
    for number, raw_line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        stripped = raw_line.rstrip()
        if not stripped.strip():
            blanks += 1
            continue
        expanded = stripped.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        cells = tuple(Segment(float(m.start()), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", expanded))
        lines.append(
            Line(
                text=" ".join(expanded.split()),
                page=1,
                x0=float(indent),
                top=float(number),
                segments=cells,
                blank_before=blanks,
            )
        )
        blanks = 0
    return Document(source=source, lines=tuple(lines), pages=None)


def read_text(path: str | Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    text = decode_text(path, raw)
    doc = text_to_lines(text, path.name)
    if not doc.lines:
        raise InputError(path, "the file is empty")
    return doc
