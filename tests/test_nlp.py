"""The Swedish pipeline: loader fallback, lemmas of domain words, the lexicon entity ruler,
and the compound rules the matcher relies on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.nlp.components import combine_lemma
from pipeline.nlp.compounds import tokens
from pipeline.nlp.lexicon import TextIndex
from pipeline.nlp.load import choose, load_pipeline, own_pipeline_dir

ABSENT = ("sv_core_news_not_installed_here",)


def test_loader_falls_back_to_the_project_pipeline_when_no_official_one_is_installed(monkeypatch) -> None:
    monkeypatch.delenv("KRAVMATCH_SPACY_MODEL", raising=False)
    assert choose(official=ABSENT) == (str(own_pipeline_dir()), "project")
    loaded = load_pipeline(official=ABSENT)
    assert loaded.source == "project"
    assert {"morphologizer", "trainable_lemmatizer", "lexicon_lemmatizer", "kravmatch_lexicon"} <= set(
        loaded.nlp.pipe_names
    )


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


def test_entity_ruler_finds_lexicon_terms_in_inflected_forms() -> None:
    nlp = load_pipeline(official=ABSENT).nlp
    doc = nlp("Jag har bytt brandväggarna, konfigurerat switcharna och felsökt skrivarna i ServiceNow.")
    found = {(e.text.lower(), e.label_) for e in doc.ents}
    assert ("brandväggarna", "NETWORKS") in found or ("brandväggarna", "INFORMATION_SECURITY") in found
    assert ("skrivarna", "PERIPHERALS") in found
    assert ("servicenow", "TICKET_SYSTEMS") in found


@pytest.mark.parametrize(
    ("form", "pos", "model", "lexicon", "expected"),
    [
        ("tekniker", "NOUN", "teknik", "teknik", "tekniker"),
        ("nätverksteknikerna", "NOUN", "nätverksteknik", "nätverksteknik", "nätverkstekniker"),
        ("routrar", "NOUN", "routr", "router", "router"),
        ("helt", "ADV", "helt", "hel", "helt"),  # adverbs: the model
        ("kibbutzbarnen", "NOUN", "kibbutzbarn", "kibbutzbarnen", "kibbutzbarn"),  # unknown to the lexicon
        ("budet", "NOUN", "bude", "bud", "bud"),  # the lexicon where it knows the word
    ],
)
def test_combine_lemma(form: str, pos: str, model: str, lexicon: str, expected: str) -> None:
    assert combine_lemma(form, pos, model, lexicon) == expected


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
