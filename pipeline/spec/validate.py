"""A specification JSON checked against its schema before any work (docs/contract.md §1).

``kravmatch screen --spec`` takes files written by ``kravmatch extract``, but also by hand or by
other tools; nonsense there must stop the run in one line instead of a traceback after minutes
of work, or worse, be screened silently (negative months are always met, NaN months never).
The schema is pydantic's, strict: types, the condition kinds of the registry
(``pipeline.kinds.KINDS``) with each kind's own fields, counts and months non-negative integers,
unique non-empty role names without control characters, and at least one alternative per
requirement. Unknown extra fields are allowed (the contract welcomes them).
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    ValidationError,
    create_model,
    model_validator,
)

from pipeline.errors import InputError


def _plain_name(name: str) -> str:
    if not name.strip():
        raise ValueError("a role name must not be empty")
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name):
        raise ValueError("a role name must not hold control characters")
    return name


def _known_kind(kind: str) -> str:
    from pipeline.kinds import KINDS

    if kind not in KINDS:
        raise ValueError(f"unknown condition kind {kind!r}; the kinds are {', '.join(KINDS.names())}")
    return kind


RoleName = Annotated[str, AfterValidator(_plain_name)]
KindName = Annotated[str, AfterValidator(_known_kind)]


class _Schema(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False)


class _Condition(_Schema):
    model_config = ConfigDict(strict=True, extra="allow", allow_inf_nan=False)
    kind: KindName


class _Requirement(_Schema):
    text: str
    kind: KindName
    any_of: list[Annotated[list[_Condition], Field(min_length=1)]] = Field(min_length=1)
    obligation: Literal["must", "should"] | None = None
    weight: str | None = None


class _Role(_Schema):
    name: RoleName
    call_off: Literal["direct", "renewed_competition"] = "direct"
    level: NonNegativeInt | None = None
    tasks: list[str] = []
    requirements: list[_Requirement] = []
    notes: list[str] = []


class _Document(_Schema):
    source: str
    kind: Literal["specification", "role_catalogue", "call_off"] = "specification"
    title: str | None = None
    issuer: str | None = None
    reference: str | None = None
    date: str | None = None
    pages: NonNegativeInt | None = None


class _Spec(_Schema):
    document: _Document
    roles: list[_Role]

    @model_validator(mode="after")
    def _unique_names(self) -> _Spec:
        seen: set[str] = set()
        for i, role in enumerate(self.roles):
            if role.name in seen:
                raise ValueError(
                    f"roles[{i}]: role name {role.name!r} is used twice; role names must be unique"
                )
            seen.add(role.name)
        return self


def _strict(annotation: Any) -> Any:
    """A condition field's type for the schema: every int a non-negative int (months, counts)."""
    if annotation is int:
        return NonNegativeInt
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if args and origin is not None:
        mapped = tuple(_strict(a) for a in args)
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            return typing.Union[mapped]  # noqa: UP007  (built from a tuple)
        return origin[mapped] if len(mapped) > 1 else origin[mapped[0]]
    return annotation


@cache
def _kind_schema(kind: str) -> type[BaseModel]:
    """The schema of one kind's condition, made from its dataclass (pipeline/kinds/<kind>.py)."""
    from pipeline.kinds import KINDS

    condition = KINDS.get(kind).condition
    hints = typing.get_type_hints(condition)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(condition):
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        fields[f.name] = (_strict(hints[f.name]), None if has_default else ...)
    return create_model(f"{condition.__name__}Schema", __base__=_Schema, **fields)


def _where(loc: Sequence[int | str], data: Any) -> str:
    """``roles[2] ('Testare').requirements[0].any_of[1][0].min_months`` from a pydantic location."""
    out = ""
    node = data
    for i, part in enumerate(loc):
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        try:
            node = node[part]
        except (LookupError, TypeError):
            node = None
        if i == 1 and loc[0] == "roles" and isinstance(node, dict) and isinstance(node.get("name"), str):
            out += f" ({node['name']!r})"
    return out


def _problem(error: ValidationError, data: Any, prefix: Sequence[int | str] = ()) -> str:
    first = error.errors(include_url=False)[0]
    loc = [*prefix, *(p for p in first["loc"] if p not in ("function-after",))]
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "missing"
    where = _where(loc, data)
    return f"{where}: {message}" if where else message


def validate_spec(data: Any, source: str | Path) -> None:
    """Raise an InputError naming ``source`` and the first problem of ``data`` (parsed JSON)."""
    if not isinstance(data, dict):
        raise InputError(source, f"not a specification: the JSON is a {type(data).__name__}, not an object")
    try:
        spec = _Spec.model_validate(data)
    except ValidationError as e:
        raise InputError(source, f"not a valid specification: {_problem(e, data)}") from None
    for r, role in enumerate(spec.roles):
        for q, requirement in enumerate(role.requirements):
            for a, alternative in enumerate(requirement.any_of):
                for c, condition in enumerate(alternative):
                    raw = data["roles"][r]["requirements"][q]["any_of"][a][c]
                    try:
                        _kind_schema(condition.kind).model_validate(raw)
                    except ValidationError as e:
                        where = ("roles", r, "requirements", q, "any_of", a, c)
                        raise InputError(
                            source, f"not a valid specification: {_problem(e, data, where)}"
                        ) from None
                    _finite_numbers(source, raw, data, ("roles", r, "requirements", q, "any_of", a, c))


def _finite_numbers(source: str | Path, raw: dict[str, Any], data: Any, where: tuple[int | str, ...]) -> None:
    """Extra fields are allowed, but a NaN or infinity anywhere in a condition is nonsense."""
    for key, value in raw.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(
                source, f"not a valid specification: {_where((*where, key), data)}: not a finite number"
            )
