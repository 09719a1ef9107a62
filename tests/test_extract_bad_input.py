"""Bad input to `kravmatch extract`: one line naming the file and the problem, a non-zero exit,
no output file — and with several paths the good ones are still written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SPECS
from pdfgen import draw_blank_pdf, draw_pdf

from pipeline.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", *args])
    return result.exit_code, result.output  # click ≥ 8.2 mixes stderr into output


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    fake = tmp / "fake.pdf"
    fake.write_text("this is plain text, not a PDF", encoding="utf-8")
    truncated = tmp / "truncated.pdf"
    truncated.write_bytes((SPECS / "kravspecifikation-it-tjanster.pdf").read_bytes()[:900])
    empty_txt = tmp / "empty.txt"
    empty_txt.write_bytes(b"")
    binary_txt = tmp / "binary.txt"
    binary_txt.write_bytes(bytes(range(256)) * 20)
    no_roles = tmp / "noroles.pdf"
    draw_pdf(no_roles, [[("h1", "Inledning"), ("p", "Ett dokument utan kompetensprofiler.")]])
    pdf_as_txt = tmp / "spec.txt"
    pdf_as_txt.write_bytes((SPECS / "kravspecifikation-it-tjanster.pdf").read_bytes())
    odt = tmp / "spec.odt"
    odt.write_bytes(b"PK\x03\x04 not really")
    return {
        "missing": (tmp / "nope.pdf", "no such file"),
        "not a pdf": (fake, "not a PDF"),
        "encrypted": (draw_pdf(tmp / "locked.pdf", [[("p", "hemligt")]], encrypt="secret"), "encrypted"),
        "scanned": (draw_blank_pdf(tmp / "scan.pdf"), "no text layer"),
        "empty pdf": (draw_blank_pdf(tmp / "blank.pdf", with_shape=False), "no text layer"),
        "truncated": (truncated, "PDF"),
        "empty text": (empty_txt, "empty"),
        "binary text": (binary_txt, "binary"),
        "no roles": (no_roles, "no role found"),
        "pdf named txt": (pdf_as_txt, "is a PDF"),
        "unsupported": (odt, "unsupported format"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing", "not a pdf", "encrypted", "scanned", "empty pdf", "truncated", "empty text", "binary text", "no roles",
     "pdf named txt", "unsupported"],
)  # fmt: skip
def test_bad_input_names_file_and_problem_and_writes_nothing(tmp_path: Path, case: str) -> None:
    path, problem = _bad_files(tmp_path)[case]
    out = tmp_path / "out"
    code, output = _run(str(path), "-o", str(out))
    assert code != 0
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert len(lines) == 1, output
    assert str(path) in lines[0] and problem.lower() in lines[0].lower()
    assert not out.exists() or not any(out.iterdir())


def test_good_files_are_written_when_others_fail(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _run(
        str(tmp_path / "missing.pdf"), str(SPECS / "kravspecifikation-it-tjanster.pdf"), "-o", str(out)
    )
    assert code == 3  # some failed, some written
    assert (out / "kravspecifikation-it-tjanster.json").exists()
    assert "missing.pdf: no such file" in output


def test_a_crash_while_writing_leaves_no_partial_file(tmp_path: Path) -> None:
    from pipeline.outputs.files import atomic_path

    target = tmp_path / "x.json"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text('{"half": ')
        raise RuntimeError("disk full")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
