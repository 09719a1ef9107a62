from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SPECS = FIXTURES / "specs"
CVS = FIXTURES / "cvs"
ROOT = HERE.parent

sys.path.insert(0, str(HERE))  # tests/pdfgen.py


@pytest.fixture(scope="session")
def cv_gold() -> dict:
    return json.loads((FIXTURES / "cvs_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_spec_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed specification extracted once per test session."""
    from pipeline.outputs.files import write_json
    from pipeline.spec.extract import extract_spec

    out = tmp_path_factory.mktemp("spec") / "kravspecifikation-it-tjanster.json"
    write_json(out, extract_spec(SPECS / "kravspecifikation-it-tjanster.pdf").to_json())
    return out


@pytest.fixture()
def cv_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cvs"
    shutil.copytree(CVS, folder)
    return folder
