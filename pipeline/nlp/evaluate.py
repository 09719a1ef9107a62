"""Measure a Swedish pipeline on a CoNLL-U treebank: UPOS and lemma accuracy on the gold
tokenisation, punctuation excluded, lemmas compared case-insensitively.

    python -m pipeline.nlp.evaluate TREEBANK.conllu [--model PATH] [--baselines]

``--baselines`` also measures spacy.blank("sv") with spaCy's lookup lemmatizer
(needs spacy-lookups-data, the ``model`` extra) and simplemma alone.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Sentence = list[tuple[str, str, str]]  # (form, lemma, upos)


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


@dataclass
class Scores:
    tokens: int
    upos: float | None
    lemma: float

    def as_dict(self) -> dict[str, float | int | None]:
        return {"tokens": self.tokens, "upos": self.upos, "lemma": self.lemma}


def score_pipeline(nlp, sentences: list[Sentence]) -> Scores:  # noqa: ANN001
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[w for w, _, _ in s]) for s in sentences)
    pos_ok = lemma_ok = n = 0
    for doc, sentence in zip(nlp.pipe(docs), sentences, strict=True):
        for token, (_, lemma, upos) in zip(doc, sentence, strict=True):
            if upos == "PUNCT":
                continue
            n += 1
            pos_ok += token.pos_ == upos
            lemma_ok += token.lemma_.lower() == lemma.lower()
    return Scores(n, round(pos_ok / n, 4), round(lemma_ok / n, 4))


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
    import simplemma
    import spacy

    out = {"simplemma": score_lemmatizer(lambda w: simplemma.lemmatize(w, lang="sv"), sentences)}
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
    args = parser.parse_args(argv)
    from pipeline.nlp.load import load_pipeline

    sentences = [s for path in args.treebank for s in read_conllu(path)]
    loaded = load_pipeline(args.model, with_ruler=False)
    results = {f"pipeline ({loaded.name})": score_pipeline(loaded.nlp, sentences)}
    if args.baselines:
        results.update(baselines(sentences))
    print(json.dumps({k: v.as_dict() for k, v in results.items()}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
