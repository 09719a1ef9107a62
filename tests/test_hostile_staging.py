"""The output set as one unit (issue 14): a run killed while it writes leaves the old set or
the new one, never a mix, and the next run cleans what the killed one left."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CVS, ROOT

from pipeline.outputs.staging import clean_stale, output_set

KRAVMATCH = str(Path(sys.executable).parent / "kravmatch")
SET = ("a.csv", "b.json", "c.xlsx")
WRITER = """
import sys, time
from pathlib import Path
from pipeline.outputs.staging import output_set
out, tag, pause, stop = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
with output_set(out, own={"a.csv", "b.json", "c.xlsx"}) as stage:
    for name in ("a.csv", "b.json", "c.xlsx"):
        (stage / name).write_text(tag)
        (out.parent / "progress").write_text(name)
        time.sleep(60 if name == stop else pause)
"""


def _write(out: Path, tag: str, pause: float = 0.0, stop: str = "") -> subprocess.Popen[bytes]:
    """A run writing the set, pausing ``pause`` s after each file (a minute after ``stop``)."""
    return subprocess.Popen([sys.executable, "-c", WRITER, str(out), tag, str(pause), stop], cwd=ROOT)


def _tags(out: Path) -> set[str]:
    return {(out / name).read_text() for name in SET}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_a_kill_while_writing_leaves_the_old_set_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _write(out, "old").wait(60) == 0
    (out / "note.txt").write_text("the user's own file")
    for stop_after in SET:
        progress = tmp_path / "progress"
        progress.unlink(missing_ok=True)
        writer = _write(out, "new", stop=stop_after)
        deadline = time.monotonic() + 60
        while (not progress.exists() or progress.read_text() != stop_after) and time.monotonic() < deadline:
            time.sleep(0.01)
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        assert _tags(out) == {"old"}, stop_after
        assert (out / "note.txt").read_text() == "the user's own file"
    assert _leftovers(out)  # the killed runs' staging folders are still there …
    assert _write(out, "newer").wait(60) == 0
    assert _tags(out) == {"newer"}
    assert (out / "note.txt").read_text() == "the user's own file"
    assert _leftovers(out) == []  # … until the next run removes them


def test_kills_at_any_moment_never_mix_the_sets(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _write(out, "0").wait(60) == 0
    for i in range(1, 9):
        writer = _write(out, str(i), pause=0.02)
        time.sleep(0.05 * i)
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        tags = _tags(out)
        assert len(tags) == 1, tags  # one run's set, whichever it was


def test_stale_part_files_and_a_set_left_aside_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_set(out, own=set(SET)) as stage:
        for name in SET:
            (stage / name).write_text("old")
    dead = _dead_pid()
    (out / f".a.csv.{dead}.k2j3h4.part").write_text("half")
    (out / ".b.json.abcd1234.part").write_text("half, from a version without the pid")
    aside = tmp_path / f".out.old-{dead}"
    os.rename(out, aside)  # a run killed between the two renames of the portable swap
    clean_stale(out)
    assert _tags(out) == {"old"}
    assert not aside.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(SET)


def test_a_failed_run_leaves_the_old_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_set(out, own=set(SET)) as stage:
        for name in SET:
            (stage / name).write_text("old")
    with pytest.raises(RuntimeError), output_set(out, own=set(SET)) as stage:
        (stage / "a.csv").write_text("new")
        raise RuntimeError("a writer failed")
    assert _tags(out) == {"old"}
    assert _leftovers(out) == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _consistent(out: Path) -> bool:
    """Every output the manifest lists has the bytes it recorded: one run's set."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {p.name for p in out.iterdir()} - {"manifest.json"}
    listed = {o["path"] for o in manifest["outputs"]} - {"manifest.json"}
    if files != listed:
        return False
    return all(
        hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]
        for o in manifest["outputs"]
        if o["path"] != "manifest.json"
    )


def test_screen_killed_while_writing_keeps_one_set(tmp_path: Path, seed_spec_json: Path) -> None:
    out = tmp_path / "out"
    args = [KRAVMATCH, "screen", str(CVS), "--spec", str(seed_spec_json), "-o", str(out), "--no-progress"]
    first = subprocess.run([*args, "--as-of", "2026-11-01", "--format", "csv,json,xlsx"], capture_output=True)
    assert first.returncode == 0, first.stderr
    assert _consistent(out)
    run = subprocess.Popen([*args, "--as-of", "2020-01-01", "--format", "csv,json"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while run.poll() is None and not _leftovers(out) and time.monotonic() < deadline:
        time.sleep(0.002)
    run.send_signal(signal.SIGKILL)
    run.wait(30)
    assert _consistent(out)
    again = subprocess.run([*args, "--as-of", "2020-01-01", "--format", "csv,json"], capture_output=True)
    assert again.returncode == 0
    assert _consistent(out)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "screening.csv", "screening.json"]
    assert _leftovers(out) == []


def test_an_output_folder_with_folders_of_its_own_is_updated_file_by_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    (out / "keep" / "mine.txt").write_text("the user's")
    (out / "c.xlsx").write_text("old")
    with output_set(out, own=set(SET)) as stage:
        (stage / "a.csv").write_text("new")
        (stage / "b.json").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json", "keep"]  # no old c.xlsx beside
    assert (out / "keep" / "mine.txt").read_text() == "the user's"
    assert _leftovers(out) == []
