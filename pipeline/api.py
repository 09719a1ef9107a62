"""The Python API for notebooks and scripts: the same stages as the commands, returning the
dataclasses and pandas DataFrames instead of files.

    from pipeline import extract, parse_cv, screen

    spec = extract("kravspecifikation.pdf")          # Spec (roles, requirements, conditions)
    spec.table()                                      # one row per task, note, requirement condition
    cv = parse_cv("cvs/anna/CV.pdf")                  # CVRecord (entries, education, languages, …)
    run = screen("cvs/", spec, as_of="2026-11")       # Screening
    run.table                                         # the rows of screening.csv, ranked
    run.matrix("Helpdesk 1")                          # consultants × requirements, statuses
    run.results[0].requirements[0].deciding           # evidence of one requirement

Nothing is written; messages follow ``pipeline.messages`` (Swedish unless ``lang="en"``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cv.model import CVRecord
from pipeline.match.screen import CVFile, RoleResult
from pipeline.spec.model import Spec

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Screening", "extract", "parse_cv", "screen", "spec_table"]


def extract(path: str | Path) -> Spec:
    """A specification (PDF or text dump) → its roles with typed requirements. A ``.json``
    written by ``kravmatch extract`` is read back instead."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        from pipeline.kinds import resolve_roles

        spec = Spec.from_json(json.loads(path.read_text(encoding="utf-8")))
        resolve_roles(spec.roles)
        return spec
    from pipeline.spec.extract import extract_spec

    return extract_spec(path)


def spec_table(spec: Spec) -> pd.DataFrame:
    """One row per task, note and requirement condition, each kind's fields in its columns."""
    from pipeline.outputs.tables import spec_table as table

    return table(spec)


def parse_cv(path: str | Path) -> CVRecord:
    """A CV file (PDF, DOCX, TXT) → its record: sections, dated entries, education, languages."""
    from pipeline.cv.parse import parse_cv as parse

    return parse(path)


@dataclass
class Screening:
    """The results of one screening: per (CV, role) a ``RoleResult`` with every requirement's
    status and evidence, and the tables the outputs are written from."""

    results: list[RoleResult]
    roles: list[str]
    files: list[CVFile] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The rows of screening.csv: ranked within each role (see docs/screening.md)."""
        from pipeline.outputs.screening import summary_of, table

        return table([summary_of(r) for r in self.results], self.roles)

    def matrix(self, role: str) -> pd.DataFrame:
        """Consultants (rows, in rank order) × the role's requirements (columns): statuses."""
        from pipeline.outputs.screening import matrix, summary_of

        return matrix([summary_of(r) for r in self.results], role, self.roles)

    def requirements(self) -> pd.DataFrame:
        """One row per (CV, role, requirement): status, months counted and the first quote."""
        import pandas as pd

        rows = [
            {"cv": r.cv, "role": r.role, "requirement": q.text, "kind": q.kind, "status": q.status,
             "months": next((c.months for c in q.deciding if c.kind == "experience"), None),
             "evidence": next((e.quote for c in q.deciding for e in c.evidence), None)}
            for r in self.results
            for q in r.requirements
        ]  # fmt: skip
        return pd.DataFrame(
            rows, columns=["cv", "role", "requirement", "kind", "status", "months", "evidence"]
        )


def _month(as_of: str | tuple[int, int] | date | None) -> tuple[int, int]:
    if as_of is None:
        today = date.today()
        return today.year, today.month
    if isinstance(as_of, date):
        return as_of.year, as_of.month
    if isinstance(as_of, tuple):
        return as_of
    from pipeline.cv.dates import parse_as_of

    text = as_of.strip()
    return parse_as_of(text if len(text) > 7 else f"{text}-01")


def screen(
    cvs: str | Path | Iterable[str | Path],
    spec: Spec | str | Path,
    *,
    roles: Sequence[str] = (),
    as_of: str | tuple[int, int] | date | None = None,
    workers: int = 1,
    lang: str = "sv",
) -> Screening:
    """CV files or folders × a specification (a ``Spec``, its JSON or the document itself) →
    ``Screening``. ``as_of`` is "YYYY-MM", "YYYY-MM-DD", a date or (year, month); default
    this month. A CV that cannot be read gives ``error`` results with the reason."""
    from pipeline.match.screen import collect_cvs, prepare, screenable_roles
    from pipeline.match.screen import screen as run
    from pipeline.messages import set_language

    set_language(lang)
    if not isinstance(spec, Spec):
        spec = extract(spec)
    paths = [Path(cvs)] if isinstance(cvs, str | Path) else [Path(p) for p in cvs]
    selected = screenable_roles(spec, roles)
    files = collect_cvs(paths)
    prepare()
    results = [r for per_cv in run(files, selected, _month(as_of), workers=workers) for r in per_cv]
    order = {f.cv: i for i, f in enumerate(files)}
    results.sort(key=lambda r: order.get(r.cv, len(order)))
    return Screening(results, [r.name for r in selected], files)
