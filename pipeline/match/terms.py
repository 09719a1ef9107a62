"""Open-vocabulary requirement terms: what a scope or topic asks a CV to show, and where a CV shows it.

A scope ("att leda utvecklingen av IdP (Identity provider) lösning", "SAML2, OAuth2.0, OIDC") is read
into ``ScopeTerms``: groups that must all be shown (parts joined by "och", "samt", ","), each a set of
alternatives (parts joined by "eller", "/", or given in parentheses), each alternative the terms of
its words. A term is a synonym of ``models/lexicon/terms.yml`` (its CV forms in Swedish and English),
a concept of the concept lexicon, a multi-word product name ("Azure DevOps", "Configuration
Manager") or one content word with its spellings (product versions normalised: "OAuth 2.0" =
"OAuth2"; "REST-API:er" = "REST-API"). Generic words and the activity verbs any work has are not
terms, so "utforma och bygga REST-API:er" is one activity shown by "byggt REST-API:er".

Terms are found in a text with ``TextIndex`` (spaCy phrase matchers on lower-case words and
lemmas, the compound and inflection rules of ``nlp.compounds``) and rapidfuzz for spellings of
product names; forms with symbols ("C#", ".NET", "C++") by exact boundaries. A CV word listed as a
near-miss of a term (``distinctions``: Podman for Docker, JavaScript for Java) never shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field

from pipeline import lang
from pipeline.knowledge import Strict, Word, knowledge_cache, load_typed, morphology
from pipeline.nlp.compounds import find_form, tokens
from pipeline.nlp.lexicon import TextIndex, concepts, occupation_words

# ---- the data file ----------------------------------------------------------------------------


class SynonymEntry(Strict):
    names: list[Word]
    members: list[Word]
    shows_activity: bool = False  # the thing is itself the work ("integrationsarkitekt", "dokumentation")


class Creation(Strict):
    verbs: list[Word]  # scope verbs that ask for the work of making the thing that follows
    shown_by: list[Word]  # CV words that say the thing was made (near it)
    before: int = Field(ge=0)  # characters a CV word may stand before the thing
    after: int = Field(ge=0)  # … or after it


class Distinction(Strict):
    term: Word
    not_: list[Word] = Field(alias="not")
    why: str


class TermsLexicon(Strict):
    """lexicon/terms.yml: generic words, weak verbs, synonyms and near-miss distinctions."""

    generic_words: list[Word]
    generic_phrases: list[Word]
    example_cues: list[Word]
    weak_verbs: list[Word]
    creation: Creation
    translations: dict[Word, list[Word]]
    synonyms: dict[str, SynonymEntry]
    distinctions: list[Distinction]


@knowledge_cache
def terms_lexicon() -> TermsLexicon:
    return load_typed("lexicon/terms.yml", TermsLexicon)


@knowledge_cache
def _generic() -> frozenset[str]:
    data = terms_lexicon()
    return frozenset(
        [*data.generic_words, *occupation_words().scope_fillers, *data.weak_verbs, *data.creation.verbs]
    )


@knowledge_cache
def near_misses() -> dict[str, tuple[str, ...]]:
    """Each term's near-misses, by the term's compact form ("docker" → podman, buildah, …)."""
    out: dict[str, list[str]] = {}
    for d in terms_lexicon().distinctions:
        out.setdefault(compact(d.term), []).extend(d.not_)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


# ---- the shapes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One thing to show, with every form that shows it (any one)."""

    label: str  # as the scope writes it
    forms: tuple[str, ...]
    key: str  # the synonym or concept it is, else its compact form
    shows_activity: bool = False  # the thing is itself the work: no verb of making needed


@dataclass(frozen=True)
class Group:
    """One part of a scope: shown when every term of one of its alternatives is."""

    label: str
    alternatives: tuple[tuple[Term, ...], ...]
    made: bool = False  # a verb of making precedes it ("att utforma och bygga REST-API:er")


@dataclass(frozen=True)
class ScopeTerms:
    groups: tuple[Group, ...]

    @property
    def labels(self) -> list[str]:
        return [g.label for g in self.groups]

    def __bool__(self) -> bool:
        return bool(self.groups)


@dataclass(frozen=True)
class Shown:
    """Where a text shows a group: the words quoted and their spans in the text."""

    group: str
    quotes: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


# ---- reading a scope --------------------------------------------------------------------------

_VERSION = re.compile(r"^([a-z][a-z-]*?)[\s-]?(\d+)(?:\.(\d+))?$")
_SEPARATORS = {",": "and", ";": "and", "/": "or", "(": "open", ")": "close"}
_WORD = re.compile(r"\(|\)|,|;|[^\s,;()]+")


def compact(text: str) -> str:
    return re.sub(r"[\s\-:]+", "", text.lower())


def variants(form: str) -> list[str]:
    """Spellings of one form: versions normalised ("OAuth 2.0", "OAuth2.0", "OAuth2", "OAuth 2"),
    a Swedish plural or definite suffix after a colon dropped ("REST-API:er" → "REST-API"),
    hyphen and space forms of a hyphenated name ("REST-API", "REST API")."""
    low = " ".join(form.lower().split())
    low = re.sub(r":[a-zåäö]+$", "", low)
    out = [low]
    m = _VERSION.match(low)
    if m and len(m[1]) >= 2:
        name, major, minor = m[1].rstrip("-"), m[2], m[3]
        out += [
            f"{name}{major}",
            f"{name} {major}",
            f"{name}{major}.{minor or 0}",
            f"{name} {major}.{minor or 0}",
        ]
    if "-" in low.strip("-") and " " not in low:
        out += [low.replace("-", " ")]
    return list(dict.fromkeys(o for o in out if o))


@knowledge_cache
def _names() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, key, CV forms) of every synonym, longest name first."""
    out = [
        (name, key, tuple(dict.fromkeys(v for m in entry.members for v in variants(m))))
        for key, entry in terms_lexicon().synonyms.items()
        for name in entry.names
    ]
    return sorted(out, key=lambda x: (-len(x[0]), x[0]))


@knowledge_cache
def _shows_activity() -> frozenset[str]:
    return frozenset(k for k, e in terms_lexicon().synonyms.items() if e.shows_activity)


def _concept_term(word: str) -> tuple[str, tuple[str, ...]] | None:
    """A concept of the concept lexicon that ``word`` names exactly (its members are its forms)."""
    low = word.lower()
    for concept in concepts().values():
        if low in concept.names:
            return concept.key, tuple(concept.members)
    return None


def _strip_generic_phrases(text: str) -> str:
    """Qualifiers out; example cues ("framför allt Sysman", "t.ex. Docker") become "eller": an
    example is one way to show the part before it, not one more part to show."""
    for phrase in sorted(terms_lexicon().generic_phrases, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.I)
    for cue in sorted(terms_lexicon().example_cues, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(cue)}(?!\w)", " eller ", text, flags=re.I)
    return text


def _synonym_spans(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Synonym names found in the scope: (start, end, key, forms), longest first, no overlaps."""
    toks = tokens(text)
    low = text.lower()
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    taken: list[tuple[int, int]] = []
    for name, key, forms in _names():
        if re.search(r"[#+]|^\.", name):
            spans = [(m.start(), m.end()) for m in re.finditer(_symbol_pattern(name), low)]
        else:
            spans = find_form(name, toks)
        for a, b in spans:
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            found.append((a, b, key, forms))
    return sorted(found)


def _is_name_word(word: str) -> bool:
    """A word of a product or proper name: capitalised, an acronym, or letters with a digit or
    symbol ("Azure", "SCCM", "C#", ".Net", "OAuth2")."""
    return bool(re.match(r"^\.?[A-ZÅÄÖ]", word) or re.match(r"^\.?[a-z]+[A-Z0-9#+]", word))


def _word_term(word: str) -> Term | None:
    """A content word as a term (None for a generic word or an activity verb)."""
    clean = word.strip(".:;\"'”“").rstrip(":")
    low = clean.lower()
    if not low or low in _generic() or re.sub(r":[a-zåäö]+$", "", low) in _generic():
        return None
    if len(low) < 2 and not re.search(r"[#+]", low):
        return None
    if re.fullmatch(r"[\d.,]+", low):
        return None
    concept = _concept_term(low)
    if concept is not None:
        return Term(clean, concept[1], concept[0])
    if "-" in low.strip("-") and " " not in low:
        parts = [p for p in low.split("-") if p and p not in _generic()]
        if len(parts) == 1:
            return _word_term(parts[0])
    forms = [*variants(low), *_without_generic_tail(low), *_translated(low)]
    return Term(clean, tuple(dict.fromkeys(forms)), compact(low))


def _translated(word: str) -> list[str]:
    """English forms of a Swedish word or compound whose parts the translations know
    ("infrastrukturplattform" → "infrastructure platform"; "utbilda" → "train", "educate")."""
    table = terms_lexicon().translations
    if word in table:
        return list(table[word])
    parts = _split_known(word, table)
    if not parts or len(parts) < 2:
        return []
    out = [""]
    for part in parts:
        out = [f"{o} {t}".strip() for o in out for t in table[part]][:8]
    return out


def _split_known(word: str, table: dict[str, list[str]]) -> list[str] | None:
    """``word`` as known parts, a linking s allowed between them (longest first part first)."""
    if word in table:
        return [word]
    for cut in range(len(word) - 3, 3, -1):
        head, rest = word[:cut], word[cut:]
        if head not in table:
            continue
        for tail in (rest, rest[1:] if rest.startswith("s") else None):
            if tail and (more := _split_known(tail, table)):
                return [head, *more]
    return None


def _without_generic_tail(word: str) -> list[str]:
    """A compound whose last part names nothing ("klientplattformskomponenter") is shown by its
    first part ("klientplattformen")."""
    for tail in sorted((g for g in _generic() if len(g) >= 6 and g.isalpha()), key=len, reverse=True):
        head = word[: -len(tail)]
        if word.endswith(tail) and len(head) >= 5:
            return [head[:-1] if head.endswith("s") and len(head) > 6 else head]
    return []


class _Builder:
    """Collects groups from a left-to-right walk over a scope."""

    def __init__(self) -> None:
        self.groups: list[list[list[Term]]] = [[[]]]
        self.labels: list[list[str]] = [[]]
        self.depth = 0  # inside parentheses: every separator is an alternative
        self.pending_or = False
        self.name: list[str] = []  # consecutive words of one product name
        self.run = 0  # terms of the current alternative added without a word between them
        self.before_paren: list[Term] | None = None  # what a parenthetical's alternatives keep
        self.made: list[bool] = [False]  # per group: a verb of making stands in it
        self.after_verb = False  # the last word was an activity verb ("utforma och realisera")
        self.spread = False  # a parenthetical closed: later terms go to each alternative
        self.or_prefix: list[Term] | None = None  # "C#/.NET", "NTJP eller …": what each alternative keeps

    def flush_name(self) -> None:
        if not self.name:
            return
        words = self.name
        self.name = []
        if len(words) == 1:
            term = _word_term(words[0])
            if term is None:
                self.skip()
        else:
            phrase = " ".join(words)
            term = Term(phrase, tuple(variants(phrase)), compact(phrase))
        if term is not None:
            self._add(term)

    def _add(self, term: Term) -> None:
        if self.pending_or:
            # a parenthetical names the words just before it otherwise ("IdP (Identity provider)",
            # "Microsoft infrastrukturplattform (Windows/SCCM/…)"): its alternatives keep the rest
            prefix = self.before_paren if self.depth else self.or_prefix
            self.groups[-1].append(list(prefix or []))
            self.pending_or = False
            self.run = 0
        if self.spread:
            # after a parenthetical, what follows belongs to each of its alternatives
            for alt in self.groups[-1]:
                alt.append(term)
        else:
            self.groups[-1][-1].append(term)
        self.labels[-1].append(term.label)
        self.run += 1

    def skip(self) -> None:
        """A word that is no term stands between two terms."""
        self.run = 0

    def term(self, term: Term) -> None:
        self.flush_name()
        self._add(term)
        self.after_verb = False

    def word(self, word: str) -> None:
        low = word.lower()
        if low in terms_lexicon().creation.verbs:
            self.made[-1] = True
        self.after_verb = low in terms_lexicon().weak_verbs or low in terms_lexicon().creation.verbs
        if _is_name_word(word) and word.lower() not in _generic():
            self.name.append(word)
            return
        self.flush_name()
        term = _word_term(word)
        if term is not None:
            self._add(term)
        else:
            self.skip()

    def separator(self, kind: str) -> None:
        self.flush_name()
        if kind == "open":
            self.depth += 1
            self.pending_or = True
            current = self.groups[-1][-1]
            self.before_paren = current[: len(current) - self.run]
        elif kind == "close":
            self.depth = max(0, self.depth - 1)
            empty = self.pending_or  # "(1)": nothing inside
            self.pending_or = False
            self.spread = not self.depth and not empty
        elif kind == "or" or self.depth:
            if not any(self.groups[-1]) and len(self.groups) > 1:
                # ", eller X" / ", framför allt X": X is an alternative of the part before the comma
                self.groups.pop()
                self.labels.pop()
                self.made.pop()
            if not self.depth and self.or_prefix is None:
                # "fullstackutveckling i jQuery/React": the alternatives name the words just before
                current = self.groups[-1][-1]
                self.or_prefix = current[: len(current) - self.run]
            self.pending_or = True
            self.spread = False
        elif any(self.groups[-1]) and not self.after_verb:
            self.spread = False
            self.or_prefix = None
            # verbs joined by "och" name one activity ("ansvarig för att utforma och realisera …")
            self.groups.append([[]])
            self.labels.append([])
            self.made.append(False)

    def result(self) -> ScopeTerms:
        self.flush_name()
        out = []
        for alts, labels, made in zip(self.groups, self.labels, self.made, strict=True):
            # the same terms twice ("IdP (Identity provider)") are one alternative
            unique: dict[tuple[str, ...], tuple[Term, ...]] = {}
            for alt in alts:
                if alt:
                    unique.setdefault(tuple(t.key for t in alt), tuple(alt))
            kept = tuple(unique.values())
            if kept:
                out.append(Group(" ".join(dict.fromkeys(labels)), kept, made))
        return ScopeTerms(tuple(out))


@knowledge_cache
def scope_terms(scope: str) -> ScopeTerms:
    """What a scope or topic asks a CV to show (see the module's doc)."""
    text = _strip_generic_phrases(" ".join(scope.split()))
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)  # "minst ett (1) projekt": the number again
    text = _expand_hyphen_coordination(text)
    text = (
        re.sub(r"(?<=[\w#+])/(?=[\w.])", " / ", text)
        if not re.search(r"\b[A-Z]{2,3}/[A-Z]{2,3}\b", text)
        else text
    )
    spans = _synonym_spans(text)
    build = _Builder()
    at = 0
    for a, b, key, forms in [*spans, (len(text), len(text), "", ())]:
        for m in _WORD.finditer(text, at, a):
            piece = m.group(0)
            low = piece.lower()
            if piece in _SEPARATORS:
                build.separator(_SEPARATORS[piece])
            elif low in lang.coordinators() or low in morphology().coordinator_marks:
                # the language packs' coordinators: "och", "samt" join parts, "eller" alternatives
                build.separator("or" if lang.coordinators().get(low) == "any" else "and")
            else:
                if piece == "/":
                    build.separator("or")
                else:
                    build.word(piece)
        if key and text[a:b].lower() in terms_lexicon().creation.verbs:
            build.word(text[a:b])  # "utveckla och beskriva …": a verb of making, not a thing
        elif key:
            build.term(Term(text[a:b], forms, key, key in _shows_activity()))
        at = b
    return build.result()


@knowledge_cache
def _known_words() -> frozenset[str]:
    """Single words terms.yml knows: translated words, generic words, synonym names."""
    data = terms_lexicon()
    names = [n for e in data.synonyms.values() for n in e.names if n.isalpha()]
    return frozenset(w for w in [*data.translations, *data.generic_words, *names] if len(w) >= 4)


@knowledge_cache
def _hyphen_coordination() -> re.Pattern[str]:
    """ "drift- och supporttekniker": a suspended first part, a coordinator of the packs, a word."""
    return re.compile(
        rf"(?<![\w-])(\w{{3,}})-\s+({lang.alternation(lang.coordinators())})\s+(\w{{6,}})", re.I
    )


def _expand_hyphen_coordination(text: str) -> str:
    """ "utvecklings- och implementeringsprojekt" → "utvecklingsprojekt och implementeringsprojekt":
    the first word takes the last part of the second (after its last linking s, or the part the
    translations know)."""

    def expand(m: re.Match[str]) -> str:
        head, conj, word = m[1], m[2], m[3]
        low = word.lower()
        tail = next((low[cut:] for cut in range(3, len(low) - 3) if low[cut:] in _known_words()), None)
        return f"{head}{tail} {conj} {word}" if tail else m[0]

    return _hyphen_coordination().sub(expand, text)


# ---- finding terms in a text ------------------------------------------------------------------


def _symbol_pattern(form: str) -> str:
    return rf"(?<![\w#+.]){re.escape(form.lower())}(?![\w#+])"


def _is_near_miss(term_key: str, forms: tuple[str, ...], surface: str) -> bool:
    low = surface.lower()
    for key in (term_key, *map(compact, forms)):
        for miss in near_misses().get(key, ()):
            if compact(miss) == compact(low) or (
                compact(low).startswith(compact(miss)) and not compact(low).startswith(key)
            ):
                return True
    return False


def find_term(index: TextIndex, term: Term) -> list[tuple[int, int]]:
    """Spans of ``index.text`` that show the term (near-misses left out). A long word of the
    scope no lexicon knows also matches its spellings (rapidfuzz: "verkstygsstöd" in a scope
    finds "verktygsstöd")."""
    spans: set[tuple[int, int]] = set()
    low = index.text.lower()
    for form in term.forms:
        if re.search(r"[#+]|^\.", form):
            found = [(m.start(), m.end()) for m in re.finditer(_symbol_pattern(form), low)]
        else:
            found = [h.span for h in index.find(form)]
        spans.update(found)
    if not spans and term.key == compact(term.label) and len(term.key) >= FUZZY_WORD_LENGTH:
        spans.update(_fuzzy_word(index, term.key))
    kept = [(a, b) for a, b in spans if not _is_near_miss(term.key, term.forms, _word_at(index.text, a, b))]
    return sorted(kept, key=lambda s: (s[0], s[0] - s[1]))  # in text order, the longest first


FUZZY_WORD_LENGTH = 9  # shorter scope words match only as written (with inflections and compounds)
FUZZY_WORD_CUTOFF = 90.0


def _fuzzy_word(index: TextIndex, word: str) -> list[tuple[int, int]]:
    """Where a word of the text is a spelling of ``word`` (rapidfuzz ratio on lower-case letters)."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(word, index.words, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF)
    if best is None:
        return []
    return [(t.start, t.end) for t in index.toks if t.text == best[0]]


def _word_at(text: str, a: int, b: int) -> str:
    """The whole word(s) around a span ("JavaScript" around "Java")."""
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "#+"):
        a -= 1
    while b < len(text) and (text[b].isalnum() or text[b] in "#+"):
        b += 1
    return text[a:b]


def creation_spans(index: TextIndex) -> list[tuple[int, int]]:
    """Where the text says something was made (designed, built, written, developed …)."""
    return sorted({h.span for form in terms_lexicon().creation.shown_by for h in index.find(form)})


def _made_near(index: TextIndex, spans: list[list[tuple[int, int]]]) -> bool:
    """A word of making stands next to one of the terms (in the same sentence, close by)."""
    made = creation_spans(index)
    rule = terms_lexicon().creation
    text = index.text
    for a, b in (s for found in spans for s in found):
        for x, y in made:
            if x < b and a < y:
                return True
            if y <= a and a - y <= rule.before and not re.search(r"[.;\n]", text[y:a]):
                return True
            if x >= b and x - b <= rule.after and not re.search(r"[.;\n]", text[b:x]):
                return True
    return False


def shown(index: TextIndex, terms: ScopeTerms, *, made: bool = True) -> list[Shown | None]:
    """Per group: where the text shows it, or None. A group a verb of making stands before
    ("att utforma och bygga REST-API:er") is shown only where the text says the thing was made
    close to it ("Designade och byggde REST-API:er", not "skyddade interna REST-tjänster"),
    unless the thing is itself the work ("Integrationsarkitekt", "teknisk dokumentation")."""
    out: list[Shown | None] = []
    for group in terms.groups:
        best: Shown | None = None
        for alt in group.alternatives:
            spans = [find_term(index, t) for t in alt]
            if (
                all(spans)
                and group.made
                and made
                and not any(t.shows_activity for t in alt)
                and not _made_near(index, spans)
            ):
                continue
            if all(spans):
                first = [s[0] for s in spans]
                best = Shown(group.label, tuple(index.text[a:b] for a, b in first), tuple(first))
                break
        out.append(best)
    return out
