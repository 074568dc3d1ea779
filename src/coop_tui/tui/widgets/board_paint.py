"""`BoardPainter`: the lines of one layout of the board, as Rich segments.

One painter per layout (plan revision, filter, collapse, width): it knows what
each card says (formatted once per card, and only for cards that are drawn)
and draws column headers, lane headers and card rows. The view decides which
lines to draw and caches them; the painter never touches widgets.
"""

from __future__ import annotations

import datetime as dt

from rich.segment import Segment
from rich.style import Style

from coop_tui.domain import checks
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import bar
from coop_tui.tui.widgets.board_cards import (
    CardText,
    Styles,
    card_line,
    fit,
    lane_header,
    placeholder_line,
    spans,
)
from coop_tui.tui.widgets.board_layout import BoardLayout

#: From this width on, lane headers also say how many actions the lane holds.
WIDE = 100


class BoardPainter:
    """Draws the lines of one board layout."""

    def __init__(self, data: PlanData, layout: BoardLayout, tr: Translator, today: dt.date) -> None:
        self.data = data
        self.layout = layout
        self.tr = tr
        self.today = today
        self._texts: dict[str, CardText] = {}
        self._counts: list[int] | None = None

    def column_header(self, width: int, styles: Styles) -> list[Segment]:
        """`To do  14 │ In progress  3 │ …` over the columns."""
        columns = self.layout.columns
        if self._counts is None:
            self._counts = [sum(len(lane.cells[i]) for lane in self.layout.lanes)
                            for i in range(len(columns))]  # fmt: skip
        out: list[Segment] = []
        widths = [w for _, w in spans(width, len(columns))]
        for w, status, count in zip(widths, columns, self._counts, strict=True):
            label = f" {self.tr.t(f'status.{status.value}')}  {self.tr.number(count)}"
            out.append(Segment(" ", styles.base))
            out.append(Segment(fit(label, w - 1), styles.column[status]))
        return out

    def lane_line(
        self,
        lane_no: int,
        rel: int,
        width: int,
        cursor: tuple[int, int, int],
        strong: bool,
        styles: Styles,
    ) -> list[Segment]:
        """Line `rel` of a lane (0 is its header); `cursor` marks the focused card."""
        if rel == 0:
            return self.lane_header(lane_no, width, cursor[0] == lane_no, strong, styles)
        lane = self.layout.lanes[lane_no]
        focused_lane = lane_no == cursor[0]
        line = rel - 1
        height = self.layout.card_height
        index, card_line_no = divmod(line, height)
        out: list[Segment] = []
        for col, (_, w) in enumerate(spans(width, len(self.layout.columns))):
            cell = lane.cells[col]
            out.append(Segment(" ", styles.base))
            card_width = w - 1
            if index < len(cell):
                action = cell[index]
                focused = focused_lane and cursor[1:] == (col, index)
                text = self.card_text(action)
                out += card_line(
                    text, action.status, card_line_no, card_width, height, focused, styles
                )
            elif not cell and focused_lane and col == cursor[1] and line == 0:
                out += placeholder_line(self.tr.t("board.empty_cell"), card_width, styles)
            else:
                out.append(Segment(" " * card_width, styles.base))
        return out

    def lane_header(
        self, lane_no: int, width: int, focused: bool, strong: bool, styles: Styles
    ) -> list[Segment]:
        """`▼ O1.1 statement …… actions: 4 · ███░ 50 % · deadline 13/10/2026`."""
        tr = self.tr
        lane = self.layout.lanes[lane_no]
        objective = lane.objective
        progress = checks.objective_progress(self.data, objective)
        parts = []
        if lane.collapsed or width >= WIDE:
            parts.append(tr.t("board.lane.count", count=lane.count))
        parts.append(f"{bar(progress, 8)} {tr.percent(progress)}")
        parts.append(
            tr.t("board.lane.deadline", date=tr.date(objective.deadline))
            if objective.deadline
            else tr.t("board.lane.no_deadline")
        )
        late = (
            objective.deadline is not None
            and objective.deadline < self.today
            and (progress is None or progress < 1.0)
        )
        style = styles.lane_focused if focused else styles.lane
        if focused and strong and lane.collapsed:
            style = style + Style(reverse=True)
        return lane_header(
            "▶" if lane.collapsed else "▼",
            objective.code,
            objective.statement,
            " · ".join(parts),
            width,
            style,
            style + styles.lane_late if late else style,
        )

    def card_text(self, action: Action) -> CardText:
        """What a card says, formatted once per layout."""
        text = self._texts.get(action.id)
        if text is None:
            text = CardText(
                code=action.code or action.id,
                title=action.title,
                lead=self.data.lead_name(action),
                end=self.tr.date(action.end) if action.end else "",
                overdue=checks.is_overdue(action, self.today),
            )
            self._texts[action.id] = text
        return text
