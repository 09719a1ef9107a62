"""Fuzzing (issue 14): the period grammar, the requirement parser, the CV sectioner and the spec
loader, fed text and JSON drawn by Hypothesis from their own vocabularies (the language packs'
words, digits, dashes, brackets) mixed with any characters. None may raise anything but the
tool's own InputError, and each example must finish in bounded time (Hypothesis' deadline)."""

from __future__ import annotations

import copy
import json
import math
from datetime import timedelta
from typing import Any

import pytest
from conftest import SPECS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import lang
from pipeline.cv.dates import find_period, find_periods
from pipeline.cv.sections import CVLine, CVText, split_sections
from pipeline.errors import InputError
from pipeline.kinds import KINDS, resolve_roles
from pipeline.spec.model import Spec
from pipeline.spec.requirements import parse_requirement
from pipeline.spec.validate import validate_spec

# each example gets 2 s (the slowest take a few ms); the whole module stays well under 2 minutes
FUZZ = settings(
    max_examples=400,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
    database=None,
)


def _pack_words() -> list[str]:
    words: set[str] = set()
    words |= set(lang.all_month_names()) | set(lang.seasons()) | set(lang.present_words())
    words |= set(lang.range_words()) | set(lang.unknown_end_words()) | set(lang.open_start_words())
    words |= set(lang.number_words()) | set(lang.cv_headings()) | set(lang.duration_units())
    words |= set(lang.coordinators()) | set(lang.fillers()) | set(lang.language_names())
    return sorted(w for w in words if w)


WORDS = _pack_words()
SHAPES = ["2019", "2024", "1999", "03", "12", "2019-05", "05/2019", "(2)", "två (2)", "år", "minst", "-", "–", "—",
          "/", ":", ",", ".", "(", ")", "|", "•", "  ", "\t", "ska", "krav", "erfarenhet", "kunskap", "goda",
          "alternativt", "något av följande:", "Java", "C#", "IT", "eller motsvarande", "\u00a0", "\u2028"]  # fmt: skip
TOKENS = st.one_of(st.sampled_from(WORDS), st.sampled_from(SHAPES), st.text(max_size=6))
TEXT = st.lists(TOKENS, max_size=40).map(" ".join)
LINES = st.lists(TEXT, max_size=25)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the packs and compile the grammars once, outside any example's deadline."""
    find_periods("2019 – 2020")
    parse_requirement("Minst två (2) års erfarenhet av Java")
    split_sections(_cv(["Erfarenhet", "2019 – 2020 IT-tekniker"]))
    validate_spec(json.loads((SPECS / "kravspecifikation-it-tjanster.gold.json").read_text("utf-8")), "x")


def _cv(lines: list[str]) -> CVText:
    out: list[CVLine] = []
    offset = 0
    for text in (t.strip() for t in lines):
        if text:
            out.append(CVLine(text, (offset, offset + len(text)), False))
            offset += len(text) + 1
    return CVText("fuzz.txt", "\n".join(line.text for line in out), tuple(out))


@FUZZ
@given(TEXT)
def test_period_grammar(text: str) -> None:
    for points in (False, True):
        for p in find_periods(text, points=points):
            assert 0 <= p.span[0] <= p.span[1] <= len(text)
            assert 1 <= p.start[1] <= 12
            if p.end is not None:
                assert p.end >= p.start and 1 <= p.end[1] <= 12
    find_period(text)


@FUZZ
@given(TEXT, st.lists(TEXT, max_size=4))
def test_requirement_parser(text: str, subs: list[str]) -> None:
    full = " ".join([text, *subs])
    requirement = parse_requirement(full, subs)
    assert requirement.any_of and all(requirement.any_of)
    assert requirement.kind in KINDS
    # what the parser writes, the spec loader takes
    spec = {
        "document": {"source": "fuzz.pdf"},
        "roles": [{"name": "Roll", "requirements": [requirement.to_json()]}],
    }
    validate_spec(json.loads(json.dumps(spec)), "fuzz.json")


@FUZZ
@given(LINES)
def test_cv_sectioner(lines: list[str]) -> None:
    cv = _cv(lines)
    sections = split_sections(cv)
    assert sections
    kept = [line for _, content in sections for line in content]
    assert len(kept) <= len(cv.lines)
    starts = [s.span[0] for s, _ in sections]
    assert starts == sorted(starts)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
GOLD = json.loads((SPECS / "kravspecifikation-it-tjanster.gold.json").read_text(encoding="utf-8"))


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*here, i))
    return out


def _load(data: Any) -> None:
    """The loader as ``screen`` runs it: validate, then build and resolve. Only InputError may
    come out, and what the validation lets through must load."""
    try:
        validate_spec(data, "fuzz.json")
    except InputError:
        return
    spec = Spec.from_json(data)
    resolve_roles(spec.roles)
    for role in spec.roles:
        for req in role.requirements:
            for alt in req.any_of:
                for c in alt:
                    for value in vars(c).values():
                        assert not (isinstance(value, float) and not math.isfinite(value))
                        assert not (isinstance(value, int) and value < 0)


@FUZZ
@given(JSON)
def test_spec_loader_on_any_json(data: Any) -> None:
    _load(data)


@FUZZ
@given(st.data())
def test_spec_loader_on_a_real_spec_with_one_value_replaced(data: st.DataObject) -> None:
    spec = copy.deepcopy(GOLD)
    where = data.draw(st.sampled_from(_paths(spec)[1:]))
    parent = spec
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = data.draw(JSON)
    _load(spec)
