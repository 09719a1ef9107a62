"""The parts behind the hostile-input limits (issue 14), each on the worst input we can build:
linear time where it was quadratic, the checks made before a file is read, text decoding that
keeps mixed files, and file names that can always be written. Time bounds are generous ceilings
(seconds for a megabyte) that quadratic code misses by minutes, not speed measurements."""

from __future__ import annotations

import os
import signal
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from pipeline.cv.sections import heading_kind, read_cv_text, split_sections
from pipeline.documents.limits import configure, limits
from pipeline.documents.pdf import _split_columns
from pipeline.documents.read import check_file, display_name, read_document
from pipeline.documents.text import decode_text
from pipeline.errors import InputError
from pipeline.match.workers import run_jobs
from pipeline.nlp.lexicon import Hit, _dedupe

CV_TEXT = "Anna Svensson\nArbetslivserfarenhet\n2019 – 2024 IT-tekniker, Exempelbolaget AB\nSpråk\nsvenska\n"


@pytest.fixture()
def roomy() -> Iterator[None]:
    """Limits raised so that a megabyte reaches the code under test."""
    before = limits()
    configure(max_chars=5_000_000, max_file_mb=50)
    yield
    configure(**vars(before))


def _timed(fn, *args):  # noqa: ANN001, ANN002, ANN202
    started = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - started


def test_hit_deduplication_is_linear() -> None:
    # 200,000 hits, each inside the one before it or overlapping it: every hit against every
    # kept span took hours; one sorted pass takes a fraction of a second
    hits = [Hit("x", (i, i + 5 + i % 7), f"f{i % 3}", "c", 100.0 - i % 5) for i in range(200_000)]
    kept, took = _timed(_dedupe, hits)
    assert took < 5
    assert [h.span for h in kept] == sorted(h.span for h in kept)
    for a, b in zip(kept, kept[1:], strict=False):
        assert not (a.span[0] <= b.span[0] and b.span[1] <= a.span[1])


def test_hit_deduplication_keeps_the_longest_surest_hit() -> None:
    hits = [
        Hit("Java", (10, 14), "java", "c", 90.0),
        Hit("Java", (10, 14), "java", "c", 100.0),
        Hit("JavaScript", (10, 20), "javascript", "c", 80.0),
        Hit("Script", (14, 20), "script", "c", 100.0),
        Hit("SQL", (30, 33), "sql", "c", 100.0),
    ]
    assert [(h.span, h.score) for h in _dedupe(hits)] == [((10, 20), 80.0), ((30, 33), 100.0)]


@pytest.mark.parametrize("fill", ["-", "–", " -", ": ", "—\t"])
def test_heading_end_is_stripped_in_linear_time(fill: str) -> None:
    line = "x" + fill * (1_000_000 // len(fill)) + "y"
    _, took = _timed(heading_kind, line)
    assert took < 5
    assert heading_kind("Utbildning " + fill * 50_000) is not None


def test_a_megabyte_of_dashes_is_sectioned_quickly(tmp_path: Path, roomy: None) -> None:
    path = tmp_path / "dashes.txt"
    path.write_text(CV_TEXT + ("-" * 100_000 + "\n") * 10, encoding="utf-8")
    cv, took = _timed(read_cv_text, path)
    sections, took2 = _timed(split_sections, cv)
    assert took + took2 < 5
    assert max(len(line.text) for line in cv.lines) <= limits().max_line_chars
    assert any(s.kind == "work" for s, _ in sections)


def test_long_lines_are_broken_at_spaces(tmp_path: Path, roomy: None) -> None:
    path = tmp_path / "long.txt"
    words = " ".join(f"ord{i}" for i in range(2_000))
    path.write_text(CV_TEXT + words + "\n", encoding="utf-8")
    _, doc = read_document(path, cv=True)
    long = [line.text for line in doc.lines if line.text.startswith("ord") or " ord" in line.text]
    assert all(len(t) <= limits().max_line_chars for t in long)
    assert " ".join(long) == words  # nothing lost, no word cut


def test_a_page_wider_than_pdf_allows_costs_bounded_memory() -> None:
    width = 1e9
    words = [
        {"text": f"w{i}", "x0": x, "x1": x + 30, "top": i * 12.0, "bottom": i * 12.0 + 10, "size": 10.0}
        for i in range(60)
        for x in (40.0, width * 0.8)
    ]
    columns, took = _timed(_split_columns, words, width)
    assert took < 5
    assert [len(c) for c in columns] == [60, 60]  # the two columns are still found
    nan_words = [dict(w, x1=float("nan")) for w in words]
    _split_columns(nan_words, width)  # damaged coordinates do not raise


def test_text_too_long_for_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"a" * (4 * limits().max_chars + 100))
    with pytest.raises(InputError, match="--max-chars"):
        read_document(path, cv=True)


def test_a_file_over_the_size_limit_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:
        f.truncate(int(limits().max_file_mb * 1024 * 1024) + 1)
    with pytest.raises(InputError, match="--max-file-mb"):
        read_document(path, cv=True)


def test_links_are_followed_only_inside_their_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "cv.txt").write_text(CV_TEXT, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(CV_TEXT, encoding="utf-8")
    os.symlink("cv.txt", folder / "inside.txt")
    os.symlink(tmp_path / "outside.txt", folder / "outside.txt")
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    assert check_file(folder / "inside.txt").st_size == len(CV_TEXT.encode())
    with pytest.raises(InputError, match="outside its folder"):
        check_file(folder / "outside.txt")
    with pytest.raises(InputError, match="link to nothing"):
        check_file(folder / "dangling.txt")


def test_word_files_are_checked_before_parsing(tmp_path: Path) -> None:
    many = tmp_path / "many.docx"
    document = docx.Document()
    for i in range(501):
        document.add_paragraph(f"rad {i}")
    document.save(str(many))
    before = limits()
    configure(max_paragraphs=500)
    try:
        with pytest.raises(InputError, match="paragraphs"):
            read_document(many, cv=True)
    finally:
        configure(**vars(before))
    read_document(many, cv=True)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(many) as src, zipfile.ZipFile(broken, "w") as z:
        for info in src.infolist():
            z.writestr(
                info, b"<w:document><w:body>" if info.filename == "word/document.xml" else src.read(info)
            )
    with pytest.raises(InputError, match="not well-formed"):
        read_document(broken, cv=True)


def test_empty_paragraphs_cost_little(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    document = docx.Document()
    for _ in range(15_000):
        document.add_paragraph("")
    document.add_paragraph("Anna Svensson")
    document.save(str(path))
    (_, doc), took = _timed(lambda: read_document(path, cv=True))
    assert [line.text for line in doc.lines] == ["Anna Svensson"]
    assert took < 10


def test_a_utf8_file_with_a_stray_cp1252_line_is_kept() -> None:
    raw = "Anna Svensson\nSpråk: svenska\n".encode() + "Körkort: B, Göteborg\n".encode("cp1252")
    raw += "Utbildning på högskola\n".encode()
    assert (
        decode_text("cv.txt", raw)
        == "Anna Svensson\nSpråk: svenska\nKörkort: B, Göteborg\nUtbildning på högskola\n"
    )


def test_a_legacy_file_is_still_read_whole() -> None:
    raw = "Anna Svensson\nSpråk: svenska, Körkort: B, Göteborg\n".encode("cp1252")
    assert decode_text("cv.txt", raw) == "Anna Svensson\nSpråk: svenska, Körkort: B, Göteborg\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(encoding: str) -> None:
    assert decode_text("cv.txt", CV_TEXT.encode(encoding)) == CV_TEXT


def test_binary_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_text("cv.txt", bytes(range(256)) * 8)


def test_names_become_writable_text() -> None:
    raw = os.fsdecode(b"cv-\xff\xfe.txt")
    assert display_name(raw) == "cv-\\xff\\xfe.txt"
    display_name(raw).encode("utf-8")  # writable
    assert display_name("esc\x1b[31m\n.txt") == "esc\\x1b[31m\\x0a.txt"
    assert display_name("Åsa Öberg <!-- =1+1.txt") == "Åsa Öberg <!-- =1+1.txt"
    assert display_name(os.fsdecode(b"a\xff")) != display_name(os.fsdecode(b"a\xfe"))


def _job(action: tuple[str, int]) -> str:
    """What a CV's worker might meet: a quick CV, a slow one, one that eats memory, a crash."""
    what, n = action
    if what == "sleep":
        time.sleep(n)
    elif what == "allocate":
        return str(len(bytearray(n)))
    elif what == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return what


def test_workers_stop_slow_hungry_and_crashing_jobs_alone() -> None:
    jobs = [("ok", 0), ("sleep", 60), ("allocate", 4 * 2**30), ("crash", 0), ("ok", 1), ("allocate", 2**20)]
    started = time.monotonic()
    done = dict(
        run_jobs(
            _job, jobs, workers=2, timeout=2, on_failure=lambda job, why: f"failed: {why}", memory_mb=500
        )
    )
    assert time.monotonic() - started < 30
    assert done[("ok", 0)] == "ok" and done[("ok", 1)] == "ok"
    assert done[("allocate", 2**20)] == str(2**20)
    assert done[("sleep", 60)] == "failed: took longer than 2 s; stopped (--timeout-per-cv)"
    assert done[("allocate", 4 * 2**30)].startswith("failed: ran out of memory")
    assert done[("crash", 0)].startswith("failed: its worker process stopped (signal 9)")
