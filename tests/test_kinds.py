"""Condition kinds are plug-ins: a kind registered here, in the test, is recognised in a spec,
written to its JSON and CSV, judged against CVs and reported by `kravmatch screen` — without any
other module knowing it."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.evaluate import evaluate
from pipeline.kinds import KINDS, ConditionKind
from pipeline.match.results import ConditionResult, ScreenContext
from pipeline.spec.model import Condition, Spec
from pipeline.spec.requirements import parse_requirement

SPEC = """Kravspecifikation Fälttjänster

Fälttekniker 1

Arbetsuppgifter
I denna tjänst kan nedan arbetsuppgifter förekomma;

• installera utrustning hos kunder

Kompetenskrav
Erbjuden konsult ska uppfylla nedan kompetenskrav;

• B-körkort eller C-körkort
• kunna kommunicera obehindrat på svenska, såväl i tal som skrift.
"""

CV = """{name}
Fälttekniker

ARBETSLIVSERFARENHET

2019-01 – pågående  Fälttekniker, Norrby Service AB
  * Installationer hos kunder i hela länet

ÖVRIGT

{licence}

SPRÅK

Svenska – modersmål
"""


@dataclass
class LicenceCondition(Condition):
    classes: list[str] = _field(default_factory=list)


class DrivingLicence(ConditionKind):
    name = "driving_licence"
    priority = 5  # before language, education, other
    condition = LicenceCondition

    def recognise(self, text: str) -> list[Condition] | None:
        classes = re.findall(r"\b([A-E])-körkort", text)
        return [LicenceCondition(classes=classes)] if classes else None

    def evaluate(self, condition: Condition, ctx: ScreenContext) -> ConditionResult:
        assert isinstance(condition, LicenceCondition)
        for cls in condition.classes:
            for hit in ctx.index.find(f"{cls}-körkort"):
                return ConditionResult(self.name, "met", f"{cls}-körkort", [ctx.evidence(hit.span, cls)])
        return ConditionResult(self.name, "unknown", "no licence stated")


@pytest.fixture()
def licence_kind() -> Iterator[None]:
    KINDS.register(DrivingLicence())
    yield
    KINDS.unregister("driving_licence")


def test_the_toy_kind_is_recognised_by_priority(licence_kind: None) -> None:
    req = parse_requirement("B-körkort eller C-körkort")
    assert req.kind == "driving_licence"
    assert [[c.to_json() for c in alt] for alt in req.any_of] == [
        [{"kind": "driving_licence", "classes": ["B", "C"]}]
    ]


def test_without_the_plug_in_the_same_text_is_other() -> None:
    assert parse_requirement("B-körkort eller C-körkort").kind == "other"


def test_the_toy_kind_flows_through_extract_screen_and_the_csv(licence_kind: None, tmp_path: Path) -> None:
    spec_txt = tmp_path / "falt.txt"
    spec_txt.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "spec"
    result = CliRunner().invoke(main, ["extract", str(spec_txt), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "falt.json").read_text(encoding="utf-8"))
    (role,) = data["roles"]
    assert role["requirements"][0]["any_of"] == [[{"kind": "driving_licence", "classes": ["B", "C"]}]]
    rows = list(csv.DictReader((out / "falt.csv").open(encoding="utf-8")))
    licence = [r for r in rows if r["condition_kind"] == "driving_licence"]
    assert [r["classes"] for r in licence] == ["B; C"]
    assert Spec.from_json(data).roles[0].requirements[0].any_of[0][0] == LicenceCondition(classes=["B", "C"])

    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "anna.txt").write_text(
        CV.format(name="Anna Berg", licence="C-körkort sedan 2010"), encoding="utf-8"
    )
    (cvs / "bo.txt").write_text(CV.format(name="Bo Ek", licence="Gillar friluftsliv"), encoding="utf-8")
    screened = tmp_path / "screened"
    result = CliRunner().invoke(
        main,
        ["screen", str(cvs), "--spec", str(out / "falt.json"), "--as-of", "2026-11-01", "-o", str(screened)],
    )
    assert result.exit_code == 0, result.output
    rows = {r["cv"]: r for r in csv.DictReader((screened / "screening.csv").open(encoding="utf-8-sig"))}
    assert rows["anna.txt"]["verdict"] == "eligible"
    assert (rows["bo.txt"]["verdict"], rows["bo.txt"]["unmet"]) == (
        "needs_review",
        "B-körkort eller C-körkort",
    )
    report = json.loads((screened / "screening.json").read_text(encoding="utf-8"))
    anna = next(r for r in report["rows"] if r["cv"] == "anna.txt")
    assert anna["requirements"][0]["status"] == "met"
    assert anna["requirements"][0]["evidence"][0]["quote"] == "C-körkort"


def test_evaluate_compares_the_toy_kind_by_its_key(licence_kind: None) -> None:
    def spec(classes: list[str]) -> dict:
        req = {"text": "körkort", "kind": "driving_licence",
               "any_of": [[{"kind": "driving_licence", "classes": classes}]]}  # fmt: skip
        return {"document": {}, "roles": [{"name": "R", "call_off": "direct", "requirements": [req]}]}

    same, differ = evaluate(spec(["B"]), spec(["B"])), evaluate(spec(["B"]), spec(["C"]))
    assert (same.typed_ok, same.typed_all) == (7, 7)
    assert (differ.typed_ok, differ.typed_all) == (6, 7)
    assert [d.what for d in differ.differences] == ["any_of of 'körkort'"]


def test_an_unknown_kind_in_a_spec_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown condition kind 'driving_licence'"):
        Condition.from_json({"kind": "driving_licence", "classes": ["B"]})
