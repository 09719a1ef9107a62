"""The extraction contract (docs/contract.md §1) as dataclasses, with JSON in and out."""

from __future__ import annotations

from dataclasses import dataclass, fields
from dataclasses import field as _field
from typing import Any, ClassVar, Literal

CallOff = Literal["direct", "renewed_competition"]
Obligation = Literal["must", "should"]  # ska-krav, kompetenskrav / bör-krav, meriterande
DocumentKind = Literal["specification", "role_catalogue", "call_off"]

# Field metadata of a condition field that is left out of the JSON while it is None (counts that
# only some requirements state: "minst två (2) av följande", "minst tre (3) uppdrag").
OPTIONAL = {"omit_if_none": True}


@dataclass
class Condition:
    """One typed condition. Each kind (pipeline/kinds/) subclasses it with its own fields; the
    JSON holds ``kind`` and those fields in their declared order."""

    kind: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None and f.metadata.get("omit_if_none"):
                continue
            out[f.name] = value
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
    obligation: Obligation = "must"
    weight: str | None = None  # as printed ("10 poäng", "20 %"), for a should requirement

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "any_of": [[c.to_json() for c in alt] for alt in self.any_of],
            "obligation": self.obligation,
            "weight": self.weight,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Requirement:
        return cls(
            text=data["text"],
            kind=data["kind"],
            any_of=[[Condition.from_json(c) for c in alt] for alt in data.get("any_of", [])],
            obligation=data.get("obligation") or "must",
            weight=data.get("weight"),
        )


@dataclass
class Role:
    name: str
    call_off: CallOff = "direct"
    tasks: list[str] = _field(default_factory=list)
    requirements: list[Requirement] = _field(default_factory=list)
    notes: list[str] = _field(default_factory=list)
    level: int | None = None  # the framework competence level requested ("nivå 5" → 5)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "call_off": self.call_off,
            "level": self.level,
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
            level=data.get("level"),
        )


@dataclass
class DocumentInfo:
    source: str
    kind: DocumentKind = "specification"
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
            document=DocumentInfo(
                **{k: data["document"][k] for k in DocumentInfo.__dataclass_fields__ if k in data["document"]}
            ),
            roles=[Role.from_json(r) for r in data["roles"]],
        )
