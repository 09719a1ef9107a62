"""Measure a Swedish pipeline on a CoNLL-U treebank: UPOS and lemma accuracy on the gold
tokenisation, punctuation excluded, lemmas compared case-insensitively.

    python -m pipeline.nlp.evaluate TREEBANK.conllu [--model PATH] [--baselines] [--per-class]
                                    [--lower] [--no-punct]

Besides the pipeline it always scores the trained lemmatizer alone (the lemma the pipeline had
before its lexicon step) and simplemma alone, on the same tokens. ``--per-class`` adds a table
of lemma accuracy per gold UPOS for the three. ``--lower`` lower-cases every word and
``--no-punct`` drops punctuation tokens before tagging: robustness to text written differently.
``--baselines`` also measures spacy.blank("sv") with spaCy's lookup lemmatizer (needs
spacy-lookups-data, the ``model`` extra).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Sentence = list[tuple[str, str, str]]  # (form, lemma, upos)

LEXICON_STEP = "lexicon_lemmatizer"
SYSTEMS = ("model", "simplemma", "pipeline")  # the lemma columns of a TokenResult


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    sentence: Sentence = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue  # multiword ranges and empty nodes
        sentence.append((cols[1], cols[2], cols[3]))
    if sentence:
        yield sentence


def vary(sentences: list[Sentence], *, lower: bool = False, no_punct: bool = False) -> list[Sentence]:
    """The treebank written differently: lower-cased words, or without punctuation tokens."""
    out = []
    for sentence in sentences:
        words = [
            (f.lower() if lower else f, lem, u) for f, lem, u in sentence if not (no_punct and u == "PUNCT")
        ]
        if words:
            out.append(words)
    return out


@dataclass
class Scores:
    tokens: int
    upos: float | None
    lemma: float

    def as_dict(self) -> dict[str, float | int | None]:
        return {"tokens": self.tokens, "upos": self.upos, "lemma": self.lemma}


@dataclass(frozen=True)
class TokenResult:
    """One scored token: gold, the tagger's POS, and the lemma of each system."""

    form: str
    gold_lemma: str
    gold_upos: str
    pos: str
    model: str  # the trained lemmatizer's lemma (before the lexicon step)
    simplemma: str
    pipeline: str  # what the whole pipeline says

    def right(self, system: str) -> bool:
        return str(getattr(self, system)).lower() == self.gold_lemma.lower()


def annotate(nlp, sentences: list[Sentence]) -> list[TokenResult]:  # noqa: ANN001
    """Run the pipeline on the gold words, noting each token's lemma before the lexicon step."""
    import simplemma
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=[w for w, _, _ in s]) for s in sentences]
    before: list[list[str]] | None = None
    for name, proc in nlp.pipeline:
        if name == LEXICON_STEP:
            before = [[t.lemma_ or t.text for t in doc] for doc in docs]
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
    if before is None:
        before = [[t.lemma_ for t in doc] for doc in docs]
    out = []
    for doc, model_lemmas, sentence in zip(docs, before, sentences, strict=True):
        for token, model_lemma, (form, lemma, upos) in zip(doc, model_lemmas, sentence, strict=True):
            if upos == "PUNCT":
                continue
            lexicon = simplemma.lemmatize(form, lang="sv")
            out.append(TokenResult(form, lemma, upos, token.pos_, model_lemma, lexicon, token.lemma_))
    return out


def summarise(results: list[TokenResult], system: str, *, with_upos: bool = True) -> Scores:
    n = len(results)
    upos = round(sum(r.pos == r.gold_upos for r in results) / n, 4) if with_upos else None
    return Scores(n, upos, round(sum(r.right(system) for r in results) / n, 4))


def per_class(results: list[TokenResult]) -> list[tuple[str, int, dict[str, float]]]:
    """(gold UPOS, tokens, lemma accuracy per system), most frequent class first."""
    counts = Counter(r.gold_upos for r in results)
    rows = []
    for upos, n in counts.most_common():
        mine = [r for r in results if r.gold_upos == upos]
        rows.append((upos, n, {s: sum(r.right(s) for r in mine) / n for s in SYSTEMS}))
    return rows


def per_class_table(results: list[TokenResult]) -> str:
    lines = [
        "| UPOS | tokens | trained lemmatizer | simplemma | pipeline |",
        "|---|---:|---:|---:|---:|",
    ]
    for upos, n, acc in per_class(results):
        lines.append(f"| {upos} | {n} | " + " | ".join(f"{acc[s]:.3f}" for s in SYSTEMS) + " |")
    total = {s: sum(r.right(s) for r in results) / len(results) for s in SYSTEMS}
    lines.append(f"| all | {len(results)} | " + " | ".join(f"{total[s]:.3f}" for s in SYSTEMS) + " |")
    return "\n".join(lines)


def score_pipeline(nlp, sentences: list[Sentence]) -> Scores:  # noqa: ANN001
    return summarise(annotate(nlp, sentences), "pipeline")


def score_lemmatizer(lemmatize: Callable[[str], str], sentences: list[Sentence]) -> Scores:
    ok = n = 0
    for sentence in sentences:
        for form, lemma, upos in sentence:
            if upos == "PUNCT":
                continue
            n += 1
            ok += lemmatize(form).lower() == lemma.lower()
    return Scores(n, None, round(ok / n, 4))


def baselines(sentences: list[Sentence]) -> dict[str, Scores]:
    import spacy

    out = {}
    try:
        blank = spacy.blank("sv")
        blank.add_pipe("lemmatizer", config={"mode": "lookup"})
        blank.initialize()
        out["blank_sv_lookup_lemmatizer"] = score_pipeline(blank, sentences)
        table = blank.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
        out["spacy_lookups_table"] = score_lemmatizer(
            lambda w: table.get(w, table.get(w.lower(), w)), sentences
        )
    except (ValueError, OSError, ImportError) as e:  # spacy-lookups-data not installed
        print(f"blank+lookup baseline skipped: {e}")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("treebank", nargs="+")
    parser.add_argument("--model", default=None, help="pipeline folder (default: the loader's choice)")
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--per-class", action="store_true", help="lemma accuracy per gold UPOS")
    parser.add_argument("--lower", action="store_true", help="lower-case every word first")
    parser.add_argument("--no-punct", action="store_true", help="drop punctuation tokens first")
    args = parser.parse_args(argv)
    from pipeline.nlp.load import load_pipeline

    sentences = [s for path in args.treebank for s in read_conllu(path)]
    sentences = vary(sentences, lower=args.lower, no_punct=args.no_punct)
    loaded = load_pipeline(args.model)
    scored = annotate(loaded.nlp, sentences)
    results = {
        f"pipeline ({loaded.name})": summarise(scored, "pipeline"),
        "trained lemmatizer alone": summarise(scored, "model"),
        "simplemma": summarise(scored, "simplemma", with_upos=False),
    }
    if args.baselines:
        results.update(baselines(sentences))
    print(json.dumps({k: v.as_dict() for k, v in results.items()}, indent=2, ensure_ascii=False))
    if args.per_class:
        print(per_class_table(scored))


if __name__ == "__main__":
    main()
