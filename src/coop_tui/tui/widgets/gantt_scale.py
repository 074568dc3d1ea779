"""The timeline's time axis: which column shows which date, at each zoom level.

Pure date arithmetic (no Textual), so the ruler can be tested on its own.
Columns are *absolute*: column 0 is a fixed origin for each zoom level, and a
view shows the window ``[x0, x0 + width)``. Scrolling in time only moves `x0`;
nothing about the rows changes.

- week zoom: one column per day; day 0 is Monday 1 January of year 1, so
  every week starts on a multiple of 7.
- month zoom: eight columns per calendar month (a month is drawn the same
  width whatever its length, so month labels line up).
- quarter zoom: three columns per month, nine per quarter.
- year zoom: one column per month, twelve per year, so that a project of three
  to five years fits in a 100-column terminal.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from coop_tui.i18n import Translator


class Zoom(enum.StrEnum):
    """Zoom levels, from the closest to the farthest."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


ZOOMS: tuple[Zoom, ...] = tuple(Zoom)
"""In order: `+` moves left in this tuple, `-` moves right."""

MONTH_COLUMNS: dict[Zoom, int] = {Zoom.MONTH: 8, Zoom.QUARTER: 3, Zoom.YEAR: 1}
"""Columns per month at the zoom levels that draw months evenly."""

SEPARATOR = "▏"
"""Drawn at the first column of every header unit."""


def zoom_in(zoom: Zoom) -> Zoom:
    """The next closer level (week stays week)."""
    return ZOOMS[max(0, ZOOMS.index(zoom) - 1)]


def zoom_out(zoom: Zoom) -> Zoom:
    """The next farther level (year stays year)."""
    return ZOOMS[min(len(ZOOMS) - 1, ZOOMS.index(zoom) + 1)]


def _month_index(date: dt.date) -> int:
    return date.year * 12 + date.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def column_of(date: dt.date, zoom: Zoom) -> int:
    """The absolute column that shows `date`."""
    if zoom is Zoom.WEEK:
        return date.toordinal() - 1
    per_month = MONTH_COLUMNS[zoom]
    days = calendar.monthrange(date.year, date.month)[1]
    return _month_index(date) * per_month + (date.day - 1) * per_month // days


def date_at(column: int, zoom: Zoom) -> dt.date:
    """The first date shown in an absolute column (inverse of `column_of`)."""
    if zoom is Zoom.WEEK:
        return dt.date.fromordinal(column + 1)
    per_month = MONTH_COLUMNS[zoom]
    index, offset = divmod(column, per_month)
    start = _month_start(index)
    days = calendar.monthrange(start.year, start.month)[1]
    day = -(-offset * days // per_month)  # ceil: first day whose column is `offset`
    return start + dt.timedelta(days=day)


def span(start: dt.date, end: dt.date, zoom: Zoom) -> tuple[int, int]:
    """First and last column (inclusive) of a bar from `start` to `end`."""
    first, last = column_of(start, zoom), column_of(end, zoom)
    return (first, last) if first <= last else (last, first)


def step(zoom: Zoom) -> int:
    """Columns moved by one `left` / `right`: one unit of the lower header."""
    return {Zoom.WEEK: 7, Zoom.MONTH: 8, Zoom.QUARTER: 9, Zoom.YEAR: 3}[zoom]


def window_start(anchor: dt.date, zoom: Zoom, width: int, fraction: float = 0.25) -> int:
    """The `x0` that puts `anchor` at `fraction` of a window `width` columns wide."""
    return column_of(anchor, zoom) - int(width * fraction)


def project_window(
    x0: int, first: dt.date | None, last: dt.date | None, today: dt.date, zoom: Zoom, width: int
) -> int:
    """Where a window `width` columns wide starts to show the whole project, days `first`
    to `last`: from the start of its first year (whole year labels), else from the column
    before it; `x0` unchanged when the project does not fit or today would fall outside."""
    if first is None or last is None:
        return x0
    left, right = span(first, last, zoom)
    if right - left + 2 > width:
        return x0
    start = column_of(dt.date(min(first, last).year, 1, 1), zoom)
    if right >= start + width:
        start = left - 1
    if not start <= column_of(today, zoom) < start + width:
        return x0
    return start


# --- header tiers --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """One labelled stretch of a header row (a year, quarter, month or week)."""

    start: int
    """First absolute column."""
    end: int
    """Column after the last one."""
    kind: str
    """'year', 'quarter', 'month' or 'week'."""
    date: dt.date
    """The unit's first day."""


TIERS: dict[Zoom, tuple[str, str]] = {
    Zoom.WEEK: ("month", "week"),
    Zoom.MONTH: ("year", "month"),
    Zoom.QUARTER: ("year", "quarter"),
    Zoom.YEAR: ("year", "quarter"),
}
"""The (upper, lower) header rows of each zoom level."""


def units(kind: str, zoom: Zoom, x0: int, x1: int) -> Iterator[Unit]:
    """The units of one kind that overlap columns `[x0, x1)`, left to right."""
    if kind == "week":
        first = x0 - x0 % 7
        for start in range(first, x1, 7):
            yield Unit(start, start + 7, kind, date_at(start, zoom))
        return
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    index = _month_index(date_at(x0, zoom))
    index -= index % months
    while True:
        begin = _month_start(index)
        after = _month_start(index + months)
        start = column_of(begin, zoom)
        if start >= x1:
            return
        yield Unit(start, column_of(after, zoom), kind, begin)
        index += months


def unit_label(unit: Unit, tr: Translator, zoom: Zoom) -> str:
    """The text of a header unit in the user's language.

    Months carry their year at week zoom, where no year row is shown.
    """
    date = unit.date
    if unit.kind == "year":
        return str(date.year)
    if unit.kind == "quarter":
        return tr.t("timeline.quarter", n=(date.month - 1) // 3 + 1, year=date.year)
    if unit.kind == "month":
        return f"{tr.month(date)} {date.year}" if zoom is Zoom.WEEK else tr.month(date)
    monday = date - dt.timedelta(days=date.weekday())
    return tr.t("timeline.week", n=monday.isocalendar().week)


def tier(kind: str, zoom: Zoom, x0: int, width: int, tr: Translator) -> list[tuple[int, str, Unit]]:
    """One header row as (visible offset, text, unit) pieces covering `width` columns.

    Each unit starts with a separator then its label, cut to the unit's
    width; a unit that begins left of the window shows its label from the
    window's edge so the current month or year is always named.
    """
    pieces: list[tuple[int, str, Unit]] = []
    x1 = x0 + width
    for unit in units(kind, zoom, x0, x1):
        left, right = max(unit.start, x0), min(unit.end, x1)
        size = right - left
        if size <= 0:
            continue
        label = unit_label(unit, tr, zoom)
        text = (SEPARATOR if unit.start >= x0 else "") + label
        if len(text) > size:
            text = text[:size]
        pieces.append((left - x0, text.ljust(size), unit))
    return pieces


def phase_band(
    start: dt.date | None, end: dt.date | None, zoom: Zoom, x0: int, width: int
) -> tuple[int, int] | None:
    """Visible (offset, length) of a phase band, or None when outside the window."""
    if start is None and end is None:
        return None
    first = column_of(start, zoom) if start else x0
    last = column_of(end, zoom) if end else x0 + width - 1
    left, right = max(first, x0), min(last, x0 + width - 1)
    if right < left:
        return None
    return left - x0, right - left + 1


# --- the marks line: today and the milestones ------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """Something marked at one column of the marks line, under the scale."""

    offset: int
    """Visible column (0 = the window's first)."""
    glyph: str
    label: str = ""
    """Words after the glyph, where there is room before the next mark."""
    kind: str = ""
    """What it is ('today', 'milestone'…), for its style."""


def place_marks(marks: list[Mark], width: int) -> list[tuple[int, str, Mark]]:
    """(offset, text, mark) pieces of the marks line: each glyph at its column, its label
    after it cut (with …) so that it stops a space before the next glyph; a mark outside
    the window is left out, and of two marks on one column the first given wins."""
    seen: set[int] = set()
    shown: list[Mark] = []
    for mark in marks:
        if 0 <= mark.offset < width and mark.offset not in seen:
            seen.add(mark.offset)
            shown.append(mark)
    shown.sort(key=lambda m: m.offset)
    pieces: list[tuple[int, str, Mark]] = []
    for index, mark in enumerate(shown):
        stop = shown[index + 1].offset - 1 if index + 1 < len(shown) else width
        room = stop - mark.offset - 2
        text = mark.glyph
        if mark.label and room >= 3:
            label = mark.label
            if cell_len(label) > room:
                label = set_cell_size(label, room - 1).rstrip() + "…"
            text += " " + label
        pieces.append((mark.offset, text, mark))
    return pieces
