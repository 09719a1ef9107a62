"""Benchmark: `kravmatch screen` throughput and memory.

    python benchmarks/bench_screen.py [--n 1000]

Makes N text CVs from the sample text CVs (names and years varied), screens them against the
four roles of the sample spec with 1 and 2 workers and reports CVs per second and peak memory
(max RSS of the process tree); memory is also taken at N/4 to show it stays flat. Then PDF
CVs per second on copies of the sample PDF CVs.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


def make_text_cvs(folder: Path, n: int) -> None:
    rng = random.Random(7)
    sources = [p.read_text(encoding="utf-8") for p in sorted((RAW / "cvs").glob("*.txt"))]
    folder.mkdir(parents=True)
    for i in range(n):
        text = sources[i % len(sources)]
        shift = rng.randint(-3, 0)
        for year in range(2010, 2027):
            text = text.replace(str(year), str(year + shift))
        (folder / f"cv_{i:05d}.txt").write_text(f"Konsult {i}\n" + text, encoding="utf-8")


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of a child process tree."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def screen_cmd(cvs: Path, spec: Path, out: Path, workers: int) -> list[str]:
    exe = str(Path(sys.executable).with_name("kravmatch"))
    return [exe, "screen", str(cvs), "--spec", str(spec), "--as-of", "2026-11-01", "-o", str(out),
            "--workers", str(workers), "--no-progress"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("kravmatch"))
    report: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, 2 cores"
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        subprocess.run(
            [exe, "extract", str(RAW / "kravspecifikation-it-tjanster.pdf"), "-o", str(tmp)],
            check=True,
            capture_output=True,
        )
        spec = tmp / "kravspecifikation-it-tjanster.json"
        small, large = tmp / "small", tmp / "large"
        make_text_cvs(small, args.n // 4)
        make_text_cvs(large, args.n)
        for workers in (1, 2):
            seconds, peak = run(screen_cmd(large, spec, tmp / f"out{workers}", workers))
            report[f"text CVs, {workers} worker(s)"] = {"cvs": args.n, "seconds": round(seconds, 2),
                                                        "cvs_per_second": round(args.n / seconds, 1)}  # fmt: skip
        # peak RSS of children is a running maximum, so the smaller batch goes in a fresh interpreter
        probe = (
            "import resource,subprocess,sys\n"
            f"subprocess.run({screen_cmd(small, spec, tmp / 'outs', 1)!r}, check=True, capture_output=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
        )
        small_peak = float(
            subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
        )
        probe_large = probe.replace(str(small), str(large)).replace("'outs'", "'outl'")
        large_peak = float(
            subprocess.run(
                [sys.executable, "-c", probe_large], capture_output=True, text=True, check=True
            ).stdout
        )
        report["peak_rss_mb_1_worker"] = {
            f"{args.n // 4} CVs": round(small_peak),
            f"{args.n} CVs": round(large_peak),
        }
        pdfs = tmp / "pdfs"
        pdfs.mkdir()
        for i in range(40):
            for src in sorted((RAW / "cvs").glob("*.pdf")):
                shutil.copy(src, pdfs / f"{i:03d}_{src.name}")
        n_pdf = len(list(pdfs.iterdir()))
        for workers in (1, 2):
            seconds, _ = run(screen_cmd(pdfs, spec, tmp / f"pdf{workers}", workers))
            report[f"PDF CVs, {workers} worker(s)"] = {
                "cvs": n_pdf,
                "cvs_per_second": round(n_pdf / seconds, 1),
            }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
