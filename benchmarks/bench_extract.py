"""Benchmark: the whole `kravmatch extract` process against a bare pdfplumber text dump.

    python benchmarks/bench_extract.py [--runs 5]

Builds a ~20-page specification by repeating the sample's roles with renamed headings, then
times (median of runs, wall clock, separate processes) a bare
`python -c "pdfplumber.open(p); extract_text() per page"` and `kravmatch extract p`, on that
spec and on the 3-page sample. Prints the ratios; the issue's bound is 1.5x on ~20 pages.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "raw" / "kravspecifikation-it-tjanster.pdf"


def build_long_spec(path: Path, copies: int) -> int:
    """Draw the sample's roles ``copies`` times with renamed headings; return the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sys.path.insert(0, str(ROOT))
    from pipeline.spec.extract import extract_spec

    spec = extract_spec(SAMPLE)
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pages = 0
    y = 0.0

    def new_page() -> float:
        nonlocal pages
        if pages:
            c.showPage()
        pages += 1
        c.setFont("Helvetica-Bold", 9)
        c.drawString(56, height - 40, f"Statens Inköpscentral    Datum 2021-04-03    Sid {pages}")
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 52, "Kravspecifikation IT-tjänster    Dnr 23.5-2944-21")
        return height - 90

    def line(text: str, font: str, size: float, x: float) -> None:
        nonlocal y
        if y < 70:
            y = new_page()
        c.setFont(font, size)
        c.drawString(x, y, text[:110])
        y -= size * 1.5

    y = new_page()
    for n in range(copies):
        for role in (r for r in spec.roles if r.requirements):
            line(f"{role.name} variant {n + 1}", "Helvetica-Bold", 13, 56)
            line("Arbetsuppgifter", "Helvetica-Bold", 11, 56)
            line("I denna tjänst kan nedan arbetsuppgifter förekomma;", "Helvetica", 10, 56)
            for task in role.tasks:
                line("•", "Helvetica", 10, 66)
                y += 15
                line(task, "Helvetica", 10, 78)
            line("Kompetenskrav", "Helvetica-Bold", 11, 56)
            line("Erbjuden konsult ska uppfylla nedan kompetenskrav;", "Helvetica", 10, 56)
            for req in role.requirements:
                line("•", "Helvetica", 10, 66)
                y += 15
                line(req.text, "Helvetica", 10, 78)
    c.showPage()
    c.save()
    return pages


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = sys.executable
    kravmatch = str(Path(exe).with_name("kravmatch"))
    with tempfile.TemporaryDirectory() as tmp:
        long_pdf = Path(tmp) / "long-spec.pdf"
        pages = build_long_spec(long_pdf, copies=11)
        report = {
            "machine": f"{platform.machine()}, {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cores"
        }
        for label, pdf in ((f"{pages}-page spec", long_pdf), ("3-page sample", SAMPLE)):
            bare = timed(
                [
                    exe,
                    "-c",
                    f"import pdfplumber\nwith pdfplumber.open({str(pdf)!r}) as p:\n [pg.extract_text() for pg in p.pages]",
                ],
                args.runs,
            )
            ours = timed([kravmatch, "extract", str(pdf), "-o", str(Path(tmp) / "out")], args.runs)
            report[label] = {
                "bare_pdfplumber_s": round(bare, 3),
                "kravmatch_extract_s": round(ours, 3),
                "ratio": round(ours / bare, 2),
            }
        print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
