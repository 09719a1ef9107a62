"""Sections → entries: work entries (employments and assignments), education, languages, skills.

A work entry starts at a line that holds a period ("2019-03 – pågående"); the rest of that
line is the title and employer. A line holding only the period takes its title from the line
above it. Table rows arrive as "period | title, employer | description" cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import lang
from pipeline.cv.dates import Period, find_period
from pipeline.cv.model import Education, LanguageSkill, Skill, Span, WorkEntry
from pipeline.cv.sections import CVLine
from pipeline.documents.docx import CELL_SEPARATOR
from pipeline.documents.furniture import BULLET_START
from pipeline.knowledge import education_lexicon, knowledge_cache

_STRIP = " \t|,;:–—-·"


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


def _outside_parentheses(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    depth = 0
    masked = []
    for ch in text:
        depth += ch == "("
        masked.append("x" if depth else ch)
        depth -= ch == ")" and depth > 0
    return pattern.search("".join(masked))


@knowledge_cache
def _title_split() -> re.Pattern[str]:
    """What stands between a title and its employer: a dash, comma, bar, "@", "·" or a linking
    word of the packs ("på", "hos", "at")."""
    return re.compile(
        rf"\s+[—–-]\s+|,\s+|\s+\|\s+|\s+@\s+|\s+·\s+|\s+{lang.alternation(lang.employer_links())}\s+"
    )


def _title_employer(text: str) -> tuple[str, str | None]:
    m = _outside_parentheses(text, _title_split())
    if not m:
        return text.strip(_STRIP), None
    return text[: m.start()].strip(_STRIP), text[m.end() :].strip(_STRIP) or None


@knowledge_cache
def _assignment_re() -> re.Pattern[str]:
    return re.compile(rf"^{lang.alternation(lang.assignment_cues())}\b\s*[:–—-]?\s*", re.I)


def work_entries(lines: Sequence[CVLine], *, assignments: bool = False) -> list[WorkEntry]:
    entries: list[WorkEntry] = []
    starts: list[tuple[int, Period]] = []
    for i, line in enumerate(lines):
        if BULLET_START.match(line.text):
            continue
        period = find_period(line.text)
        # a period with an unknown end ("2015-09 – okänd") cannot be counted: it opens no entry
        if period is not None and not period.unknown_end:
            starts.append((i, period))
    for n, (i, period) in enumerate(starts):
        line = lines[i]
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        cells = [c for c in line.text.split(CELL_SEPARATOR)] if CELL_SEPARATOR in line.text else [line.text]
        cell_of_period = next(k for k, c in enumerate(cells) if find_period(c) is not None)
        head = cells[cell_of_period]
        head = (
            (head[: period.span[0]] + head[period.span[1] :])
            if len(cells) == 1
            else head.replace(period.text, "")
        )
        others = [c for k, c in enumerate(cells) if k != cell_of_period]
        header_text = head.strip(_STRIP) or (others.pop(0) if others else "")
        first = i
        if not _has_letters(header_text) and i > 0 and (n == 0 or starts[n - 1][0] < i - 1):
            above = lines[i - 1]
            if not BULLET_START.match(above.text) and find_period(above.text) is None:
                header_text, first = above.text, i - 1
        description_lines = others + [ln.text for ln in lines[i + 1 : end]]
        if n + 1 < len(starts):
            nxt = starts[n + 1][0]
            nxt_line = lines[nxt].text
            # the next entry took its title from the line above it: that line is not ours
            if not _has_letters(nxt_line.replace(starts[n + 1][1].text, "").strip(_STRIP)) and nxt - 1 > i:
                description_lines = others + [ln.text for ln in lines[i + 1 : nxt - 1]]
        kind = "assignment" if assignments else "employment"
        cue = _assignment_re().match(header_text)
        if cue:
            kind, header_text = "assignment", header_text[cue.end() :]
        title, employer = _title_employer(header_text)
        title_line = lines[first]
        title_at = title_line.text.find(title) if title else -1
        title_span: Span = (
            (title_line.span[0] + title_at, title_line.span[0] + title_at + len(title))
            if title_at >= 0
            else title_line.span
        )
        last = lines[max(first, min(end, len(lines)) - 1)]
        description = " ".join(BULLET_START.sub("", d).strip() for d in description_lines if d.strip())
        entries.append(
            WorkEntry(
                title=title,
                employer=employer,
                period=period,
                description=description,
                span=(lines[first].span[0], last.span[1]),
                title_span=title_span,
                kind=kind,  # type: ignore[arg-type]
            )
        )
    return entries


def mark_containers(entries: list[WorkEntry]) -> None:
    """An employment whose period holds listed assignments is their container: the
    assignments are the entries, the employment adds nothing beyond them."""
    assignments = [e for e in entries if e.kind == "assignment"]
    for e in entries:
        if e.kind != "employment":
            continue
        for a in assignments:
            inside_start = e.period.start <= a.period.start
            inside_end = e.period.end is None or (a.period.end is not None and a.period.end <= e.period.end)
            if inside_start and inside_end:
                e.container = True
                break


def _word_prefix(cue: str, low: str) -> bool:
    return re.search(r"(?<![^\W\d_])" + re.escape(cue.strip()), low) is not None


def education_level(text: str) -> str | None:
    """The highest education level a cue of any pack announces in ``text`` (a cue with a
    trailing space is a whole word, any other starts a word)."""
    low = f" {text.lower()} "
    for level in lang.education_levels():
        if any(_word_prefix(cue, low) if cue.strip() == cue else cue in low for cue in level.cues):
            return level.name
    return None


def is_it_education(text: str) -> bool:
    lex = education_lexicon()
    low = text.lower()
    if any(_word_prefix(p, low) for p in lex.it_field_prefixes):
        return True
    return any(re.search(rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])", low) for w in lex.it_field_words)


def education_entries(lines: Sequence[CVLine]) -> list[Education]:
    lex = education_lexicon()
    entries: list[Education] = []
    for line in lines:
        text = BULLET_START.sub("", line.text).strip()
        period = find_period(text)
        low = text.lower()
        course = any(_word_prefix(c, low) for c in lex.not_education)
        # a short undated line under a dated entry continues it ("University College")
        continuation = (
            entries and period is None and not course and len(text.split()) <= 4 and entries[-1].period
        )
        own_entry = period is not None or course or (education_level(text) and not continuation)
        if entries and not own_entry:
            prev = entries[-1]
            prev.text = f"{prev.text} {text}"
            prev.span = (prev.span[0], line.span[1])
            prev.it_field = prev.it_field or is_it_education(text)
            prev.level = prev.level or education_level(prev.text)
            continue
        body = text if period is None else (text[: period.span[0]] + text[period.span[1] :])
        parts = [p.strip(_STRIP) for p in re.split(r",|\s[—–-]\s|\|", body) if p.strip(_STRIP)]
        institution = next(
            (p for p in reversed(parts) if any(w in p.lower() for w in lex.institution_words)), None
        )
        level = education_level(text)
        if (
            level
            and level != lang.education_levels()[0].name
            and course
            and not any(w in low for w in lex.programme_words)
        ):
            level = None  # a course or certificate, not a programme
        entries.append(
            Education(
                text=text,
                level=level,
                it_field=is_it_education(text),
                institution=institution,
                period=period,
                span=line.span,
            )
        )
    return entries


@knowledge_cache
def _language_name_re() -> re.Pattern[str]:
    names = lang.language_names()
    return re.compile(rf"(?<![^\W\d_])({lang.alternation(names)})(?![^\W\d_])", re.I)


def language_skills(lines: Sequence[CVLine], *, anywhere: bool = False) -> list[LanguageSkill]:
    """Languages (any name a language pack knows, CLDR's included) with their levels. In a
    languages section every mention counts; elsewhere (``anywhere``) only a language followed
    by a level word ("Engelska – flytande")."""
    name_re = _language_name_re()
    found: list[LanguageSkill] = []
    for line in lines:
        for chunk in re.finditer(r"[^.;,·\n]+", line.text):
            piece = chunk.group(0)
            for m in name_re.finditer(piece):
                # the level words between this language name and the next one
                nxt = name_re.search(piece, m.end())
                level = lang.proficiency_in(piece[m.end() : nxt.start() if nxt else len(piece)])
                if anywhere and level is None:
                    continue
                code = lang.language_code(m[1])
                if code is None:
                    continue
                start = line.span[0] + chunk.start() + m.start()
                end = line.span[0] + chunk.start() + (nxt.start() if nxt else len(piece))
                found.append(
                    LanguageSkill(
                        code,
                        level,
                        line.text[start - line.span[0] : end - line.span[0]].strip(),
                        (start, end),
                    )
                )
    best: dict[str, LanguageSkill] = {}
    for skill in found:
        if skill.language not in best or (best[skill.language].level is None and skill.level is not None):
            best[skill.language] = skill
    return sorted(best.values(), key=lambda s: s.span)


def skills_of(lines: Sequence[CVLine]) -> list[Skill]:
    out: list[Skill] = []
    for line in lines:
        for m in re.finditer(r"[^,;•·\n]+", line.text):
            text = BULLET_START.sub("", m.group(0)).strip(" .:")
            if _has_letters(text):
                at = line.text.find(text, m.start())
                out.append(Skill(text, (line.span[0] + at, line.span[0] + at + len(text))))
    return out
