"""The run record ``manifest.json`` written beside the screening outputs: what an auditor of an
automated screening needs to know what ran on what (recruitment screening is a high-risk use
under the EU AI Act, which asks for logging and human oversight). The tool and model versions,
the specification's path and SHA-256, the as-of month, the options, every input file with its
relative path, SHA-256 and outcome, counts, the output files with their SHA-256, and when the
run started and ended (the only fields that differ between two runs of the same inputs)."""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.documents.read import file_sha256
from pipeline.outputs.files import write_json

if TYPE_CHECKING:
    from pipeline.match.screen import CVFile
    from pipeline.outputs.screening import Summary


def knowledge_digest() -> str:
    """One SHA-256 over every data file under models/ that screening reads (the lexicons, the
    language packs, the cue words): two runs with the same digest used the same knowledge."""
    from pipeline.knowledge import models_dir

    root = models_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*.yml") if "_train" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def versions() -> dict[str, Any]:
    """The tool, its main libraries and the Swedish pipeline that screening loaded."""
    import spacy

    from pipeline.nlp.lexicon import screening_nlp

    nlp = screening_nlp()
    return {
        "kravmatch": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "spacy_pipeline": {
            "name": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
            "version": nlp.meta.get("version"),
            "components": list(nlp.pipe_names),
        },
        "knowledge_sha256": knowledge_digest(),
    }


def manifest(
    *,
    spec_path: Path,
    files: Sequence[CVFile],
    summaries: Sequence[Summary],
    order: Sequence[str],
    as_of: str,
    options: dict[str, Any],
    started: datetime,
    outputs: Sequence[Path],
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    verdicts: dict[str, dict[str, int]] = {role: {} for role in order}
    for s in summaries:
        if s.verdict == "error":
            errors.setdefault(s.cv, s.unmet)
        counts = verdicts.setdefault(s.role, {})
        counts[s.verdict] = counts.get(s.verdict, 0) + 1
    inputs = [
        {
            "path": f.cv,
            "sha256": f.sha256 or None,
            "size": f.path.stat().st_size if f.path.exists() else None,
            "outcome": "error" if f.cv in errors else "screened",
            "error": errors.get(f.cv),
            "duplicate_of": f.duplicate_of,
        }
        for f in sorted(files, key=lambda f: f.cv)
    ]
    return {
        "tool": versions(),
        "spec": {"path": str(spec_path), "sha256": file_sha256(spec_path)},
        "as_of": as_of,
        "options": options,
        "roles": list(order),
        "inputs": inputs,
        "counts": {
            "files": len(files),
            "screened": sum(1 for i in inputs if i["outcome"] == "screened"),
            "errors": sum(1 for i in inputs if i["outcome"] == "error"),
            "duplicates": sum(1 for i in inputs if i["duplicate_of"]),
            "verdicts": verdicts,
        },
        "outputs": [{"path": p.name, "sha256": file_sha256(p)} for p in outputs],
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_manifest(out_dir: Path, **fields: Any) -> Path:
    return write_json(out_dir / "manifest.json", manifest(**fields))
