"""Month arithmetic for experience: inclusive spans, the union of overlaps, the as-of month."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.cv.dates import Month, Period


def month_index(month: Month) -> int:
    return month[0] * 12 + month[1] - 1


def months_covered(period: Period, as_of: Month) -> set[int]:
    """The months a period covers, first and last inclusive, nothing after the as-of month."""
    first = month_index(period.start)
    last = min(month_index(period.end_or(as_of)), month_index(as_of))
    return set(range(first, last + 1)) if last >= first else set()


def months_of(periods: Iterable[Period], as_of: Month) -> int:
    """Months covered by any of ``periods``: overlapping entries count once."""
    covered: set[int] = set()
    for p in periods:
        covered |= months_covered(p, as_of)
    return len(covered)
