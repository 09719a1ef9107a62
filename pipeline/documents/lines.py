"""The positioned line: what every reader produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """A run of words on a line separated from its neighbours by a wide gap (header cells)."""

    x0: float
    text: str


@dataclass(frozen=True)
class Line:
    """One visual line. Positions are PDF points; text files have ``x0`` = indentation in
    characters, ``top`` = line number, and ``size``/``bold`` unknown (0 / False)."""

    text: str
    page: int
    x0: float
    top: float
    size: float = 0.0
    bold: bool = False
    x1: float = 0.0
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    blank_before: int = 0  # text files: blank lines above this one

    @property
    def positioned(self) -> bool:
        return self.size > 0


@dataclass(frozen=True)
class Document:
    """Lines of one file in reading order, with what the reader learnt about the file."""

    source: str
    lines: tuple[Line, ...]
    pages: int | None
    page_height: float = 0.0
    metadata: dict[str, str] = field(default_factory=dict)
