"""CV file → CVRecord: text, sections, entries, education, languages, skills."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.cv.dates import uses_iso_months
from pipeline.cv.entries import (
    education_entries,
    language_skills,
    mark_consultancy_assignments,
    mark_containers,
    skills_of,
    undated_entries,
    work_entries,
)
from pipeline.cv.model import CVRecord, Education
from pipeline.cv.sections import CVLine, CVText, read_cv_text, split_sections
from pipeline.errors import InputError
from pipeline.lang import markers

WORK_KINDS = ("work", "assignments")


def cv_language(text: str) -> str:
    """The language pack ('sv', 'en', …) with most of its marker words in ``text``."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {lang: sum(1 for w in words if w in ms) for lang, ms in markers().items()}
    return max(sorted(counts), key=lambda lang: counts[lang])


def record_from_text(cv: CVText) -> CVRecord:
    if not cv.lines:
        raise InputError(cv.source, "the CV has no text")
    sections = split_sections(cv)
    record = CVRecord(source=cv.source, text=cv.text, language=cv_language(cv.text))
    record.sections = [s for s, _ in sections]
    iso = uses_iso_months(cv.text)
    studies: list[Education] = []
    work_lines = [(s, lines) for s, lines in sections if s.kind in WORK_KINDS]
    if work_lines:
        for section, lines in work_lines:
            listed = section.kind == "assignments"
            dated = work_entries(lines, assignments=listed, iso_months=iso, studies=studies)
            record.work += dated
            if not dated:
                # a section that dates none of its jobs ("Tidigare uppdrag i urval")
                record.undated_work += undated_entries(lines, assignments=listed)
    else:
        # No work heading: dated lines outside the sections that are plainly something else are work.
        rest: list[CVLine] = [
            ln
            for s, lines in sections
            if s.kind
            not in ("education", "courses", "certifications", "languages", "skills", "profile", "other")
            for ln in lines
        ]
        record.work = work_entries(rest, iso_months=iso, studies=studies)
    mark_consultancy_assignments(record.work)
    mark_containers(record.work)
    for section, lines in sections:
        if section.kind in ("education", "courses"):
            record.education += education_entries(lines, iso_months=iso)
        elif section.kind == "languages":
            record.languages += language_skills(lines)
        elif section.kind == "skills":
            record.skills += skills_of(lines)
    _add_studies(record, studies)
    record.warnings = _warnings(record, bool(work_lines))
    if not record.languages:
        record.languages = language_skills(cv.lines, anywhere=True)
    return record


def _add_studies(record: CVRecord, studies: list[Education]) -> None:
    """Studies written among the jobs are education, once: one with the period of a record of
    the education section gives that record its level where it had none."""
    for study in studies:
        same = next(
            (e for e in record.education if e.period is not None and study.period is not None
             and (e.period.start, e.period.end) == (study.period.start, study.period.end)),
            None,
        )  # fmt: skip
        if same is None:
            record.education.append(study)
        elif same.level is None:
            same.level = study.level
            same.it_field = same.it_field or study.it_field


def _warnings(record: CVRecord, work_heading: bool) -> list[str]:
    """What a reader of the record should check by hand (no CV text, only what and where)."""
    out: list[str] = []
    if not work_heading:
        out.append(
            "no work experience heading recognised: dated lines outside education, languages and skills read as jobs"
        )
    if not record.work:
        out.append("no dated work entry found: experience requirements cannot be counted")
    for n, w in enumerate(record.work, start=1):
        if w.period.unknown_end:
            out.append(f"work entry {n}: the end of the period is written as unknown")
        if not w.title:
            out.append(f"work entry {n}: no job title found")
        elif w.by_layout:
            out.append(f"work entry {n}: title and employer told apart by layout only")
    if not any(s.kind == "education" for s in record.sections) and not record.education:
        out.append("no education section recognised")
    return out


def parse_cv(path: str | Path) -> CVRecord:
    return record_from_text(read_cv_text(path))
