"""The period grammar: text → (start month, end month | ongoing).

General date libraries guess here (a bare "2018" becomes today's month of 2018; "pågående"
is unknown to them), so the grammar is the project's own and table-tested:

    PERIOD := POINT DASH (POINT | OPEN | UNKNOWN) | OPEN_START POINT
    POINT  := YYYY-MM | MM/YYYY | MONTHNAME YYYY | SEASON YYYY | YYYY
A year alone starts in January and ends in December, a season ("våren 2019", "HT 2018") in
its first and last month. OPEN is a "present" word ("pågående"); UNKNOWN an unknown-end word
("okänt"): such a period is taken to end where it starts. All words come from the language
packs (pipeline/lang.py), so a period reads the same in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import lang
from pipeline.knowledge import knowledge_cache

Month = tuple[int, int]  # (year, month)
DASHES = "-‐‑‒–—―−"


@dataclass(frozen=True)
class Period:
    start: Month
    end: Month | None  # None: still going (ends at the as-of month)
    span: tuple[int, int]  # where the period stands in the text it was found in
    text: str
    unknown_end: bool = False  # written with an unknown end ("2015 – okänt"): end is the start

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def end_or(self, as_of: Month) -> Month:
        return self.end if self.end is not None else as_of


@dataclass(frozen=True)
class _Grammar:
    period: re.Pattern[str]
    since: re.Pattern[str]
    month_of: dict[str, int]
    season_of: dict[str, tuple[int, int]]


@knowledge_cache
def _grammar() -> _Grammar:
    month_of = lang.all_month_names()
    season_of = lang.seasons()
    months = lang.alternation(month_of)
    seasons = lang.alternation(season_of)
    point = (
        rf"(?:(?P<{{p}}iy>(?:19|20)\d{{{{2}}}})[-./](?P<{{p}}im>0?[1-9]|1[0-2])(?!\d)"
        rf"|(?P<{{p}}sm>0?[1-9]|1[0-2])[/.](?P<{{p}}sy>(?:19|20)\d{{{{2}}}})"
        rf"|\b(?P<{{p}}mn>{months})\.?\s*(?P<{{p}}my>(?:19|20)\d{{{{2}}}})"
        rf"|\b(?P<{{p}}sn>{seasons})\.?\s*(?P<{{p}}sey>(?:19|20)\d{{{{2}}}})"
        rf"|(?P<{{p}}y>(?:19|20)\d{{{{2}}}}))"
    )
    start = point.format(p="s")
    end = point.format(p="e")
    dash = rf"\s*(?:[{DASHES}]|\b{lang.alternation(lang.range_words())}(?!\w))\s*"
    open_end = (
        rf"(?P<open>{lang.alternation(lang.present_words())})\b"
        rf"|(?P<unknown>{lang.alternation(lang.unknown_end_words())})(?!\w)|(?=\s*$)"
    )
    period = re.compile(
        rf"(?<![\d/.-])(?:{start}{dash}(?:{end}(?![\d/.-])|{open_end}))",
        re.I,
    )
    since = re.compile(
        rf"\b{lang.alternation(lang.open_start_words())}\s+{point.format(p='s')}(?![\d/.-])", re.I
    )
    return _Grammar(period, since, month_of, season_of)


def _point(m: re.Match[str], p: str, g: _Grammar, *, is_end: bool) -> Month | None:
    d = m.groupdict()
    if d.get(f"{p}iy"):
        return int(d[f"{p}iy"]), int(d[f"{p}im"])
    if d.get(f"{p}sy"):
        return int(d[f"{p}sy"]), int(d[f"{p}sm"])
    if d.get(f"{p}my"):
        return int(d[f"{p}my"]), g.month_of[" ".join(d[f"{p}mn"].lower().split())]
    if d.get(f"{p}sey"):
        first, last = g.season_of[" ".join(d[f"{p}sn"].lower().split())]
        return int(d[f"{p}sey"]), last if is_end else first
    if d.get(f"{p}y"):
        return int(d[f"{p}y"]), 12 if is_end else 1
    return None


def find_period(text: str) -> Period | None:
    """The first period written in ``text``, or None."""
    g = _grammar()
    for m in g.period.finditer(text):
        start = _point(m, "s", g, is_end=False)
        end = _point(m, "e", g, is_end=True)
        if start is None:
            continue
        if m.group("unknown"):
            return Period(start, start, (m.start(), m.end()), m.group(0).strip(), unknown_end=True)
        if end is None and not m.group("open") and text[m.end() :].strip():
            continue  # "2019 - Foo" is not an open range unless the line ends there
        if end is not None and end < start:
            continue
        return Period(start, end, (m.start(), m.end()), m.group(0).strip())
    opened = g.since.search(text)
    if opened:
        start = _point(opened, "s", g, is_end=False)
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
