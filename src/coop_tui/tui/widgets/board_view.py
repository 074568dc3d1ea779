"""`BoardView`: the Kanban board, drawn with Textual's Line API.

Thousands of cards never become thousands of widgets: the layout
(board_layout.py) is computed once per plan revision, filter, collapse or
resize; `render_line` then draws only the lines on screen, and each lane keeps
its drawn lines in a cache. Moving the cursor only redraws the lanes it leaves
and enters. The widget never writes: the screen reads `focused_action()` and
applies changes through storage, then hands the new plan back with `show()`.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coop_tui.domain.model import STATUS_ORDER, Action, Objective, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.tui.widgets.board_cards import (
    CARD_HEIGHT,
    COMPACT_CARD_HEIGHT,
    Styles,
    fit,
    spans,
)
from coop_tui.tui.widgets.board_layout import DEFAULT_COLUMNS, BoardFilter, compute_layout
from coop_tui.tui.widgets.board_paint import BoardPainter

#: Below this many lines of board, cards get one title line instead of two.
COMPACT_BELOW = 28
HEADER_LINES = 1
"""The column header stays at the top while lanes scroll under it."""


class BoardView(ScrollView, can_focus=True):
    """Lanes (operational objectives) × columns (statuses) of action cards."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"board--column-{s.value}" for s in STATUS_ORDER),
        *(f"board--card-{s.value}" for s in STATUS_ORDER),
        "board--card-focused",
        "board--card-focused-body",
        "board--card-body",
        "board--code",
        "board--lead",
        "board--date",
        "board--overdue",
        "board--lane",
        "board--lane-focused",
        "board--lane-late",
        "board--placeholder",
        "board--empty",
    }
    DEFAULT_CSS = """
    BoardView {
        background: $background;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        overflow-y: auto;
    }
    BoardView > .board--column-todo { background: $foreground 15%; text-style: bold; }
    BoardView > .board--column-in_progress { background: $primary 35%; text-style: bold; }
    BoardView > .board--column-blocked { background: $error 35%; text-style: bold; }
    BoardView > .board--column-done { background: $success 30%; text-style: bold; }
    BoardView > .board--column-dropped { background: $panel; color: $text-muted; text-style: bold; }
    BoardView > .board--card-todo { color: $text-muted; }
    BoardView > .board--card-in_progress { color: $primary; }
    BoardView > .board--card-blocked { color: $error; }
    BoardView > .board--card-done { color: $success; }
    BoardView > .board--card-dropped { color: $text-disabled; }
    BoardView > .board--card-focused { color: $accent; background: $accent 20%; text-style: bold; }
    BoardView > .board--card-focused-body { color: $text; background: $accent 20%; }
    BoardView > .board--card-body { color: $text; }
    BoardView > .board--code { text-style: bold; }
    BoardView > .board--lead { color: $text-muted; }
    BoardView > .board--date { }
    BoardView > .board--overdue { color: $error; text-style: bold; }
    BoardView > .board--lane { background: $panel; color: $text; }
    BoardView > .board--lane-focused { background: $primary 45%; color: $text; }
    BoardView > .board--lane-late { color: $error; text-style: bold; }
    BoardView > .board--placeholder { color: $accent; }
    BoardView > .board--empty { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(0, -1)", "board.key.up", show=False),
        Binding("down", "cursor(0, 1)", "board.key.down", show=False),
        Binding("left", "cursor(-1, 0)", "board.key.left", show=False),
        Binding("right", "cursor(1, 0)", "board.key.right", show=False),
        Binding("pageup", "page(-1)", "board.key.page_up", show=False),
        Binding("pagedown", "page(1)", "board.key.page_down", show=False),
        Binding("home", "edge(0)", "board.key.home", show=False),
        Binding("end", "edge(1)", "board.key.end", show=False),
    ]

    class CursorMoved(Message):
        """The focused card or cell changed (the screen may show where it is)."""

    def __init__(self, tr: Translator, today: dt.date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self.today = today
        self.data = PlanData()
        self.board_filter = BoardFilter()
        self.columns: tuple[Status, ...] = DEFAULT_COLUMNS
        self.collapsed: set[str] = set()
        self.board_layout = compute_layout(
            self.data, self.board_filter, self.columns, (), CARD_HEIGHT
        )
        self.cursor: tuple[int, int, int] = (0, 0, -1)
        """(lane, column, index in cell); index -1 on an empty cell."""
        self._focus_id = ""
        self._focus_lane_id = ""
        self._lane_lines: dict[int, dict[int, Strip]] = {}
        self._painter = BoardPainter(self.data, self.board_layout, tr, today)
        self._width = 0
        self._resolved_styles: Styles | None = None

    # --- what the screen reads ---------------------------------------------------------

    def focused_action(self) -> Action | None:
        lane, col, index = self.cursor
        if not 0 <= lane < len(self.board_layout.lanes) or index < 0:
            return None
        cell = self.board_layout.lanes[lane].cells[col]
        return cell[index] if index < len(cell) else None

    def focused_objective(self) -> Objective | None:
        lane = self.cursor[0]
        return (
            self.board_layout.lanes[lane].objective
            if 0 <= lane < len(self.board_layout.lanes)
            else None
        )

    def focused_status(self) -> Status:
        return self.columns[min(self.cursor[1], len(self.columns) - 1)]

    def focused_cell(self) -> tuple[Action, ...]:
        lane, col, _ = self.cursor
        if not 0 <= lane < len(self.board_layout.lanes):
            return ()
        return self.board_layout.lanes[lane].cells[col]

    # --- what the screen sets ----------------------------------------------------------

    def show(self, data: PlanData) -> None:
        """A new revision of the plan: lay it out again, keeping the focused card."""
        self.data = data
        self._relayout()

    def set_filter(self, board_filter: BoardFilter) -> None:
        if board_filter != self.board_filter:
            self.board_filter = board_filter
            self._relayout()

    def set_show_dropped(self, show: bool) -> None:
        self.columns = STATUS_ORDER if show else DEFAULT_COLUMNS
        self._relayout()

    def toggle_lane(self) -> None:
        """Collapse or expand the focused lane."""
        objective = self.focused_objective()
        if objective is None:
            return
        self.collapsed ^= {objective.id}
        self._relayout()

    def focus_action(self, action_id: str) -> None:
        """Put the cursor on an action (e.g. one just added), if it is on the board."""
        self._focus_id = action_id
        where = self.board_layout.find(action_id)
        if where is not None:
            self._move_to(*where)

    # --- layout ------------------------------------------------------------------------

    def _card_height(self) -> int:
        compact = 0 < self.size.height < COMPACT_BELOW
        return COMPACT_CARD_HEIGHT if compact else CARD_HEIGHT

    def _relayout(self) -> None:
        old_lane, old_col, old_index = self.cursor
        self.board_layout = compute_layout(
            self.data,
            self.board_filter,
            self.columns,
            self.collapsed,
            self._card_height(),
            self.board_layout,
        )
        self._lane_lines.clear()
        self._painter = BoardPainter(self.data, self.board_layout, self.tr, self.today)
        layout = self.board_layout
        where = layout.find(self._focus_id) if self._focus_id else None
        if where is None:
            lane = next(
                (i for i, ln in enumerate(layout.lanes) if ln.objective.id == self._focus_lane_id),
                min(old_lane, len(layout.lanes) - 1),
            )
            col = min(old_col, len(self.columns) - 1)
            where = (lane, col, old_index)
        self._set_cursor(*where)
        self.virtual_size = Size(self._width, layout.height + HEADER_LINES + 1)
        self._scroll_to_cursor()
        self.refresh()

    def _set_cursor(self, lane: int, col: int, index: int) -> None:
        """Clamp and store the cursor (no redraw)."""
        lanes = self.board_layout.lanes
        if not lanes:
            self.cursor = (0, max(0, col), -1)
            self._focus_id = ""
            return
        lane = max(0, min(lane, len(lanes) - 1))
        col = max(0, min(col, len(self.columns) - 1))
        cell = lanes[lane].cells[col]
        hidden = not cell or lanes[lane].collapsed  # a collapsed lane shows no card to act on
        index = -1 if hidden else max(0, min(index, len(cell) - 1))
        self.cursor = (lane, col, index)
        self._focus_lane_id = lanes[lane].objective.id
        self._focus_id = cell[index].id if index >= 0 else ""

    def _move_to(self, lane: int, col: int, index: int) -> None:
        before = self.cursor[0]
        self._set_cursor(lane, col, index)
        for dirty in {before, self.cursor[0]}:
            self._lane_lines.pop(dirty, None)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved())

    def _scroll_to_cursor(self) -> None:
        layout = self.board_layout
        lane_no, _, index = self.cursor
        if not layout.lanes:
            return
        lane = layout.lanes[lane_no]
        if lane.collapsed or index <= 0:
            top = layout.top(lane_no)
            bottom = top + 1 + (0 if lane.collapsed else layout.card_height)
        else:
            top = layout.card_top(lane_no, index)
            bottom = top + layout.card_height
        view = max(1, self.scrollable_content_region.height - HEADER_LINES)
        y = self.scroll_offset.y
        if top < y:
            y = top
        elif bottom > y + view:
            y = bottom - view
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width != self._width or self._card_height() != self.board_layout.card_height:
            self._width = width
            self._relayout()

    def on_focus(self) -> None:
        self._lane_lines.pop(self.cursor[0], None)
        self.refresh()

    def on_blur(self) -> None:
        self.on_focus()

    # --- keys --------------------------------------------------------------------------

    def action_cursor(self, dx: int, dy: int) -> None:
        lanes = self.board_layout.lanes
        if not lanes:
            return
        lane_no, col, index = self.cursor
        lane = lanes[lane_no]
        if dx:
            new_col = max(0, min(col + dx, len(self.columns) - 1))
            target = lane.cells[new_col]
            self._move_to(lane_no, new_col, max(index, 0) if target else -1)
            return
        cell = lane.cells[col]
        if not lane.collapsed and 0 <= index + dy < len(cell) and index >= 0:
            self._move_to(lane_no, col, index + dy)
            return
        new_lane = lane_no + dy
        if not 0 <= new_lane < len(lanes):
            return
        target = lanes[new_lane].cells[col]
        self._move_to(new_lane, col, 0 if dy > 0 or not target else len(target) - 1)

    def action_page(self, direction: int) -> None:
        layout = self.board_layout
        if not layout.lanes:
            return
        view = max(1, self.scrollable_content_region.height - HEADER_LINES)
        lane_no, col, _ = self.cursor
        y = layout.top(lane_no) + direction * view
        target = layout.lane_at(max(0, min(y, layout.height - 1)))
        if target == lane_no:
            target = max(0, min(lane_no + direction, len(layout.lanes) - 1))
        self._move_to(target, col, 0)

    def action_edge(self, end: int) -> None:
        if self.board_layout.lanes:
            self._move_to(len(self.board_layout.lanes) - 1 if end else 0, self.cursor[1], 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_LINES:
            return
        y = offset.y - HEADER_LINES + self.scroll_offset.y
        lane_no = self.board_layout.lane_at(y)
        if lane_no < 0:
            return
        columns = spans(self._width, len(self.columns))
        col = next((i for i, (x, w) in enumerate(columns) if x <= offset.x < x + w), self.cursor[1])
        rel = y - self.board_layout.top(lane_no) - 1
        self._move_to(lane_no, col, rel // self.board_layout.card_height if rel >= 0 else 0)

    # --- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The theme or CSS changed: forget drawn lines and resolved styles."""
        self._resolved_styles = None
        self._lane_lines.clear()
        super().notify_style_update()

    def _styles(self) -> Styles:
        if self._resolved_styles is None:
            self._resolved_styles = self._resolve_styles()
        return self._resolved_styles

    def _resolve_styles(self) -> Styles:
        get = self.get_component_rich_style
        return Styles(
            base=self.rich_style,
            column={s: get(f"board--column-{s.value}") for s in STATUS_ORDER},
            border={s: get(f"board--card-{s.value}") for s in STATUS_ORDER},
            focused_border=get("board--card-focused"),
            focused_body=get("board--card-focused-body"),
            card_body=get("board--card-body"),
            code=get("board--code", partial=True),
            lead=get("board--lead", partial=True),
            date=get("board--date", partial=True),
            overdue=get("board--overdue", partial=True),
            lane=get("board--lane"),
            lane_focused=get("board--lane-focused"),
            lane_late=get("board--lane-late", partial=True),
            placeholder=get("board--placeholder"),
        )

    def render_line(self, y: int) -> Strip:
        width = self._width or self.size.width
        styles = self._styles()
        if y < HEADER_LINES:
            return Strip(self._painter.column_header(width, styles), width)
        board_y = y - HEADER_LINES + self.scroll_offset.y
        lane_no = self.board_layout.lane_at(board_y)
        if lane_no < 0:
            if not self.board_layout.lanes and board_y == 1:
                message = "board.empty.filtered" if self.board_filter.active else "board.empty"
                text = fit(f"  {self.tr.t(message)}", width)
                style = self.get_component_rich_style("board--empty")
                return Strip([Segment(text, style)], width)
            return Strip.blank(width, styles.base)
        cache = self._lane_lines.setdefault(lane_no, {})
        rel = board_y - self.board_layout.top(lane_no)
        strip = cache.get(rel)
        if strip is None:
            segments = self._painter.lane_line(
                lane_no, rel, width, self.cursor, self.has_focus, styles
            )
            strip = Strip(segments, width).simplify()
            cache[rel] = strip
        return strip
