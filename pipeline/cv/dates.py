"""The period grammar: text → (start month, end month | ongoing).

General date libraries guess here (a bare "2018" becomes today's month of 2018; "pågående"
is unknown to them), so the grammar is the project's own and table-tested:

    PERIOD := POINT DASH (POINT | OPEN) | OPEN_START POINT
    POINT  := YYYY-MM | MM/YYYY | MONTHNAME YYYY | YYYY
A year alone starts in January and ends in December.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.knowledge import load

Month = tuple[int, int]  # (year, month)
DASHES = "-‐‑‒–—―−"


@dataclass(frozen=True)
class Period:
    start: Month
    end: Month | None  # None: still going (ends at the as-of month)
    span: tuple[int, int]  # where the period stands in the text it was found in
    text: str

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def end_or(self, as_of: Month) -> Month:
        return self.end if self.end is not None else as_of


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    data = load("cv_headings.yml")
    month_of = {name: int(num) for num, names in data["months"].items() for name in names}
    months = _alt(list(month_of))
    point = (
        rf"(?:(?P<{{p}}iy>(?:19|20)\d{{{{2}}}})[-./](?P<{{p}}im>0?[1-9]|1[0-2])(?!\d)"
        rf"|(?P<{{p}}sm>0?[1-9]|1[0-2])[/.](?P<{{p}}sy>(?:19|20)\d{{{{2}}}})"
        rf"|\b(?P<{{p}}mn>{months})\.?\s*(?P<{{p}}my>(?:19|20)\d{{{{2}}}})"
        rf"|(?P<{{p}}y>(?:19|20)\d{{{{2}}}}))"
    )
    start = point.format(p="s")
    end = point.format(p="e")
    dash = rf"\s*(?:[{DASHES}]|\b(?:{_alt(data['range_words'])})\b)\s*"
    open_end = rf"(?P<open>{_alt(data['open_end'])})\b|(?=\s*$)"
    period = re.compile(
        rf"(?<![\d/.-])(?:{start}{dash}(?:{end}(?![\d/.-])|{open_end}))",
        re.I,
    )
    since = re.compile(rf"\b(?:{_alt(data['open_start'])})\s+{point.format(p='s')}(?![\d/.-])", re.I)
    return period, since, month_of


def _point(m: re.Match[str], p: str, month_of: dict[str, int], *, is_end: bool) -> Month | None:
    g = m.groupdict()
    if g.get(f"{p}iy"):
        return int(g[f"{p}iy"]), int(g[f"{p}im"])
    if g.get(f"{p}sy"):
        return int(g[f"{p}sy"]), int(g[f"{p}sm"])
    if g.get(f"{p}my"):
        return int(g[f"{p}my"]), month_of[g[f"{p}mn"].lower()]
    if g.get(f"{p}y"):
        return int(g[f"{p}y"]), 12 if is_end else 1
    return None


def find_period(text: str) -> Period | None:
    """The first period written in ``text``, or None."""
    period, since, month_of = _grammar()
    for m in period.finditer(text):
        start = _point(m, "s", month_of, is_end=False)
        end = _point(m, "e", month_of, is_end=True)
        if start is None:
            continue
        if end is None and not m.group("open") and text[m.end() :].strip():
            continue  # "2019 - Foo" is not an open range unless the line ends there
        if end is not None and end < start:
            continue
        return Period(start, end, (m.start(), m.end()), m.group(0).strip())
    opened = since.search(text)
    if opened:
        start = _point(opened, "s", month_of, is_end=False)
        if start is not None:
            return Period(start, None, (opened.start(), opened.end()), opened.group(0).strip())
    return None


def parse_as_of(text: str) -> Month:
    """'2026-11-01' → (2026, 11); raises ValueError on anything else."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {text!r}")
    from datetime import date

    d = date(int(m[1]), int(m[2]), int(m[3]))
    return d.year, d.month
