"""Drawing the board, one line at a time: column headers, lane headers, cards.

Functions here turn a piece of the layout into Rich `Segment`s of an exact
cell width. User text goes in as plain strings (cleaned, never parsed as
markup), and wide characters (emoji, CJK) are measured by cells, so a card
never overflows its column.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from coop_tui.domain.model import Status
from coop_tui.text import clean

ELLIPSIS = "…"
#: Border characters: normal cards are rounded, the focused one heavy.
ROUND = ("╭", "─", "╮", "│", "╰", "╯")
HEAVY = ("┏", "━", "┓", "┃", "┗", "┛")
OVERDUE_MARK = "⚠"
#: Card heights: comfortable (two title lines) and compact (one, for short terminals).
CARD_HEIGHT = 5
COMPACT_CARD_HEIGHT = 4


@dataclass(frozen=True, slots=True)
class Styles:
    """Rich styles of every part of the board (read from the widget's component classes)."""

    base: Style
    column: dict[Status, Style]
    border: dict[Status, Style]
    focused_border: Style
    focused_body: Style
    card_body: Style
    code: Style
    lead: Style
    date: Style
    overdue: Style
    lane: Style
    lane_focused: Style
    lane_late: Style
    placeholder: Style


@dataclass(frozen=True, slots=True)
class CardText:
    """What a card says, already formatted in the user's language."""

    code: str
    title: str
    lead: str
    end: str
    overdue: bool


def fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    return set_cell_size(text, width)


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Word-wrap `text` into `lines` lines of exactly `width` cells (an ellipsis if cut)."""
    if lines <= 0:
        return []
    words = text.split()
    out: list[str] = []
    current = ""
    i = 0
    while i < len(words) and len(out) < lines:
        candidate = f"{current} {words[i]}" if current else words[i]
        if cell_len(candidate) <= width or not current:
            current = candidate
            i += 1
            if cell_len(current) <= width:
                continue
        out.append(current)
        current = ""
    if current and len(out) < lines:
        out.append(current)
    if i < len(words) and out:
        out[-1] = f"{out[-1]} {' '.join(words[i:])}"
    out += [""] * (lines - len(out))
    return [fit(line, width) for line in out]


def spans(width: int, count: int) -> list[tuple[int, int]]:
    """(x, width) of `count` columns sharing `width` cells (the last takes the rest)."""
    if count <= 0:
        return []
    each = max(1, width // count)
    out = [(i * each, each) for i in range(count)]
    x, _ = out[-1]
    out[-1] = (x, max(1, width - x))
    return out


def card_line(
    card: CardText,
    status: Status,
    line: int,
    width: int,
    height: int,
    focused: bool,
    styles: Styles,
) -> list[Segment]:
    """Line `line` (0 = top border) of one card drawn `width` cells wide."""
    tl, h, tr, v, bl, br = HEAVY if focused else ROUND
    border = styles.focused_border if focused else styles.border[status]
    body = styles.focused_body if focused else styles.card_body
    inner = max(0, width - 4)
    if width < 4:
        return [Segment(" " * width, styles.base)]
    if line == 0:
        code = fit(clean(card.code), max(0, min(cell_len(card.code), width - 6)))
        mark = f" {OVERDUE_MARK} " if card.overdue and width >= 10 + len(code) else ""
        fill = max(0, width - 5 - cell_len(code) - cell_len(mark))
        parts = [Segment(f"{tl} ", border), Segment(code, border + styles.code)]
        parts.append(Segment(" " + h * fill, border))
        if mark:
            parts.append(Segment(mark, border + styles.overdue))
        parts.append(Segment(h + tr, border))
        return _exact(parts, width, styles.base)
    if line == height - 1:
        label = f" {card.end} " if card.end else ""
        if cell_len(label) > width - 3:
            label = ""
        fill = width - 3 - cell_len(label)
        date_style = border + (styles.overdue if card.overdue else styles.date)
        return _exact(
            [Segment(bl + h * fill, border), Segment(label, date_style), Segment(h + br, border)],
            width,
            styles.base,
        )
    title_lines = height - 3
    if line <= title_lines:
        text = wrap(clean(card.title), inner, title_lines)[line - 1]
        text_style = body + Style(bold=True) if focused else body
    else:
        text = fit(clean(card.lead) or "—", inner)
        text_style = body + styles.lead
    return _exact(
        [Segment(f"{v}", border), Segment(f" {text} ", text_style), Segment(f"{v}", border)],
        width,
        styles.base,
    )


def placeholder_line(label: str, width: int, styles: Styles) -> list[Segment]:
    """The focused empty cell: a dashed slot saying what `a` does (`┄┄ a: add ┄┄`)."""
    text = f" {label} " if cell_len(label) + 4 <= width else ""
    left = (width - cell_len(text)) // 2
    right = width - cell_len(text) - left
    return [Segment("┄" * left + text + "┄" * right, styles.placeholder)]


def lane_header(
    arrow: str,
    code: str,
    statement: str,
    right: str,
    width: int,
    style: Style,
    right_style: Style,
) -> list[Segment]:
    """` ▼ O1.1 statement ………… progress · deadline ` across the whole width."""
    right_text = f" {right} " if right and cell_len(right) + 20 < width else ""
    head = f" {arrow} "
    code_text = fit(f"{clean(code)} ", min(cell_len(code) + 1, max(0, width - 3)))
    room = max(0, width - cell_len(head) - cell_len(code_text) - cell_len(right_text))
    parts = [
        Segment(head, style),
        Segment(code_text, style + Style(bold=True)),
        Segment(fit(clean(statement), room), style),
    ]
    if right_text:
        parts.append(Segment(right_text, right_style))
    return _exact(parts, width, style)


def _exact(parts: list[Segment], width: int, pad: Style) -> list[Segment]:
    """Trim or pad segments to exactly `width` cells."""
    total = sum(cell_len(s.text) for s in parts)
    if total == width:
        return parts
    if total < width:
        return [*parts, Segment(" " * (width - total), pad)]
    out: list[Segment] = []
    remaining = width
    for seg in parts:
        length = cell_len(seg.text)
        if length <= remaining:
            out.append(seg)
            remaining -= length
        else:
            out.append(Segment(set_cell_size(seg.text, remaining), seg.style))
            remaining = 0
        if remaining == 0:
            break
    return out
