"""5 — Timeline: objectives and their actions against time, Gantt-like.

The chart itself is `GanttView` (Line API, only visible lines drawn); this
screen feeds it rows built once per plan revision, owns the `/` filter, and
turns `enter` / `a` / `d` into forms and deletions through `PlanScreen`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static

from coop_tui.domain.codes import next_action_code
from coop_tui.domain.model import Action, Record, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.gantt import GanttView
from coop_tui.tui.widgets.gantt_paint import DEADLINE, FILL, OVERDUE_FILL, TODAY
from coop_tui.tui.widgets.gantt_rows import build_rows
from coop_tui.tui.widgets.gantt_scale import ZOOMS, Zoom

LEGEND_STATUSES = (Status.TODO, Status.IN_PROGRESS, Status.DONE, Status.BLOCKED)
LEGEND_STYLES = {
    Status.TODO: "$text-muted",
    Status.IN_PROGRESS: "$primary",
    Status.DONE: "$success",
    Status.BLOCKED: "$error",
}
"""The legend's colours: the same theme variables as the chart's component classes."""


class TimelineScreen(PlanScreen):
    """Gantt-like chart: zoom, scroll in time, today, open, filter."""

    TITLE_KEY = "timeline.title"
    DEFAULT_CSS = screen_css(__file__)
    AUTO_FOCUS = "#gantt"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("a", "add", "key.add"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("escape", "leave_filter", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield FilterBox(placeholder=self.tr.t("filter.placeholder"), id="timeline-filter")
        yield GanttView(self.tr, self.today, id="gantt")
        yield Static(self._legend(), id="timeline-legend")

    def _legend(self) -> Content:
        """What the bars and marks mean (one line at 80 columns, in both languages)."""
        t = self.tr.t
        items = [(FILL[s], LEGEND_STYLES[s], t(f"status.{s.value}")) for s in LEGEND_STATUSES]
        items += [
            (OVERDUE_FILL, "$warning", t("timeline.legend.overdue")),
            (DEADLINE, "$accent", t("timeline.legend.deadline")),
            (TODAY, "$error", t("timeline.legend.today")),
        ]
        parts: list[tuple[str, str] | str] = []
        for mark, style, label in items:
            parts += [" " if parts else "", (mark, style), f" {label}"]
        return Content.assemble(*parts)

    @property
    def gantt(self) -> GanttView:
        return self.query_one("#gantt", GanttView)

    def refresh_view(self, data: PlanData) -> None:
        self.gantt.set_rows(build_rows(data, self.today), tuple(data.sorted_phases()))

    # --- keys -------------------------------------------------------------------------

    @on(GanttView.Opened)
    def _opened(self, event: GanttView.Opened) -> None:
        record = self._record(event.row.kind, event.row.record_id)
        if record is not None:
            self.edit_record(record)

    def _record(self, kind: str, record_id: str) -> Record | None:
        if kind == "action":
            return self.data.actions.get(record_id)
        return self.data.objectives.get(record_id)

    def action_add(self) -> None:
        """A new action under the selected objective (or beside the selected action)."""
        row = self.gantt.selected
        objective = ""
        if row is not None and row.kind == "objective":
            objective = row.record_id
        elif row is not None and row.kind == "action":
            action = self.data.actions.get(row.record_id)
            objective = action.objective if action else ""
        siblings = self.data.actions_of(objective) if objective else []
        record = Action(
            code=next_action_code(self.data),
            objective=objective,
            order=max((a.order for a in siblings), default=0.0) + 1,
        )
        self.edit_record(record, on_saved=lambda saved: self.gantt.select(f"action:{saved.id}"))

    def action_delete(self) -> None:
        row = self.gantt.selected
        record = self._record(row.kind, row.record_id) if row is not None else None
        if record is not None:
            self.delete_record(record)

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    def action_leave_filter(self) -> None:
        """escape on the chart: clear the filter."""
        box = self.query_one(FilterBox)
        if box.value:
            box.close(clear=True)

    @on(Input.Changed, "#timeline-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.gantt.set_filter(event.value)

    @on(FilterBox.Closed)
    def _filter_closed(self) -> None:
        self.gantt.focus()

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Each zoom level by name, for `ctrl+p`."""
        for zoom in ZOOMS:
            level = self.tr.t(f"timeline.zoom.{zoom}")

            def run(zoom: Zoom = zoom) -> None:
                self.gantt.set_zoom(zoom)

            yield SystemCommand(
                self.tr.t("timeline.palette.zoom", level=level),
                self.tr.t("timeline.palette.zoom_help"),
                run,
            )
