"""Open any supported file by what it is, not only by what its name says."""

from __future__ import annotations

from pathlib import Path

from pipeline.documents.lines import Document
from pipeline.errors import InputError

PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"


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


def check_kind(path: Path, head: bytes) -> str:
    """'pdf', 'docx' or 'txt' after checking that the bytes agree with the file name."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not head.startswith(PDF_MAGIC):
            raise InputError(path, "named .pdf but is not a PDF file")
        return "pdf"
    if suffix == ".docx":
        if not head.startswith(ZIP_MAGIC):
            raise InputError(path, "named .docx but is not a Word document (not a ZIP container)")
        return "docx"
    if suffix in (".txt", ".text", ".md", ""):
        if head.startswith(PDF_MAGIC):
            raise InputError(path, f"named {suffix or 'without suffix'} but is a PDF file")
        if head.startswith(ZIP_MAGIC):
            raise InputError(path, f"named {suffix or 'without suffix'} but is a ZIP/Office file")
        return "txt"
    raise InputError(path, f"unsupported format '{suffix}' (expected .pdf, .docx or .txt)")


def read_document(
    path: str | Path, *, columns: bool = False, allow_docx: bool = False, pdf_engine: str = "pdfplumber"
) -> tuple[str, Document]:
    """(kind, lines) of a file; every failure is an InputError naming the file."""
    path = Path(path)
    kind = check_kind(path, sniff(path))
    if kind == "pdf":
        from pipeline.documents.pdf import read_pdf

        return kind, read_pdf(path, columns=columns, engine=pdf_engine)
    if kind == "docx":
        if not allow_docx:
            raise InputError(path, "Word documents are read as CVs only; export the specification to PDF")
        from pipeline.documents.docx import read_docx

        return kind, read_docx(path)
    from pipeline.documents.text import read_text

    return kind, read_text(path)
