"""Prose → sentences, by rule: a sentence ends at ".", "!" or "?" followed by a space and a capital
letter or a digit, unless the word before is an abbreviation of spec_cues.yml ("t.ex.", "o.s.v.").

A rule is enough for requirement prose (short, punctuated sentences) and keeps ``extract`` free of
spaCy, which only screening loads.
"""

from __future__ import annotations

import re

from pipeline.knowledge import knowledge_cache, spec_cues

_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"”(]?[A-ZÅÄÖÉ0-9])")


@knowledge_cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in spec_cues().call_off.abbreviations)


def sentences(text: str) -> list[str]:
    """'Konsulten ska ha X. Arbetet sker i Y.' → the two sentences, each stripped."""
    out: list[str] = []
    start = 0
    for m in _BREAK.finditer(text):
        before = text[start : m.start()].split()
        last = before[-1].lower() if before else ""
        if last in _abbreviations() or (len(before) == 1 and len(last) == 2 and last[0].isalpha()):
            continue  # "t.ex. Docker", or the label of a lettered item ("a. Referensuppdraget …")
        out.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]
