"""The one exception type for input the tool cannot use: it always names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as what it claims to be (missing, encrypted, empty, …)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
