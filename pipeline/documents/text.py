"""Plain-text files → decoded text → lines (indentation as x0, blank lines counted).

Decoding: BOMs (UTF-8, UTF-16) are honoured, UTF-16 without a BOM is recognised by its zero
bytes, UTF-8 is tried first; a file that is UTF-8 but for a few lines (one pasted from an old
Windows program) is decoded line by line, and a legacy Windows file (cp1252) as a whole through
charset-normalizer, with Swedish letters intact either way.
"""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.documents.limits import limits
from pipeline.documents.lines import Document, Line, Segment
from pipeline.documents.read import check_file, check_text_length
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
    if (utf16 := _utf16_without_bom(raw)) is not None:
        return utf16
    if b"\x00" in raw[:4096]:
        raise InputError(path, "binary data, not a text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (mixed := _mostly_utf8(raw)) is not None:
        return mixed
    best = from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.chaos > 0.25:
        raise InputError(path, "binary data or an unknown text encoding, not a text file")
    return str(best)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: Latin letters have a zero high byte, so nearly
    every other byte is zero, on the odd positions (little-endian) or the even ones (big-endian).
    The decoded text must be text: no control characters but line ends and tabs."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 4 or len(raw) % 2:
        return None
    odd_zeros = sample[1::2].count(0) / pairs
    even_zeros = sample[0::2].count(0) / pairs
    if odd_zeros > 0.6 and even_zeros < 0.1:
        encoding = "utf-16-le"
    elif even_zeros > 0.6 and odd_zeros < 0.1:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return text if controls == 0 else None


def _mostly_utf8(raw: bytes) -> str | None:
    """A file whose lines with letters beyond ASCII are mostly UTF-8, with the rest in a legacy
    code page: each line decoded on its own (UTF-8, else cp1252). None when few lines are UTF-8."""
    lines = raw.split(b"\n")
    utf8 = legacy = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            legacy += 1
    if utf8 < legacy or utf8 == 0:
        return None
    return "\n".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def text_to_lines(text: str, source: str) -> Document:
    lines: list[Line] = []
    blanks = 0
    for number, raw_line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        stripped = raw_line.rstrip()
        if not stripped.strip():
            blanks += 1
            continue
        # a tab between words is a column gap (CV "date<TAB>title<TAB>employer"), never one space
        expanded = re.sub(r"(?<=\S)\t", "  \t", stripped).expandtabs(4)
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
    check_file(path)
    chars = limits().max_chars
    try:
        with path.open("rb") as f:
            raw = f.read(4 * chars + 5)  # UTF-8 has at most four bytes a character (UTF-16: 4)
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    check_text_length(path, len(raw) // 4)
    text = decode_text(path, raw)
    check_text_length(path, len(text))
    doc = text_to_lines(text, path.name)
    if not doc.lines:
        raise InputError(path, "the file is empty")
    return doc
