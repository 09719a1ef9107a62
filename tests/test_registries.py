"""Readers and writers are registry entries: a format added here, in the test, flows through
parse_cv, `kravmatch parse-cv` and `kravmatch screen` without any other module knowing it."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.cv.parse import parse_cv
from pipeline.documents.lines import Document, Line
from pipeline.documents.read import read_document
from pipeline.documents.readers import READERS, Reader, expect_magic
from pipeline.errors import InputError
from pipeline.outputs.files import write_json
from pipeline.outputs.screening import ResultSpool, write_outputs
from pipeline.outputs.writers import WRITERS, ScreeningResults
from pipeline.spec.extract import extract_spec

# "CV lines": a toy format with a signature line, then one CV line per file line; "# " marks a heading
CVL_MAGIC = b"CVL1"
ANNA = """CVL1
# Anna Berg
# ARBETSLIVSERFARENHET
2020-03 – pågående  IT-support, Åsby kommun
Support via telefon och e-post till kommunens användare
# SPRÅK
Svenska: modersmål
"""
SPEC = """Kravspecifikation Supporttjänster

Helpdesk 1

Arbetsuppgifter
I denna tjänst kan nedan arbetsuppgifter förekomma;

• ge användarstöd via telefon och e-post

Kompetenskrav
Erbjuden konsult ska uppfylla nedan kompetenskrav;

• minst sex (6) månaders arbetslivserfarenhet inom yrkeskategorin
• kunna kommunicera obehindrat på svenska, såväl i tal som skrift.
"""


def read_cvl(path: Path, **_: Any) -> Document:
    rows = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    lines = tuple(
        Line(text=row.removeprefix("# "), page=1, x0=0.0, top=float(i), bold=row.startswith("# "))
        for i, row in enumerate(rows)
        if row.strip()
    )
    return Document(source=Path(path).name, lines=lines, pages=None)


@pytest.fixture()
def cvl_reader() -> Iterator[Reader]:
    READERS.register(
        "cvl",
        suffixes=(".cvl",),
        check=expect_magic(CVL_MAGIC, "named .cvl but is not a CVL file"),
        specs=False,
        spec_refusal="CVL files are CVs; a specification must be a PDF or text",
    )(read_cvl)
    yield READERS.get("cvl")
    READERS.remove("cvl")


@pytest.fixture()
def tsv_writer() -> Iterator[None]:
    @WRITERS.register("tsv", filename="screening.tsv")
    def write_tsv(path: Path, results: ScreeningResults) -> None:
        path.write_text(results.table.to_csv(sep="\t", index=False, lineterminator="\n"), encoding="utf-8")

    yield
    WRITERS.remove("tsv")


@pytest.fixture()
def anna(tmp_path: Path) -> Path:
    path = tmp_path / "cvs" / "anna.cvl"
    path.parent.mkdir()
    path.write_text(ANNA, encoding="utf-8")
    return path


@pytest.fixture()
def spec_json(tmp_path: Path) -> Path:
    text = tmp_path / "support.txt"
    text.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "support.json"
    write_json(out, extract_spec(text).to_json())
    return out


# ---------------------------------------------------------------- readers


def test_builtin_readers_are_registry_entries() -> None:
    assert READERS.names() == ["pdf", "docx", "txt"]
    assert READERS.for_suffix(".PDF") is READERS.get("pdf")
    assert READERS.for_suffix("") is READERS.get("txt")
    assert READERS.for_suffix(".md") is READERS.get("txt")
    assert READERS.for_suffix(".odt") is None
    assert [r.name for r in READERS if not r.specs] == ["docx"]


def test_a_registered_reader_reads_cvs_through_parse_cv(cvl_reader: Reader, anna: Path) -> None:
    kind, doc = read_document(anna, cv=True)
    assert kind == "cvl" and doc.lines[0].text == "Anna Berg" and doc.lines[0].bold
    cv = parse_cv(anna)
    assert cv.source == "anna.cvl" and cv.language == "sv"
    assert cv.text.startswith("Anna Berg\nARBETSLIVSERFARENHET\n2020-03 – pågående")
    assert [s.kind for s in cv.sections] == ["preamble", "work", "languages"]
    (work,) = cv.work
    assert (work.title, work.employer) == ("IT-support", "Åsby kommun")
    assert (work.period.start, work.period.end, work.period.ongoing) == ((2020, 3), None, True)
    assert cv.quote(work.title_span) == "IT-support"
    assert [(x.language, x.level) for x in cv.languages] == [("sv", "native")]


def test_parse_cv_command_reads_the_registered_format(cvl_reader: Reader, anna: Path) -> None:
    result = CliRunner().invoke(main, ["parse-cv", str(anna), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert record["source"] == "anna.cvl"
    assert [(w["title"], w["months"]) for w in record["work"]] == [("IT-support", 81)]
    assert record["languages"][0]["text"] == "Svenska: modersmål"


def test_registered_reader_keeps_the_rules_of_every_reader(
    cvl_reader: Reader, anna: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "fake.cvl"
    fake.write_text("Anna Berg\n", encoding="utf-8")
    with pytest.raises(InputError, match="named .cvl but is not a CVL file"):
        parse_cv(fake)
    with pytest.raises(InputError, match="CVL files are CVs; a specification must be a PDF or text"):
        extract_spec(anna)
    odt = tmp_path / "notes.odt"
    odt.write_bytes(b"x")
    with pytest.raises(
        InputError, match=r"unsupported format '\.odt' \(expected \.pdf, \.docx, \.txt or \.cvl\)"
    ):
        parse_cv(odt)
    result = CliRunner().invoke(main, ["parse-cv", str(fake)])
    assert result.exit_code == 1
    assert (
        result.output.strip().splitlines()[0] == f"kravmatch: error: {fake}: named .cvl but is not a CVL file"
    )


def test_unregistered_reader_is_gone(tmp_path: Path) -> None:
    odt = tmp_path / "notes.odt"
    odt.write_bytes(b"x")
    with pytest.raises(InputError) as e:
        parse_cv(odt)
    assert e.value.problem == "unsupported format '.odt' (expected .pdf, .docx or .txt)"
    assert "cvl" not in READERS


def test_a_suffix_has_one_reader() -> None:
    with pytest.raises(ValueError, match="suffix '.md' is already claimed by reader 'txt'"):
        READERS.register("markdown", suffixes=(".md",))(read_cvl)
    with pytest.raises(ValueError, match="reader 'pdf' is already registered"):
        READERS.register("pdf", suffixes=(".pdf2",))(read_cvl)
    assert READERS.names() == ["pdf", "docx", "txt"]


# ---------------------------------------------------------------- writers


def test_builtin_writers_are_registry_entries() -> None:
    assert WRITERS.names() == ["csv", "json", "jsonl", "parquet", "xlsx"]
    assert [w.filename for w in WRITERS] == [
        "screening.csv",
        "screening.json",
        "screening.jsonl",
        "screening.parquet",
        "screening.xlsx",
    ]


def test_a_registered_writer_is_a_format_of_screen(
    cvl_reader: Reader, tsv_writer: None, anna: Path, spec_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["screen", str(anna.parent), "--spec", str(spec_json), "--as-of",
                                       "2026-11-01", "-o", str(out), "--format", "tsv,csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "screening.csv", "screening.tsv"]
    assert result.output.splitlines()[-3:] == [
        f"wrote {out / 'screening.csv'}",
        f"wrote {out / 'screening.tsv'}",
        f"wrote {out / 'manifest.json'}",
    ]
    rows = list(csv.DictReader((out / "screening.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert [
        (r["cv"], r["role"], r["verdict"], r["rank"], r["qualifying_months"], r["met_count"]) for r in rows
    ] == [("anna.cvl", "Helpdesk 1", "eligible", "1", "81", "2")]
    as_csv = list(csv.DictReader((out / "screening.csv").open(encoding="utf-8-sig")))
    assert as_csv == rows


def test_unknown_format_fails_before_any_work_naming_the_registered_ones(
    tsv_writer: None, anna: Path, spec_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["screen", str(anna.parent), "--spec", str(spec_json), "-o", str(out),
                                       "--format", "csv,docx"])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "kravmatch: error: --format: unknown format docx; choose from csv, json, jsonl, parquet, xlsx, tsv"
    )
    assert not out.exists()


def test_write_outputs_refuses_an_unknown_format(tmp_path: Path) -> None:
    spool = ResultSpool()
    try:
        with pytest.raises(
            ValueError, match="unknown format tsv; choose from csv, json, jsonl, parquet, xlsx"
        ):
            write_outputs(tmp_path, spool, [], ["csv", "tsv"], {})
    finally:
        spool.close()
    assert not list(tmp_path.iterdir())
