"""The output set as one unit: a run writes all its files into a staging folder beside the
output folder and swaps it into place at the end, so that a run killed at any moment leaves the
old set or the new one, never new CSV beside old JSON.

    with output_set(out_dir) as stage:
        write_outputs(stage, …)            # every file of the run goes into ``stage``
        write_manifest(stage, …)
    # here ``out_dir`` holds the new set

The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux (atomic); elsewhere two renames, with
the old folder kept aside until the new one is in place (a run killed between them leaves the
old set aside, put back by the next run). Files in the output folder that kravmatch does not
write there (a note of the user's) are carried into the new set as hard links; kravmatch's own
files that this run does not write (an .xlsx of an earlier run with other formats) are not, as
they would not belong to the new set. Staging folders and ``.part`` files of runs that died are
removed by the next run into the same folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# files kravmatch writes into a screening folder besides the writers' own (report.html comes
# from `kravmatch report`: a report of the old set does not belong to the new one)
OWN_FILES = ("manifest.json", "report.html")
_STALE = re.compile(r"^\.(?P<name>.+)\.(?P<what>staging|old)-(?P<pid>\d+)(?:-.*)?$")
_PART = re.compile(r"^\..+\.part$")
_PART_PID = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.part$")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out_dir: Path) -> None:
    """Remove what runs that died left beside and in ``out_dir``; put an old set back that a
    run killed in the middle of a two-rename swap left aside."""
    out_dir = Path(out_dir)
    parent = out_dir.parent
    if parent.is_dir():
        for entry in sorted(parent.iterdir()):
            m = _STALE.match(entry.name)
            if not m or m["name"] != out_dir.name or _alive(int(m["pid"])):
                continue
            if m["what"] == "old" and not out_dir.exists():
                os.rename(entry, out_dir)  # the swap was cut between its renames: the old set back
            elif entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
    clean_stale_parts(out_dir)


def clean_stale_parts(folder: Path) -> None:
    """Remove ``.part`` files (pipeline.outputs.files.atomic_path) of writers that died."""
    if not Path(folder).is_dir():
        return
    for entry in Path(folder).iterdir():
        if not _PART.match(entry.name) or not entry.is_file():
            continue
        m = _PART_PID.match(entry.name)
        if m and _alive(int(m["pid"])):
            continue
        entry.unlink(missing_ok=True)


def own_files() -> set[str]:
    from pipeline.outputs.writers import WRITERS

    return {w.filename for w in WRITERS} | set(OWN_FILES)


@contextmanager
def output_set(out_dir: str | Path, own: Iterable[str] | None = None) -> Iterator[Path]:
    """Yield a staging folder to write the run's files into; when the block succeeds they
    replace ``out_dir``'s set in one step. ``own``: the file names that belong to the set
    (default: every writer's file, manifest.json and report.html)."""
    out_dir = Path(os.path.realpath(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out_dir)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-{os.getpid()}-", dir=out_dir.parent))
    leftover = stage
    try:
        yield stage
        os.chmod(stage, 0o777 & ~_umask())  # mkdtemp makes 0700; the folder gets the usual mode
        names = set(own) if own is not None else own_files()
        if out_dir.is_dir():
            if any(e.is_dir() and not e.is_symlink() for e in out_dir.iterdir()):
                _replace_files(stage, out_dir, names)  # a folder of the user's inside: file by file
                return
            _carry_over(out_dir, stage, names)
            leftover = _swap(stage, out_dir)
        else:
            os.rename(stage, out_dir)
    finally:
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)


def _carry_over(out_dir: Path, stage: Path, own: set[str]) -> None:
    """Hard links in ``stage`` to the files of ``out_dir`` that are not the run's own."""
    for entry in out_dir.iterdir():
        if entry.name in own or _PART.match(entry.name) or (stage / entry.name).exists():
            continue
        target = stage / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        else:
            try:
                os.link(entry, target)
            except OSError:
                shutil.copy2(entry, target)


def _swap(stage: Path, out_dir: Path) -> Path:
    """Put ``stage`` in place of ``out_dir``; return where the old set now is."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            done = renameat2(_AT_FDCWD, os.fsencode(stage), _AT_FDCWD, os.fsencode(out_dir), _RENAME_EXCHANGE)
            if done == 0:
                return stage
            if ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
                raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(out_dir))
    aside = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    os.rename(out_dir, aside)
    os.rename(stage, out_dir)
    return aside


def _replace_files(stage: Path, out_dir: Path, own: set[str]) -> None:
    """File by file, for an output folder that holds folders of its own (not atomic as a set)."""
    for name in own:
        if not (stage / name).exists():
            with contextlib.suppress(FileNotFoundError):
                (out_dir / name).unlink()
    for entry in sorted(stage.iterdir()):
        os.replace(entry, out_dir / entry.name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
