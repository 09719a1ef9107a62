"""The Swedish pipeline: loader fallback, lemmas of domain words, lexicon terms in inflected forms,
and the compound rules the matcher relies on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.nlp.components import (
    UNKNOWN_NORM,
    LemmaNorm,
    closed_class_pos,
    combine_lemma,
    inflection,
    lemma_norm,
)
from pipeline.nlp.compounds import tokens
from pipeline.nlp.lexicon import TextIndex
from pipeline.nlp.load import choose, load_pipeline, own_pipeline_dir

ABSENT = ("sv_core_news_not_installed_here",)


def test_loader_falls_back_to_the_project_pipeline_when_no_official_one_is_installed(monkeypatch) -> None:
    monkeypatch.delenv("KRAVMATCH_SPACY_MODEL", raising=False)
    assert choose(official=ABSENT) == (str(own_pipeline_dir()), "project")
    loaded = load_pipeline(official=ABSENT)
    assert loaded.source == "project"
    assert {"morphologizer", "trainable_lemmatizer", "lexicon_lemmatizer"} <= set(loaded.nlp.pipe_names)


def test_requested_pipeline_that_does_not_exist_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("KRAVMATCH_SPACY_MODEL", "sv_core_news_nowhere")
    with pytest.raises(OSError, match="neither a folder nor an installed package"):
        load_pipeline()


def test_pipeline_loads_in_a_fresh_process_and_lemmatises_domain_words() -> None:
    code = (
        "from pipeline.nlp.load import load_pipeline\n"
        "nlp = load_pipeline(official=('sv_core_news_absent',)).nlp\n"
        "doc = nlp('Hon felsöker nätverken, byter brandväggar och routrar som IT-tekniker.')\n"
        "print(' '.join(t.lemma_.lower() for t in doc if not t.is_punct))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "KRAVMATCH_SPACY_MODEL"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    lemmas = dict(
        zip(
            ["hon", "felsöker", "nätverken", "byter", "brandväggar", "och", "routrar", "som", "it-tekniker"],
            out,
            strict=True,
        )
    )
    assert lemmas["nätverken"] == "nätverk"
    assert lemmas["brandväggar"] == "brandvägg"
    assert lemmas["routrar"] == "router"
    assert lemmas["it-tekniker"] == "it-tekniker"  # not "it-teknik"


def test_screening_index_finds_lexicon_terms_in_inflected_forms() -> None:
    from pipeline.nlp.lexicon import TextIndex, concepts

    index = TextIndex(
        "Jag har bytt brandväggarna, konfigurerat switcharna och felsökt skrivarna i ServiceNow."
    )
    found = {
        (hit.surface.lower(), key)
        for key in ("networks", "peripherals", "ticket_systems")
        for hit in index.find_concept(concepts()[key])
    }
    assert {("brandväggarna", "networks"), ("switcharna", "networks")} <= found
    assert ("skrivarna", "peripherals") in found
    assert ("servicenow", "ticket_systems") in found


@pytest.mark.parametrize(
    ("form", "pos", "model", "lexicon", "expected"),
    [
        # domain exceptions win over both
        ("tekniker", "NOUN", "teknik", "teknik", "tekniker"),
        ("nätverksteknikerna", "NOUN", "nätverksteknik", "nätverksteknik", "nätverkstekniker"),
        ("routrar", "NOUN", "routr", "router", "router"),
        ("första", "ADJ", "första", "en", "första"),
        # the dictionary where it knows the word and its lemma fits the tag
        ("budet", "NOUN", "bude", "bud", "bud"),
        ("servrarna", "NOUN", "servrarn", "server", "server"),
        ("felsökte", "VERB", "felsökta", "felsöka", "felsöka"),
        # the model for words the dictionary does not know
        ("kibbutzbarnen", "NOUN", "kibbutzbarn", "kibbutzbarnen", "kibbutzbarn"),
        ("molnplattformarna", "NOUN", "molnplattform", "molnplattformarna", "molnplattform"),
        # a dictionary lemma of another word class: the model's
        ("helt", "ADV", "helt", "hel", "helt"),  # an adverb is not the adjective "hel"
        ("ökade", "ADJ", "ökad", "öka", "ökad"),  # a participle is not the verb
        ("krävande", "ADJ", "krävande", "kräva", "krävande"),
        ("försök", "NOUN", "försök", "försöka", "försök"),  # the noun, not the verb's stem
        ("klara", "VERB", "klara", "klar", "klara"),  # a verb's lemma is an infinitive
        ("Rose", "PROPN", "Rose", "rosa", "Rose"),
        # ... unless the model's lemma is no word that fits either
        ("datorerna", "VERB", "datorern", "dator", "dator"),
    ],
)
def test_combine_lemma(form: str, pos: str, model: str, lexicon: str, expected: str) -> None:
    assert combine_lemma(form, pos, model, lexicon) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [("brandväggarna", "brandvägg"), ("skrivarna", "skrivare"), ("nätverken", "nätverk"),
     ("supportteknikern", "supporttekniker"), ("kibbutzbarnen", "kibbutzbarnen")],
)  # fmt: skip
def test_combine_lemma_without_a_tagger_takes_the_dictionary_form_where_known(
    form: str, expected: str
) -> None:
    import simplemma

    assert combine_lemma(form, "NOUN", form, simplemma.lemmatize(form, lang="sv")) == expected


# Hand-made sentences, gold in UD Swedish-Talbanken's conventions: (form, lemma, UPOS).
GOLD = [
    "Teknikern/tekniker/NOUN installerade/installera/VERB nya/ny/ADJ datorer/dator/NOUN och/och/CCONJ "
    "skrivare/skrivare/NOUN på/på/ADP kontoret/kontor/NOUN ././PUNCT",
    "Hon/hon/PRON har/ha/AUX arbetat/arbeta/VERB med/med/ADP nätverk/nätverk/NOUN i/i/ADP fem/fem/NUM "
    "år/år/NOUN ././PUNCT",
    "Användarna/användare/NOUN ringer/ringa/VERB supporten/support/NOUN när/när/SCONJ "
    "servrarna/server/NOUN inte/inte/PART fungerar/fungera/VERB ././PUNCT",
    "Vi/vi/PRON söker/söka/VERB en/en/DET erfaren/erfaren/ADJ tekniker/tekniker/NOUN som/som/PRON "
    "kan/kunna/AUX felsöka/felsöka/VERB brandväggar/brandvägg/NOUN och/och/CCONJ routrar/router/NOUN ././PUNCT",
    "De/den/DET gamla/gammal/ADJ programmen/program/NOUN saknade/sakna/VERB stöd/stöd/NOUN för/för/ADP "
    "moderna/modern/ADJ skärmar/skärm/NOUN ././PUNCT",
    "Leverantören/leverantör/NOUN ska/skola/AUX ha/ha/AUX levererat/leverera/VERB tjänsten/tjänst/NOUN "
    "under/under/ADP minst/minst/ADV tre/tre/NUM år/år/NOUN ././PUNCT",
]


def test_shipped_pipeline_meets_the_accuracy_thresholds_on_hand_made_sentences() -> None:
    from pipeline.nlp.evaluate import annotate, summarise

    sentences = [[tuple(w.rsplit("/", 2)) for w in line.split()] for line in GOLD]
    nlp = load_pipeline(str(own_pipeline_dir())).nlp
    scored = annotate(nlp, sentences)  # type: ignore[arg-type]
    pipeline, model = summarise(scored, "pipeline"), summarise(scored, "model")
    assert pipeline.upos is not None and pipeline.upos >= 0.88
    assert pipeline.lemma >= 0.94
    assert pipeline.lemma >= model.lemma  # the lexicon step does not make lemmas worse


@pytest.mark.parametrize(
    "text", ["nätverksmiljö", "nätverkstekniker", "datornätverk", "nätverken", "Nätverk"]
)
def test_topic_found_inside_compounds_and_inflections(text: str) -> None:
    assert TextIndex(f"Arbete med {text} varje dag").find("nätverk")


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("drift- och supporttekniker", "drifttekniker"),
        ("hård- och mjukvara", "hårdvara"),
        ("nätverks- och drifttekniker", "nätverkstekniker"),
    ],
)
def test_hyphen_coordination_expands(text: str, form: str) -> None:
    assert form in {t.text for t in tokens(text)}


@pytest.mark.parametrize(("text", "form"), [("teknik", "tekniker"), ("Easter", "easit"), ("oss", "os")])
def test_short_or_different_words_do_not_match(text: str, form: str) -> None:
    assert not TextIndex(text).find(form)


@pytest.mark.parametrize(
    ("form", "unknown", "expected"),
    [
        ("Brandväggarna", "marker", "brandvägg"),  # every inflection of a known word: its lemma
        ("brandväggar", "marker", "brandvägg"),
        ("sprang", "marker", "springa"),
        ("Stockholms", "marker", "stockholm"),
        ("kibbutzbarnen", "marker", UNKNOWN_NORM),  # a word the dictionary does not know
        ("kibbutzbarnen", "form", "kibbutzbarnen"),
    ],
)
def test_lemma_norm_gives_the_dictionary_lemma_of_known_words(form: str, unknown: str, expected: str) -> None:
    assert lemma_norm(form, unknown) == expected


def test_inflection_and_word_class_features() -> None:
    assert inflection("ökade") == "a:>de"
    assert inflection("brandväggarna") == "g:>arna"
    assert inflection("kibbutzbarnen") == "?"
    norm = LemmaNorm("marker")
    norm.classes = {"försöka": "V", "försök": "N", "brandvägg": "N"}
    assert norm.word_class("försök") == "V/N"  # the verb's stem and a noun of its own
    assert norm.word_class("brandväggarna") == "N/-"
    assert norm.word_class("kibbutzbarnen") == "?"


def test_closed_class_words_get_their_only_part_of_speech() -> None:
    import spacy

    doc = spacy.blank("sv")("tre varandra utöver en")
    for token in doc:
        token.pos_ = "NOUN"
    closed_class_pos(doc)
    assert [t.pos_ for t in doc] == ["NUM", "PRON", "ADP", "NOUN"]  # "en" is left to the tagger


def test_shipped_pipeline_embeds_lemmas_but_screening_needs_only_the_lexicon_step() -> None:
    from pipeline.nlp.lexicon import LEXICON_FACTORY

    nlp = load_pipeline(str(own_pipeline_dir())).nlp
    assert nlp.pipe_names[0] == "lemma_norm"
    doc = nlp("Brandväggarna byttes.")
    assert doc[0].norm_ == "brandvägg" and doc._.kravmatch_word_classes[0] == "N/-"
    lexicon = [n for n, _ in nlp.pipeline if nlp.get_pipe_meta(n).factory == LEXICON_FACTORY]
    with nlp.select_pipes(enable=lexicon):
        assert [t.lemma_ for t in nlp("Brandväggarna byttes")][0] == "brandvägg"
