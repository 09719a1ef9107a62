"""Screening output writers as an extension point: one registry entry per ``--format``.

A writer declares the file it writes in the output folder and ``write(path, results)``, which
fills ``path`` (a temporary file beside the target: every writer is atomic without knowing it).
``write_outputs`` and the command's ``--format`` read this registry; nothing else names a format.
Adding one::

    @WRITERS.register("tsv", filename="screening.tsv")
    def write_tsv(path: Path, results: ScreeningResults) -> None:
        path.write_text(results.table.to_csv(sep="\\t", index=False), encoding="utf-8")

Entries run in registration order whatever order ``--format`` names them in, so the same
inputs write the same files in the same order. pandas is imported inside the writers: the
command's help reads the registry's names without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.outputs.files import atomic_path
from pipeline.registry import Registry

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.outputs.screening import ResultSpool, Summary


@dataclass
class ScreeningResults:
    """What every writer may use: the spooled rows, the spec's role order and the run's meta
    fields (spec, as_of, roles, nlp). ``table`` is built once and shared by the writers."""

    spool: ResultSpool
    role_order: Sequence[str]
    meta: dict[str, Any]

    @property
    def summaries(self) -> list[Summary]:
        return self.spool.summaries

    @cached_property
    def table(self) -> pd.DataFrame:
        """One ranked row per (CV, role): the columns of screening.csv."""
        from pipeline.outputs.screening import table

        return table(self.spool.summaries, self.role_order)


WriteFn = Callable[[Path, ScreeningResults], None]


@dataclass(frozen=True)
class Writer:
    name: str  # the --format value
    filename: str  # written in the output folder
    write: WriteFn

    def write_to(self, out_dir: Path, results: ScreeningResults) -> Path:
        target = out_dir / self.filename
        with atomic_path(target) as tmp:
            self.write(tmp, results)
        return target


class WriterRegistry(Registry[Writer]):
    def register(self, name: str, *, filename: str) -> Callable[[WriteFn], WriteFn]:
        """Decorator: register the decorated ``write(path, results)`` as format ``name``."""

        def decorate(write: WriteFn) -> WriteFn:
            self.add(name, Writer(name, filename, write))
            return write

        return decorate


WRITERS = WriterRegistry("format")


@WRITERS.register("csv", filename="screening.csv")
def _write_csv(path: Path, results: ScreeningResults) -> None:
    from pipeline.outputs.tables import write_csv

    write_csv(path, results.table, bom=True)


def _ranked_rows(results: ScreeningResults) -> Iterator[bytes]:
    """The spooled rows of screening.json in rank order, each with its ``rank``."""
    import json

    from pipeline.outputs.screening import ranked, ranks

    spool = results.spool
    place = ranks(spool.summaries, results.role_order)
    for s in ranked(spool.summaries, results.role_order):
        row = json.loads(spool.row_bytes(s))
        row["rank"] = place[(s.cv, s.role)]
        yield json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8")


@WRITERS.register("json", filename="screening.json")
def _write_json(path: Path, results: ScreeningResults) -> None:
    """screening.json streamed from the spool: the meta fields, then one row per line."""
    import json

    with path.open("wb") as f:
        f.write(b"{\n")
        for key, value in sorted(results.meta.items()):
            f.write(
                json.dumps(key).encode()
                + b": "
                + json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
                + b",\n"
            )
        f.write(b'"rows": [\n')
        first = True
        for row in _ranked_rows(results):
            f.write((b"" if first else b",\n") + row)
            first = False
        f.write(b"\n]\n}\n" if not first else b"]\n}\n")


@WRITERS.register("jsonl", filename="screening.jsonl")
def _write_jsonl(path: Path, results: ScreeningResults) -> None:
    """One JSON object per line, for runs too large to load whole: first the meta fields (with
    ``"type": "meta"``), then each row of screening.json (``"type": "row"``) in rank order."""
    import json

    with path.open("wb") as f:
        meta = {"type": "meta", **results.meta}
        f.write(json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        for row in _ranked_rows(results):
            f.write(b'{"type": "row", ' + row[1:] + b"\n")


@WRITERS.register("parquet", filename="screening.parquet")
def _write_parquet(path: Path, results: ScreeningResults) -> None:
    results.table.to_parquet(path, index=False)


@WRITERS.register("xlsx", filename="screening.xlsx")
def _write_xlsx(path: Path, results: ScreeningResults) -> None:
    """Per role a ranked sheet, then per role a consultant × requirement matrix (see workbook.py)."""
    from pipeline.outputs.workbook import write_workbook

    write_workbook(path, results)
