"""The one registry type behind every extension point: condition kinds (pipeline/kinds/),
document readers (pipeline/documents/readers.py) and screening writers
(pipeline/outputs/writers.py). spaCy's ``registry`` kept small and typed: named entries in
registration order, a clear error for an unknown name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownEntry(LookupError, ValueError):
    """A name no entry is registered under; its message names the registered ones. It is a
    ValueError too, so code that validates input (a spec naming an unknown condition kind)
    reports it like any other bad value."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Registry(Generic[T]):
    """Named entries in registration order."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        if not name:
            raise ValueError(f"a {self.what} needs a name")
        if name in self._entries:
            raise ValueError(f"{self.what} '{name}' is already registered")
        self._entries[name] = entry
        return entry

    def remove(self, name: str) -> T:
        """Unregister ``name`` (tests, plugins replacing a built-in); UnknownEntry when unknown."""
        self.get(name)
        return self._entries.pop(name)

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownEntry(
                f"unknown {self.what} '{name}'; registered: {', '.join(self._entries)}"
            ) from None

    def names(self) -> list[str]:
        return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)
