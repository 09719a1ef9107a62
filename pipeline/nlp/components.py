"""spaCy components and architectures registered by the project (imported before a pipeline
is loaded or trained).

``kravmatch_lexicon_lemmatizer`` runs after the trained lemmatizer and combines it with a large
Swedish dictionary (simplemma), by ``combine_lemma``: the dictionary's lemma where simplemma
knows the word and its lemma fits the part of speech the tagger chose; the trained lemmatizer's
for words simplemma does not know, and where the dictionary's lemma is of another word class
and the model's is a word that fits. Domain corrections (models/lexicon/lemma_exceptions.yml)
override both: "tekniker" stays "tekniker". Measured on held-out Talbanken in models/README.md.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from pipeline.knowledge import load


@cache
def _exceptions() -> tuple[dict[str, str], dict[str, str]]:
    data = load("lexicon/lemma_exceptions.yml")
    return dict(data["protect_suffixes"]), dict(data["words"])


@cache
def _rules() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load("lexicon/lemma_rules.yml").items()}


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


@registry.architectures("kravmatch.HashCharEmbed.v1")
def hash_char_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int):  # noqa: ANN201, N803
    """Hash embeddings of word attributes beside embeddings of the word's first and last UTF-8
    bytes (nC in all), mixed by one maxout layer. Swedish inflection sits in endings longer than
    SUFFIX's three characters ("-arna", "-ande", "-ningen"), which the bytes see for words the
    training data never had."""
    from spacy.ml._character_embed import CharacterEmbed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

    hashed: Model = chain(MultiHashEmbed(width, attrs, rows, include_static_vectors=False), list2ragged())
    chars: Model = chain(CharacterEmbed(nM=nM, nC=nC), list2ragged())
    mix: Model = with_array(Maxout(width, width + nM * nC, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(hashed, chars), mix, ragged2list())


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
