"""A specification JSON is checked against its schema before any work (issue 14): nonsense
stops ``screen`` in one line naming the spec and the first problem, exit 2."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CVS, SPECS

from pipeline.errors import InputError
from pipeline.spec.validate import validate_spec

KRAVMATCH = str(Path(sys.executable).parent / "kravmatch")
GOLD = json.loads((SPECS / "kravspecifikation-it-tjanster.gold.json").read_text(encoding="utf-8"))


def _experience(spec: dict[str, Any]) -> dict[str, Any]:
    return next(
        c
        for role in spec["roles"]
        for req in role["requirements"]
        for alt in req["any_of"]
        for c in alt
        if c["kind"] == "experience"
    )


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda spec: _experience(spec).__setitem__(key, value)


def _first_condition(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["roles"][0]["requirements"][0]["any_of"][0][0]


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "negative months": (_set("min_months", -6), "min_months: Input should be greater than or equal to 0"),
    "NaN months": (_set("min_months", float("nan")), "min_months: Input should be a valid integer"),
    "infinite months": (_set("min_months", float("inf")), "min_months: Input should be a valid integer"),
    "fractional months": (_set("min_months", 6.5), "min_months: Input should be a valid integer"),
    "months as text": (_set("min_months", "sex"), "min_months: Input should be a valid integer"),
    "negative count": (_set("min_assignments", -1), "min_assignments: Input should be greater than"),
    "unknown kind": (
        lambda s: _first_condition(s).__setitem__("kind", "telepathy"),
        "unknown condition kind 'telepathy'",
    ),
    "requirements not a list": (
        lambda s: s["roles"][0].__setitem__("requirements", "alla"),
        "requirements: Input should be a valid list",
    ),
    "duplicate role names": (
        lambda s: s["roles"][1].__setitem__("name", s["roles"][0]["name"]),
        "is used twice",
    ),
    "empty role name": (lambda s: s["roles"][1].__setitem__("name", "  "), "must not be empty"),
    "control character in a role name": (
        lambda s: s["roles"][1].__setitem__("name", "IT\x1b[2J"),
        "must not hold control characters",
    ),
    "empty any_of": (
        lambda s: s["roles"][0]["requirements"][0].__setitem__("any_of", []),
        "any_of: List should have at least 1 item",
    ),
    "empty alternative": (
        lambda s: s["roles"][0]["requirements"][0].__setitem__("any_of", [[]]),
        "any_of[0]: List should have at least 1 item",
    ),
    "topics not a list": (
        lambda s: _first_condition(s).update(kind="knowledge", topics="IT"),
        "topics: Input should be a valid list",
    ),
    "no roles": (lambda s: s.pop("roles"), "roles: missing"),
    "role without a name": (lambda s: s["roles"][0].pop("name"), "name: missing"),
    "call_off unknown": (
        lambda s: s["roles"][0].__setitem__("call_off", "maybe"),
        "call_off: Input should be",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_kind_of_nonsense_is_named(case: str) -> None:
    mutate, says = BROKEN[case]
    spec = copy.deepcopy(GOLD)
    mutate(spec)
    with pytest.raises(InputError) as caught:
        validate_spec(spec, "spec.json")
    assert says in caught.value.problem
    assert str(caught.value).startswith("spec.json: not a valid specification: ")


def test_the_problem_names_the_role_and_the_place() -> None:
    spec = copy.deepcopy(GOLD)
    _set("min_months", -1)(spec)
    with pytest.raises(InputError) as caught:
        validate_spec(spec, "spec.json")
    assert caught.value.problem.startswith("not a valid specification: roles[0] ('Helpdesk 1').requirements[")


@pytest.mark.parametrize("path", sorted(SPECS.glob("*.gold.json")), ids=lambda p: p.name)
def test_real_specifications_pass(path: Path) -> None:
    validate_spec(json.loads(path.read_text(encoding="utf-8")), path)


def test_extra_fields_are_welcome() -> None:
    spec = copy.deepcopy(GOLD)
    spec["generator"] = "another tool"
    spec["roles"][0]["comment"] = "x"
    _first_condition(spec)["confidence"] = 0.9
    validate_spec(spec, "spec.json")


@pytest.mark.parametrize(
    "case",
    ["negative months", "unknown kind", "requirements not a list", "duplicate role names", "NaN months"],
)
def test_screen_exits_2_with_one_line_before_any_work(tmp_path: Path, case: str) -> None:
    mutate, says = BROKEN[case]
    spec = copy.deepcopy(GOLD)
    mutate(spec)
    path = tmp_path / "spec.json"
    # json.dumps writes NaN as the bare word NaN, which Python's json reads back
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [KRAVMATCH, "screen", str(CVS), "--spec", str(path), "-o", str(out), "--progress"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"kravmatch: error: {path}: not a valid specification: ")
    assert says in lines[0]
    assert "Traceback" not in proc.stderr
    assert not out.exists()  # stopped before any work: no model loaded, nothing written


def test_deep_nesting_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"document": {"source": "x"}, "roles": ' + "[" * 100_000 + "]" * 100_000 + "}")
    proc = subprocess.run(
        [KRAVMATCH, "screen", str(CVS), "--spec", str(path), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
