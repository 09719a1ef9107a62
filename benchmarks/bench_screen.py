"""Benchmark: `kravmatch screen` throughput and memory.

    python benchmarks/bench_screen.py [--n 1000] [--acceptance] [--call-off SPEC.json]

Makes N text CVs from the sample text CVs (names and years varied), screens them against the
four roles of the sample spec with 1 and 2 workers and reports CVs per second and peak memory
(max RSS of the process tree); memory is also taken at N/4 to show it stays flat. Then PDF
CVs per second on copies of the sample PDF CVs.

Call-offs (issue 12): N text CVs made from the sample CVs and the call-off CVs below (consultants
with assignments in C#, SCCM, REST, OAuth2 …, years varied) are screened with 2 workers against a
call-off specification with open-vocabulary requirements (default: Inera's four-role avrop 22 in
../shared/spec/real, when present). ``--acceptance`` runs only the two figures issue 12 accepts
on: text CVs per second with 2 workers on the IT-tjänster spec and on the call-off.
"""

from __future__ import annotations

import argparse
import json
import os
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


CALL_OFF = ROOT.parent / "shared" / "spec" / "real" / "inera_avrop_22.gold.json"

# Invented consultants in the shapes of call-off CVs: assignments under a consultancy, dated
# entries, skills and languages (the words the call-off requirements look for, and near-misses).
CALL_OFF_CVS = [
    """Maja Ek
Senior utvecklare

UPPDRAG

2019-03 – pågående  Senior utvecklare, Region Mitt
  Fullstackutveckling i C#/.NET Core, JavaScript (React, FluentUI) och SQL Server. Utvecklade verktyg
  för klienthantering som integrerar mot Microsoft Configuration Manager (SCCM) och Intune. Versionshantering
  i Git och pipelines i Azure DevOps. Arbetar självständigt och i team.

2014-01 – 2019-02  Systemutvecklare, Kommunförbundet Väst
  Utveckling i C# och C++ av stödverktyg för klientplattformen (Sysman) åt kommuner och regioner.
  Visual Studio, jQuery, REST-baserade WebAPI:er.

2010-06 – 2013-12  Utvecklare, Handelsbolaget AB
  Webbutveckling i JavaScript och Java.

KOMPETENSER
C#, .NET, JavaScript, SQL, Git, Azure DevOps, SCCM, Windows 10

SPRÅK
Svenska – modersmål
Engelska – flytande
""",
    """Erik Dahl
Infrastrukturarkitekt

ERFARENHET

2016-09 – pågående  Infrastrukturarkitekt, Landstinget Nord
  Ansvarig för att leda utvecklingen av klientplattformen på Microsofts infrastrukturplattform (Windows,
  SCCM, MIM, Active Directory, Azure). Ledde förändringsprojekt för Microsoft Endpoint Manager.

2008-01 – 2016-08  Drifttekniker, IT-bolaget AB
  Drift av Windows Server, Active Directory och Podman-containrar; kurser i Kubernetes.

CERTIFIERINGAR
Microsoft Certified Trainer (MCT)

SPRÅK
Svenska – modersmål
Engelska – goda kunskaper
""",
    """Sofia Lind
Integrationsarkitekt

UPPDRAG

2021-01 – pågående  Integrationsarkitekt, Myndigheten för data
  Ansvarig för integrationsarkitekturen. Designade och byggde REST-API:er i Python, driftsatta i
  Docker. OAuth2 client credentials för maskin-till-maskin-kommunikation, i produktion sedan 2022.
  Skrev teknisk dokumentation.

2015-01 – 2020-12  Integrationsutvecklare, Banken AB
  SOAP/XML-webbtjänster (WCF) och BizTalk-orkestreringar i C#.

SPRÅK
Svenska – modersmål
""",
]


def make_text_cvs(folder: Path, n: int, extra: list[str] | None = None) -> None:
    rng = random.Random(7)
    sources = [p.read_text(encoding="utf-8") for p in sorted((RAW / "cvs").glob("*.txt"))] + (extra or [])
    folder.mkdir(parents=True)
    for i in range(n):
        text = sources[i % len(sources)]
        shift = rng.randint(-3, 0)
        for year in range(2010, 2027):
            text = text.replace(str(year), str(year + shift))
        (folder / f"cv_{i:05d}.txt").write_text(f"Konsult {i}\n" + text, encoding="utf-8")


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of a child process tree."""
    seconds, peak, _ = run_cpu(cmd)
    return seconds, peak


def run_cpu(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MB and CPU seconds (user + system) of a child process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, after.ru_maxrss / 1024, cpu


def screen_cmd(cvs: Path, spec: Path, out: Path, workers: int) -> list[str]:
    exe = str(Path(sys.executable).with_name("kravmatch"))
    return [exe, "screen", str(cvs), "--spec", str(spec), "--as-of", "2026-11-01", "-o", str(out),
            "--workers", str(workers), "--no-progress"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--acceptance", action="store_true", help="only the text CVs/s of issue 12")
    parser.add_argument("--call-off", type=Path, default=CALL_OFF, help="a call-off specification JSON")
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
        if args.acceptance:
            report.update(acceptance(tmp, spec, args.n, args.call_off))
            print(json.dumps(report, indent=2, ensure_ascii=False))
            return
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
        report.update(acceptance(tmp, spec, args.n, args.call_off))
    print(json.dumps(report, indent=2, ensure_ascii=False))


def acceptance(tmp: Path, spec: Path, n: int, call_off: Path) -> dict[str, object]:
    """Text CVs per second with 2 workers: the IT-tjänster spec (≥ 50) and a call-off (≥ 30)."""
    cvs = tmp / "acceptance"
    make_text_cvs(cvs, n, CALL_OFF_CVS)
    out: dict[str, object] = {}
    for name, target, spec_path in (("IT-tjänster", 50, spec), ("call-off", 30, call_off)):
        if not spec_path.is_file():
            out[f"text CVs, 2 workers, {name}"] = f"skipped: {spec_path} not found"
            continue
        seconds, _, cpu = run_cpu(screen_cmd(cvs, spec_path, tmp / f"acc-{target}", 2))
        out[f"text CVs, 2 workers, {name} ({spec_path.name})"] = {
            "cvs": n,
            "seconds": round(seconds, 2),
            "cvs_per_second": round(n / seconds, 1),
            # on a machine shared with other work the wall time says little: the CPU time of the
            # run spread over the 2 cores is the wall time it takes when they are free
            "cpu_seconds": round(cpu, 2),
            "cvs_per_second_2_free_cores": round(n / (cpu / 2), 1),
            "load_average": round(os.getloadavg()[0], 1),
            "target": target,
        }
    return out


if __name__ == "__main__":
    main()
