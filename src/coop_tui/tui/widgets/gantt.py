"""`GanttView`: the timeline chart, drawn line by line (Textual's Line API).

Left, a fixed column names each row (objectives in bold, their actions
beneath); right, a time window under a header: the phase bands (in a
phased plan), a two-row scale, and a marks line with today and the phases'
milestones (so that no mark ever hides a scale label). One bar per action,
an arrow before a bar that waits for other actions, today's line; with a
baseline shown, a thin ghost bar under each action's bar. Only the lines on screen are drawn,
from a row list built once per plan revision or filter (`gantt_rows`), so
5,000 actions cost no more than 50. Scrolling in time moves the window's
first column, `x0`; the rows never change for it.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coop_tui.domain.model import Milestone, Phase
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets import gantt_scale as scale
from coop_tui.tui.widgets.gantt_paint import (
    CURSOR_MARK,
    cells_strip,
    chart_cells,
    fit,
    mark_cells,
    parity,
    phase_cells,
)
from coop_tui.tui.widgets.gantt_rows import CODE_WIDTH, Row, filter_rows
from coop_tui.tui.widgets.gantt_scale import Zoom

ANCHOR = 0.25
"""Where today sits in the window (a quarter from the left: some past, more future)."""


class GanttView(ScrollView, can_focus=True):
    """Objectives and actions against time; arrows, `+`/`-`, `t`, `enter`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "cursor(-1000000000)", show=False),
        Binding("end", "cursor(1000000000)", show=False),
        Binding("left", "shift(-1)", "timeline.key.earlier", show=False),
        Binding("right", "shift(1)", "timeline.key.later", show=False),
        Binding("plus", "zoom(-1)", "timeline.key.zoom_in", key_display="+"),
        Binding("minus", "zoom(1)", "timeline.key.zoom_out", key_display="-"),
        Binding("t", "today", "timeline.key.today"),
        Binding("enter,e", "open", "key.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "gantt--header", "gantt--header-alt", "gantt--phase", "gantt--phase-alt",
        "gantt--corner", "gantt--rule", "gantt--group", "gantt--objective", "gantt--action",
        "gantt--code", "gantt--cursor", "gantt--cursor-blurred", "gantt--row-cursor",
        "gantt--todo", "gantt--in_progress", "gantt--done", "gantt--blocked", "gantt--dropped",
        "gantt--overdue", "gantt--late", "gantt--summary", "gantt--deadline",
        "gantt--deadline-late", "gantt--today", "gantt--note", "gantt--ghost",
        "gantt--dependency", "gantt--dependency-broken", "gantt--milestone",
        "gantt--milestone-go", "gantt--milestone-no_go",
    }  # fmt: skip

    DEFAULT_CSS = """
    GanttView { overflow-x: hidden; overflow-y: auto; background: $background; }
    GanttView > .gantt--header { background: $panel; color: $text; }
    GanttView > .gantt--header-alt { background: $surface; color: $text; }
    GanttView > .gantt--phase { background: $accent 40%; color: $text; text-style: bold; }
    GanttView > .gantt--phase-alt { background: $secondary 40%; color: $text; text-style: bold; }
    GanttView > .gantt--corner { background: $panel; color: $text-muted; }
    GanttView > .gantt--rule { color: $panel-lighten-2; }
    GanttView > .gantt--group { color: $accent; text-style: bold; }
    GanttView > .gantt--objective { color: $text; text-style: bold; }
    GanttView > .gantt--action { color: $text; }
    GanttView > .gantt--code { color: $text-muted; }
    GanttView > .gantt--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    GanttView > .gantt--cursor-blurred { background: $block-cursor-blurred-background; }
    GanttView > .gantt--row-cursor { background: $primary 15%; }
    GanttView > .gantt--todo { color: $text-muted; }
    GanttView > .gantt--in_progress { color: $primary; }
    GanttView > .gantt--done { color: $success; }
    GanttView > .gantt--blocked { color: $error; }
    GanttView > .gantt--dropped { color: $text-disabled; }
    GanttView > .gantt--overdue { color: $warning; }
    GanttView > .gantt--late { color: $warning; }
    GanttView > .gantt--summary { color: $foreground-muted; }
    GanttView > .gantt--deadline { color: $accent; }
    GanttView > .gantt--deadline-late { color: $error; text-style: bold; }
    GanttView > .gantt--today { color: $error; }
    GanttView > .gantt--note { color: $text-muted; text-style: italic; }
    GanttView > .gantt--ghost { color: $text-muted; }
    GanttView > .gantt--dependency { color: $text-muted; }
    GanttView > .gantt--dependency-broken { color: $warning; text-style: bold; }
    GanttView > .gantt--milestone { color: $warning; text-style: bold; }
    GanttView > .gantt--milestone-go { color: $success; text-style: bold; }
    GanttView > .gantt--milestone-no_go { color: $error; text-style: bold; }
    """

    class Opened(Message):
        """`enter` on a row: the screen opens its record's form."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(self, tr: Translator, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self.today = today
        self.zoom: Zoom = Zoom.MONTH
        self._x0: int | None = None
        self._all: list[Row] = []
        self.rows: list[Row] = []
        """The rows shown (after the filter)."""
        self.filter_text = ""
        """The `/` filter in force ("" for none)."""
        self.cursor = 0
        self._code_width = 0
        self._pending: str | None = None
        self.phases: tuple[Phase, ...] = ()
        self.milestones: tuple[Milestone, ...] = ()
        self.span: tuple[dt.date | None, dt.date | None] = (None, None)
        """The project's first and last day: the year scale shows it whole when it fits."""
        self.invite = ""
        """Said in the phases' band when a phased plan has no phase yet ("" for no band)."""
        self.caption = ""
        """Said left of the lower scale (the baseline shown, if any)."""

    # --- geometry --------------------------------------------------------------------

    @property
    def view_size(self) -> Size:
        """The drawable area (without the vertical scrollbar)."""
        return self.scrollable_content_region.size

    @property
    def left_width(self) -> int:
        """The name column: about 30 % of the width, 24 to 44 cells."""
        width = self.view_size.width
        if width < 48:
            return max(8, width // 2)
        return max(24, min(44, round(width * 0.3)))

    @property
    def chart_width(self) -> int:
        return max(1, self.view_size.width - self.left_width - 1)

    @property
    def header_lines(self) -> tuple[str, ...]:
        """What each header line shows, top to bottom."""
        band = ("phases",) if self.phases or self.invite else ()
        return (*band, "upper", "lower", "marks")

    @property
    def header_height(self) -> int:
        return len(self.header_lines)

    def _home(self, anchor: dt.date, zoom: Zoom) -> int:
        """Where the window starts to show `anchor` at ANCHOR; at the year scale, from
        the project's first year when the whole project fits."""
        x0 = scale.window_start(anchor, zoom, self.chart_width, ANCHOR)
        if zoom is Zoom.YEAR:
            x0 = scale.project_window(x0, *self.span, self.today, zoom, self.chart_width)
        return x0

    @property
    def x0(self) -> int:
        """First absolute column of the time window (today near the left by default)."""
        if self._x0 is None:
            return self._home(self.today, self.zoom)
        return self._x0

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """First and last day shown."""
        x1 = self.x0 + self.chart_width
        return scale.date_at(self.x0, self.zoom), scale.date_at(x1, self.zoom) - dt.timedelta(
            days=1
        )

    @property
    def selected(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # --- data in -----------------------------------------------------------------------

    def set_rows(
        self,
        rows: list[Row],
        phases: tuple[Phase, ...] = (),
        *,
        milestones: tuple[Milestone, ...] = (),
        span: tuple[dt.date | None, dt.date | None] = (None, None),
        invite: str = "",
        code_width: int | None = None,
    ) -> None:
        """A new plan revision: keep the cursor on the same record if it is still there.

        `code_width`: the action codes' column, as `gantt_rows.code_width` works it out
        from the plan (None: from `rows`, every one of them read)."""
        self._all = rows
        self.phases = phases
        self.milestones = milestones
        self.span = span
        self.invite = "" if phases else invite
        if code_width is None:
            codes = (len(r.code) for r in rows if r.kind == "action")
            code_width = max(codes, default=0)
        self._code_width = min(CODE_WIDTH, code_width)
        self._refilter()

    def set_filter(self, query: str) -> None:
        self.filter_text = query
        self._refilter()

    def select(self, key: str) -> None:
        """Put the cursor on the row `key` ("action:<id>"), now or when it arrives."""
        self._pending = key
        self._refilter()

    def _refilter(self) -> None:
        key = self._pending or (self.selected.key if self.selected else None)
        self.rows = filter_rows(self._all, self.filter_text)
        kind, _, record_id = (key or "").partition(":")
        index: int | None = self.cursor
        rows = self.rows
        if not (  # the row at the cursor's place first: a change seldom moves it
            index is not None
            and index < len(rows)
            and rows[index].record_id == record_id
            and rows[index].kind == kind
        ):
            index = next(  # the key's parts compared, not a key made per row (50,000 of them)
                (i for i, r in enumerate(rows) if r.record_id == record_id and r.kind == kind),
                None,
            )
        if index is None:
            index = self._stop(min(self.cursor, len(self.rows) - 1), -1)
        else:
            self._pending = None
        self.cursor = max(0, index)
        self.virtual_size = Size(0, self.header_height + len(self.rows))
        self._keep_cursor_visible()
        self.refresh()

    # --- keys -------------------------------------------------------------------------

    def _stop(self, index: int, direction: int) -> int:
        """The nearest row at `index` or beyond it in `direction` where the cursor may stop
        (ghost rows are passed over); the other way when there is none."""
        rows = self.rows
        for step in (direction or 1, -(direction or 1)):
            at = index
            while 0 <= at < len(rows):
                if rows[at].selectable:
                    return at
                at += step
        return max(0, min(index, len(rows) - 1))

    def action_cursor(self, delta: int) -> None:
        self._pending = None
        if self.rows:
            target = max(0, min(len(self.rows) - 1, self.cursor + delta))
            self.cursor = self._stop(target, 1 if delta > 0 else -1)
            self._keep_cursor_visible()
            self.refresh()

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.view_size.height - self.header_height - 1))

    def action_shift(self, units: int) -> None:
        self._x0 = self.x0 + units * scale.step(self.zoom)
        self.refresh()

    def action_zoom(self, direction: int) -> None:
        self.set_zoom(scale.zoom_in(self.zoom) if direction < 0 else scale.zoom_out(self.zoom))

    def set_zoom(self, zoom: Zoom) -> None:
        """Change the zoom level around the anchor (where `t` puts today), so today stays put."""
        column = self.x0 + int(self.chart_width * ANCHOR)
        home = self._x0 is None or scale.column_of(self.today, self.zoom) == column
        anchor = scale.date_at(column, self.zoom)
        self.zoom = zoom
        # At home (where `t` puts it) the window stays at home; else around the anchor.
        self._x0 = None if home else scale.window_start(anchor, zoom, self.chart_width, ANCHOR)
        self.refresh()

    def action_today(self) -> None:
        self._x0 = None
        self.refresh()

    def action_open(self) -> None:
        row = self.selected
        if row is not None and row.record_id:
            self.post_message(self.Opened(row))

    def _keep_cursor_visible(self) -> None:
        body = max(1, self.view_size.height - self.header_height)
        top = round(self.scroll_y)
        # The ghost row under the cursor's row is shown with it.
        last = self.cursor + 1 if self.cursor + 1 < len(self.rows) and not self.rows[
            self.cursor + 1].selectable else self.cursor  # fmt: skip
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif last >= top + body:
            self.scroll_to(y=min(self.cursor, last - body + 1), animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- drawing ----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"gantt--{name}")

    def render_line(self, y: int) -> Strip:
        header = self.header_lines
        if y < len(header):
            return self._header_line(header[y])
        index = round(self.scroll_y) + y - len(header)
        if index >= len(self.rows):
            if index == 0:  # nothing to show at all
                key = "timeline.no_match" if self.filter_text else "timeline.empty"
                note = [(" " + self.tr.t(key), self._style("note"))]
                return fit(note, self.view_size.width, self.rich_style)
            return Strip.blank(self.view_size.width, self.rich_style)
        return self._row_line(self.rows[index], index == self.cursor)

    def _header_line(self, line: str) -> Strip:
        """One header line: 'phases' (bands), 'upper' and 'lower' (the scale), 'marks'."""
        left, width, x0 = self.left_width, self.chart_width, self.x0
        corner, rule = self._style("corner"), self._style("rule")
        header, header_alt = self._style("header"), self._style("header-alt")
        if line == "phases":
            label = self.tr.t("timeline.phases")
            cells = phase_cells(self.phases, self.invite, self.zoom, x0, width, self._style,
                                self.rich_style)  # fmt: skip
        elif line == "marks":
            label = self.tr.t("timeline.today", date=self.tr.date(self.today))
            cells = mark_cells(self.milestones, self.today, self.zoom, x0, width, self._style)
        else:
            level = 0 if line == "upper" else 1
            kind = scale.TIERS[self.zoom][level]
            if level == 0:
                label = self.tr.t("timeline.zoom", level=self.tr.t(f"timeline.zoom.{self.zoom}"))
            else:
                label = self.caption
            cells = []
            for _offset, text, unit in scale.tier(kind, self.zoom, x0, width, self.tr):
                style = header_alt if parity(unit) else header
                cells.extend((ch, style) for ch in text)
        strip = fit([(" " + label, corner)], left)
        return Strip.join([strip, Strip([Segment("│", rule)], 1), cells_strip(cells)])

    def _row_line(self, row: Row, is_cursor: bool) -> Strip:
        left, width, x0 = self.left_width, self.chart_width, self.x0
        cursor = self._style("cursor" if self.has_focus else "cursor-blurred")
        kind_style = self._style(
            {"group": "group", "objective": "objective"}.get(row.kind, "action")
        )
        mark = CURSOR_MARK if is_cursor else " "
        indent = " " * min(row.depth, 4)
        if row.kind == "orphans":
            pieces = [(mark + self.tr.t("timeline.orphans"), self._style("note"))]
        elif row.kind == "ghost":
            words = self.tr.t("phases.timeline.ghost", name=clean(row.label))
            pieces = [(mark + indent + " " * self._code_width + " " + words, self._style("note"))]
        else:
            code_style = self._style("code") if row.kind == "action" else kind_style
            code = clean(row.code)
            if row.kind == "action":
                code = code.ljust(self._code_width)
            pieces = [(mark + indent, kind_style), (code, code_style),
                      (" " + clean(row.label), kind_style)]  # fmt: skip
        if is_cursor:
            pieces = [(text, style + cursor) for text, style in pieces]
        name = fit(pieces, left)
        chart = chart_cells(row, self.zoom, x0, width, self.today, self._style, self.rich_style,
                            self.tr.t("timeline.no_dates"))  # fmt: skip
        if is_cursor:  # a light band along the selected row, behind what is drawn
            plain, band = self.rich_style.bgcolor, Style(bgcolor=self._style("row-cursor").bgcolor)
            chart = [(ch, st + band) if st.bgcolor == plain else (ch, st) for ch, st in chart]
        return Strip.join([name, Strip([Segment("│", self._style("rule"))], 1), cells_strip(chart)])
