"""Language packs (models/lang/*.yml) and the typed knowledge loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline import lang
from pipeline.cv.dates import find_period
from pipeline.cv.entries import language_skills
from pipeline.cv.parse import record_from_text
from pipeline.cv.sections import CVLine, CVText
from pipeline.errors import KnowledgeError
from pipeline.knowledge import EducationLexicon, clear_caches, load_typed, models_dir


@pytest.fixture
def models_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of models/lang and lexicon/education.yml that a test may break; the caches are
    cleared on the way in and out, so no other test sees the broken files."""
    shutil.copytree(models_dir() / "lang", tmp_path / "lang")
    (tmp_path / "lexicon").mkdir()
    shutil.copy(models_dir() / "lexicon" / "education.yml", tmp_path / "lexicon" / "education.yml")
    monkeypatch.setenv("KRAVMATCH_MODELS", str(tmp_path))
    clear_caches()
    yield tmp_path
    monkeypatch.delenv("KRAVMATCH_MODELS")
    clear_caches()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_misspelt_pack_key_fails_at_load_naming_file_and_key(models_copy: Path) -> None:
    _edit(models_copy / "lang" / "sv.yml", "\nfillers:", "\nfilers:")
    with pytest.raises(KnowledgeError) as info:
        lang.registry()
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(models_copy / "lang" / "sv.yml") + ": fillers: missing")
    assert "unknown key filers" in message
    assert info.value.key == "fillers"


def test_yaml_boolean_instead_of_a_word_is_an_error(models_copy: Path) -> None:
    _edit(models_copy / "lang" / "en.yml", 'fillers: [of, in, "on",', "fillers: [of, in, on,")
    with pytest.raises(KnowledgeError, match=r"en\.yml: fillers\[2\]: Input should be a valid string"):
        lang.registry()


def test_packs_must_agree_on_education_ranks(models_copy: Path) -> None:
    _edit(models_copy / "lang" / "sv.yml", "  högskola:\n    rank: 3", "  högskola:\n    rank: 4")
    with pytest.raises(KnowledgeError, match=r"sv\.yml: education_levels: levels or ranks differ"):
        lang.registry()


def test_typed_lexicon_names_a_misspelt_key(models_copy: Path) -> None:
    _edit(models_copy / "lexicon" / "education.yml", "\nit_field_words:", "\nit_feld_words:")
    with pytest.raises(
        KnowledgeError, match=r"education\.yml: it_field_words: missing; unknown key it_feld_words"
    ):
        load_typed("lexicon/education.yml", EducationLexicon)


def test_a_new_pack_file_is_a_new_language(models_copy: Path) -> None:
    text = (models_copy / "lang" / "en.yml").read_text(encoding="utf-8").replace("code: en", "code: de")
    text = text.replace("  january: 1\n", "  januar: 1\n")
    (models_copy / "lang" / "de.yml").write_text(text, encoding="utf-8")
    assert set(lang.registry()) == {"de", "en", "sv"}
    assert lang.all_month_names()["januar"] == 1
    assert lang.language_code("polnisch") == "pl"  # German names from the CLDR


def test_polish_is_known_to_specs_and_cvs() -> None:
    assert lang.language_code("polska") == "pl"
    assert lang.language_code("Polish") == "pl"
    assert lang.language_code("  POLSKA ") == "pl"
    assert lang.language_code("farsi") == "fa"  # an alias the CLDR lacks
    assert lang.language_code("meänkieli") == "fit"
    assert lang.language_code("kunskaper") is None
    skills = language_skills([CVLine("Polska – flytande", (0, 17), False)])
    assert [(s.language, s.level, s.text, s.span) for s in skills] == [
        ("pl", "fluent", "Polska – flytande", (0, 17))
    ]


def test_cv_language_section_reads_cldr_names_and_cefr() -> None:
    text = "Språk\nSvenska – modersmål\nPolska – flytande\nJapanese: B1\nTyska (A2)"
    lines, offset = [], 0
    for part in text.split("\n"):
        lines.append(CVLine(part, (offset, offset + len(part)), False))
        offset += len(part) + 1
    record = record_from_text(CVText("cv.txt", text, tuple(lines)))
    assert [(s.language, s.level) for s in record.languages] == [
        ("sv", "native"),
        ("pl", "fluent"),
        ("ja", "good"),
        ("de", "basic"),
    ]


def test_proficiency_words_and_cefr() -> None:
    assert lang.proficiency("C1") == "fluent"
    assert lang.proficiency("c2") == "fluent"
    assert lang.proficiency("B2") == "good"
    assert lang.proficiency("A1") == "basic"
    assert lang.proficiency("flytande") == "fluent"
    assert lang.proficiency("Mother tongue") == "native"
    assert lang.proficiency("utmärkt") is None
    # "Mycket goda", "Mycket bra" and "Bra" are good, below fluent (cvs-real G10)
    assert lang.proficiency_in("mycket goda kunskaper") == "good"
    assert lang.proficiency_in("Mycket bra") == "good"
    assert lang.proficiency_in("Bra") == "good"
    assert lang.proficiency_in("flytande, mycket goda kunskaper i skrift") == "fluent"
    assert lang.proficiency_in("goda kunskaper") == "good"
    assert lang.proficiency_in("limited working knowledge") == "basic"
    assert [level for level, _ in lang.proficiency_levels()] == ["native", "basic", "fluent", "good"]


def test_month_abbreviations_in_each_language() -> None:
    months = lang.all_month_names()
    assert (months["okt"], months["maj"], months["oct"], months["may"]) == (10, 5, 10, 5)
    sv = find_period("okt 2019 – maj 2021")
    en = find_period("Oct 2019 - May 2021")
    assert sv is not None and (sv.start, sv.end) == ((2019, 10), (2021, 5))
    assert en is not None and (en.start, en.end) == ((2019, 10), (2021, 5))


def test_seasons_and_unknown_ends() -> None:
    p = find_period("Våren 2019 – hösten 2020")
    assert p is not None and (p.start, p.end) == ((2019, 3), (2020, 11))
    p = find_period("summer 2023")
    assert p is None  # a season alone is a point, not a period
    p = find_period("2015-09 – okänd")
    assert p is not None and (p.start, p.end, p.unknown_end) == ((2015, 9), (2015, 9), True)
    p = find_period("mars 2017 till i dag")
    assert p is not None and p.ongoing and p.start == (2017, 3)


def test_merged_views() -> None:
    assert lang.number_value("tre") == 3
    assert lang.number_value("three") == 3
    assert lang.number_value("ett halvt") == 0.5
    assert lang.number_value("1,5") == 1.5
    assert lang.number_value("många") is None
    assert lang.coordinators()["och"] == "all"
    assert lang.coordinators()["eller"] == "any"
    assert lang.coordinators()["and/or"] == "any"
    assert {"som", "inom", "på", "of"} <= lang.fillers()
    levels = lang.education_levels()
    assert [(lv.name, lv.rank) for lv in levels] == [("högskola", 3), ("yrkeshögskola", 2), ("gymnasium", 1)]
    assert "kandidatexamen" in levels[0].cues and "bachelor" in levels[0].cues
    assert lang.education_rank("yrkeshögskola") == 2
    assert lang.cv_headings()["work experience"] == "work"
    assert lang.cv_headings()["språkkunskaper"] == "languages"


def test_alternation_is_the_one_regex_helper() -> None:
    alt = lang.alternation(["goda", "mycket goda", "t.o.m.", "goda"])
    assert alt == r"(?:mycket\s+goda|t\.o\.m\.|goda)"
    assert re.search(alt, "Engelska: mycket  goda")[0] == "mycket  goda"  # type: ignore[index]
    bounded = re.compile(lang.alternation(["i", "t.o.m."], bounded=True))
    assert bounded.search("arbete i drift") is not None
    assert bounded.search("inom") is None
    assert bounded.search("2019 t.o.m. 2020") is not None
    assert re.search(lang.alternation([]), "anything") is None


@pytest.fixture
def whole_models_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every file of models/ linked into a temporary folder, the lexicon files copied so a test
    may break one; caches cleared on the way in and out."""
    root = tmp_path / "models"
    for item in models_dir().iterdir():
        if item.name != "lexicon":
            (root / item.name).parent.mkdir(parents=True, exist_ok=True)
            (root / item.name).symlink_to(item)
    shutil.copytree(models_dir() / "lexicon", root / "lexicon")
    monkeypatch.setenv("KRAVMATCH_MODELS", str(root))
    clear_caches()
    yield root
    monkeypatch.delenv("KRAVMATCH_MODELS")
    clear_caches()


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        ("occupations.yml", "\nown_role_scopes:", "\nown_role_scope:", "own_role_scopes"),
        ("concepts.yml", "\n  products: true", "\n  product: true", "ticket_systems.product"),
        ("morphology.yml", "\nmin_tail: 6", "\nmin_tail: six", "min_tail"),
    ],
)
def test_a_broken_lexicon_stops_screen_before_any_work_in_one_line(
    whole_models_copy: Path, tmp_path: Path, file: str, old: str, new: str, key: str
) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    _edit(whole_models_copy / "lexicon" / file, old, new)
    spec = tmp_path / "spec.json"
    spec.write_text(
        '{"document": {"source": "s"}, "roles": [{"name": "Helpdesk 1", "requirements": [{"text": "t", '
        '"kind": "knowledge", "any_of": [[{"kind": "knowledge", "topics": ["datorer"]}]]}]}]}',
        encoding="utf-8",
    )
    cv = tmp_path / "cv.txt"
    cv.write_text("Anna\nARBETSLIVSERFARENHET\n2020-01 – 2021-01 Tekniker, Foo AB\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["screen", str(cv), "--spec", str(spec), "-o", str(out)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"kravmatch: error: {whole_models_copy / 'lexicon' / file}: {key}")
    assert not out.exists()
