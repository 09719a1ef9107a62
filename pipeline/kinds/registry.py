"""The condition-kind registry: one plug-in per kind of requirement condition.

A kind says how it is recognised in a requirement's text (with a priority), which typed fields
its condition has (a dataclass subclass of ``Condition``), how it is judged against a CV (one
``ScreenContext``), which table columns it fills and how two conditions are compared by
``kravmatch evaluate``. The requirement parser, screening, the CSV and ``evaluate`` iterate the
registry, so a new kind is one module that calls ``register``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline.registry import Registry
from pipeline.spec.model import Condition

if TYPE_CHECKING:
    from pipeline.match.results import ConditionResult, ScreenContext


@dataclasses.dataclass(frozen=True)
class Clause:
    """A condition found inside a longer text (an experience clause), with its character span."""

    start: int
    end: int
    condition: Condition


class ConditionKind:
    """Base of a kind plug-in; subclasses set ``name``, ``priority`` and ``condition`` and
    override ``recognise`` and ``evaluate`` (the rest has sensible defaults)."""

    name: str = ""
    priority: int = 100  # lower is tried first when a requirement's text is typed
    condition: type[Condition] = Condition

    # ---- extraction
    def recognise(self, text: str) -> list[Condition] | None:
        """The conditions ``text`` states, when it is of this kind; None otherwise."""
        return None

    def clauses(self, text: str) -> list[Clause]:
        """Conditions of this kind that stand as clauses inside a longer text (default: none)."""
        return []

    def resolve(self, condition: Condition, role_name: str) -> Condition:
        """Complete a condition with what its role tells (e.g. the occupation of "liknande arbete")."""
        return condition

    # ---- screening
    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        raise NotImplementedError(f"condition kind {self.name!r} cannot be screened")

    # ---- tables and evaluation
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.condition))

    def cells(self, condition: Condition) -> dict[str, Any]:
        """Table cells of one condition: lists joined with "; ", other values as they are."""
        out: dict[str, Any] = {}
        for name in self.columns():
            value = getattr(condition, name)
            out[name] = "; ".join(map(str, value)) if isinstance(value, list) else value
        return out

    def key(self, condition: Condition) -> tuple[Any, ...]:
        """What ``kravmatch evaluate`` compares: the fields, case and spacing folded."""
        return (self.name, *(_fold(getattr(condition, f)) for f in self.columns()))


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).lower()
    if isinstance(value, list):
        return tuple(_fold(v) for v in value)
    return value


class KindRegistry(Registry[ConditionKind]):
    """Kinds by name, iterated in priority order (then registration order)."""

    def __init__(self) -> None:
        super().__init__("condition kind")
        self.fallback = "other"  # the kind of a text no recogniser claims

    def register(self, kind: ConditionKind) -> ConditionKind:
        kind.condition.kind = kind.name
        return self.add(kind.name, kind)

    def unregister(self, name: str) -> None:
        self.remove(name)

    def __iter__(self) -> Iterator[ConditionKind]:
        order = {n: i for i, n in enumerate(self.names())}
        return iter(sorted(super().__iter__(), key=lambda k: (k.priority, order[k.name])))

    def columns(self) -> list[str]:
        """Every registered kind's columns, once each, in registration order."""
        return list(dict.fromkeys(c for name in self.names() for c in self.get(name).columns()))


KINDS = KindRegistry()


def register(kind: type[ConditionKind]) -> type[ConditionKind]:
    """Class decorator: ``@register`` makes the kind known to every stage."""
    KINDS.register(kind())
    return kind
