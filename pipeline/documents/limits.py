"""The limits every input file is read under (docs/limits.md), so that one hostile or broken file
costs bounded time and memory and becomes one ``error`` row instead of stalling a batch.

Three are options of the commands (``--max-file-mb``, ``--max-chars``, ``--timeout-per-cv``);
the others are fixed: no real document comes near them. ``configure`` sets them for the process;
worker processes are forked after it and see the same values.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 50.0  # bytes on disk, checked before a byte is read
    max_chars: int = 300_000  # characters of text in one file (~100 pages)
    max_line_chars: int = 2_000  # a longer line is broken at spaces (real CVs: under 1,100)
    timeout_per_cv: float = 8.0  # seconds one CV may take in its worker (a real one: under 1 s)
    max_docx_part_mb: float = 50.0  # uncompressed size of one part of a Word file
    max_docx_total_mb: float = 200.0  # uncompressed size of all its parts together
    max_paragraphs: int = 20_000  # paragraphs and table rows of a Word document
    max_pages: int = 2_000  # pages of a PDF
    max_page_points: float = 14_400.0  # PDF's own largest page side (200 inches)
    max_worker_memory_mb: int = 700  # address space a CV worker may add (the heaviest CVs need < 300)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


_current = Limits()


def limits() -> Limits:
    return _current


def configure(**changes: Any) -> Limits:
    """Set the limits of this process (and the workers it forks later); ``None`` keeps a value."""
    global _current
    _current = dataclasses.replace(_current, **{k: v for k, v in changes.items() if v is not None})
    return _current
