"""Concepts and occupation groups from models/lexicon/, and the matcher that finds them in text.

Exact forms match through the inflection- and compound-aware rules of ``compounds``; product
names of a category (ticket systems) also match through rapidfuzz on their letters without
spaces, so "Service Now", "TopDesk" and "EasitGO" hit while "Easter" and "Artillery" do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from pipeline.knowledge import load
from pipeline.nlp.compounds import Token, find_form, matches, tokens

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio on space-free lower-case names
FUZZY_MIN_LENGTH = 6  # shorter names only match exactly


@dataclass(frozen=True)
class Concept:
    key: str
    names: tuple[str, ...]
    members: tuple[str, ...]
    products: bool = False


@dataclass(frozen=True)
class Hit:
    """A lexicon form found in a text: what was written, where, which form and concept, how sure."""

    surface: str
    span: tuple[int, int]
    form: str
    concept: str
    score: float  # 100 for an exact (inflection/compound) match, the rapidfuzz ratio otherwise


@cache
def concepts() -> dict[str, Concept]:
    data = load("lexicon/concepts.yml")
    return {
        key: Concept(key, tuple(v["names"]), tuple(v["members"]), bool(v.get("products", False)))
        for key, v in data.items()
    }


@cache
def concept_for_topic(topic: str) -> Concept | None:
    """The concept a requirement topic names ("datorer" → computers, "MS Office" → office_suites)."""
    low = " ".join(topic.lower().split())
    words = [t.text for t in tokens(low)]
    for concept in concepts().values():
        for name in concept.names:
            if low == name or (len(words) == 1 and matches(name, words[0])):
                return concept
    for concept in concepts().values():
        if any(find_form(name, tokens(low)) for name in concept.names if " " in name or len(name) >= 5):
            return concept
    return None


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-zåäöéü+]", "", text.lower())


Lemmatize = Callable[[str, list[Token]], list[str | None]]


def lexicon_lemmas(text: str, toks: list[Token]) -> list[str | None]:
    """Lemmas from the pipeline's lexicon step alone (simplemma + domain exceptions): cheap,
    so screening can afford it on every CV."""
    import simplemma

    from pipeline.nlp.components import combine_lemma

    out: list[str | None] = []
    for t in toks:
        if not t.text.isalpha() or len(t.text) < 4:
            out.append(None)
            continue
        out.append(combine_lemma(t.text, "NOUN", t.text, simplemma.lemmatize(t.text, lang="sv")).lower())
    return out


def spacy_lemmas(text: str, toks: list[Token]) -> list[str | None]:
    """Lemmas from the full Swedish spaCy pipeline (see pipeline/nlp/load.py)."""
    from pipeline.nlp.load import cached_pipeline

    doc = cached_pipeline().nlp(text)
    by_start = {t.idx: t.lemma_.lower() for t in doc}
    return [by_start.get(t.start) for t in toks]


class TextIndex:
    """One text prepared for repeated lexicon look-ups. With ``lemmatize`` each word's lemma
    is indexed beside it, so that "servrar" is found as "server"."""

    def __init__(self, text: str, lemmatize: Lemmatize | None = None) -> None:
        self.text = text
        self.toks: list[Token] = tokens(text)
        if lemmatize is not None:
            lemmas = lemmatize(text, self.toks)
            self.toks += [
                Token(lem, t.start, t.end)
                for t, lem in zip(list(self.toks), lemmas, strict=True)
                if lem and lem != t.text
            ]
            self.toks.sort(key=lambda t: (t.start, t.end))
        self._words = frozenset(t.text for t in self.toks)
        self._grams: list[tuple[str, int, int]] | None = None
        self._found: dict[str, list[tuple[int, int]]] = {}

    def find(self, form: str, concept: str = "") -> list[Hit]:
        spans = self._found.get(form)
        if spans is None:
            # a cheap substring test on the distinct words rules most forms out before the
            # compound rules run (screening asks the same forms for every role)
            first = form.lower().split()[0] if form.strip() else form
            stem = first[:4]
            spans = find_form(form, self.toks) if any(stem in w for w in self._words) else []
            self._found[form] = spans
        return [Hit(self.text[a:b], (a, b), form, concept, 100.0) for a, b in spans]

    def _ngrams(self) -> list[tuple[str, int, int]]:
        if self._grams is None:
            words = [t for t in self.toks if "-" not in t.text or t.text.count("-") < 3]
            grams: list[tuple[str, int, int]] = []
            for i in range(len(words)):
                for n in (1, 2, 3):
                    if i + n <= len(words):
                        chunk = words[i : i + n]
                        grams.append(
                            ("".join(_compact(w.text) for w in chunk), chunk[0].start, chunk[-1].end)
                        )
            self._grams = grams
        return self._grams

    def find_fuzzy(self, name: str, concept: str = "") -> list[Hit]:
        target = _compact(name)
        if len(target) < FUZZY_MIN_LENGTH:
            return []
        grams = self._ngrams()
        choices = [g[0] for g in grams]
        hits = []
        for _, score, idx in process.extract(
            target, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            _, a, b = grams[idx]
            hits.append(Hit(self.text[a:b], (a, b), name, concept, round(float(score), 1)))
        return hits

    def find_concept(self, concept: Concept, extra_forms: tuple[str, ...] = ()) -> list[Hit]:
        """Every mention of the concept or its members (and of ``extra_forms``), in text order."""
        hits: list[Hit] = []
        for form in dict.fromkeys(
            (*concept.members, *extra_forms)
        ):  # names are how specs say it, not CV evidence
            found = self.find(form, concept.key)
            if not found and concept.products:
                found = self.find_fuzzy(form, concept.key)
            hits += found
        return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Keep the longest, surest hit per place in the text, in text order."""
    best: dict[tuple[int, int], Hit] = {}
    for h in sorted(hits, key=lambda h: (h.span[0], -(h.span[1] - h.span[0]), -h.score, h.form)):
        if any(a <= h.span[0] and h.span[1] <= b for (a, b) in best):
            continue
        best[h.span] = h
    return sorted(best.values(), key=lambda h: (h.span, h.form))


@dataclass(frozen=True)
class OccupationGroup:
    key: str
    role_names: tuple[str, ...]
    titles: tuple[str, ...]
    duties: tuple[str, ...]


@cache
def occupation_groups() -> dict[str, OccupationGroup]:
    data = load("lexicon/occupations.yml")
    return {
        k: OccupationGroup(k, tuple(v["role_names"]), tuple(v["titles"]), tuple(v["duties"]))
        for k, v in data.items()
        if isinstance(v, dict)
    }


@cache
def own_role_scopes() -> tuple[str, ...]:
    return tuple(load("lexicon/occupations.yml")["own_role_scopes"])


@cache
def scope_fillers() -> frozenset[str]:
    return frozenset(load("lexicon/occupations.yml")["scope_fillers"])
