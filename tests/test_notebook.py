"""The analysts' notebook runs top to bottom (nbclient) for more than one specification and gold
pair, shows its plots inline, and plots the extraction errors."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, SPECS
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "extraction_quality.ipynb"


def _run(monkeypatch: pytest.MonkeyPatch, spec: Path, gold: Path | None = None) -> list:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "outputs must be stripped in git"
    )
    monkeypatch.setenv("KRAVMATCH_SPEC", str(spec))
    monkeypatch.setenv("KRAVMATCH_GOLD", str(gold) if gold else "")
    monkeypatch.delenv("MPLBACKEND", raising=False)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def _text(outputs: list) -> str:
    return "".join(o.get("text", "") for o in outputs)


def test_notebook_on_the_sample_pair_shows_inline_plots(monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = _run(monkeypatch, SPECS / "kravspecifikation-it-tjanster.pdf")
    assert "overall F1=1.000 ok" in _text(outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs), "plots must be inline"


def test_notebook_on_another_pair_plots_its_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json

    gold = json.loads(
        (SPECS / "kravspecifikation-informationssakerhetstjanster.gold.json").read_text(encoding="utf-8")
    )
    gold["roles"][0]["tasks"].append("en uppgift som dokumentet inte har")  # one known difference
    path = tmp_path / "altered.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    outputs = _run(monkeypatch, SPECS / "kravspecifikation-informationssakerhetstjanster.pdf", path)
    text = _text(outputs)
    assert "SHORT" in text and "en uppgift som dokumentet inte har" in text
    assert re.search(r"; [1-9][0-9]* differences", text)
    assert any("image/png" in o.get("data", {}) for o in outputs)
