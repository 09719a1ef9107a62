"""Sections → entries: work entries (employments and assignments), education, languages, skills.

A work entry starts at a line that holds a period ("2019-03 – pågående"); the rest of that
line is the title and employer. A line holding only the period takes its title from the line
above it. Table rows arrive as "period | title, employer | description" cells.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline import lang
from pipeline.cv.dates import Period, find_periods
from pipeline.cv.headers import (
    Header,
    cues,
    is_consultancy,
    is_non_work,
    is_place,
    label_of,
    label_role,
    mask_parens,
    opens_as_thesis,
    org_score,
    read_header,
    title_score,
)
from pipeline.cv.model import Education, LanguageSkill, Skill, Span, UndatedEntry, WorkEntry
from pipeline.cv.sections import CVLine
from pipeline.documents.furniture import BULLET_START
from pipeline.knowledge import education_lexicon, knowledge_cache

_STRIP = " \t|,;:–—-·[]"


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


@knowledge_cache
def _date_joiner() -> re.Pattern[str]:
    """What joins more dates to a line's first ("2005–2007, 2009", "2015–2016 och 2018"): a comma,
    "&" or a coordinator of the packs that joins parts that all hold."""
    joins = [w for w, meaning in lang.coordinators().items() if meaning == "all"]
    return re.compile(rf"\s*(?:,|&|{lang.alternation(joins)})\s*", re.I)


@knowledge_cache
def _assignment_re() -> re.Pattern[str]:
    return re.compile(rf"^{lang.alternation(lang.assignment_cues())}\b\s*[:–—-]?\s*", re.I)


# ---- the lines of a work section: anchors (dated lines), header lines, description ------------

_MAX_HEADER_LINES = 3


def _line_class(text: str, previous: str | None, previous_class: str | None) -> str:
    """'header' (a short line that may name a title, employer or place), 'client' (a labelled
    line naming the client or the role: "Kund: IKEA"), or 'desc' (bullets, prose, keyword lists,
    other labelled lines, the wrapped rest of a sentence)."""
    if BULLET_START.match(text):
        return "desc"
    label = label_of(text)
    if label:
        role = label_role(label[0])
        return (
            "client"
            if role == "client"
            else "header"
            if role in ("title", "employer", "assignment")
            else "desc"
        )
    words = text.split()
    if len(words) > 12 or re.fullmatch(r"[^\W\d_A-ZÅÄÖ]+\W*", words[0]) or not _has_letters(text):
        return "desc"
    if re.search(r"[^\W\d_]{3}[.!?]\s+[A-ZÅÄÖ]", text) or text.count("·") >= 2 or text.count("♦") >= 2:
        return "desc"
    if _keyword_list(text):
        return "desc"  # a keyword list ("Java, Spring, Docker")
    if previous is not None and previous_class == "desc" and not label_of(previous):
        last_word = (re.findall(r"[^\W\d_]+", previous) or [""])[-1].lower()
        ends_open = not re.search(r"[.!?:]$", previous.strip())
        joins = last_word in lang.fillers() or last_word in lang.coordinators()
        if ends_open and (joins or (len(words) <= 3 and text.rstrip()[-1:] in ".!?")):
            return "desc"  # the wrapped end of a sentence
    if previous is not None and previous_class == "desc" and _has_letters(previous) and _is_sentence(words):
        return "desc"  # the next sentence of a description ("Skrev driftrutinerna i wikin.")
    return "header"


def _keyword_list(text: str) -> bool:
    """Three or more items set apart by commas or bars, none naming a job, organisation or place."""
    items = [i for i in re.split(r"\s*[,|]\s*", text) if i.strip()]
    return len(items) >= 3 and not any(title_score(i) or org_score(i) or is_place(i) for i in items)


def _is_sentence(words: Sequence[str]) -> bool:
    """Words that read as a sentence, not a header: a full stop after a word that is no
    abbreviation, no parts set apart by commas, and mostly lower-case words after the first
    ("Lagerhuset i Halland AB" is a name)."""
    last = words[-1]
    if len(words) < 3 or not last.endswith(".") or last[:-1].isupper() or "." in last[:-1]:
        return False
    if any(w.endswith(",") for w in words):
        return False  # "Amanuens, Lunds universitet, Institutionen för kulturvetenskaper."
    rest = [w for w in words[1:] if w[:1].isalpha()]
    return bool(rest) and sum(w[:1].islower() for w in rest) > 0.5 * len(rest)


@knowledge_cache
def _duration_line() -> re.Pattern[str]:
    unit = lang.alternation(lang.duration_units())
    return re.compile(rf"^\(?\s*(?:\d+\s*{unit}\.?,?\s*)+\)?$", re.I)


def _line_classes(lines: Sequence[CVLine]) -> list[str]:
    classes: list[str] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1].text if i else None
        if _duration_line().match(line.text.strip()):
            classes.append("duration")
            continue
        classes.append(_line_class(line.text, prev, classes[-1] if classes else None))
    # a line whose sentence goes on on the next line ("…, som används av nio" / "medlemskommuner.")
    for i in range(len(lines) - 1):
        text, nxt = lines[i].text.rstrip(), lines[i + 1].text
        first = (nxt.split() or [""])[0]
        lower = re.fullmatch(r"[^\W\d_A-ZÅÄÖ]+[,.;:]?", first) is not None
        wrapped = classes[i] == "header" and lower and not re.search(r"[.!?:;)]$", text)
        if wrapped and len(text.split()) >= 6 and not label_of(nxt) and not find_periods(nxt):
            classes[i] = "desc"
    return classes


def _anchor_periods(line: CVLine, iso_months: bool) -> list[Period]:
    """The periods that date an entry on this line: a range anywhere but in running prose, a
    lone date ("2011", "03/2018", "Sommar 2012") only at the start or end of the line or as a
    cell of its own; a list ("2004, 2005") gives one period per date."""
    text = line.text
    if label_of(text) and not label_role(label_of(text)[0]):  # type: ignore[index]
        return []
    bullet = BULLET_START.match(text)
    if bullet:
        # a bulleted header ("• 2017 – 2019 Kundtjänst, Telia") starts with its date
        # or, short, ends with it ("• IT Support Specialist — Hallberg AB (Jan 2018 - Present)")
        rest = text[bullet.end() :]
        if not re.match(
            r"\s*(?:19|20)\d\d|\s*[^\W\d_]+\.?\s+(?:19|20)\d\d", rest
        ) and not _dated_bullet_header(line, iso_months):
            return []
    words = len(text.split())
    out: list[Period] = []
    for p in _line_periods(line, iso_months):
        before, after = text[: p.span[0]], text[p.span[1] :]
        own_cell = any(p.text in c and not _has_letters(c.replace(p.text, "")) for c in line.cells)
        at_start = not _has_letters(before)
        tail = re.sub(r"\([^)]*\)?", "", after).strip(" .,;:")
        at_end = not _has_letters(tail)
        if p.form in ("range", "open", "list"):
            if words > 20 and not (at_start or own_cell):
                continue
            nxt = after.strip()[:1]
            if not (at_start or at_end or own_cell) and nxt.islower():
                continue  # "Jobbade heltid 2016-2019 men …": prose
        else:
            last_word = (re.findall(r"[^\W\d_][\w-]*", before) or [""])[-1]
            sentence = text.rstrip().endswith(".") and last_word[:1].islower()
            after_separator = bool(re.search(r"[,|–—-]\s*$", before))
            end_ok = (
                at_end
                and not sentence
                and (words <= 5 or (words <= 10 and (not last_word[:1].islower() or after_separator)))
            )
            start_ok = at_start and words <= 14 and not after.strip()[:1].islower()
            if not (own_cell or end_ok or start_ok):
                continue
        out.append(p)
    if not out:
        return []
    first = out[0]
    # one entry per line: its first period, or every date of its list, and a second period
    # written in parentheses after it ("2015–2016 (och 2018–2019)") unless that one is leave
    kept = [p for p in out if p.span == first.span]
    # more dates joined to it ("2005–2007, 2009", "2015–2016 och 2018")
    last_end = first.span[1]
    for p in out:
        if p.span[0] >= last_end and _date_joiner().fullmatch(text[last_end : p.span[0]]):
            kept.append(p)
            last_end = p.span[1]
    for p in out:
        if p.span[0] >= first.span[1] and p not in kept:
            opened = text.rfind("(", first.span[1], p.span[0])
            if (
                opened >= 0
                and ")" not in text[opened : p.span[0]]
                and not is_non_work(text[opened : p.span[1]])
            ):
                kept.append(p)
    return kept


def _dated_bullet_header(line: CVLine, iso_months: bool) -> bool:
    """A bullet that is a job header ending in its range: a few words before one range or open
    period that closes the line (in parentheses or after a separator), no sentence."""
    text = line.text
    periods = [p for p in _line_periods(line, iso_months) if p.form in ("range", "open")]
    if len(periods) != 1:
        return False
    before, after = text[: periods[0].span[0]], text[periods[0].span[1] :]
    head = BULLET_START.sub("", before).strip(" (,|–—-")
    words = head.split()
    parts = [p for p in re.split(r"\s+[–—-]\s+|\s*[|,]\s*", head) if p.strip()]
    return (
        not after.strip(" ).")
        and 2 <= len(words) <= 10
        and not re.search(r"[.!?;:]", head)
        and not words[0][:1].islower()
        and len(parts) >= 2  # parts set apart: a title and an employer, not a sentence
        and any(title_score(p) or org_score(p) for p in parts)
    )


def _line_periods(line: CVLine, iso_months: bool) -> list[Period]:
    """Periods of a line, read cell by cell when it has cells (a date column is its own cell)."""
    if not line.cells:
        return find_periods(line.text, points=True, iso_months=iso_months)
    out: list[Period] = []
    at = 0
    for cell in line.cells:
        start = line.text.find(cell, at)
        if start < 0:
            return find_periods(line.text, points=True, iso_months=iso_months)
        at = start + len(cell)
        for p in find_periods(cell, points=True, iso_months=iso_months):
            out.append(replace(p, span=(p.span[0] + start, p.span[1] + start)))
    return out


def _own_text(line: CVLine, periods: Sequence[Period]) -> tuple[list[str], list[str]]:
    """(header texts, description cells) of an anchor line besides its dates. In a row of cells
    the header is every short cell ("2016 - 2018 | Lärare | Ekbackeskolan, Växjö"); a cell that
    is a sentence or long is description ("08/2024 – pågående | Vaktmästare, Björkbacka skola |
    Fastighetsskötsel, nycklar och larm.")."""
    spans = sorted({p.span for p in periods}, reverse=True)
    if line.cells:
        cells: list[str] = []
        at = 0
        date_cell = None
        for cell in line.cells:
            start = line.text.find(cell, at)
            at = start + len(cell) if start >= 0 else at
            text = cell
            for a, b in spans:
                if start >= 0 and start <= a and b <= start + len(cell):
                    text = text[: a - start] + " " + text[b - start :]
                    date_cell = len(cells)
            cells.append(text.strip(_STRIP))
        if date_cell is not None and len(cells) == 2:
            # two columns: the header is both (a title and its date: "Forskningsassistent | Okt. 2023 –")
            return [c for c in cells if _has_letters(c)], []
        if date_cell is not None:
            worded = [_clean_cell(c) for c in cells if _has_letters(c)]
            head = [c for n, c in enumerate(worded) if n == 0 or _short_cell(c)]
            return head, [c for c in worded if c not in head]
    text = line.text
    described: list[str] = []
    if spans:
        # "IT-tekniker, Falkviks kommun, 2020-01 – 2021-06: utrullning av datorer": what follows
        # a colon after the last date is the description, not a part of the header
        last = max(b for _, b in spans)
        tail = re.match(r"\s*:\s*(\S.*)$", text[last:])
        if tail and _has_letters(text[: min(a for a, _ in spans)]):
            described = [tail[1].strip()]
            text = text[:last]
    for a, b in spans:
        text = text[:a] + " | " + text[b:]
    bullet = BULLET_START.match(text)
    if bullet:
        text = " " * bullet.end() + text[bullet.end() :]  # "• Title — Employer (2018 –)"
    label = label_of(line.text)
    if label and label_role(label[0]) == "date":
        return [], []  # "Period: 2017-01 – 2019-12"
    text = re.sub(r"\(\s*(?:\|\s*)+\)", " | ", text)  # "Acme AB (2018–2020)"
    text = re.sub(r"\(\s*[^\W\d_]{0,4}\s*\|\s*\)", " | ", text)  # "(och 2018–2019)"
    pieces = [c.strip(_STRIP) for c in re.split(r"\s+\|\s+|^\|\s*|\s*\|$", text)]
    # a duration in brackets right after the date ("(3 mån)") is no part of the header
    pieces = [re.sub(r"^\([^)]*\)\s*", "", c) if n else c for n, c in enumerate(pieces)]
    pieces = [c for c in pieces if _has_letters(c)]
    return ([" — ".join(pieces)] if pieces else []), described


def _within(inner: Period, outer: Period | None) -> bool:
    if outer is None:
        return False
    return outer.start <= inner.start and (
        outer.end is None or (inner.end is not None and inner.end <= outer.end)
    )


def _table_columns(lines: Sequence[CVLine]) -> list[list[str | None] | None]:
    """For every line, the roles of its table's columns, from the table's header row whose cells
    are all labels ("Period | Arbetsgivare | Befattning | Beskrivning"); None outside tables."""
    out: list[list[str | None] | None] = []
    current: list[str | None] | None = None
    for line in lines:
        cells = line.cells
        if not cells:
            current = None
        elif len(cells) >= 2 and all(label_role(c.lower().strip(" :")) or _is_desc_label(c) for c in cells):
            current = [label_role(c.lower().strip(" :")) for c in cells]
        out.append(current)
    return out


def _is_desc_label(cell: str) -> bool:
    return cell.lower().strip(" :") in cues().description_labels


def _role_label(role: str) -> str:
    """The label a cell of a table column is read under ("roll: …"): the first label word of
    that part of a header in models/cv/headers.yml, the words the labelled-line reader knows."""
    c = cues()
    return {"title": c.title_labels, "employer": c.employer_labels, "client": c.client_labels}[role][0]


def _labelled_cells(line: CVLine, columns: Sequence[str | None]) -> tuple[list[str], list[str]]:
    head: list[str] = []
    desc: list[str] = []
    for cell, role in zip(line.cells, columns, strict=True):
        if role == "date" or not re.search(r"[^\W\d_]", cell):
            continue
        if role in ("title", "employer", "client"):
            head.append(f"{_role_label(role)}: {cell}")
        else:
            desc.append(cell)
    return head, desc


def _clean_cell(text: str) -> str:
    return re.sub(r"\(\s*\)", "", text).strip(_STRIP)


def _short_cell(text: str) -> bool:
    return len(text.split()) <= 6 and not text.rstrip().endswith(".")


def work_entries(
    lines: Sequence[CVLine],
    *,
    assignments: bool = False,
    iso_months: bool = True,
    studies: list[Education] | None = None,
) -> list[WorkEntry]:
    """Dated jobs of a work section. Entries that are studies (a programme at a school written
    among the jobs) go to ``studies`` as education records when they name a level."""
    classes = _line_classes(lines)
    anchors: list[tuple[int, list[Period]]] = []
    for i, line in enumerate(lines):
        found = _anchor_periods(line, iso_months)
        if found:
            anchors.append((i, found))
            classes[i] = "anchor"
    if not anchors:
        return []
    used: set[int] = set()

    def above(a: int, floor: int, limit: int) -> list[int]:
        got: list[int] = []
        j = a - 1
        while j > floor and j not in used and len(got) < limit:
            if classes[j] == "duration":
                j -= 1  # "5 år 3 mån" between an employer and its roles (LinkedIn)
                continue
            if classes[j] not in ("header", "client"):
                break
            if classes[j] != "client" and not _header_substance(lines[j].text):
                break
            got.insert(0, j)
            j -= 1
        return got

    def below(a: int, ceiling: int, limit: int) -> list[int]:
        got: list[int] = []
        j = a + 1
        while j < ceiling and classes[j] in ("header", "client") and len(got) < limit:
            if got and _is_sentence(lines[j].text.split()):
                break  # "Installation av datorer." under the title and employer: the description
            got.append(j)
            j += 1
        return got

    first_line, first_periods = anchors[0]
    layout_above = len(above(first_line, -1, _MAX_HEADER_LINES))
    headers: list[tuple[list[int], list[str]]] = []
    table_columns = _table_columns(lines)
    read: list[tuple[Header, list[int]]] = []
    extras: list[list[str]] = []
    titles_below = 0  # entries whose title the CV wrote on the line under the dated employer
    for k, (a, periods) in enumerate(anchors):
        floor = anchors[k - 1][0] if k else -1
        ceiling = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
        own, extra = _own_text(lines[a], periods)
        columns = table_columns[a]
        if columns and len(lines[a].cells) == len(columns):
            # a table whose header row names its columns ("Period | Arbetsgivare | Befattning")
            own, extra = _labelled_cells(lines[a], columns)
        extras.append(extra)
        taken: list[int] = []
        if layout_above:
            taken = above(a, floor, layout_above)
        if not taken:
            if not own:
                # a bare date line: its header is on the side that reads more like one
                down = below(a, ceiling, _MAX_HEADER_LINES)
                up = above(a, floor, _MAX_HEADER_LINES)
                down_score = _header_score(lines[down[0]].text) if down else -9
                up_score = _header_score(lines[up[-1]].text) if up else -9
                taken = up if up and up_score > down_score else down or up
            elif not layout_above:
                alone = read_header(own)
                nxt = below(a, ceiling, 1)
                # no employer on the dated line, or only another job word there ("Supporttekniker,
                # Servicedesk 2023-08 –" over "Kronborg Vård AB, Malmö")
                named = alone.employer is None or (
                    title_score(alone.employer) > 0 and not org_score(alone.employer)
                )
                if nxt and named and _looks_like_org_line(lines[nxt[0]].text):
                    taken = nxt
                elif nxt and not any(p.title for p in alone.parts) and _names_a_title(lines[nxt[0]].text):
                    taken = nxt  # "03/2023 – pågående Älvby kommun" / "Roll: Systemarkitekt"
                    titles_below += 1
                elif nxt and titles_below and alone.employer and _title_by_layout(lines[nxt[0]].text):
                    # the entries before it wrote the title on the line under the dated employer:
                    # so does this one, in words no lexicon knows ("Systemförvaltare")
                    taken = nxt
        # a client line right under the header belongs to it ("Kund: IKEA")
        j = max([a, *taken]) + 1
        while j < ceiling and classes[j] == "client" and j not in taken:
            taken.append(j)
            j += 1
        used.update(taken)
        ordered = sorted(taken)
        texts = (
            [_cells_text(lines[i]) for i in ordered if i < a]
            + own
            + [_cells_text(lines[i]) for i in ordered if i > a]
        )
        offsets = [i - a for i in ordered if i < a] + [0] * len(own) + [i - a for i in ordered if i > a]
        headers.append((ordered, texts))
        read.append((read_header(texts), offsets))
    # the CV's own layout (where its clear headers put the title and the employer) decides
    # the headers whose words leave it open
    votes: dict[tuple[int, int | None, bool], int] = {}
    for head, offsets in read:
        titled = {p.line for p in head.parts if p.title}
        if head.confident and len(titled) == 1:
            emp_line = None if head.employer_line is None else offsets[head.employer_line]
            key = (offsets[head.title_line], emp_line, head.title_first)
            votes[key] = votes.get(key, 0) + 1
    if votes:
        # most votes; on a tie the usual order (title before employer, nearest the date)
        best = max(sorted(votes, key=lambda k: (not k[2], abs(k[0]), str(k))), key=lambda k: votes[k])
        for k, (head, offsets) in enumerate(read):
            titled = {p.line for p in head.parts if p.title}
            if (not head.confident or len(titled) > 1) and best[0] in offsets:
                prefer = (
                    offsets.index(best[0]),
                    offsets.index(best[1]) if best[1] in offsets else None,
                    best[2],
                )
                read[k] = (read_header(headers[k][1], prefer=prefer), offsets)
    entries: list[WorkEntry] = []
    previous: tuple[str | None, bool] | None = None  # (employer, written on a line of its own)
    for k, (a, periods) in enumerate(anchors):
        taken, texts = headers[k]
        first = min([a, *taken])
        nxt_first = min([anchors[k + 1][0], *headers[k + 1][0]]) if k + 1 < len(anchors) else len(lines)
        desc_lines = extras[k] + [lines[i].text for i in range(a + 1, nxt_first) if i not in used]
        description = " ".join(BULLET_START.sub("", d).strip() for d in desc_lines if d.strip())
        head = read[k][0]
        cue = _assignment_re().match(texts[0]) if texts else None
        if head.non_work or opens_as_thesis(description):
            if studies is not None:
                span = (lines[first].span[0], lines[max([a, *taken])].span[1])
                records = study_records([(texts, description, periods[0], span)])
                if not records and studies and _within(periods[0], studies[-1].period):
                    # a thesis written within a study period tells the field of that study
                    about = " ".join([*texts, description])
                    studies[-1].it_field = studies[-1].it_field or is_it_education(about)
                studies.extend(records)
            previous = None
            continue
        kind = "assignment" if (assignments or head.client or cue) else "employment"
        title, employer = head.title, head.employer
        separate = head.employer_line is not None and head.employer_line != head.title_line
        if (
            (employer is None or is_place(employer))
            and layout_above
            and previous is not None
            and previous[1]
            and title
        ):
            # under the same employer line as the entry before it; a place on a line of its own
            # is where the job was ("Konsult" / "feb 2023 - Present" / "Kalmar" under "Borgholms kommun")
            employer = previous[0]
        previous = (employer, separate) if employer else previous
        last_line = max([a, *taken, *(i for i in range(a + 1, nxt_first) if i not in used)])
        title_line = next((lines[i] for i in [*taken, a] if title and title in lines[i].text), lines[a])
        at = title_line.text.find(title) if title else -1
        title_span: Span = (
            (title_line.span[0] + at, title_line.span[0] + at + len(title)) if at >= 0 else title_line.span
        )
        for period in periods:
            entries.append(
                WorkEntry(
                    title=title,
                    employer=employer,
                    period=period,
                    description=description,
                    span=(lines[first].span[0], lines[last_line].span[1]),
                    title_span=title_span,
                    kind=kind,  # type: ignore[arg-type]
                    by_layout=head.by_layout,
                )
            )
    return entries


_MAX_UNDATED_HEAD_WORDS = 8


def undated_entries(lines: Sequence[CVLine], *, assignments: bool = False) -> list[UndatedEntry]:
    """The jobs of a work section that dates none of them ("Tidigare uppdrag i urval"): one entry
    per bullet, or per header line with the description lines under it; a bullet's wrapped lines
    are its own. A head before a dash or colon ("Region Kust – tekniskt stöd …") names the
    employer or title, the rest describes the work."""
    classes = _line_classes(lines)
    bulleted = [BULLET_START.match(line.text) is not None for line in lines]
    # header lines over bullets ("Bildanalys för röntgen" / "• Tränade …") head the
    # entries, the bullets describe them; bullets alone are one entry each
    headed = any(
        not bulleted[i] and classes[i] == "header" and bulleted[i + 1] for i in range(len(lines) - 1)
    )
    items: list[list[int]] = []
    for i in range(len(lines)):
        # without bullets, a header starts an entry: parts set apart, or a name; a sentence goes on
        over_bullet = i + 1 < len(lines) and bulleted[i + 1]
        heads = classes[i] == "header" and not bulleted[i] and (over_bullet or _undated_header(lines[i].text))
        starts = heads if headed or not any(bulleted) else bulleted[i]
        if starts or not items:
            items.append([i])
        else:
            items[-1].append(i)
    out: list[UndatedEntry] = []
    for item in items:
        texts = [BULLET_START.sub("", lines[i].text).strip() for i in item]
        whole = " ".join(t for t in texts if t)
        if not _has_letters(whole) or all(_short_items(t) for t in texts):
            continue  # no words, or a list of tools ("Blazor, F#, Lua, PHP")
        cut = re.search(r"\s[–—-]\s|:\s", whole)
        if cut and (bulleted[item[0]] or len(item) == 1):
            head, rest = whole[: cut.start()], whole[cut.end() :]
        else:
            head, rest = texts[0], " ".join(texts[1:])
        if len(head.split()) > _MAX_UNDATED_HEAD_WORDS:
            head, rest = "", whole
        header = read_header([head]) if head else None
        if header is not None and header.non_work:
            continue
        title = header.title if header else ""
        employer = header.employer if header else None
        if header is not None and not title and employer is None:
            rest = whole
        kind = "assignment" if assignments or (header is not None and header.client) else "employment"
        out.append(
            UndatedEntry(
                title=title,
                employer=employer,
                description=rest.strip(),
                span=(lines[item[0]].span[0], lines[item[-1]].span[1]),
                kind=kind,  # type: ignore[arg-type]
            )
        )
    return out


def _undated_header(text: str) -> bool:
    """A line that heads an undated entry: it reads as a header, and is no sentence."""
    return not text.rstrip().endswith(".") and _header_score(text) >= 2


def _short_items(text: str) -> bool:
    """A list of names ("Blazor, F#, Lua, PHP"): three or more items of one to three words."""
    items = [i for i in re.split(r"\s*[,;|]\s*", text.rstrip(" .")) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


def _cells_text(line: CVLine) -> str:
    """A header line with its columns kept apart ("Scania CV | Södertälje, Sverige")."""
    return " | ".join(line.cells) if line.cells else line.text


def _header_substance(text: str) -> bool:
    """A line that names something a header names: a job, an organisation, a place, or a name
    (most words capitalised); not a short sentence ("Var föräldraledig med min son")."""
    label = label_of(text)
    if label and label_role(label[0]) in ("title", "employer"):
        return True
    if title_score(text) or org_score(text) or is_place(text):
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.5 * len(words)


def _header_score(text: str) -> int:
    """How much a line reads like a job header: a role or employer label, an occupation word,
    an organisation, a place, few words, parts set apart by separators; long lines read less so."""
    label = label_of(text)
    if label and label_role(label[0]) in ("title", "employer", "client"):
        return 4
    words = len(text.split())
    score = int(title_score(text) >= 2) + int(org_score(text) > 0) + int(is_place(text))
    score += int(words <= 6) + int(words <= 8 and bool(re.search(r"\s[—–|-]\s|,\s", text))) - int(words > 8)
    return score


def _names_a_title(text: str) -> bool:
    """A short line under a dated employer that names the role ("Roll: Arkitekt", "Systemförvaltare")."""
    label = label_of(text)
    if label:
        return label_role(label[0]) == "title"
    return len(text.split()) <= 6 and title_score(text) >= 2 and not text.rstrip().endswith(".")


def _title_by_layout(text: str) -> bool:
    """A short line that can be a title where the layout says so: a few words, no sentence, no
    label of another role, no organisation."""
    if label_of(text) or re.search(r"[.!?:;,]$", text.strip()) or len(text.split()) > 5:
        return False
    return _has_letters(text) and not org_score(text) and not is_place(text)


def _looks_like_org_line(text: str) -> bool:
    """A short line under a dated title that names the employer ("Skanska Bygg, Solna")."""
    if text.rstrip().endswith(".") or len(text.split()) > 8:
        return False
    if org_score(text):
        return True
    words = re.findall(r"[^\W\d_][\w&-]*", text)
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def mark_consultancy_assignments(entries: list[WorkEntry]) -> None:
    """The jobs listed right after a consultancy employment ("Nordlys Konsult AB, konsult
    (mar 2016 – pågående)") and within its period are its assignments."""
    for n, e in enumerate(entries):
        if not is_consultancy(f"{e.title} {e.employer or ''}"):
            continue
        inside = []
        for later in entries[n + 1 :]:
            if not (_within(later.period, e.period) and later.period != e.period):
                break
            inside.append(later)
        if inside:
            e.kind = "employment"  # the consultancy employment, even under an assignments heading
            for later in inside:
                later.kind = "assignment"


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


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    """One pattern for cue words: a cue starts a word ("kandidat" in "kandidatexamen"), a cue
    written "-programmet" ends one, a cue with a trailing space is a whole word."""
    alts = []
    for cue in cues:
        if cue.startswith("-") and len(cue) > 1:
            alts.append(re.escape(cue[1:].strip()) + r"(?![^\W\d_])")
        elif cue.strip() != cue:
            alts.append(r"(?<![^\W\d_])" + re.escape(cue.strip()) + r"(?![^\W\d_])")
        else:
            alts.append(r"(?<![^\W\d_])" + re.escape(cue))
    return re.compile("|".join(alts) or "(?!)")


@knowledge_cache
def _level_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((level.name, _cue_pattern(level.cues)) for level in lang.education_levels())


@knowledge_cache
def _education_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = education_lexicon()
    words = _cue_pattern([f"{w} " for w in lex.it_field_words])
    return _cue_pattern(lex.it_field_prefixes), words, _cue_pattern(lex.not_education)


def education_level(text: str) -> str | None:
    """The highest education level a cue of any pack announces in ``text`` (a cue with a
    trailing space is a whole word, any other starts a word, "-programmet" ends one)."""
    low = text.lower()
    return next((name for name, pattern in _level_patterns() if pattern.search(low)), None)


def is_it_education(text: str) -> bool:
    prefixes, words, _ = _education_patterns()
    low = text.lower()
    return bool(prefixes.search(low) or words.search(low))


def _is_course(low: str) -> bool:
    return _education_patterns()[2].search(low) is not None


_TWO_YEARS = (18, 26)  # months of a two-year post-secondary programme, read from its dates


def _education_record(texts: Sequence[str], description: str, period: Period | None, span: Span) -> Education:
    """One education record from its header lines (programme, school, dates) and description."""
    lex = education_lexicon()
    head = " ".join(t.strip() for t in texts if t.strip())
    low = head.lower()
    level = education_level(head)
    course = _is_course(low)
    if (
        level
        and level != lang.education_levels()[0].name
        and course
        and not any(w in low for w in lex.programme_words)
    ):
        level = None  # a course or certificate, not a programme
    parts = [p.strip(_STRIP) for t in texts for p in re.split(r",|\s[—–-]\s|\|", t) if p.strip(_STRIP)]
    institution = next(
        (p for p in reversed(parts) if any(w in p.lower() for w in lex.institution_words)), None
    )
    ongoing_word = _education_ongoing_re().search(head) is not None
    if level is None and not course and period is not None and period.end is not None:
        # a programme of about two years that names no level ("Skydd mot olyckor, 2009 – 2011")
        # is post-secondary vocational: longer than a course, shorter than a school or degree
        months = (period.end[0] - period.start[0]) * 12 + period.end[1] - period.start[1] + 1
        if _TWO_YEARS[0] <= months <= _TWO_YEARS[1] and period.form == "range":
            level = lang.education_levels()[-2].name
    return Education(
        text=head,
        level=level,
        it_field=is_it_education(head) or is_it_education(description),
        institution=institution,
        period=period,
        span=span,
        expected=ongoing_word,
    )


@knowledge_cache
def _education_ongoing_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){lang.alternation(lang.education_ongoing_words())}(?!\w)", re.I)


@knowledge_cache
def _education_completed_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){lang.alternation(lang.education_completed_words())}(?!\w)", re.I)


def education_entries(lines: Sequence[CVLine], *, iso_months: bool = True) -> list[Education]:
    """Education records. A record is a dated line with the programme and school lines that
    the CV writes with it (above the date when its first record does so, else below it); its
    description follows. Undated lines that name a level or a course are records of their
    own. A description line that states another completed degree ("Avslutad kandidatexamen")
    is a record too."""
    classes = _line_classes(lines)
    anchors = [(i, ps[0]) for i, line in enumerate(lines) if (ps := _anchor_periods(line, iso_months))]
    for i, _ in anchors:
        classes[i] = "anchor"
    used: set[int] = set()
    layout_above = 0
    if anchors:
        j = anchors[0][0] - 1
        while j >= 0 and classes[j] == "header" and layout_above < 2:
            layout_above += 1
            j -= 1
    groups: list[tuple[int, Period | None, list[int], list[str]]] = []
    for k, (a, period) in enumerate(anchors):
        floor = anchors[k - 1][0] if k else -1
        ceiling = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
        own, extra = _own_text(lines[a], [period])
        taken: list[int] = []
        if layout_above:
            j = a - 1
            while j > floor and j not in used and classes[j] == "header" and len(taken) < layout_above:
                taken.insert(0, j)
                j -= 1
        if not taken:
            j = a + 1
            limit = 1 if own else _MAX_HEADER_LINES
            while j < ceiling and len(taken) < limit and not BULLET_START.match(lines[j].text):
                if classes[j] != "header" and (taken or own):
                    break
                if own and not _looks_like_org_line(lines[j].text):
                    break
                if own and _names_other_degree(lines[j].text):
                    break  # "MSc Computer Science, KTH (ongoing)" under "A-levels, …, 2010 – 2012"
                taken.append(j)
                j += 1
        used.update(taken)
        texts = [lines[i].text for i in taken if i < a] + own + [lines[i].text for i in taken if i > a]
        groups.append((a, period, taken, texts + extra))
    entries: list[Education] = []
    covered: set[int] = set()
    starts = sorted(min([a, *t]) for a, _, t, _ in groups)
    for a, dated, taken, texts in groups:
        first = min([a, *taken])
        at = bisect.bisect_right(starts, first)
        nxt = starts[at] if at < len(starts) else len(lines)
        rest = [i for i in range(first, nxt) if i not in used and i != a]
        record_desc: list[str] = []
        last = max([a, *taken])
        for i in rest:
            text = BULLET_START.sub("", lines[i].text).strip()
            if classes[i] == "header" and not record_desc and _starts_own_record(text) and i > last:
                break  # an undated programme or course of its own: handled below
            record_desc.append(text)
            last = max(last, i)
        description = " ".join(record_desc)
        record = _education_record(texts, description, dated, (lines[first].span[0], lines[last].span[1]))
        entries.append(record)
        covered.update(range(first, last + 1))
        for text in record_desc:
            for stated in _stated_degree(text, lines[first].span):
                if (stated.level, stated.completed) != (record.level, record.completed):
                    entries.append(stated)
    # undated records: lines naming a level or a course that no dated record took
    for i, line in enumerate(lines):
        text = BULLET_START.sub("", line.text).strip()
        if i in covered or i in used or not _starts_own_record(text):
            continue
        entries.append(_education_record([text], "", None, line.span))
    return sorted(entries, key=lambda e: e.span)


def _names_other_degree(text: str) -> bool:
    """A line that names an education level and no school: a record of its own, not the school
    line of the dated record above it ("Solby gymnasium" is a school line)."""
    low = text.lower()
    return _starts_own_record(text) and not any(w in low for w in education_lexicon().institution_words)


def _starts_own_record(text: str) -> bool:
    """An undated line that names an education level or a course ("Certifikat i tyska"), not a
    sentence about one ("Gymnasieutbildning med inriktning datorteknik inför högskola.")."""
    if len(text.split()) > 12 or text.rstrip().endswith("."):
        return False
    low = text.lower()
    return education_level(text) is not None or _is_course(low)


def _stated_degree(text: str, span: Span) -> list[Education]:
    """ "Avslutad kandidatexamen och påbörjad masterutbildning i programvaruteknik": a completed degree
    named in a description is a record of its own."""
    m = _education_completed_re().search(text)
    if not m:
        return []
    clause = re.split(rf"\s+(?:{lang.alternation(lang.coordinators())})\s+", text[m.end() :], maxsplit=1)[0]
    level = education_level(clause)
    if level is None or level == lang.education_levels()[-1].name:
        return []
    return [
        Education(
            text=text.strip(),
            level=level,
            it_field=is_it_education(text),
            institution=None,
            period=None,
            span=span,
        )
    ]


def study_records(entries: Sequence[tuple[Sequence[str], str, Period, Span]]) -> list[Education]:
    """Education written among jobs ("Karlstads universitet / Civilingenjör … / 2017 – 2022")."""
    out = []
    for texts, description, period, span in entries:
        record = _education_record(texts, description, period, span)
        if record.level is not None:
            out.append(record)
    return out


@knowledge_cache
def _language_name_re() -> re.Pattern[str]:
    names = lang.language_names()
    return re.compile(rf"(?<![^\W\d_])({lang.alternation(names)})(?![^\W\d_])", re.I)


@knowledge_cache
def _joiners() -> re.Pattern[str]:
    return re.compile(rf"^[\s,&/+|:–—-]*(?:{lang.alternation(lang.coordinators())}[\s,&/+|:–—-]*)?$", re.I)


def _label_levels(piece: str, names: Sequence[re.Match[str]]) -> list[str | None]:
    """Levels written as labels before their languages ("Modersmål: svenska, Flytande: engelska,
    tyska"): each name takes the last label before it; [] when the line has no such label."""
    labels: list[str | None] = []
    for k, m in enumerate(names):
        before = piece[(names[k - 1].end() if k else 0) : m.start()]
        labels.append(lang.proficiency_in(before) if before.rstrip().endswith(":") else None)
    if not any(labels):
        return []
    out: list[str | None] = []
    current = None
    for label in labels:
        current = label or current
        out.append(current)
    return out


def language_skills(lines: Sequence[CVLine], *, anywhere: bool = False) -> list[LanguageSkill]:
    """Languages (any name a language pack knows, CLDR's included) with their levels: the level
    words after a name up to the next name ("Svenska – modersmål", "Svenska, modersmål",
    "Tyska (Avancerad C1)"), shared by names joined before one level ("Danska & Engelska,
    flytande"), before the name in a sentence ("talar flytande engelska"), or on the next line
    ("Svenska" / "Modersmål."). In a languages section every mention counts; elsewhere
    (``anywhere``) only a language with a level."""
    name_re = _language_name_re()
    joiners = _joiners()
    found: list[LanguageSkill] = []
    for n, line in enumerate(lines):
        for chunk in re.finditer(r"(?:[^;·.!?]|[.!?](?!\s|$))+", line.text):
            piece = chunk.group(0)
            names = list(name_re.finditer(piece))
            levels = _label_levels(piece, names) or [
                lang.proficiency_in(
                    piece[m.end() : names[k + 1].start() if k + 1 < len(names) else len(piece)]
                )
                for k, m in enumerate(names)
            ]
            # names joined before one level share it ("Danska & Engelska, flytande")
            for k in range(len(names) - 2, -1, -1):
                between = piece[names[k].end() : names[k + 1].start()]
                if levels[k] is None and joiners.match(between):
                    levels[k] = levels[k + 1]
            for k, m in enumerate(names):
                if levels[k] is None:
                    start = names[k - 1].end() if k else 0
                    levels[k] = lang.proficiency_in(piece[start : m.start()])
            if len(names) == 1 and levels[0] is None and n + 1 < len(lines):
                nxt = lines[n + 1].text
                if not name_re.search(nxt) and len(nxt.split()) <= 6:
                    levels[0] = lang.proficiency_in(nxt)
            for k, m in enumerate(names):
                if anywhere and levels[k] is None:
                    continue
                code = lang.language_code(m[1])
                if code is None:
                    continue
                stop = names[k + 1].start() if k + 1 < len(names) else len(piece)
                start = line.span[0] + chunk.start() + m.start()
                end = line.span[0] + chunk.start() + stop
                text = line.text[start - line.span[0] : end - line.span[0]]
                stripped = text.rstrip(" ,;&/|–—-.")
                found.append(LanguageSkill(code, levels[k], stripped.strip(), (start, start + len(stripped))))
    best: dict[str, LanguageSkill] = {}
    for skill in found:
        if skill.language not in best or (best[skill.language].level is None and skill.level is not None):
            best[skill.language] = skill
    return sorted(best.values(), key=lambda s: s.span)


def skills_of(lines: Sequence[CVLine]) -> list[Skill]:
    """Skill items: a skills line cut at commas, semicolons, bullets, bars and a slash between
    two names ("Jira/Confluence", not "TCP/IP" or "CI/CD"), without a leading label
    ("Programmering: Java") or a level after a dash ("FreeBSD (operating system) - Van")."""
    out: list[Skill] = []
    for line in lines:
        label = label_of(line.text)
        start = line.text.index(label[1]) if label else 0
        masked = mask_parens(line.text)  # commas inside brackets do not cut an item
        for m in re.finditer(r"[^,;•·♦|\n]+", masked[start:]):
            piece_at = start + m.start()
            for part in re.finditer(r"(?:[^/]|/(?![^\W\d_]{3}))+", m.group(0)):
                raw = line.text[piece_at + part.start() : piece_at + part.end()]
                head = re.split(r"\s+[–—-]\s+", raw)[0]
                text = BULLET_START.sub("", head).strip(" .:/")
                if re.search(r"[^\W\d_]", text):
                    at = line.text.find(text, piece_at + part.start())
                    out.append(Skill(text, (line.span[0] + at, line.span[0] + at + len(text))))
    return out
