"""Benchmark: the HTML report of a large screening run.

    python benchmarks/bench_report.py [--n 2500] [--from DIR]

Builds a screening.json of N CVs × the four roles of the sample spec (each row a copy of a real
row of a screening of tests/fixtures/cvs, with its evidence, under a new CV name; or of the run
in DIR), renders report.html, and opens it in headless Chromium (Debian's chromium and
chromedriver, `make browser`): time to first paint and first contentful paint as the browser
reports them, the time until the page's load event, the file size and the server-side render
time. The issue's bound: the report of 2,500 CVs opens in under 3 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sample_run(folder: Path) -> dict:
    spec = folder / "spec.json"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(ROOT / "tests/fixtures/specs/kravspecifikation-it-tjanster.pdf"),
                    "-o", str(folder)], check=True, capture_output=True)  # fmt: skip
    (folder / "kravspecifikation-it-tjanster.json").rename(spec)
    out = folder / "run"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "screen", str(ROOT / "tests/fixtures/cvs"), "--spec", str(spec),
                    "--as-of", "2026-11", "-o", str(out), "--no-progress"], check=True, capture_output=True)  # fmt: skip
    return json.loads((out / "screening.json").read_text(encoding="utf-8"))


def scale(data: dict, n: int) -> dict:
    by_cv: dict[str, list[dict]] = {}
    for row in data["rows"]:
        by_cv.setdefault(row["cv"], []).append(row)
    sources = [by_cv[k] for k in sorted(by_cv)]
    rows = []
    for i in range(n):
        for row in sources[i % len(sources)]:
            # each copy quotes its own CV (as real CVs do): its evidence texts differ from every other copy's,
            # and are shared only between the roles of the same CV
            requirements = [
                {**q, "evidence": [{**e, "quote": f"{e['quote']} [{i}]"} for e in q.get("evidence", [])],
                 "entries": [f"{x} [{i}]" for x in q.get("entries", [])]}
                for q in row["requirements"]
            ]  # fmt: skip
            rows.append({**row, "cv": f"kandidat_{i:05d}/{row['cv']}", "name": f"Kandidat {i}", "rank": None,
                         "requirements": requirements})  # fmt: skip
    order = {"eligible": 0, "needs_review": 1, "not_eligible": 2, "error": 3}
    rows.sort(key=lambda r: (data["roles"].index(r["role"]), order[r["verdict"]], -r["score"], r["cv"]))
    for r in rows:
        r.pop("rank")
    return {**data, "rows": rows}


def first_paint(path: Path) -> dict[str, float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "chromedriver"), options=options
    )
    try:
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(path.as_uri())  # returns after the load event
        wall = time.perf_counter() - start
        paints = driver.execute_script(
            "return performance.getEntriesByType('paint').map(function (e) { return [e.name, e.startTime]; })"
        )
        nav = driver.execute_script(
            "var n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd];"
        )
        out = {name: ms / 1000 for name, ms in paints}
        out.update({"dom-content-loaded": nav[0] / 1000, "load": nav[1] / 1000, "wall (driver.get)": wall})
        return out
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2500)
    parser.add_argument("--from", dest="source", type=Path, default=None, help="a screening output folder")
    args = parser.parse_args()
    from pipeline.outputs.report import render_report

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.source:
            data = json.loads((args.source / "screening.json").read_text(encoding="utf-8"))
        else:
            data = sample_run(folder)
        big = scale(data, args.n)
        start = time.perf_counter()
        html = render_report(big)
        render = time.perf_counter() - start
        path = folder / "report.html"
        path.write_text(html, encoding="utf-8")
        size = path.stat().st_size / 1e6
        print(f"{args.n} CVs × {len(big['roles'])} roles = {len(big['rows'])} rows; report {size:.1f} MB, "
              f"rendered in {render:.2f} s")  # fmt: skip
        for name, seconds in first_paint(path).items():
            print(f"  {name:>24}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
