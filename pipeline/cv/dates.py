"""The period grammar: text → periods (start month, end month | ongoing | unknown end).

General date libraries guess here (a bare "2018" becomes today's month of 2018; "pågående"
is unknown to them), so the grammar is the project's own and table-tested:

    PERIOD := POINT DASH (POINT | OPEN | UNKNOWN) | OPEN_START POINT | MONTH DASH MONTH YEAR
            | YEAR MONTH DASH MONTH | NUMBER UNIT OPEN_START POINT | POINT
    POINT  := [APPROX] (YYYY-MM-DD | YYYY-MM | MM/YYYY | MONTHNAME YYYY | SEASON YYYY | YYYY)
    LIST   := POINT ((, | och | and | &) (POINT | YYYY))+      one period per item

A year alone starts in January and ends in December, a season ("våren 2019", "HT 2018",
"Sommarjobb 2009") its first and last month, a single month that month. OPEN is a "present"
word ("pågående", "tills nu", "till dags dato") or nothing after the dash; UNKNOWN an unknown-end
word ("okänd"): such a period is not ongoing and its end is not known (``unknown_end``; for
counting it ends where it starts). A lone POINT is only a period where the caller says the text
is a date slot (``points=True``). All words come from the language packs (pipeline/lang.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline import lang
from pipeline.knowledge import knowledge_cache

Month = tuple[int, int]  # (year, month)
DASHES = "-‐‑‒–—―−→"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_IN = re.compile(r"(?:19|20)\d\d|\d/\d\d|['’‘]\d\d")
_SHORT_RANGE = re.compile(
    rf"(?<![\d/.])(?P<m1>0?[1-9]|1[0-2])/(?P<y1>[0-3]\d)\s*[{DASHES}]\s*"
    r"(?:(?P<m2>0?[1-9]|1[0-2])/(?P<y2>[0-3]\d)(?![\d/])|(?P<open>$))"
)


@dataclass(frozen=True)
class Period:
    start: Month
    end: Month | None  # None: still going (ends at the as-of month)
    span: tuple[int, int]  # where the period stands in the text it was found in
    text: str
    unknown_end: bool = False  # written with an unknown end ("2015 – okänd"): end is the start
    form: str = "range"  # range, open, since, point, list: how the text wrote it

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def end_or(self, as_of: Month) -> Month:
        return self.end if self.end is not None else as_of


@dataclass(frozen=True)
class _Grammar:
    point: re.Pattern[str]
    range: re.Pattern[str]
    month_range: re.Pattern[str]
    year_first: re.Pattern[str]
    listed: re.Pattern[str]
    since: re.Pattern[str]
    duration: re.Pattern[str]
    month_of: dict[str, int]
    season_of: dict[str, tuple[int, int]]
    units: dict[str, str]


def _point_re(p: str, months: str, seasons: str, approx: str) -> str:
    return (
        rf"(?:{approx}\.?\s*)?"
        rf"(?:(?P<{p}fy>{_YEAR})-(?P<{p}fm>0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)"
        rf"|(?:0?[1-9]|[12]\d|3[01])[/.](?P<{p}dm>0?[1-9]|1[0-2])[/.](?P<{p}dy>{_YEAR})(?!\d)"
        rf"|(?P<{p}iy>{_YEAR})[-./](?P<{p}im>0?[1-9]|1[0-2])(?![\d./-]?\d)"
        rf"|(?P<{p}sm>0?[1-9]|1[0-2])[/.](?P<{p}sy>{_YEAR})"
        rf"|\b(?:(?:0?[1-9]|[12]\d|3[01])\.?\s+)?(?P<{p}mn>{months})\.?\s*(?P<{p}my>{_YEAR})"
        rf"|\b(?P<{p}an>{months})\.?\s*['’‘](?P<{p}ay>\d\d)(?!\d)"
        rf"|\b(?P<{p}sn>{seasons})(?P<{p}sx>(?<=[^\W\d_]{{5}})[^\W\d_]*)?\.?\s*(?P<{p}sey>{_YEAR})"
        rf"|(?P<{p}y>{_YEAR}))"
    )


@knowledge_cache
def _grammar() -> _Grammar:
    month_of = lang.all_month_names()
    season_of = lang.seasons()
    months = lang.alternation(month_of)
    seasons = lang.alternation(season_of)
    approx = lang.alternation(lang.approximate_words())
    dash = rf"\s*(?:[{DASHES}]|\b{lang.alternation(lang.range_words())}(?!\w))\s*"
    start = _point_re("s", months, seasons, approx)
    end = _point_re("e", months, seasons, approx)
    open_end = (
        rf"(?P<open>{lang.alternation(lang.present_words())})(?!\w)"
        rf"|(?P<unknown>{lang.alternation(lang.unknown_end_words())})(?!\w)"
    )
    rng = re.compile(
        rf"(?<![\d/.-]){start}(?P<dash>{dash})(?:{end}(?![\d/.-]?\d)|{open_end})?",
        re.I,
    )
    month_range = re.compile(rf"\b(?P<m1>{months})\.?{dash}(?P<m2>{months})\.?\s*(?P<y>{_YEAR})(?!\d)", re.I)
    year_first = re.compile(
        rf"(?<![\d/.-])(?P<y>{_YEAR}):?\s+(?P<m1>{months})\.?{dash}(?P<m2>{months})\b\.?", re.I
    )
    joiners = lang.alternation([",", "&", *lang.coordinators()])
    listed = re.compile(
        rf"(?<![\d/.-])(?P<first>(?:\b(?P<sn>{seasons})[^\W\d_]*\.?\s*)?{_YEAR})"
        rf"(?P<rest>(?:\s*{joiners}\s*{_YEAR}(?![\d/.-]?\d))+)",
        re.I,
    )
    since = re.compile(rf"\b{lang.alternation(lang.open_start_words())}\s+{start}(?![\d/.-]?\d)", re.I)
    units = lang.duration_units()
    duration = re.compile(
        rf"(?P<num>\d+|{lang.alternation(lang.number_words())})\s+(?P<unit>{lang.alternation(units)})\s+"
        rf"{lang.alternation(lang.open_start_words())}\s+{start}(?![\d/.-]?\d)",
        re.I,
    )
    point = re.compile(rf"(?<![\d/.-]){start}(?![\d/.-]?\d)", re.I)
    return _Grammar(point, rng, month_range, year_first, listed, since, duration, month_of, season_of, units)


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def _point(d: dict[str, str | None], p: str, g: _Grammar, *, is_end: bool) -> tuple[Month, Month] | None:
    """(first month, last month) of a POINT's named groups."""
    if d.get(f"{p}fy"):
        m = (int(d[f"{p}fy"] or 0), int(d[f"{p}fm"] or 0))
        return m, m
    if d.get(f"{p}dy"):  # a day first ("01/09/2015", Europass): its month
        m = (int(d[f"{p}dy"] or 0), int(d[f"{p}dm"] or 0))
        return m, m
    if d.get(f"{p}iy"):
        m = (int(d[f"{p}iy"] or 0), int(d[f"{p}im"] or 0))
        return m, m
    if d.get(f"{p}sy"):
        m = (int(d[f"{p}sy"] or 0), int(d[f"{p}sm"] or 0))
        return m, m
    if d.get(f"{p}my"):
        m = (int(d[f"{p}my"] or 0), g.month_of[_norm(d[f"{p}mn"] or "")])
        return m, m
    if d.get(f"{p}ay"):  # "Jan '19": a month with its year's last two digits ("'98" is 1998)
        yy = int(d[f"{p}ay"] or 0)
        m = ((1900 if yy >= 50 else 2000) + yy, g.month_of[_norm(d[f"{p}an"] or "")])
        return m, m
    if d.get(f"{p}sey"):
        year = int(d[f"{p}sey"] or 0)
        first, last = g.season_of[_norm(d[f"{p}sn"] or "")]
        return (year, first), (year, last)
    if d.get(f"{p}y"):
        year = int(d[f"{p}y"] or 0)
        return (year, 1), (year, 12)
    return None


def _range_periods(text: str, g: _Grammar) -> list[Period]:
    out: list[Period] = []
    for m in g.range.finditer(text):
        d = m.groupdict()
        first = _point(d, "s", g, is_end=False)
        if first is None:
            continue
        start = first[0]
        last = _point(d, "e", g, is_end=True)
        if d.get("unknown"):
            out.append(Period(start, start, m.span(), m.group(0).strip(), unknown_end=True, form="open"))
        elif last is not None:
            end = last[1]
            if end < start:
                continue
            out.append(Period(start, end, m.span(), m.group(0).strip()))
        elif d.get("open"):
            out.append(Period(start, None, m.span(), m.group(0).strip(), form="open"))
        else:
            # a dash with nothing after it: open when the text (or its cell) ends there, or when
            # the dash hangs on the date ("2017– Kulturvetarprogrammet"); "2019 - Foo" is not
            after = text[m.end() :]
            attached = not d["dash"][:1].isspace() and d["dash"].strip() in DASHES
            if after[:1].isdigit():
                continue
            if (
                not after.strip()
                or re.match(r"\s*[|,;:()\]]", after)
                or (attached and d["dash"][-1:].isspace())
            ):
                end_at = m.start() + len(m.group(0).rstrip())
                out.append(Period(start, None, (m.start(), end_at), text[m.start() : end_at], form="open"))
    return out


def _other_periods(text: str, g: _Grammar) -> list[Period]:
    out: list[Period] = []
    for m in g.month_range.finditer(text):
        y = int(m["y"])
        start, end = (y, g.month_of[_norm(m["m1"])]), (y, g.month_of[_norm(m["m2"])])
        if end >= start:
            out.append(Period(start, end, m.span(), m.group(0).strip()))
    for m in g.year_first.finditer(text):
        y = int(m["y"])
        start, end = (y, g.month_of[_norm(m["m1"])]), (y, g.month_of[_norm(m["m2"])])
        if end >= start:
            out.append(Period(start, end, m.span(), m.group(0).strip()))
    for m in g.duration.finditer(text):
        first = _point(m.groupdict(), "s", g, is_end=False)
        number = lang.number_value(m["num"])
        if first is None or number is None:
            continue
        start = first[0]
        unit = g.units[_norm(m["unit"])]
        begin = date(start[0], start[1], 1)
        if unit == "week":
            last_day = begin + timedelta(days=int(number * 7) - 1)
            end = (last_day.year, last_day.month)
        else:
            months = int(number * (12 if unit == "year" else 1))
            n = start[0] * 12 + start[1] - 1 + max(months - 1, 0)
            end = (n // 12, n % 12 + 1)
        out.append(Period(start, end, m.span(), m.group(0).strip()))
    for m in _SHORT_RANGE.finditer(text):
        # "03/19 – 05/21": months with two-digit years, only as a range
        start = (2000 + int(m["y1"]), int(m["m1"]))
        if m["m2"]:
            end = (2000 + int(m["y2"]), int(m["m2"]))
            if end >= start:
                out.append(Period(start, end, m.span(), m.group(0).strip()))
        elif m["open"] is not None:
            out.append(Period(start, None, m.span(), m.group(0).strip(), form="open"))
    return out


def _since_periods(text: str, g: _Grammar) -> list[Period]:
    """'Sedan 2019', 'Since March 2019': open ranges, read after the closed ones ('From 2019 to
    2021' is 2019–2021)."""
    out: list[Period] = []
    for m in g.since.finditer(text):
        first = _point(m.groupdict(), "s", g, is_end=False)
        if first is not None:
            out.append(Period(first[0], None, m.span(), m.group(0).strip(), form="since"))
    return out


def _list_periods(text: str, g: _Grammar) -> list[Period]:
    out: list[Period] = []
    for m in g.listed.finditer(text):
        season = g.season_of.get(_norm(m["sn"] or "")) if m["sn"] else None
        years = [int(y) for y in re.findall(_YEAR, m.group(0))]
        if any(b <= a for a, b in zip(years, years[1:], strict=False)):
            continue  # "2019, 2018" is no list of one job's years
        for y in years:
            first, last = season if season else (1, 12)
            out.append(Period((y, first), (y, last), m.span(), m.group(0).strip(), form="list"))
    return out


def _point_periods(text: str, g: _Grammar, iso_months: bool) -> list[Period]:
    out: list[Period] = []
    for m in g.point.finditer(text):
        d = m.groupdict()
        got = _point(d, "s", g, is_end=False)
        if got is None:
            continue
        first, last = got
        if d.get("siy") and not iso_months:
            # "2007-09" in a CV that writes no month as YYYY-MM: a short year range 2007–2009
            yy = int(d["siy"] or 0)
            short = int(d["sim"] or 0)
            if short > yy % 100:
                first, last = (yy, 1), (yy - yy % 100 + short, 12)
        out.append(Period(first, last, m.span(), m.group(0).strip(), form="point"))
    return out


def find_periods(text: str, *, points: bool = False, iso_months: bool = True) -> list[Period]:
    """Every period written in ``text``, in order, without overlaps: ranges first, then the other
    forms, then (with ``points``) lone points. A list ("2004, 2005") gives one period per item,
    all with the list's span. ``iso_months`` False reads a lone "2007-09" as years 2007–2009."""
    if not _YEAR_IN.search(text):
        return []  # every form names a year
    g = _grammar()
    taken: list[tuple[int, int]] = []
    found: list[Period] = []

    def add(periods: list[Period]) -> None:
        for p in periods:
            if any(p.span[0] < b and a < p.span[1] for a, b in taken if (a, b) != p.span):
                continue
            found.append(p)
            taken.append(p.span)

    add(_other_periods(text, g))
    add(_range_periods(text, g))
    add(_since_periods(text, g))
    add(_list_periods(text, g))
    if points:
        add(_point_periods(text, g, iso_months))
    return sorted(found, key=lambda p: (p.span[0], p.start))


def find_period(text: str) -> Period | None:
    """The first period written in ``text`` (no lone points), or None."""
    found = find_periods(text)
    return found[0] if found else None


def uses_iso_months(text: str) -> bool:
    """Whether a CV writes months as YYYY-MM: some "YYYY-MM" cannot be a short year range
    ("2015-09": 09 is not after 15) or stands in a range of such months."""
    for m in re.finditer(rf"(?<![\d/.-])({_YEAR})-(0[1-9]|1[0-2])(?![\d-])", text):
        if int(m[2]) <= int(m[1]) % 100:
            return True
    return bool(re.search(rf"(?<![\d/.-]){_YEAR}-\d\d\s*[{DASHES}]\s*{_YEAR}-\d\d(?![\d-])", text))


def parse_as_of(text: str) -> Month:
    """'2026-11-01' → (2026, 11); raises ValueError on anything else."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {text!r}")
    d = date(int(m[1]), int(m[2]), int(m[3]))
    return d.year, d.month
