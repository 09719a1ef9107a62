"""Screening outputs at their edges: places shared by equal keys, CV identity and duplicates,
the candidate's name, non-CVs, the workbook's determinism."""

from __future__ import annotations

from pathlib import Path

from pipeline.cv.model import CVRecord, Section
from pipeline.match.screen import candidate_name, collect_cvs, no_cv_content
from pipeline.outputs.screening import Summary, matrix, ranks, table


def _s(cv: str, verdict: str, score: float, months: int = 0, role: str = "R") -> Summary:
    statuses = {"eligible": ("met", "met"), "needs_review": ("met", "unknown"), "not_eligible": ("not_met", "met"),
                "error": ()}[verdict]  # fmt: skip
    reqs = ("krav 1", "krav 2") if statuses else ()
    return Summary(cv, role, verdict, score, "", months, "sv", reqs, statuses)


def test_rank_orders_by_verdict_then_score_then_months_and_ties_share_a_place() -> None:
    rows = [
        _s("d", "not_eligible", 0.83),
        _s("c", "needs_review", 0.75),
        _s("a", "eligible", 1.0, 12),
        _s("b", "eligible", 1.0, 12),
        _s("e", "eligible", 1.0, 6),
        _s("f", "error", 0.0),
    ]
    place = ranks(rows, ["R"])
    assert [place[(cv, "R")] for cv in "abecdf"] == [1, 1, 3, 4, 5, 6]
    frame = table(rows, ["R"])
    assert list(frame.cv) == list("abecdf") and list(frame["rank"]) == [1, 1, 3, 4, 5, 6]
    assert frame.loc[frame.cv == "d", "not_met"].item() == "krav 1"
    assert frame.loc[frame.cv == "c", "unknown"].item() == "krav 2"
    m = matrix(rows, "R", ["R"])
    assert list(m.index) == list("abecd") and list(m.columns) == ["krav 1", "krav 2"]


def test_collect_cvs_reads_folders_recursively_and_names_files_by_relative_path(tmp_path: Path) -> None:
    root = tmp_path / "export"
    for rel, text in [("anna/CV.txt", "A"), ("bo/CV.txt", "B"), ("bo/extra/brev.txt", "A"), (".hidden/x.txt", "x"),
                      ("bo/.DS_Store", "x")]:  # fmt: skip
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    alone = tmp_path / "CV.txt"
    alone.write_text("C", encoding="utf-8")
    files = collect_cvs([root, alone])
    assert [f.cv for f in files] == ["anna/CV.txt", "bo/CV.txt", "bo/extra/brev.txt", "CV.txt"]
    assert files[2].duplicate_of == "anna/CV.txt" and files[0].duplicate_of is None
    assert len({f.sha256 for f in files}) == 3
    again = collect_cvs([root / "anna" / "CV.txt", root / "bo" / "CV.txt"])
    assert [f.cv for f in again] == ["CV.txt", (root / "bo" / "CV.txt").as_posix()]  # never two of one name


def _record(text: str, sections: list[Section] | None = None) -> CVRecord:
    return CVRecord(source="x.txt", text=text, language="sv", sections=sections or [])


def test_candidate_name_and_non_cvs() -> None:
    text = "CV\nAnna-Karin Öberg\nErfarenhet\n2019 – 2020 IT-tekniker"
    head = Section("work", "Erfarenhet", (text.index("Erfarenhet"), len(text)))
    assert candidate_name(_record(text, [head])) == "Anna-Karin Öberg"
    assert candidate_name(_record("Curriculum Vitae\nSystemförvaltare sedan 2019")) is None
    assert no_cv_content(_record("hej"))
    assert not no_cv_content(_record(text, [head]))


def test_message_catalogues_have_the_same_keys_and_fields() -> None:
    import string

    from pipeline.messages import catalogue

    sv, en = catalogue("sv"), catalogue("en")
    assert set(sv) == set(en)

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    # the code fills in the English fields; a Swedish text may leave some out, never ask for more
    assert all(fields(sv[k]) <= fields(en[k]) for k in sv), [
        k for k in sv if not fields(sv[k]) <= fields(en[k])
    ]
