"""Lines → blocks: headings, bullets (with continuations and sub-bullets) and paragraphs.

PDF lines are judged by typography and position: a heading is bold or larger than the body
text; a bullet's wrapped lines are indented past its glyph, also on the next page. Text dumps
have neither, so a heading is a short unpunctuated line after a blank line, and a bullet goes
on while the next line continues it (no blank line, or a lower-case start).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline import lang
from pipeline.documents.furniture import BULLET_START
from pipeline.documents.lines import Line
from pipeline.knowledge import knowledge_cache, spec_cues

NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\S)")
NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zåäö]\))\s+")
SUB_GLYPHS = ("o", "◦", "-", "–", "▪", "■", "□", "‣", "∙")


@knowledge_cache
def _incomplete_end() -> re.Pattern[str]:
    """A text that cannot end there: a dash, comma or open parenthesis, or a coordinator or
    function word of the language packs ("… och", "… inom")."""
    words = lang.alternation([*lang.coordinators(), *lang.fillers()], bounded=True)
    return re.compile(rf"(?:[-,(]|{words})$", re.I)


@dataclass
class Heading:
    text: str
    size: float
    bold: bool
    depth: int  # section-number depth ("3.2.1" → 3), 0 when unnumbered
    page: int


@dataclass
class Bullet:
    text: str
    indent: float
    page: int
    subs: list[str] = field(default_factory=list)
    sub_indent: float | None = None
    numbered: bool = False

    @property
    def full_text(self) -> str:
        return " ".join([self.text, *self.subs])


@dataclass
class Paragraph:
    text: str
    x0: float
    page: int


Block = Heading | Bullet | Paragraph


def strip_glyph(text: str) -> str:
    m = BULLET_START.match(text) or NUMBERED_ITEM.match(text)
    return text[m.end() :].strip() if m else text.strip()


def _join(a: str, b: str) -> str:
    """Lines of one block joined with a space; a word broken after its hyphen at the line end
    goes on without one ("OAuth2-" + "baserad"), a suspended compound keeps it ("IT- och …")."""
    if not a:
        return b
    if re.search(r"\w-$", a) and b[:1].isalnum() and not _suspended_follower().match(b):
        return f"{a}{b}"
    return f"{a} {b}".strip()


def _is_lead_in_line(text: str) -> bool:
    """A line that introduces a list ("… enligt nedan:", "… enligt nedan."): it starts a block."""
    return text.rstrip().endswith(":") or bool(_list_announcement().search(text))


@knowledge_cache
def _list_announcement() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lang.alternation(spec_cues().call_off.list_announcements)})\s*\.\s*$", re.I)


@knowledge_cache
def _alternative_start() -> re.Pattern[str]:
    """A sentence that goes on with the requirement before it ("Alternativt, …")."""
    return re.compile(rf"(?:{lang.alternation(spec_cues().alternative_cues)})\b", re.I)


@knowledge_cache
def _suspended_follower() -> re.Pattern[str]:
    words = [*lang.coordinators(), *spec_cues().suspended_compound_followers]
    return re.compile(rf"(?:{lang.alternation(words)})\b", re.I)


def split_numbering(text: str) -> tuple[str, int]:
    m = NUMBERED_HEADING.match(text)
    if not m:
        return text.strip(), 0
    return text[m.end() :].strip(), m[1].count(".") + 1


def _body_size(lines: Sequence[Line]) -> float:
    weights: Counter[float] = Counter()
    for ln in lines:
        if not ln.bold:
            weights[ln.size] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _line_pitch(lines: Sequence[Line], body: float) -> float:
    gaps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and b.top > a.top
    ]
    if not gaps:
        return body * 1.3
    gaps.sort()
    return gaps[len(gaps) // 10]


def _is_bullet(text: str) -> bool:
    return bool(BULLET_START.match(text) or NUMBERED_ITEM.match(text))


def _sub_glyph(text: str) -> bool:
    return text.lstrip()[:1] in SUB_GLYPHS


def _wraps_bullet(ln: Line, prev: Line | None, last: Block | None, pitch: float) -> bool:
    """Is ``ln`` the next line of the bullet just read: indented under its text, in the bullet
    line's type size, at the line pitch?"""
    return (
        isinstance(last, Bullet)
        and prev is not None
        and prev.page == ln.page
        and abs(ln.size - prev.size) < 0.3
        and ln.x0 > last.indent + 2
        and ln.top - prev.top <= max(pitch * 1.25, ln.size * 1.45)
    )


def blocks_from_positioned(lines: Sequence[Line]) -> list[Block]:
    body = _body_size(lines)
    pitch = _line_pitch(lines, body)
    blocks: list[Block] = []
    prev: Line | None = None
    for ln in lines:
        last = blocks[-1] if blocks else None
        text = ln.text.strip()
        end = unicodedata.normalize("NFKC", text)[-1:]
        numbered_continuation = (
            isinstance(last, Bullet)
            and not BULLET_START.match(text)
            and ln.x0 > last.indent + 2
            and not NUMBERED_ITEM.match(last.text)
            and not last.numbered
        )
        # a larger line that is not bold is a heading only while it is short and no lead-in
        larger = ln.size >= body + 1.5 or (ln.size >= body + 1.0 and len(text) <= 60 and end != ":")
        heading_like = (ln.bold or larger) and not _is_bullet(text) and end not in ".,;"
        if heading_like and not ln.bold and _wraps_bullet(ln, prev, last, pitch):
            heading_like = False  # a bullet's second line, in a document whose body type is smaller
        if numbered_continuation and isinstance(last, Bullet) and NUMBERED_ITEM.match(text):
            last.text = _join(last.text, text)  # "(3) års …" or "2. …" wrapped inside a bullet
        elif _is_bullet(text) and not (
            ln.bold and NUMBERED_HEADING.match(text) and not BULLET_START.match(text)
        ):
            if (
                isinstance(last, Bullet)
                and ln.x0 > last.indent + 4
                and (last.sub_indent is None or ln.x0 >= last.sub_indent - 2)
            ):
                last.subs.append(strip_glyph(text))
                last.sub_indent = ln.x0
            else:
                blocks.append(
                    Bullet(strip_glyph(text), ln.x0, ln.page, numbered=not BULLET_START.match(text))
                )
        elif heading_like and len(text) < 150:
            name, depth = split_numbering(text)
            if (
                isinstance(last, Heading)
                and prev is not None
                and prev.page == ln.page
                and abs(last.size - ln.size) < 0.3
                and last.bold == ln.bold
                and ln.top - prev.top < ln.size * 1.6
                and depth == 0
            ):
                last.text = _join(last.text, name)  # a heading wrapped over two lines
            else:
                blocks.append(Heading(name, ln.size, ln.bold, depth, ln.page))
        elif isinstance(last, Bullet) and (
            ln.x0 > last.indent + 2
            or (prev is not None and prev.page != ln.page and _unfinished(last))
            or (
                prev is not None
                and prev.page == ln.page
                and ln.top - prev.top <= max(pitch * 1.25, ln.size * 1.45)
                and text[:1].islower()
                and not _ends_sentence(prev.text)
            )
        ):
            if last.subs and last.sub_indent is not None and ln.x0 > last.sub_indent + 2:
                last.subs[-1] = _join(last.subs[-1], text)
            else:
                last.text = _join(last.text, text)
        elif (
            isinstance(last, Paragraph)
            and prev is not None
            and abs(ln.x0 - last.x0) < 4
            and not (_ends_sentence(prev.text) and _is_lead_in_line(text))
            and (
                (prev.page == ln.page and ln.top - prev.top <= max(pitch * 1.25, ln.size * 1.45))
                or (prev.page != ln.page and last.text[-1:] not in ".!?:;")
            )
        ):
            last.text = _join(last.text, text)
        else:
            blocks.append(Paragraph(text, ln.x0, ln.page))
        prev = ln
    return blocks


def _subsection_number(text: str) -> bool:
    """A line that opens with a section number of two or more levels ("1.21.1 Efterfrågad roll"):
    a heading in a text dump even without a blank line before it."""
    m = NUMBERED_HEADING.match(text)
    return bool(m and "." in m[1])


def _unfinished(bullet: Bullet) -> bool:
    """A bullet that cannot end where it stands (an open parenthesis, a trailing coordinator or
    comma): a page break fell inside it, and the next page's first line goes on with it."""
    text = bullet.subs[-1] if bullet.subs else bullet.text
    return text.count("(") > text.count(")") or bool(_incomplete_end().search(text))


def _ends_sentence(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).rstrip()[-1:] in (".", "!", "?", ":", ";")


def blocks_from_text(lines: Sequence[Line], is_section=lambda text: False) -> list[Block]:
    widths = sorted(len(ln.text) for ln in lines)
    wrap = widths[int(len(widths) * 0.9)] if widths else 80
    blocks: list[Block] = []
    prev: Line | None = None
    for i, ln in enumerate(lines):
        last = blocks[-1] if blocks else None
        text = ln.text.strip()
        end = unicodedata.normalize("NFKC", text)[-1:]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if _is_bullet(text):
            if isinstance(last, Bullet) and _sub_glyph(text) and ln.x0 > last.indent:
                last.subs.append(strip_glyph(text))
                last.sub_indent = ln.x0
            else:
                blocks.append(Bullet(strip_glyph(text), ln.x0, ln.page))
        elif (
            isinstance(last, Bullet)
            and not is_section(text)
            and not _subsection_number(text)
            and (
                (
                    ln.blank_before == 0
                    and not (
                        prev is not None
                        and _ends_sentence(prev.text)
                        and text[:1].isupper()
                        and not _alternative_start().match(text)
                    )
                )
                or text[:1].islower()
                or _unfinished(last)
            )
        ):
            if last.subs:
                last.subs[-1] = _join(last.subs[-1], text)
            else:
                last.text = _join(last.text, text)
        elif (
            (ln.blank_before > 0 or prev is None or is_section(text) or _subsection_number(text))
            and len(text) <= 90
            and end not in ".,;:"
            and (text[:1].isupper() or text[:1].isdigit())
            and (
                is_section(text)
                or _subsection_number(text)
                or nxt is None
                or nxt.blank_before > 0
                or len(nxt.text) > len(text)
                or is_section(nxt.text)
            )
        ):
            name, depth = split_numbering(text)
            blocks.append(Heading(name, 0.0, False, depth, ln.page))
        elif (
            isinstance(last, Paragraph)
            and prev is not None
            and ln.blank_before == 0
            and not (prev.text[-1:] in ".!?" and len(prev.text) < 0.8 * wrap and text[:1].isupper())
        ):
            last.text = _join(last.text, text)
        else:
            blocks.append(Paragraph(text, ln.x0, ln.page))
        prev = ln
    return blocks
