"""spaCy components registered by the project (imported before a pipeline is loaded or trained).

``kravmatch_lexicon_lemmatizer`` runs after the trained lemmatizer and lets a large Swedish
lexicon (simplemma) decide where the model is weak. The rule was chosen on held-out Talbanken
(models/README.md): keep the model's lemma for words the lexicon does not know, for adverbs
and proper nouns, and for adjectives the model leaves unchanged; take the lexicon's otherwise.
Domain corrections (models/lexicon/lemma_exceptions.yml) come last: "tekniker" stays "tekniker".
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.knowledge import load

MODEL_POS = {"ADV", "PROPN", "NUM", "PUNCT", "SYM", "X"}


@cache
def _exceptions() -> tuple[dict[str, str], dict[str, str]]:
    data = load("lexicon/lemma_exceptions.yml")
    return dict(data["protect_suffixes"]), dict(data["words"])


def combine_lemma(form: str, pos: str, model_lemma: str, lexicon_lemma: str) -> str:
    """The lemma of one token from the model's and the lexicon's proposals (pure, tested)."""
    low = form.lower()
    suffixes, words = _exceptions()
    if low in words:
        return words[low]
    for suffix, lemma in suffixes.items():
        if low.endswith(suffix):
            return low[: len(low) - len(suffix)] + lemma
    if lexicon_lemma.lower() == low:  # the lexicon does not know the word
        return model_lemma
    if pos in MODEL_POS or (pos == "ADJ" and model_lemma.lower() == low):
        return model_lemma
    return lexicon_lemma


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
