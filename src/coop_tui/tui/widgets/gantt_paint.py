"""Drawing the timeline: characters, marks and the cells of one row (no widget state).

`GanttView` owns the state and the styles; these functions turn a row and a
time window into styled cells, so what a bar looks like is decided in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from coop_tui.domain.model import Milestone, Phase, Status
from coop_tui.text import clean
from coop_tui.tui.widgets import gantt_scale as scale
from coop_tui.tui.widgets.gantt_rows import Row
from coop_tui.tui.widgets.gantt_scale import Zoom

FILL: dict[Status, str] = {
    Status.TODO: "░",
    Status.IN_PROGRESS: "█",
    Status.DONE: "█",
    Status.BLOCKED: "█",
    Status.DROPPED: "╌",
}
"""Bar characters by status; overdue bars use `OVERDUE_FILL` so they differ without colour."""
OVERDUE_FILL = "▒"
LATE_TAIL = "┄"
"""Drawn from an overdue bar's end up to today."""
TODAY = "│"
TODAY_MARK = "▼"
"""Today on the marks line, under the scale (never over a label)."""
DEADLINE = "◆"
MILESTONE = "◇"
"""A phase's milestone (jalon), on the marks line: hollow, unlike an objective's deadline."""
DEPENDS = "→"
"""Just left of a bar that waits for other actions (finish-to-start)."""
DEPENDS_BROKEN = "↯"
"""The same, when the bar starts before an action it depends on has ended."""
GHOST = "▔"
"""A baseline's bar, on the thin row under today's bar."""
SUMMARY = "━"
CURSOR_MARK = "▶"
MARKS = frozenset((DEADLINE, DEPENDS, DEPENDS_BROKEN))
"""Marks drawn over today's line where they fall on it (what they say matters more)."""
BLOCKS = frozenset("█▒░")
"""Bar characters that fill their cell: today's line is drawn through them."""

Cell = tuple[str, Style]


def fit(pieces: list[tuple[str, Style]], width: int, blank: Style | None = None) -> Strip:
    """Pieces of text cut (with an ellipsis) or padded to exactly `width` cells."""
    segments: list[Segment] = []
    used = 0
    for text, style in pieces:
        size = cell_len(text)
        if used + size > width:
            room = width - used
            cut = set_cell_size(text, room - 1) + "…" if room > 0 else ""
            segments.append(Segment(cut, style))
            used = width
            break
        segments.append(Segment(text, style))
        used += size
    if used < width:
        last = pieces[-1][1] if pieces else blank
        segments.append(Segment(" " * (width - used), last))
    return Strip(segments, width)


def chart_cells(
    row: Row,
    zoom: Zoom,
    x0: int,
    width: int,
    today: dt.date,
    style_of: Callable[[str], Style],
    base: Style,
    no_dates: str,
) -> list[Cell]:
    """The time part of one row: its bar or summary, marks, and today's line.

    `style_of(name)` gives the widget's style for a part ("done", "today", …);
    `base` is the plain background; `no_dates` the words for an undated action.
    """
    cells: list[Cell] = [(" ", base)] * width
    today_col = scale.column_of(today, zoom)
    today_at = today_col - x0
    today_style = style_of("today")
    if 0 <= today_at < width:
        cells[today_at] = (TODAY, today_style)

    def put(col: int, ch: str, style: Style) -> None:
        at = col - x0
        if 0 <= at < width:
            if at == today_at and ch in BLOCKS:
                # Today's line crosses a bar: the bar's colour behind the line.
                style, ch = base + Style(color=today_style.color, bgcolor=style.color), TODAY
            elif at == today_at and ch not in MARKS:
                return
            cells[at] = (ch, style)

    if row.kind == "ghost":
        if row.dated:
            _bar(row, zoom, x0, width, GHOST, style_of("ghost"), put, cells)
        return cells
    if row.kind == "action" and not row.dated:
        for i, ch in enumerate(cells_of(" " + no_dates, min(width, cell_len(no_dates) + 1))):
            cells[i] = (ch, style_of("note"))
        return cells
    deadline_style = style_of("deadline-late" if row.overdue else "deadline")
    if row.start is None and row.end is None:
        if row.deadline is not None:
            put(scale.column_of(row.deadline, zoom), DEADLINE, deadline_style)
        return cells
    start = row.start or row.end
    end = row.end or row.start
    assert start is not None and end is not None
    first, last = scale.span(start, end, zoom)
    if row.kind == "action":
        status = row.status or Status.TODO
        style = style_of("overdue" if row.overdue else status.value)
        fill = OVERDUE_FILL if row.overdue else FILL[status]
        if start == end:
            put(first, DEADLINE, style)
        if row.overdue:
            late = style_of("late")
            for col in range(max(last + 1, x0), min(today_col, x0 + width)):
                put(col, LATE_TAIL, late)
    else:
        style, fill = style_of("summary"), SUMMARY
    if not (row.kind == "action" and start == end):
        _bar(row, zoom, x0, width, fill, style, put, cells)
    elif last < x0:
        cells[0] = ("◂", style)
    elif first >= x0 + width:
        cells[-1] = ("▸", style)
    if row.kind == "action" and row.after is not None and first > x0:
        broken = row.dependency_broken
        put(first - 1, DEPENDS_BROKEN if broken else DEPENDS,
            style_of("dependency-broken" if broken else "dependency"))  # fmt: skip
    if row.deadline is not None:
        put(scale.column_of(row.deadline, zoom), DEADLINE, deadline_style)
    return cells


def _bar(
    row: Row,
    zoom: Zoom,
    x0: int,
    width: int,
    fill: str,
    style: Style,
    put: Callable[[int, str, Style], None],
    cells: list[Cell],
) -> None:
    """A bar of `fill` from the row's start to its end, or an arrow at the edge it lies past."""
    start = row.start or row.end
    end = row.end or row.start
    assert start is not None and end is not None
    first, last = scale.span(start, end, zoom)
    for col in range(max(first, x0), min(last, x0 + width - 1) + 1):
        put(col, fill, style)
    if last < x0:
        cells[0] = ("◂", style)
    elif first >= x0 + width:
        cells[-1] = ("▸", style)


def phase_cells(
    phases: Sequence[Phase],
    invite: str,
    zoom: Zoom,
    x0: int,
    width: int,
    style_of: Callable[[str], Style],
    base: Style,
) -> list[Cell]:
    """The phases' band: each phase from its start to its end, named; `invite` when
    there is none."""
    cells: list[Cell] = [(" ", base)] * width
    if not phases:
        for i, ch in enumerate(cells_of(" " + invite, width)):
            cells[i] = (ch, style_of("note"))
        return cells
    for number, phase in enumerate(phases):
        band = scale.phase_band(phase.start, phase.end, zoom, x0, width)
        if band is None:
            continue
        offset, size = band
        style = style_of("phase-alt" if number % 2 else "phase")
        for i, ch in enumerate(cells_of(" " + clean(phase.name), size)):
            cells[offset + i] = (ch, style)
    return cells


def mark_cells(
    milestones: Sequence[Milestone],
    today: dt.date,
    zoom: Zoom,
    x0: int,
    width: int,
    style_of: Callable[[str], Style],
) -> list[Cell]:
    """The marks line under the scale: today's ▼ and each milestone's ◇ with its name,
    where there is room (its colour says its go/no-go, its glyph that it is one)."""
    marks = [
        scale.Mark(scale.column_of(m.date, zoom) - x0, MILESTONE, clean(m.name),
                   f"milestone-{m.outcome}" if m.outcome else "milestone")
        for m in milestones
        if m.date is not None
    ]  # fmt: skip
    marks.insert(0, scale.Mark(scale.column_of(today, zoom) - x0, TODAY_MARK, kind="today"))
    base = style_of("header")
    cells: list[Cell] = [(" ", base)] * width
    for offset, text, mark in scale.place_marks(marks, width):
        glyph_style, label_style = base + style_of(mark.kind), base + style_of("note")
        for i, ch in enumerate(cells_of(text, min(width - offset, cell_len(text)))):
            cells[offset + i] = (ch, glyph_style if i == 0 else label_style)
    return cells


def parity(unit: scale.Unit) -> int:
    """0 or 1, alternating from one header unit to the next (stable while scrolling)."""
    if unit.kind == "week":
        return (unit.start // 7) % 2
    months = {"month": 1, "quarter": 3, "year": 12}[unit.kind]
    return ((unit.date.year * 12 + unit.date.month - 1) // months) % 2


def cells_of(text: str, size: int) -> list[str]:
    """`text` as one character per cell, padded or cut to `size` (wide glyphs fill two)."""
    out: list[str] = []
    for ch in text:
        width = cell_len(ch)
        if len(out) + width > size:
            break
        out.append(ch)
        out.extend([""] * (width - 1))
    out.extend([" "] * (size - len(out)))
    return out


def cells_strip(cells: list[Cell]) -> Strip:
    """Join per-cell characters into segments, one per run of the same style."""
    segments: list[Segment] = []
    run: list[str] = []
    current: Style | None = None
    for ch, style in cells:
        if style != current and run:
            segments.append(Segment("".join(run), current))
            run = []
        current = style
        run.append(ch)
    if run:
        segments.append(Segment("".join(run), current))
    return Strip(segments, len(cells))
