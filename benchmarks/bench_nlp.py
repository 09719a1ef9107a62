"""Benchmark: words per second of the full Swedish pipeline (the loader's choice) and of the
screening path (tokenizer + lexicon lemmatiser) on the Talbanken sentences, as plain text.

    python benchmarks/bench_nlp.py [TREEBANK.conllu] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from pipeline.nlp.evaluate import read_conllu
from pipeline.nlp.lexicon import screening_nlp
from pipeline.nlp.load import load_pipeline

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "ud" / "sv_talbanken-ud-dev.conllu"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("treebank", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    loaded = load_pipeline()
    texts = [" ".join(w for w, _, _ in s) for s in read_conllu(args.treebank)]
    words = sum(len(t.split()) for t in texts)
    report: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, 1 process",
        "pipeline": loaded.name,
        "words": words,
    }
    for label, nlp in (("full pipeline", loaded.nlp), ("screening path", screening_nlp())):
        list(nlp.pipe(texts[:50]))  # warm up
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=256):
                pass
            best = min(best, time.perf_counter() - start)
        report[label] = {"components": nlp.pipe_names, "seconds": round(best, 2),
                         "words_per_second": round(words / best)}  # fmt: skip
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
