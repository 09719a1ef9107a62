"""The extraction contract (docs/contract.md §1) as dataclasses, with JSON in and out."""

from __future__ import annotations

from dataclasses import dataclass, fields
from dataclasses import field as _field
from typing import Any, ClassVar, Literal

CallOff = Literal["direct", "renewed_competition"]


@dataclass
class Condition:
    """One typed condition. Each kind (pipeline/kinds/) subclasses it with its own fields; the
    JSON holds ``kind`` and those fields in their declared order."""

    kind: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            out[f.name] = getattr(self, f.name)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        """The condition of ``data["kind"]``, through the kind registry; unknown fields are ignored."""
        from pipeline.kinds import KINDS

        condition_type = KINDS.get(data["kind"]).condition
        names = {f.name for f in fields(condition_type)}
        return condition_type(**{k: v for k, v in data.items() if k in names})


@dataclass
class Requirement:
    text: str
    kind: str  # the kind of its first condition
    any_of: list[list[Condition]]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "any_of": [[c.to_json() for c in alt] for alt in self.any_of],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Requirement:
        return cls(
            text=data["text"],
            kind=data["kind"],
            any_of=[[Condition.from_json(c) for c in alt] for alt in data.get("any_of", [])],
        )


@dataclass
class Role:
    name: str
    call_off: CallOff = "direct"
    tasks: list[str] = _field(default_factory=list)
    requirements: list[Requirement] = _field(default_factory=list)
    notes: list[str] = _field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "call_off": self.call_off,
            "tasks": self.tasks,
            "requirements": [r.to_json() for r in self.requirements],
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Role:
        return cls(
            name=data["name"],
            call_off=data.get("call_off", "direct"),
            tasks=list(data.get("tasks", [])),
            requirements=[Requirement.from_json(r) for r in data.get("requirements", [])],
            notes=list(data.get("notes", [])),
        )


@dataclass
class DocumentInfo:
    source: str
    title: str | None = None
    issuer: str | None = None
    reference: str | None = None
    date: str | None = None
    pages: int | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Spec:
    document: DocumentInfo
    roles: list[Role]

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document.to_json(), "roles": [r.to_json() for r in self.roles]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Spec:
        return cls(
            document=DocumentInfo(**{k: data["document"].get(k) for k in DocumentInfo.__dataclass_fields__}),
            roles=[Role.from_json(r) for r in data["roles"]],
        )
