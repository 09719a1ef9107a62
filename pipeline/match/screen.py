"""Spec × CVs → one result per (CV, role): requirement statuses, evidence, verdict, score.

Each CV is read and judged on its own (in worker processes with ``workers > 1``); a CV that
cannot be read becomes ``error`` rows with the reason and the batch goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline import lang
from pipeline.cv.dates import Month
from pipeline.cv.model import CVRecord
from pipeline.cv.parse import parse_cv
from pipeline.documents.read import check_file, display_name, file_sha256
from pipeline.errors import InputError
from pipeline.match.conditions import evaluate
from pipeline.match.results import RequirementResult, ScreenContext
from pipeline.messages import msg
from pipeline.nlp.lexicon import TextIndex
from pipeline.spec.model import Role, Spec

Verdict = Literal["eligible", "not_eligible", "needs_review", "error"]
STATUS_WEIGHT = {"met": 1.0, "unknown": 0.5, "not_met": 0.0}


@dataclass(frozen=True)
class CVFile:
    """One input file and how the outputs name it: ``cv`` is its path relative to the folder
    given (its name when given directly), unique within a run; ``duplicate_of`` the ``cv`` of an
    earlier file with the same bytes."""

    path: Path
    cv: str
    sha256: str
    duplicate_of: str | None = None


@dataclass
class RoleResult:
    cv: str
    role: str
    verdict: Verdict
    score: float
    requirements: list[RequirementResult] = field(default_factory=list)
    error: str | None = None
    language: str | None = None
    name: str | None = None  # the candidate's name as the CV writes it
    sha256: str | None = None
    duplicate_of: str | None = None

    @property
    def unmet(self) -> str:
        if self.error is not None:
            return self.error
        return " | ".join(r.text for r in self.requirements if r.status != "met")

    @property
    def qualifying_months(self) -> int:
        return max(
            (
                c.months or 0
                for r in self.requirements
                for alt in r.alternatives
                for c in alt
                if c.kind == "experience"
            ),
            default=0,
        )


def verdict_of(results: Sequence[RequirementResult]) -> Verdict:
    """Only must requirements decide: one not met fails, else one undecided leaves it for a person."""
    statuses = {r.status for r in results if r.obligation == "must"}
    if "not_met" in statuses:
        return "not_eligible"
    if "unknown" in statuses:
        return "needs_review"
    return "eligible"


def weight_of(weight: str | None) -> float:
    """A should requirement's weight as a number ("10 poäng" → 10, "20 %" → 20); 1 when none is given."""
    m = re.search(r"\d+(?:[.,]\d+)?", weight or "")
    value = float(m[0].replace(",", ".")) if m else 1.0
    return value if value > 0 else 1.0


def score_of(results: Sequence[RequirementResult]) -> float:
    """How well the CV covers the role: each must requirement counts 1 (met 1, undecided half,
    not met 0); should requirements add to it by their weight, the heaviest counting as one must."""
    if not results:
        return 0.0
    should = [r for r in results if r.obligation != "must"]
    heaviest = max((weight_of(r.weight) for r in should), default=1.0)
    weights = [1.0 if r.obligation == "must" else weight_of(r.weight) / heaviest for r in results]
    total = sum(w * STATUS_WEIGHT[r.status] for w, r in zip(weights, results, strict=True))
    return round(total / sum(weights), 4)


def screenable_roles(spec: Spec, names: Sequence[str] = ()) -> list[Role]:
    """Roles with requirements, or the named ones (an unknown name is an error)."""
    with_reqs = [r for r in spec.roles if r.requirements]
    if not names:
        return with_reqs
    by_name = {r.name: r for r in spec.roles}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        known = ", ".join(repr(r.name) for r in with_reqs)
        raise ValueError(f"unknown role {', '.join(map(repr, unknown))}; the specification has {known}")
    empty = [n for n in names if not by_name[n].requirements]
    if empty:
        raise ValueError(f"role {', '.join(map(repr, empty))} has no requirements to screen against")
    return [by_name[n] for n in names]


def prepare() -> None:
    """Load what every CV needs once, before the first CV (and before worker processes fork, so
    they share it): the Swedish pipeline and the lexicons. A broken data file fails here, with
    its one-line KnowledgeError, not as error rows of every CV."""
    from pipeline.knowledge import morphology
    from pipeline.match.terms import terms_lexicon
    from pipeline.nlp.lexicon import concepts, occupation_groups, screening_nlp, term_matcher

    screening_nlp()
    concepts()
    occupation_groups()
    morphology()
    terms_lexicon()
    term_matcher().add([m for c in concepts().values() for m in c.members])


def no_cv_content(cv: CVRecord) -> bool:
    """A readable file that holds no CV: no dated entry, no CV section heading, no education or
    language line (a note saying "hej"). A real CV whose jobs carry no dates still has headings."""
    headed = any(s.kind != "preamble" for s in cv.sections)
    return not (cv.work or headed or cv.education or cv.languages)


NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?", re.UNICODE)


def _fold(text: str) -> str:
    """Lower case with the ligatures of old typesetting spelt out ("Vitæ" → "vitae")."""
    return text.lower().replace("æ", "ae").replace("œ", "oe")


def candidate_name(cv: CVRecord) -> str | None:
    """The candidate's name as the CV writes it: the first line of the CV's opening (before any
    section heading) made of two to five capitalised words, none of them a CV title word
    ("CV", "Curriculum Vitae", "Meritförteckning" of the language packs)."""
    furniture = {_fold(w) for w in lang.cv_furniture_words()}
    end = next((s.span[0] for s in cv.sections if s.kind != "preamble"), len(cv.text))
    for line in cv.text[:end].splitlines()[:6]:
        text = " ".join(line.replace("\u2013", " ").replace("\u2014", " ").split())
        text = text.strip(" |–—-")
        words = text.split()
        if not 2 <= len(words) <= 5 or _fold(text) in furniture:
            continue
        if all(NAME_WORD.fullmatch(w) and w[0].isupper() and _fold(w) not in furniture for w in words):
            return text
    return None


def _error_rows(cv: str, roles: Sequence[Role], reason: str) -> list[RoleResult]:
    return [RoleResult(cv, r.name, "error", 0.0, error=reason) for r in roles]


def screen_cv(path: Path, roles: Sequence[Role], as_of: Month, cv_id: str | None = None) -> list[RoleResult]:
    """One CV against every role; ``cv_id`` is how the rows name it (default: the file name)."""
    ident = cv_id or display_name(path.name)
    try:
        cv = parse_cv(path)
    except InputError as e:
        return _error_rows(ident, roles, e.problem)
    except Exception as e:  # a reader bug must not stop the batch; the row says what happened
        return _error_rows(ident, roles, msg("cv_unreadable", reason=str(e) or type(e).__name__))
    if no_cv_content(cv):
        return _error_rows(ident, roles, msg("cv_no_content"))
    index = TextIndex.of_document(cv.text)
    name = candidate_name(cv)
    out = []
    for role in roles:
        ctx = ScreenContext(cv, index, role, as_of)
        results = [evaluate(req, ctx) for req in role.requirements]
        out.append(
            RoleResult(
                ident,
                role.name,
                verdict_of(results),
                score_of(results),
                results,
                language=cv.language,
                name=name,
            )
        )
    return out


def collect_cvs(paths: Iterable[Path]) -> list[CVFile]:
    """Files as given; folders read whole and recursively (every regular file below them is a
    CV; hidden files and folders are skipped), each folder's files sorted by relative path. A
    file is named by its path relative to the folder given, or by its name when given directly;
    where two inputs would share a name, the later one keeps its path as given. Byte-identical
    files are flagged with the name of the first."""
    found: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            # every entry but a folder gets a row: links, pipes and devices one saying why they
            # are not read (pipeline.documents.read.check_file); links to folders are not followed
            below = [
                f
                for f in p.rglob("*")
                if (f.is_symlink() or not f.is_dir())
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            found += sorted(
                ((f, display_name(f.relative_to(p).as_posix())) for f in below), key=lambda x: x[1]
            )
        else:
            found.append((p, display_name(p.name)))
    out: list[CVFile] = []
    names: set[str] = set()
    first_of: dict[str, str] = {}
    for path, ident in found:
        if ident in names:
            ident = display_name(path.as_posix())
        names.add(ident)
        try:
            check_file(path)  # nothing outside the folder, no pipe or device, is opened to hash it
            digest = file_sha256(path)
        except (OSError, InputError):
            digest = ""  # unreadable: its rows say why when it is read
        out.append(CVFile(path, ident, digest, first_of.get(digest) if digest else None))
        if digest:
            first_of.setdefault(digest, ident)
    return out


def _screen_one(args: tuple[CVFile, Sequence[Role], Month]) -> tuple[CVFile, list[RoleResult]]:
    file, roles, as_of = args
    results = screen_cv(file.path, roles, as_of, file.cv)
    for r in results:
        r.sha256, r.duplicate_of = file.sha256 or None, file.duplicate_of
    return file, results


def _failed(job: tuple[CVFile, Sequence[Role], Month], reason: str) -> tuple[CVFile, list[RoleResult]]:
    """The rows of a CV whose worker ran out of time or memory, or died."""
    file, roles, _ = job
    results = _error_rows(file.cv, roles, reason)
    for r in results:
        r.sha256, r.duplicate_of = file.sha256 or None, file.duplicate_of
    return file, results


def screen(
    cvs: Sequence[CVFile],
    roles: Sequence[Role],
    as_of: Month,
    *,
    workers: int = 1,
    on_done: Callable[[CVFile], None] | None = None,
    timeout: float | None = None,
) -> Iterator[list[RoleResult]]:
    """Results per CV in the order the CVs finish (with ``workers > 1`` that is not the order of
    ``cvs``: the outputs sort, so the files written do not depend on it).

    Each CV is screened in a worker process under ``timeout`` seconds (default: the limits'
    ``timeout_per_cv``, docs/limits.md) and the memory limit: one that takes longer, or dies,
    becomes error rows saying so and the batch goes on. ``timeout=0`` with one worker screens in
    this process, without limits."""
    from pipeline.documents.limits import limits
    from pipeline.match.workers import run_jobs

    jobs = [(f, roles, as_of) for f in cvs]
    if timeout is None:
        timeout = limits().timeout_per_cv
    if workers <= 1 and not timeout:
        for job in jobs:
            file, result = _screen_one(job)
            if on_done:
                on_done(file)
            yield result
        return
    workers = min(workers, os.cpu_count() or 1, len(cvs))
    # fork: the workers share the pipeline and lexicons that prepare() loaded
    for _, (file, result) in run_jobs(
        _screen_one,
        jobs,
        workers=workers,
        timeout=timeout or None,
        on_failure=_failed,
        memory_mb=limits().max_worker_memory_mb,
    ):
        if on_done:
            on_done(file)
        yield result
