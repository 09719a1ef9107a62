"""Condition kinds as plug-ins: one module per kind, found through ``KINDS``.

Adding a kind: write a module with a ``Condition`` subclass (its fields) and a ``ConditionKind``
subclass decorated with ``@register`` (how it is recognised, with a priority, and judged), then
import it below. Extraction, screening, the CSV and ``kravmatch evaluate`` pick it up.
"""

from __future__ import annotations

# The built-in kinds register themselves on import (order = column order of the tables).
from pipeline.kinds import education, experience, knowledge, language, other  # noqa: E402, F401, I001
from pipeline.kinds.registry import KINDS, Clause, ConditionKind, register

__all__ = ["KINDS", "Clause", "ConditionKind", "register", "resolve_roles"]


def resolve_roles(roles: list) -> None:  # noqa: ANN001  (list[Role]; spec.model imports us lazily)
    """Let every condition take what its role tells it (the occupation of "liknande arbete")."""
    for role in roles:
        for req in role.requirements:
            for alt in req.any_of:
                alt[:] = [KINDS.get(c.kind).resolve(c, role.name) for c in alt]
