"""Concepts and occupation groups from models/lexicon/, and the matcher that finds them in text.

Exact forms match through the inflection- and compound-aware rules of ``compounds``; product
names of a category (ticket systems) also match through rapidfuzz on their letters without
spaces, so "Service Now", "TopDesk" and "EasitGO" hit while "Easter" and "Artillery" do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from pipeline import lang
from pipeline.knowledge import concepts_lexicon, knowledge_cache, occupations_lexicon
from pipeline.nlp.compounds import Token, find_form, matches, tokens

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LEXICON_FACTORY = "kravmatch_lexicon_lemmatizer"  # the project's lemmatiser (pipeline/nlp/components.py)
STEM = 4  # letters of a form's first word that must occur in a text before the matchers run

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


@knowledge_cache
def concepts() -> dict[str, Concept]:
    return {
        key: Concept(key, tuple(v.names), tuple(v.members), v.products)
        for key, v in concepts_lexicon().root.items()
    }


@knowledge_cache
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


class TermMatcher:
    """spaCy ``PhraseMatcher``s over lower-case words and lemmas, holding every form asked for so
    far: one pass over a document finds them all. Forms are added as screening meets them
    (lexicon members, the spec's scope terms, topics and examples) and each document is matched
    again only when forms were added since."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.forms: dict[str, int] = {}
        self.version = 0

    def add(self, forms: list[str]) -> None:
        new = [f for f in dict.fromkeys(forms) if f not in self.forms]
        if not new:
            return
        for form, doc in zip(new, self.nlp.pipe(new), strict=True):
            key = self.nlp.vocab.strings.add(form)
            self.forms[form] = key
            self.lower.add(form, [self.nlp.make_doc(form)])
            if len(doc) and any(t.lemma_ for t in doc):
                self.lemma.add(form, [doc])
        self.version += 1

    def find(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        for matcher in (self.lower, self.lemma):
            for key, start, end in matcher(doc):
                span = doc[start:end]
                found.setdefault(self.nlp.vocab.strings[key], []).append((span.start_char, span.end_char))
        return found


@cache
def screening_nlp() -> Language:
    """The Swedish pipeline as screening runs it: the tokenizer and the lexicon lemmatiser only.
    The tagger and the trained lemmatiser are left out: they cost 20 times as much per CV
    (benchmarks/bench_nlp.py), and the lexicon step alone lemmatises the nouns and product names
    that requirements name."""
    from pipeline.nlp.load import load_pipeline

    nlp = load_pipeline().nlp
    lexicon = [name for name, _ in nlp.pipeline if nlp.get_pipe_meta(name).factory == LEXICON_FACTORY]
    if lexicon:
        nlp.select_pipes(enable=lexicon)
    return nlp


@cache
def term_matcher() -> TermMatcher:
    return TermMatcher(screening_nlp())


@lru_cache(maxsize=8192)
def _doc(text: str) -> Doc:
    return screening_nlp()(text)


class TextIndex:
    """One text prepared for repeated lexicon look-ups: its spaCy ``Doc`` (tokens and lemmas) for
    the phrase matchers, and its words with their lemmas, hyphen parts and coordinated compounds
    for the inflection- and compound-aware rules of ``compounds``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.doc = _doc(text)
        self.toks: list[Token] = tokens(text)
        self.toks += [
            Token(t.lemma_.lower(), t.idx, t.idx + len(t))
            for t in self.doc
            if t.is_alpha and t.lemma_ and t.lemma_.lower() != t.lower_
        ]
        self.toks.sort(key=lambda t: (t.start, t.end))
        self._words = frozenset(t.text for t in self.toks)
        self._grams: list[tuple[str, int, int]] | None = None
        self._piece_set: frozenset[str] | None = None
        self._concept_hits: dict[tuple[str, tuple[str, ...]], list[Hit]] = {}
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._phrases: dict[str, list[tuple[int, int]]] = {}
        self._phrase_version = -1

    @property
    def words(self) -> frozenset[str]:
        """The distinct lower-case words of the text (with lemmas and hyphen parts)."""
        return self._words

    @classmethod
    def of_document(cls, text: str) -> TextIndex:
        return cls(text)

    def _phrase_spans(self, form: str) -> list[tuple[int, int]]:
        matcher = term_matcher()
        if form not in matcher.forms:
            matcher.add([form])
        if self._phrase_version != matcher.version:
            self._phrases = matcher.find(self.doc)
            self._phrase_version = matcher.version
        return self._phrases.get(form, [])

    def find(self, form: str, concept: str = "") -> list[Hit]:
        spans = self._found.get(form)
        if spans is None:
            # a cheap substring test on the distinct words rules most forms out before the
            # phrase matchers and compound rules run (screening asks the same forms for every role)
            first = form.lower().split()[0] if form.strip() else form
            stem = first[:STEM]
            spans = []
            if stem in self._pieces() if stem else self._words:
                spans = sorted(set(self._phrase_spans(form)) | set(find_form(form, self.toks)))
            self._found[form] = spans
        return [Hit(self.text[a:b], (a, b), form, concept, 100.0) for a, b in spans]

    def _pieces(self) -> frozenset[str]:
        """Every substring of up to STEM letters of the distinct words: the pre-test of ``find``
        in one set look-up instead of a scan of every word."""
        if self._piece_set is None:
            self._piece_set = frozenset(
                w[i : i + n] for w in self._words for n in range(1, STEM + 1) for i in range(len(w) - n + 1)
            )
        return self._piece_set

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
        """Every mention of the concept or its members (and of ``extra_forms``), in text order.
        Kept per text: every role of a spec asks for the same concepts."""
        key = (concept.key, extra_forms)
        if key not in self._concept_hits:
            self._concept_hits[key] = self._find_concept(concept, extra_forms)
        return list(self._concept_hits[key])

    def _find_concept(self, concept: Concept, extra_forms: tuple[str, ...]) -> list[Hit]:
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
    # In start order, longest first, every span kept so far starts at or before this one: it
    # lies inside one of them exactly when it ends at or before the furthest end kept so far.
    # One sort and one pass (comparing each hit with every kept span took time squared).
    best: list[Hit] = []
    furthest = -1
    for h in sorted(hits, key=lambda h: (h.span[0], -(h.span[1] - h.span[0]), -h.score, h.form)):
        if h.span[1] <= furthest:
            continue
        best.append(h)
        furthest = h.span[1]
    return sorted(best, key=lambda h: (h.span, h.form))


@dataclass(frozen=True)
class OccupationGroup:
    key: str
    role_names: tuple[str, ...]
    titles: tuple[str, ...]
    duties: tuple[str, ...]
    related_titles: tuple[str, ...] = ()  # near the group: undecided without more, never counted as met
    related_titles_in_it: tuple[str, ...] = ()  # the same, where the entry shows IT work (``it_context``)


@knowledge_cache
def occupation_groups() -> dict[str, OccupationGroup]:
    return {
        k: OccupationGroup(
            k,
            tuple(v.role_names),
            tuple(v.titles),
            tuple(v.duties),
            tuple(v.related_titles),
            tuple(v.related_titles_in_it),
        )
        for k, v in occupations_lexicon().groups.items()
    }


TITLE_CUTOFF = 92.0  # rapidfuzz ratio for a misspelt title ("Support Technichian"); "servicetekniker"
# against "servertekniker" (a different occupation) scores 89.7
TITLE_SAME_START = 2  # letters a misspelt title shares with its form at the start
TITLE_MAX_WORDS = 8  # a title longer than this is read by its first words
# shorter titles only match exactly ("it-tekniker" and "el-tekniker" differ by two letters)
TITLE_MIN_LENGTH = 8


@lru_cache(maxsize=4096)
def fuzzy_title(title: str, forms: tuple[str, ...]) -> str | None:
    """The form a (misspelt) entry title writes: each form of at least ``TITLE_MIN_LENGTH``
    letters against every run of consecutive words of the title ("IT-Technican" is one word, "it
    technician" two), by rapidfuzz ratio on the letters without spaces (``TITLE_CUTOFF``). Entry
    titles are a few words each, so this compares a handful of strings per entry, never the words
    of a whole CV."""
    words = [w for w in (_compact(w) for w in title.split()[:TITLE_MAX_WORDS]) if w]
    runs = ["".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
    best: tuple[float, str] | None = None
    for form in forms:
        target = _compact(form)
        if len(target) < TITLE_MIN_LENGTH or not runs:
            continue
        # a misspelling keeps the word's start: "Driftansvarig" is no misspelt "IT-driftansvarig"
        same_start = [r for r in runs if r[:TITLE_SAME_START] == target[:TITLE_SAME_START]]
        found = process.extractOne(target, same_start, scorer=fuzz.ratio, score_cutoff=TITLE_CUTOFF)
        if found is not None and (best is None or found[1] > best[0]):
            best = (float(found[1]), form)
    return best[1] if best else None


@dataclass(frozen=True)
class OccupationWords:
    """The words around occupations in scopes and role names (models/lexicon/occupations.yml)."""

    own_role_scopes: tuple[str, ...]  # "liknande arbete": the role's own kind of work
    scope_fillers: frozenset[str]  # words of a scope that name no kind of work
    coordinators: tuple[str, ...]  # words that join the parts of a scope
    role_name_qualifiers: frozenset[str]  # "senior": words of a role name that name no work
    it_context: tuple[str, ...] = ()  # words that show an entry is IT work


@knowledge_cache
def occupation_words() -> OccupationWords:
    data = occupations_lexicon()
    return OccupationWords(
        tuple(data.own_role_scopes),
        frozenset(data.scope_fillers),
        tuple(lang.coordinators()),
        frozenset(data.role_name_qualifiers),
        tuple(data.it_context),
    )
