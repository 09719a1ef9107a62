"""The exception types for files the tool cannot use: each names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as what it claims to be (missing, encrypted, empty, …)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class KnowledgeError(Exception):
    """A data file under ``models/`` that does not have the shape its loader expects: the file,
    the key path inside it and the problem, in one line the CLI can print."""

    def __init__(self, path: str | Path, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {problem}")
