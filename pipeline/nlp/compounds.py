"""Swedish words as the matcher sees them: tokens with their spans, inflection endings, compounds
and hyphen coordination.

A lexicon form matches a word when the word is the form itself, the form with an inflection
ending ("routrar" ← "router" is in the lexicon as its own form; "nätverken" ← "nätverk" + "en"),
the first part of a compound ("nätverksmiljö" ← "nätverk" + linking s) or, for longer forms, its
last part ("datornätverk", "ärendehanteringssystemet"). Hyphen coordination ("drift- och
supporttekniker") is expanded so that "drifttekniker" is found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import lang
from pipeline.knowledge import Morphology, knowledge_cache, morphology

TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-/+:.][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*\+?-?")
GLUED_VERSION = re.compile(r"([^\W\d_]{3,})(\d{1,4})")  # a name glued to its version number


@dataclass(frozen=True)
class Token:
    text: str  # lower-cased
    start: int
    end: int


@knowledge_cache
def _morphology() -> Morphology:
    return morphology()  # cached here too: ``matches`` runs for every word and form


@knowledge_cache
def _coordinators() -> frozenset[str]:
    return frozenset([*lang.coordinators(), *morphology().coordinator_marks])


def tokens(text: str) -> list[Token]:
    """Lower-cased word tokens with their spans; a hyphenated word also yields its parts, a name
    glued to its version number ("Office365", "Windows10") its name and number, and "drift- och
    supporttekniker" yields the expanded "drift…tekniker" candidates."""
    out: list[Token] = []
    words = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
    conj = _coordinators()
    for i, (word, start, end) in enumerate(words):
        low = word.lower().rstrip(".:")
        out.append(Token(low.rstrip("-") if low.endswith("-") else low, start, end))
        if "-" in low.strip("-"):
            offset = start
            for part in low.split("-"):
                if part:
                    at = text.lower().find(part, offset, end)
                    out.append(Token(part, at, at + len(part)))
                    offset = at + len(part)
        glued = GLUED_VERSION.fullmatch(low)
        if glued:  # "Office365", "Windows10": the product name and its version as two words
            cut = start + len(glued[1])
            out += [Token(glued[1], start, cut), Token(glued[2], cut, end)]
        if low.endswith("-") and i + 2 < len(words) and words[i + 1][0].lower() in conj:
            head = low.rstrip("-")
            tail_word = words[i + 2][0].lower()
            for cut in range(2, len(tail_word) - 2):
                out.append(Token(head + tail_word[cut:], start, words[i + 2][2]))
    return out


def matches(form: str, word: str) -> bool:
    """Does the lexicon word ``form`` (lower case) occur in ``word`` by inflection or compounding?"""
    if word == form:
        return True
    morph = _morphology()
    if word.startswith(form) and len(form) >= morph.min_inflect:
        rest = word[len(form) :]
        if rest in morph.inflections:
            return True
        if len(form) >= morph.min_head and len(rest) >= 3:
            return True  # first part of a compound (with or without a linking s)
    if len(form) >= morph.min_tail and form in word:
        head, _, tail = word.rpartition(form)
        if len(head) >= 3 and (tail == "" or tail in morph.inflections):
            return True  # last part of a compound, possibly inflected
    return False


def find_form(form: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Spans in the text where the (possibly multi-word) ``form`` occurs."""
    parts = [p.lower() for p in TOKEN.findall(form)] or [form.lower()]
    found: list[tuple[int, int]] = []
    n = len(parts)
    head = parts[0][:4]  # in every word the first part matches (the rules below only extend it)
    for i, tok in enumerate(toks):
        if head not in tok.text or (
            not matches(parts[0], tok.text)
            if n == 1
            else tok.text != parts[0] and not matches(parts[0], tok.text)
        ):
            continue
        if n == 1:
            found.append((tok.start, tok.end))
            continue
        # the following parts must follow in the next distinct words (hyphen parts are skipped)
        j, k, end = i + 1, 1, tok.end
        while k < n and j < len(toks):
            nxt = toks[j]
            if nxt.start < end:  # a part of the word we already took
                j += 1
                continue
            if (nxt.text == parts[k]) or (k == n - 1 and matches(parts[k], nxt.text)):
                end, k = nxt.end, k + 1
                j += 1
            else:
                break
        if k == n:
            found.append((tok.start, end))
    return found
