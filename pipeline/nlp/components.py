"""spaCy components and architectures registered by the project (imported before a pipeline
is loaded or trained).

``kravmatch_lexicon_lemmatizer`` runs after the trained lemmatizer and combines it with a large
Swedish dictionary (simplemma), by ``combine_lemma``: the dictionary's lemma where simplemma
knows the word and its lemma fits the part of speech the tagger chose; the trained lemmatizer's
for words simplemma does not know, and where the dictionary's lemma is of another word class
and the model's is a word that fits. Domain corrections (models/lexicon/lemma_exceptions.yml)
override both: "tekniker" stays "tekniker". Measured on held-out Talbanken in models/README.md.

``kravmatch_lemma_norm`` runs first, before ``tok2vec``: it sets each token's NORM to the
lower-cased dictionary lemma (``lemma_norm``), so the tagger's hash embeddings see one feature
for every inflection of a word the dictionary knows ("brandväggarna", "brandväggar" ->
"brandvägg") while LOWER keeps the surface form; it also gives each word its paradigm class
(``word_class``), which ``kravmatch.HashCharEmbed.v2`` embeds with the word's ``inflection``.
``kravmatch_closed_class`` (after the morphologizer) sets the one part of speech of listed
closed-class words. The lexicon lemmatizer reads ``token.text`` and the POS only, so the
screening path (tokenizer + lexicon lemmatizer) needs neither.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from pipeline.knowledge import lemma_exceptions, lemma_rules


@cache
def _exceptions() -> tuple[dict[str, str], dict[str, str]]:
    data = lemma_exceptions()
    return dict(data.protect_suffixes), dict(data.words)


@cache
def _rules() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in lemma_rules().model_dump().items() if isinstance(v, list)}


@cache
def _paradigm_endings() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in lemma_rules().paradigm_endings.items()}


@cache
def dictionary_knows(form: str) -> bool:
    """Whether simplemma's Swedish dictionary has the form (not a guess from its affix rules)."""
    import simplemma

    return bool(simplemma.is_known(form, lang="sv"))


def _names_a_verb(low: str, lemma: str, endings: frozenset[str]) -> bool:
    """The form is a participle, verbal noun or bare stem of the verb ``lemma``."""
    stem = lemma[:-1] if lemma.endswith("a") else lemma
    return any(low == stem + e for e in endings) and low != lemma


def fits(form: str, pos: str, lemma: str) -> bool:
    """Whether a dictionary lemma fits the part of speech the tagger chose (see lemma_rules.yml)."""
    rules = _rules()
    low, lem = form.lower(), lemma.lower()
    if pos in rules["verb_pos"]:
        return lem[-1:] in rules["verb_lemma_endings"] and not (
            lem.startswith(low) and lem[len(low) :] != "a"
        )
    if (
        lem != low
        and lem[-1:] in rules["verb_lemma_endings"]
        and _names_a_verb(low, lem, rules["participle_endings"])
    ):
        return False
    if pos in rules["prefix_pos"]:
        return not (lem != low and (low.startswith(lem[:-1]) or lem.startswith(low)))
    if pos in rules["name_pos"]:
        return lem == low or any(low == lem + e for e in rules["genitive_endings"])
    return True


def combine_lemma(form: str, pos: str, model_lemma: str, lexicon_lemma: str) -> str:
    """The lemma of one token from the trained lemmatizer's and the dictionary's proposals.

    Domain exceptions first (models/lexicon/lemma_exceptions.yml); then the dictionary's lemma
    where simplemma knows the word (it is in its dictionary, or its rules changed the form) and
    that lemma fits the tagged part of speech (``fits``); the trained lemmatizer's otherwise.
    Called with pos="NOUN" and model_lemma=form when no tagger ran: the dictionary's lemma
    where it knows the word, the form where not.
    """
    low = form.lower()
    suffixes, words = _exceptions()
    if low in words:
        return words[low]
    for suffix, lemma in suffixes.items():
        if low.endswith(suffix):
            return low[: len(low) - len(suffix)] + lemma
    known = lexicon_lemma.lower() != low or dictionary_knows(form)
    if not known or pos in _rules()["model_pos"] or not lexicon_lemma:
        return model_lemma
    if fits(form, pos, lexicon_lemma):
        return lexicon_lemma
    # the dictionary's lemma is of another word class: the model's, if it is a word that fits
    if model_lemma.lower() == low or (dictionary_knows(model_lemma) and fits(form, pos, model_lemma)):
        return model_lemma
    return lexicon_lemma


UNKNOWN_NORM = "<okänt>"


NORM_MODES = ("form", "marker")


@lru_cache(maxsize=200_000)
def lemma_norm(form: str, unknown: str = "form") -> str:
    """The NORM feature of a word: simplemma's lemma of its lower-cased form, lower-cased. For a
    word the dictionary does not know (not in it, and its rules leave the form unchanged):
    the lower-cased form (``unknown="form"``) or one shared marker (``"marker"``), which tells
    the tagger that the dictionary does not know the word (a name, a new compound)."""
    import simplemma

    low = form.lower()
    lemma = simplemma.lemmatize(low, lang="sv").lower()
    if unknown == "form" or lemma != low or dictionary_knows(low):
        return lemma
    return UNKNOWN_NORM


def paradigm_classes() -> dict[str, str]:
    """Every lemma of simplemma's Swedish dictionary with its paradigm class ("N", "V", "A", or
    several, "NV"; "I" for a lemma with no other form; "" for none of these), from the endings in
    lemma_rules.yml. Built once when the pipeline is trained (about 20 s) and stored with it."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    endings = _paradigm_endings()
    tails: dict[str, set[str]] = {}
    for form, lemma in DefaultDictionaryFactory().get_dictionary("sv").items():
        f, lem = str(form).lower(), str(lemma).lower()
        k = 0
        while k < min(len(f), len(lem)) and f[k] == lem[k]:
            k += 1
        tails.setdefault(lem, set()).add(f[k:])
    out = {}
    for lem, ts in tails.items():
        code = "".join(c for c, ends in endings.items() if ts & ends)
        out[lem] = code or ("I" if ts <= {""} else "")
    return out


if not Doc.has_extension("kravmatch_word_classes"):
    Doc.set_extension("kravmatch_word_classes", default=None)


@Language.factory("kravmatch_lemma_norm", default_config={"unknown": "form"})
def make_lemma_norm(nlp: Language, name: str, unknown: str) -> LemmaNorm:
    if unknown not in NORM_MODES:
        raise ValueError(f"kravmatch_lemma_norm: unknown must be one of {NORM_MODES}, not {unknown!r}")
    return LemmaNorm(unknown)


class LemmaNorm:
    """Sets each token's NORM to its dictionary lemma (``lemma_norm``), and
    ``doc._.kravmatch_word_classes`` to each token's ``word_class``: the paradigm class of its
    lemma and of the form itself where it is a lemma too ("försök": "V/N", the verb "försöka"'s
    stem and a noun); "?" for words the dictionary does not know."""

    FILE = "word_classes.json.gz"

    def __init__(self, unknown: str) -> None:
        self.unknown = unknown
        self.classes: dict[str, str] = {}
        self._seen: dict[str, str] = {}

    def initialize(self, get_examples=None, *, nlp=None) -> None:  # noqa: ANN001
        self.classes = paradigm_classes()
        self._seen = {}

    def word_class(self, form: str) -> str:
        if form not in self._seen:
            if len(self._seen) > 200_000:
                self._seen.clear()
            self._seen[form] = self._word_class(form)
        return self._seen[form]

    def _word_class(self, form: str) -> str:
        low = form.lower()
        lemma = lemma_norm(form, "form")
        if lemma == low and not dictionary_knows(low):
            return "?"
        own = self.classes.get(low, "-") if low != lemma else ""
        return f"{self.classes.get(lemma, '-')}/{own}"

    def __call__(self, doc: Doc) -> Doc:
        classes = []
        for token in doc:
            if token.is_space:
                classes.append("")
                continue
            token.norm_ = lemma_norm(token.text, self.unknown)
            classes.append(self.word_class(token.text))
        doc._.kravmatch_word_classes = classes
        return doc

    def to_disk(self, path, *, exclude=()) -> None:  # noqa: ANN001
        import srsly

        Path(path).mkdir(parents=True, exist_ok=True)
        srsly.write_gzip_json(Path(path) / self.FILE, self.classes)

    def from_disk(self, path, *, exclude=()):  # noqa: ANN001, ANN201
        import srsly

        file = Path(path) / self.FILE
        self.classes = dict(srsly.read_gzip_json(file)) if file.exists() else {}
        self._seen = {}
        return self


@lru_cache(maxsize=200_000)
def inflection(form: str) -> str:
    """How a word differs from its dictionary lemma: the lemma's last letter, then what the
    lemma has and the form has after their common beginning ("ökade" -> "a:>de", "brandväggarna"
    -> "g:>arna", "sprang" -> "a:inga>ang"); "?" for a word the dictionary does not know. A word
    class signal that carries over to words the training data never had."""
    import simplemma

    low = form.lower()
    lemma = simplemma.lemmatize(low, lang="sv").lower()
    if lemma == low and not dictionary_knows(low):
        return "?"
    k = 0
    while k < min(len(low), len(lemma)) and low[k] == lemma[k]:
        k += 1
    return f"{lemma[-1:]}:{lemma[k:]}>{low[k:]}"


@lru_cache(maxsize=1024)
def _string_id(value: str) -> int:
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    return int(hash_string(value))


@lru_cache(maxsize=200_000)
def _inflection_id(form: str) -> int:
    return _string_id(inflection(form))


def _word_features(name: str):  # noqa: ANN202
    """A thinc layer giving, per doc, one hashed string per token: its ``inflection`` or its
    ``word_class`` (``doc._.kravmatch_word_classes``, set by ``kravmatch_lemma_norm``)."""
    from thinc.api import Model

    def values(doc: Doc) -> list[list[int]]:
        if name == "inflection":
            return [[_inflection_id(t.text)] for t in doc]
        classes = doc._.kravmatch_word_classes or [""] * len(doc)
        return [[_string_id(c)] for c in classes]

    def forward(model, docs, is_train):  # noqa: ANN001, ANN202
        ids = [model.ops.asarray2i(values(doc), dtype="uint64") for doc in docs]
        return ids, lambda d_ids: []

    return Model(f"word_feature_{name}", forward)


WORD_FEATURES = ("inflection", "word_class")


def _hash_char(width: int, attrs: list[str], rows: list[int], nM: int, nC: int, features: dict[str, int]):  # noqa: ANN202, N803
    from spacy.ml._character_embed import CharacterEmbed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

    parts: list[Model] = [
        chain(MultiHashEmbed(width, attrs, rows, include_static_vectors=False), list2ragged()),
        chain(CharacterEmbed(nM=nM, nC=nC), list2ragged()),
    ]
    for i, (name, n_rows) in enumerate(features.items()):
        if name not in WORD_FEATURES:
            raise ValueError(f"unknown word feature {name!r} (one of {WORD_FEATURES})")
        embed: Model = HashEmbed(width // 2, n_rows, column=0, seed=17 + i, dropout=0.0)
        parts.append(chain(_word_features(name), list2ragged(), with_array(embed)))
    n_in = width + nM * nC + len(features) * (width // 2)
    mix: Model = with_array(Maxout(width, n_in, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(*parts), mix, ragged2list())


@registry.architectures("kravmatch.HashCharEmbed.v1")
def hash_char_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int):  # noqa: ANN201, N803
    """Hash embeddings of word attributes beside embeddings of the word's first and last UTF-8
    bytes (nC in all), mixed by one maxout layer. Swedish inflection sits in endings longer than
    SUFFIX's three characters ("-arna", "-ande", "-ningen"), which the bytes see for words the
    training data never had."""
    return _hash_char(width, attrs, rows, nM, nC, {})


@registry.architectures("kravmatch.HashCharEmbed.v2")
def hash_char_embed_v2(  # noqa: ANN201
    width: int,
    attrs: list[str],
    rows: list[int],
    nM: int,  # noqa: N803
    nC: int,  # noqa: N803
    features: list[str],
    feature_rows: list[int],
):
    """v1 plus hash embeddings of word features computed from the dictionary (``WORD_FEATURES``)."""
    return _hash_char(width, attrs, rows, nM, nC, dict(zip(features, feature_rows, strict=True)))


@cache
def closed_class() -> dict[str, str]:
    """Lower-cased word -> its only UPOS (lemma_rules.yml, ``closed_class``)."""
    data = lemma_rules().closed_class
    return {word: upos for upos, words in data.items() for word in words}


@Language.component("kravmatch_closed_class")
def closed_class_pos(doc: Doc) -> Doc:
    """Sets the part of speech of the closed-class words that have only one (lemma_rules.yml),
    whatever the tagger said: "tre" is NUM, "varandra" PRON, "utöver" ADP."""
    words = closed_class()
    for token in doc:
        upos = words.get(token.lower_)
        if upos:
            token.pos_ = upos
    return doc


@Language.factory("kravmatch_lexicon_lemmatizer", default_config={"lang": "sv"})
def make_lexicon_lemmatizer(nlp: Language, name: str, lang: str) -> LexiconLemmatizer:
    return LexiconLemmatizer(lang)


class LexiconLemmatizer:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        import simplemma

        for token in doc:
            if token.is_space:
                continue
            lexicon = simplemma.lemmatize(token.text, lang=self.lang)
            token.lemma_ = combine_lemma(token.text, token.pos_, token.lemma_ or token.text, lexicon)
        return doc

    # Nothing to train or store: the pipeline's config recreates it.
    def to_disk(self, path, *, exclude=()) -> None:  # noqa: ANN001
        pass

    def from_disk(self, path, *, exclude=()):  # noqa: ANN001, ANN201
        return self
