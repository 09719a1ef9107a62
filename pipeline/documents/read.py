"""Open any supported file by what it is, not only by what its name says. The formats are the
entries of ``pipeline.documents.readers.READERS``; this module only dispatches."""

from __future__ import annotations

from pathlib import Path

from pipeline.documents.lines import Document
from pipeline.documents.readers import READERS, Reader
from pipeline.errors import InputError


def sniff(path: Path) -> bytes:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    try:
        with path.open("rb") as f:
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
    return reader.name, reader.read(path, columns=columns, pdf_engine=pdf_engine)
