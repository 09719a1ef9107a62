"""Open any supported file by what it is, not only by what its name says. The formats are the
entries of ``pipeline.documents.readers.READERS``; this module only dispatches, after the checks
every file passes before a byte of it is read (docs/limits.md): a regular file (no FIFO, device
or socket), a link only when it stays inside its own folder, and no larger than the limit."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from pathlib import Path

from pipeline.documents.limits import limits
from pipeline.documents.lines import Document, Line, Segment
from pipeline.documents.readers import READERS, Reader
from pipeline.errors import InputError

_NOT_REGULAR = {
    stat.S_IFIFO: "is a named pipe (FIFO), not a file; not read",
    stat.S_IFCHR: "is a device, not a file; not read",
    stat.S_IFBLK: "is a device, not a file; not read",
    stat.S_IFSOCK: "is a socket, not a file; not read",
}


def display_name(name: str | os.PathLike[str]) -> str:
    """A file name as text that can always be written and printed: bytes that are not UTF-8
    (kept by Python as surrogate escapes, and still used to open the file) are shown as ``\\xNN``,
    control characters as ``\\xNN``/``\\uNNNN``. Distinct names stay distinct."""
    text = os.fspath(name)
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(_escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029):
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    if 0xD800 <= code < 0xE000:  # a lone surrogate that is not an escaped byte
        return f"\\u{code:04x}"
    return ch


def check_file(path: Path) -> os.stat_result:
    """The file's status once it is known to be safe to open: a regular file (a link followed
    only when its target stays inside the link's own folder) within the size limit."""
    try:
        own = os.lstat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    if stat.S_ISLNK(own.st_mode):
        target = Path(os.path.realpath(path))
        folder = Path(os.path.realpath(path.parent))
        if not target.is_relative_to(folder):
            raise InputError(path, "is a link to a file outside its folder; not read")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "is a link to nothing (its target does not exist)") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, _NOT_REGULAR.get(stat.S_IFMT(st.st_mode), "is not a regular file; not read"))
    limit = limits()
    if st.st_size > limit.max_file_bytes:
        raise InputError(
            path,
            f"is {st.st_size / 1048576:.1f} MB, more than the limit of {limit.max_file_mb:g} MB "
            "(--max-file-mb); not read",
        )
    return st


def sniff(path: Path) -> bytes:
    check_file(path)
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, open() does
        # not hang on it (and reading it gives nothing: "empty")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise InputError(path, "is not a regular file; not read")
            head = f.read(8)
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror})") from None
    if not head:
        raise InputError(path, "the file is empty")
    return head


def find_reader(path: Path, head: bytes) -> Reader:
    """The registered reader claiming the file's suffix, after its check that the bytes agree."""
    suffix = path.suffix.lower()
    reader = READERS.for_suffix(suffix)
    if reader is None:
        raise InputError(path, f"unsupported format '{suffix}' (expected {READERS.expected()})")
    reader.check(path, head)
    return reader


def check_kind(path: Path, head: bytes) -> str:
    """The reader's name ('pdf', 'docx', 'txt', …) after checking the bytes against the name."""
    return find_reader(path, head).name


def check_text_length(path: str | Path, chars: int) -> None:
    """An InputError when a file holds more text than ``--max-chars``."""
    limit = limits().max_chars
    if chars > limit:
        raise InputError(
            path, f"holds more than {limit:,} characters of text, the limit (--max-chars); not read"
        )


def read_document(
    path: str | Path,
    *,
    columns: bool = False,
    cv: bool = False,
    allow_docx: bool = False,
    pdf_engine: str = "pdfplumber",
) -> tuple[str, Document]:
    """(kind, lines) of a file; every failure is an InputError naming the file.

    ``cv``: the file is a CV, so readers that are not allowed for specifications (Word) are
    accepted; ``allow_docx`` is its older name. ``columns`` and ``pdf_engine`` are passed on to
    the reader as options; readers ignore the options they do not know."""
    path = Path(path)
    reader = find_reader(path, sniff(path))
    if not reader.specs and not (cv or allow_docx):
        raise InputError(path, reader.spec_refusal)
    doc = reader.read(path, columns=columns, pdf_engine=pdf_engine)
    check_text_length(path, sum(len(line.text) for line in doc.lines))
    return reader.name, bounded_lines(doc)


def bounded_lines(doc: Document) -> Document:
    """The document with no line longer than the limit: a longer one (no real document has one:
    it is a paragraph of thousands of words or a file made to stall parsers, whose per-line
    patterns cost time in the square of the line at worst) is broken at spaces into lines of
    at most ``max_line_chars``."""
    limit = limits().max_line_chars
    if all(len(line.text) <= limit for line in doc.lines):
        return doc
    lines: list[Line] = []
    for line in doc.lines:
        if len(line.text) <= limit:
            lines.append(line)
            continue
        for i, chunk in enumerate(_chunks(line.text, limit)):
            segments = (Segment(line.x0, chunk),) if line.segments else ()
            lines.append(
                dataclasses.replace(
                    line, text=chunk, segments=segments, blank_before=0 if i else line.blank_before
                )
            )
    return dataclasses.replace(doc, lines=tuple(lines))


def _chunks(text: str, limit: int) -> list[str]:
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit + 1)
        end = cut if cut > start else start + limit
        out.append(text[start:end])
        start = end + 1 if cut > start else end
    out.append(text[start:])
    return [c for c in out if c.strip()]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks (CV identity, duplicates, the run manifest)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
