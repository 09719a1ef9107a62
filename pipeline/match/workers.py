"""Jobs run in worker processes under a time limit each, results in the order they finish.

A job that runs past its time, or whose worker dies (out of memory, a crash in a C library),
costs that job alone: its worker is killed and replaced, the caller gets ``on_failure(job,
reason)`` in its place, and the other jobs go on. Workers are forked from the caller after it
has loaded what the jobs need (they share it), ignore Ctrl-C (the caller handles it and stops
them), are killed by the kernel should the caller die (``PR_SET_PDEATHSIG``), and run with their
address space limited so that one file cannot take the machine's memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux; elsewhere the parent's
    own handlers stop its workers)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _limit_memory(extra_mb: int) -> None:
    """Address space: what the worker inherited plus ``extra_mb``; beyond it allocations fail
    (MemoryError) instead of growing without bound."""
    if extra_mb <= 0 or not sys.platform.startswith("linux"):
        return
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + extra_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass


def _worker(conn: Connection, fn: Callable[[object], object], parent: int, memory_mb: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _limit_memory(memory_mb)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            outcome: tuple[str, object] = ("ok", fn(job))
        except MemoryError:
            outcome = ("failed", "ran out of memory (more than the limit a CV may use)")
        except Exception as e:  # the caller decides what a failed job gives
            outcome = ("failed", f"{type(e).__name__}: {e}")
        try:
            conn.send(outcome)
        except MemoryError:
            conn.send(("failed", "ran out of memory (more than the limit a CV may use)"))


class _Slot(Generic[J]):
    """One worker process and the job it runs."""

    def __init__(self, fn: Callable[[J], object], memory_mb: int) -> None:
        ours, theirs = get_context("fork").Pipe()
        self.conn = ours
        self.process: BaseProcess = get_context("fork").Process(
            target=_worker, args=(theirs, fn, os.getpid(), memory_mb), daemon=True
        )
        self.process.start()
        theirs.close()
        self.job: J | None = None
        self.deadline = 0.0

    def give(self, job: J, timeout: float | None) -> None:
        self.job = job
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send(job)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(1)
        self.kill()


def run_jobs(
    fn: Callable[[J], R],
    jobs: Sequence[J],
    *,
    workers: int,
    timeout: float | None,
    on_failure: Callable[[J, str], R],
    memory_mb: int = 0,
) -> Iterator[tuple[J, R]]:
    """(job, result) pairs in the order the jobs finish. ``fn`` must be defined at module level
    or be otherwise inherited by a forked process; ``timeout`` seconds per job (None: no limit);
    ``on_failure(job, reason)`` stands in for a job that timed out, crashed or died."""
    pending: deque[J] = deque(jobs)
    slots: list[_Slot[J]] = []
    try:
        slots = [_Slot(fn, memory_mb) for _ in range(max(1, min(workers, len(jobs))))]
        while True:
            for slot in slots:
                if slot.job is None and pending:
                    slot.give(pending.popleft(), timeout)
            busy = [s for s in slots if s.job is not None]
            if not busy:
                return
            wait_for = min(s.deadline for s in busy) - time.monotonic()
            ready = wait(
                [s.conn for s in busy], timeout=None if wait_for == float("inf") else max(0.0, wait_for)
            )
            now = time.monotonic()
            for i, slot in enumerate(slots):
                job = slot.job
                if job is None:
                    continue
                if slot.conn in ready:
                    try:
                        status, value = slot.conn.recv()
                    except (EOFError, OSError):
                        slot.kill()
                        code = slot.process.exitcode
                        why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                        slots[i] = _Slot(fn, memory_mb)
                        yield (
                            job,
                            on_failure(
                                job,
                                f"its worker process stopped ({why}): out of memory or a crash in a library",
                            ),
                        )
                        continue
                    slot.job = None
                    yield job, (value if status == "ok" else on_failure(job, str(value)))
                elif now >= slot.deadline:
                    slot.kill()
                    slots[i] = _Slot(fn, memory_mb)
                    yield job, on_failure(job, f"took longer than {timeout:g} s; stopped (--timeout-per-cv)")
    finally:
        for slot in slots:
            slot.stop() if slot.job is None else slot.kill()
