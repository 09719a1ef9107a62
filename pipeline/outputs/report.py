"""The offline HTML compliance report: one self-contained file (inline CSS and JS, no network)
built from screening.json. Per role the consultants ranked with their verdicts, and a matrix of
requirements × consultants whose cells open the quoted CV evidence. Labels are Swedish; role and
requirement texts are the specification's own."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).with_name("report_template.html")


def _embed(data: Any) -> str:
    """JSON safe inside a <script> element."""
    return (
        json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")
    )


def render_report(screening: dict[str, Any]) -> str:
    rows = screening["rows"]
    roles = screening.get("roles") or list(dict.fromkeys(r["role"] for r in rows))
    payload = {
        "spec": screening.get("spec"),
        "as_of": screening.get("as_of"),
        "roles": roles,
        "rows": [
            {
                "cv": r["cv"],
                "role": r["role"],
                "verdict": r["verdict"],
                "score": r["score"],
                "unmet": r["unmet"],
                "months": r.get("qualifying_months"),
                "requirements": [
                    {
                        "text": q["text"],
                        "kind": q["kind"],
                        "status": q["status"],
                        "months": q.get("months"),
                        "entries": q.get("entries", []),
                        "evidence": [{"quote": e["quote"], "note": e["note"]} for e in q.get("evidence", [])],
                        "explanations": [c["explanation"] for alt in q.get("alternatives", []) for c in alt],
                    }
                    for q in r.get("requirements", [])
                ],
            }
            for r in rows
        ],
    }
    title = f"Kravmatchning – {screening.get('spec') or 'screening'}"
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("{{TITLE}}", html.escape(title))
        .replace("{{DATA}}", _embed(payload))
    )
