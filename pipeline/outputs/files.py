"""Atomic file writing: a temporary file beside the target, renamed over it when complete."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


def write_atomic(path: str | Path, write: Callable[[BinaryIO], None]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def dumps_json(data: Any) -> bytes:
    """Deterministic JSON: UTF-8, sorted keys where order is free, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_json(path: str | Path, data: Any) -> Path:
    payload = dumps_json(data)
    return write_atomic(path, lambda f: f.write(payload))


def write_text(path: str | Path, text: str) -> Path:
    payload = text.encode("utf-8")
    return write_atomic(path, lambda f: f.write(payload))
