"""Document readers as an extension point: one registry entry per file format.

A reader declares the suffixes it claims, a check that the file's first bytes agree with its
name (one clear line when they do not), whether specifications may come in its format, and
``read(path, **options) -> Document``. ``read_document`` finds the reader by suffix; nothing
else in the pipeline names a format. Adding one::

    @READERS.register("rtf", suffixes=(".rtf",), check=expect_magic(b"{\\rtf", "not an RTF file"))
    def read_rtf(path: Path, **options: Any) -> Document: ...

Readers are imported lazily inside ``read`` so that naming a format costs no heavy import.
Register in a module that is imported wherever files are read: ``screen --workers N`` reads
CVs in worker processes, which see entries registered at run time only when they are forked.
The registry type is pipeline/registry.py's, shared with condition kinds and output writers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.documents.lines import Document
from pipeline.errors import InputError
from pipeline.registry import Registry

PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"


Check = Callable[[Path, bytes], None]
ReadFn = Callable[..., Document]


@dataclass(frozen=True)
class Reader:
    """One file format. ``name`` is the kind ``read_document`` returns ("pdf", "docx", "txt")."""

    name: str
    suffixes: tuple[str, ...]  # lower case with the dot; "" claims files without a suffix
    read: ReadFn  # read(path, **options) -> Document; ignores options it does not know
    check: Check  # raises InputError when the first bytes contradict the file name
    specs: bool = True  # False: CVs only
    spec_refusal: str = ""  # the one-line problem when a specification comes in a CV-only format

    @property
    def label(self) -> str:
        """The suffix named in messages: the first claimed."""
        return self.suffixes[0] or "no suffix"


class ReaderRegistry(Registry[Reader]):
    def register(
        self,
        name: str,
        *,
        suffixes: tuple[str, ...],
        check: Check | None = None,
        specs: bool = True,
        spec_refusal: str = "",
    ) -> Callable[[ReadFn], ReadFn]:
        """Decorator: register the decorated ``read(path, **options)`` as reader ``name``."""

        def decorate(read: ReadFn) -> ReadFn:
            self.add(name, Reader(name, tuple(s.lower() for s in suffixes), read, check or _no_check,
                                  specs, spec_refusal or f"{name} files are read as CVs only"))  # fmt: skip
            return read

        return decorate

    def add(self, name: str, entry: Reader) -> Reader:
        for suffix in entry.suffixes:
            if (other := self.for_suffix(suffix)) is not None:
                raise ValueError(f"suffix '{suffix}' is already claimed by reader '{other.name}'")
        return super().add(name, entry)

    def for_suffix(self, suffix: str) -> Reader | None:
        return next((r for r in self if suffix.lower() in r.suffixes), None)

    def expected(self) -> str:
        """'.pdf, .docx or .txt': each reader's first suffix, for the unsupported-format message."""
        labels = [r.label for r in self]
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


READERS = ReaderRegistry("reader")


def _no_check(path: Path, head: bytes) -> None:
    return None


def expect_magic(magic: bytes, problem: str) -> Check:
    """A check for formats with a signature: the file must start with ``magic``."""

    def check(path: Path, head: bytes) -> None:
        if not head.startswith(magic):
            raise InputError(path, problem)

    return check


def _refuse_binary(path: Path, head: bytes) -> None:
    """Plain text must not be a PDF or an Office/ZIP file under a text name."""
    named = f"named {path.suffix.lower() or 'without suffix'}"
    if head.startswith(PDF_MAGIC):
        raise InputError(path, f"{named} but is a PDF file")
    if head.startswith(ZIP_MAGIC):
        raise InputError(path, f"{named} but is a ZIP/Office file")


@READERS.register(
    "pdf", suffixes=(".pdf",), check=expect_magic(PDF_MAGIC, "named .pdf but is not a PDF file")
)
def _read_pdf(path: Path, *, columns: bool = False, pdf_engine: str = "pdfplumber", **_: Any) -> Document:
    from pipeline.documents.pdf import read_pdf

    return read_pdf(path, columns=columns, engine=pdf_engine)


@READERS.register(
    "docx",
    suffixes=(".docx",),
    check=expect_magic(ZIP_MAGIC, "named .docx but is not a Word document (not a ZIP container)"),
    specs=False,
    spec_refusal="Word documents are read as CVs only; export the specification to PDF",
)
def _read_docx(path: Path, **_: Any) -> Document:
    from pipeline.documents.docx import read_docx

    return read_docx(path)


@READERS.register("txt", suffixes=(".txt", ".text", ".md", ""), check=_refuse_binary)
def _read_text(path: Path, **_: Any) -> Document:
    from pipeline.documents.text import read_text

    return read_text(path)
