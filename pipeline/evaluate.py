"""Extraction against a hand-made gold file: precision/recall of roles, tasks, requirements and
notes, and agreement of the typed fields — read the same way as the acceptance scorer.

Python API: ``evaluate(gold, pred) -> Evaluation``; ``Evaluation.table()`` is a pandas frame.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def _norm(s: Any) -> str:
    return re.sub(r"\s+", " ", str(s if s is not None else "")).strip()


def _low(s: Any) -> str:
    return _norm(s).lower()


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[str], pred: Iterable[str]) -> tuple[list[str], list[str]]:
        g, p = Counter(map(_norm, gold)), Counter(map(_norm, pred))
        self.tp += sum((g & p).values())
        self.fp += sum((p - g).values())
        self.fn += sum((g - p).values())
        return sorted((g - p).elements()), sorted((p - g).elements())

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Difference:
    role: str
    what: str  # e.g. "task missing", "requirement any_of", "document.date"
    gold: str
    predicted: str


@dataclass
class Evaluation:
    counts: dict[str, Count] = field(default_factory=dict)
    typed_ok: int = 0
    typed_all: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def f1(self) -> float:
        total = Count()
        for c in self.counts.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total.f1

    @property
    def ok(self) -> bool:
        return self.f1 == 1.0 and self.typed_ok == self.typed_all

    def table(self):  # noqa: ANN201  (pandas imported lazily)
        import pandas as pd

        rows = [
            {"item": k, "tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
             "recall": round(c.recall, 4), "f1": round(c.f1, 4)}
            for k, c in self.counts.items()
        ]  # fmt: skip
        rows.append({"item": "typed fields", "tp": self.typed_ok, "fp": None, "fn": self.typed_all - self.typed_ok,
                     "precision": None, "recall": round(self.typed_ok / max(self.typed_all, 1), 4), "f1": None})  # fmt: skip
        return pd.DataFrame(rows)


def _condition_key(c: dict[str, Any]) -> tuple:
    """What two conditions are compared on: their kind's key (pipeline/kinds/), read the same way
    as the acceptance scorer; a condition of an unknown kind is compared by its kind alone."""
    from pipeline.kinds import KINDS
    from pipeline.spec.model import Condition

    if c.get("kind") not in KINDS:
        return (str(c.get("kind")),)
    return KINDS.get(c["kind"]).key(Condition.from_json(c))


def _alternatives(req: dict[str, Any]) -> list:
    return sorted(tuple(sorted(map(_condition_key, alt))) for alt in req.get("any_of") or [])


def evaluate(gold: dict[str, Any], pred: dict[str, Any]) -> Evaluation:
    ev = Evaluation(counts={k: Count() for k in ("roles", "tasks", "requirements", "notes")})
    groles = {_norm(r["name"]): r for r in gold["roles"]}
    proles = {_norm(r.get("name")): r for r in pred.get("roles", [])}

    def compare(key: str, role: str | None, gold_items: Iterable[str], pred_items: Iterable[str]) -> None:
        missing, extra = ev.counts[key].add(gold_items, pred_items)
        what = key[:-1]  # "roles" → "role"
        ev.differences += [Difference(role or t, f"{what} missing", t, "") for t in missing]
        ev.differences += [Difference(role or t, f"{what} extra", "", t) for t in extra]

    compare("roles", None, groles, proles)
    for name, gr in groles.items():
        pr = proles.get(name, {})
        ev.typed_all += 2 * len(gr["requirements"]) + 1
        for key in ("tasks", "notes"):
            compare(key, name, gr.get(key, []), pr.get(key, []))
        greqs = {_norm(r["text"]): r for r in gr["requirements"]}
        preqs = {_norm(r.get("text")): r for r in pr.get("requirements", [])}
        compare("requirements", name, greqs, preqs)
        for text, g in greqs.items():
            p = preqs.get(text)
            if p is None:
                continue
            if p.get("kind") == g["kind"]:
                ev.typed_ok += 1
            else:
                ev.differences.append(Difference(name, "requirement kind", g["kind"], str(p.get("kind"))))
            if "obligation" in g:  # compared where the gold states it, as score_extract.py does
                ev.typed_all += 1
                if (p.get("obligation") or "must") == g["obligation"]:
                    ev.typed_ok += 1
                else:
                    ev.differences.append(
                        Difference(
                            name, f"obligation of '{text[:50]}'", g["obligation"], str(p.get("obligation"))
                        )
                    )
            if _alternatives(p) == _alternatives(g):
                ev.typed_ok += 1
            else:
                ev.differences.append(
                    Difference(name, f"any_of of '{text[:50]}'", str(_alternatives(g)), str(_alternatives(p)))
                )
        if "level" in gr:
            ev.typed_all += 1
            if pr.get("level") == gr["level"]:
                ev.typed_ok += 1
            else:
                ev.differences.append(Difference(name, "level", str(gr["level"]), str(pr.get("level"))))
        if pr.get("call_off") == gr.get("call_off"):
            ev.typed_ok += 1
        else:
            ev.differences.append(
                Difference(name, "call_off", str(gr.get("call_off")), str(pr.get("call_off")))
            )
    for f in ("title", "issuer", "reference", "date", *(("kind",) if "kind" in gold["document"] else ())):
        ev.typed_all += 1
        g, p = gold["document"].get(f), pred.get("document", {}).get(f)
        if _norm(g) == _norm(p):
            ev.typed_ok += 1
        else:
            ev.differences.append(Difference("(document)", f"document.{f}", _norm(g), _norm(p)))
    return ev


def render(ev: Evaluation) -> str:
    lines = []
    for d in ev.differences:
        lines.append(f"{d.role}: {d.what}")
        if d.gold:
            lines.append(f"  - gold: {d.gold}")
        if d.predicted:
            lines.append(f"  + got:  {d.predicted}")
    for name, c in ev.counts.items():
        lines.append(
            f"{name:13s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} (tp={c.tp} fp={c.fp} fn={c.fn})"
        )
    lines.append(f"typed fields  {ev.typed_ok}/{ev.typed_all}")
    lines.append(f"overall F1={ev.f1:.3f} {'ok' if ev.ok else 'SHORT'}")
    return "\n".join(lines)
