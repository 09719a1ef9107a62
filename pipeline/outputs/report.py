"""The offline HTML compliance report: one self-contained file (inline CSS and JS, no network)
built from screening.json, rendered on the server with Jinja2 so that it reads and prints
without JavaScript. Per role the consultants ranked with their verdicts, and a matrix of
consultants (rows, in rank order) × requirements (columns) whose cells open the quoted CV
evidence. Labels are Swedish; role and requirement texts are the specification's own.

Safety: every text from the inputs (file names, CV quotes, requirement texts) is inserted as
text (Jinja2 autoescaping); the evidence that the cells open is embedded as JSON with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped, so no input can close the script element or run.

Size: a large run keeps only the first ``PAGE`` consultants of each role in the page's visible
rows (the rest are shown page by page, or all without JavaScript and in print) and embeds only
what the evidence panel shows, trimmed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.messages import msg

TEMPLATE = "report_template.html"
PAGE = 50  # consultants per page of a role
QUOTE_MAX = 300  # characters of one evidence quote in the panel
VERDICTS = ("eligible", "needs_review", "not_eligible", "error")
MARKS = {"met": "✓", "not_met": "✗", "unknown": "?"}


def _labels() -> dict[str, dict[str, str]]:
    """The words of verdicts and statuses, from the message catalogue like every other text."""
    return {
        "verdict": {v: msg(f"verdict_{v}") for v in VERDICTS},
        "status": {s: msg(f"status_{s}") for s in MARKS},
        "mark": MARKS,
    }


SCORE_FORMULA = (  # docs/scoring.md says the same; score_of in pipeline/match/screen.py computes it
    "Bedömningen avgörs av ska-kraven: behörig när alla är uppfyllda, ej behörig när något inte är det, "
    "granskas när något är oklart. Poängen (0–1) är ett viktat medel av kraven: uppfyllt räknas 1, "
    "oklart ½ och ej uppfyllt 0; varje ska-krav väger 1 och bör-krav (meriterande) väger efter sin "
    "angivna vikt, där det tyngsta väger som ett ska-krav. Placeringen inom en roll ges först av "
    "bedömningen (behörig före granskas före ej behörig före fel), sedan av poängen och sist av antalet "
    "kvalificerande månader; kandidater med lika värden delar placering."
)

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}  # fmt: skip


def embed_json(data: Any) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" (so no "</script>" or "<!--"),
    and no line separators that older JavaScript parsers reject."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(
        _JSON_ESCAPES
    )


def _ranks(rows: Sequence[dict[str, Any]]) -> list[int]:
    """Places of rows already in rank order (screening.json of an older run has none)."""
    out: list[int] = []
    for i, r in enumerate(rows):
        key = (r["verdict"], r["score"], r.get("qualifying_months"))
        prev = rows[i - 1] if i else None
        same = prev is not None and (prev["verdict"], prev["score"], prev.get("qualifying_months")) == key
        out.append(out[-1] if same else i + 1)
    return out


class Strings:
    """A table of the texts the evidence panel shows, each stored once and named by its index
    (the same quote and note serve every role a CV is screened for)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def table(self) -> list[str]:
        return list(self.index)


def _details(row: dict[str, Any], strings: Strings) -> list[list[Any]]:
    """What the evidence panel shows for each requirement of one row, trimmed, as
    [months, [entry], [quote, note]…, [explanation]] with texts as indexes into ``strings``."""
    out = []
    for q in row.get("requirements", []):
        explanations = dict.fromkeys(c["explanation"] for alt in q.get("alternatives", []) for c in alt)
        out.append(
            [
                q.get("months"),
                [strings(e) for e in q.get("entries", [])],
                [
                    [strings(e["quote"][:QUOTE_MAX]), strings(e.get("note", ""))]
                    for e in q.get("evidence", [])
                ],
                [strings(x) for x in explanations],
            ]
        )
    return out


def _unmet_refs(row: dict[str, Any]) -> list[tuple[str, str]]:
    """(K-number, status) of the requirements a row does not meet, for the ranking table."""
    return [
        (f"K{i}", q["status"]) for i, q in enumerate(row.get("requirements", []), 1) if q["status"] != "met"
    ]


def report_context(screening: dict[str, Any], manifest: dict[str, Any] | None = None) -> dict[str, Any]:
    rows = screening["rows"]
    order = {v: i for i, v in enumerate(VERDICTS)}
    roles = screening.get("roles") or list(dict.fromkeys(r["role"] for r in rows))
    sections: list[dict[str, Any]] = []
    details: list[list[Any]] = []
    strings = Strings()
    for role in roles:
        mine = sorted(
            (r for r in rows if r["role"] == role),
            key=lambda r: (
                order.get(r["verdict"], 9),
                -r["score"],
                -(r.get("qualifying_months") or 0),
                r["cv"],
            ),
        )
        places = [r.get("rank") for r in mine] if all("rank" in r for r in mine) else _ranks(mine)
        judged = [r for r in mine if r["verdict"] != "error"]
        requirements = (
            [(q["text"], q.get("obligation", "must"), q.get("weight")) for q in judged[0]["requirements"]]
            if judged
            else []
        )
        counts = {v: sum(1 for r in mine if r["verdict"] == v) for v in VERDICTS}
        details.append([_details(r, strings) for r in judged])
        sections.append(
            {
                "index": len(sections),
                "name": role,
                "rows": [
                    {**r, "place": p, "refs": _unmet_refs(r)} for r, p in zip(mine, places, strict=True)
                ],
                "judged": judged,
                "requirements": requirements,
                "counts": counts,
            }
        )
    run = manifest or {}
    return {
        "title": f"Kravmatchning – {screening.get('spec') or 'screening'}",
        "spec": screening.get("spec"),
        "as_of": screening.get("as_of"),
        "n_cvs": len({r["cv"] for r in rows}),
        "sections": sections,
        "labels": _labels(),
        "verdicts": VERDICTS,
        "page": PAGE,
        "score_formula": SCORE_FORMULA,
        "tool": (run.get("tool") or {}).get("kravmatch"),
        "finished": run.get("finished"),
        "data": embed_json({"details": details, "strings": strings.table()}),
    }


def render_report(screening: dict[str, Any], manifest: dict[str, Any] | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(**report_context(screening, manifest))
