"""5 — Timeline: objectives and their actions against time, Gantt-like.

The chart itself is `GanttView` (Line API, only visible lines drawn); this
screen feeds it rows built once per plan revision, owns the `/` filter, and
turns `enter` / `a` / `d` into forms and deletions through `PlanScreen`.
`r` works out the rétroplanning of the objective under the cursor, `g` shows
the latest baseline's bars as ghosts under today's, `p` opens the phases.
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
from coop_tui.domain.model import Action, Baseline, Record, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.steering import latest_baseline
from coop_tui.text import clean
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets.filter_box import FilterBox
from coop_tui.tui.widgets.gantt import GanttView
from coop_tui.tui.widgets.gantt_paint import (
    DEADLINE,
    DEPENDS,
    FILL,
    GHOST,
    MILESTONE,
    OVERDUE_FILL,
    TODAY,
)
from coop_tui.tui.widgets.gantt_rows import Blocks, build_rows, code_width, depends_any
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
        Binding("r", "backplan", "phases.key.backplan"),
        Binding("g", "toggle_baseline", "phases.key.baseline"),
        Binding("slash", "filter", "key.filter", key_display="/"),
        Binding("a", "add", "key.add"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("p", "phases", "phases.key.phases"),
        Binding("escape", "leave_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_baseline = False
        """`g`: the latest baseline's bars shown as ghosts under today's."""
        self._blocks: Blocks = {}
        """The chart's rows by objective, kept for the next build (see `build_rows`)."""
        self._legend_shown = Content("")
        """What the legend shows."""

    def compose_body(self) -> ComposeResult:
        yield FilterBox(placeholder=self.tr.t("filter.placeholder"), id="timeline-filter")
        yield GanttView(self.tr, self.today, id="gantt")
        self._legend_shown = self._legend(None, None)
        yield Static(self._legend_shown, id="timeline-legend")

    def _legend(self, data: PlanData | None, baseline: Baseline | None) -> Content:
        """What the bars and marks mean: the statuses and marks always, the milestones,
        dependencies and ghost bars when the plan has some (one line at 120 columns)."""
        t = self.tr.t
        items = [(FILL[s], LEGEND_STYLES[s], t(f"status.{s.value}")) for s in LEGEND_STATUSES]
        items += [
            (OVERDUE_FILL, "$warning", t("timeline.legend.overdue")),
            (DEADLINE, "$accent", t("timeline.legend.deadline")),
            (TODAY, "$error", t("timeline.legend.today")),
        ]
        if data is not None and data.milestones:
            items.append((MILESTONE, "$warning", t("phases.legend.milestone")))
        if data is not None and depends_any(data):
            items.append((DEPENDS, "$text-muted", t("phases.legend.depends")))
        if baseline is not None:
            items.append((GHOST, "$text-muted", t("phases.legend.ghost")))
        parts: list[tuple[str, str] | str] = []
        for mark, style, label in items:
            parts += [" " if parts else "", (mark, style), f" {label}"]
        return Content.assemble(*parts)

    @property
    def gantt(self) -> GanttView:
        return self.query_one("#gantt", GanttView)

    def refresh_view(self, data: PlanData) -> None:
        baseline = latest_baseline(data) if self.show_baseline else None
        if baseline is None:
            self.show_baseline = False
        phased = data.plan.mode == "phased"
        self.gantt.caption = (
            self.tr.t("phases.timeline.caption", name=clean(baseline.name)) if baseline else ""
        )
        self.gantt.set_rows(
            build_rows(data, self.today, baseline, self._blocks),
            tuple(data.sorted_phases()),
            milestones=tuple(data.milestones.values()),
            span=(data.plan.start, data.plan.end),
            invite=self.tr.t("phases.timeline.invite") if phased else "",
            code_width=code_width(data),
        )
        legend = self._legend(data, baseline)
        if (legend.plain, legend.spans) != (self._legend_shown.plain, self._legend_shown.spans):
            self._legend_shown = legend  # else the same: no layout of the screen for it
            self.query_one("#timeline-legend", Static).update(legend)

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

    def action_backplan(self) -> None:
        """`r`: the rétroplanning of the objective under the cursor (an action's objective)."""
        from coop_tui.tui.screens.backplanning import start_backplan

        row = self.gantt.selected
        objective = ""
        if row is not None and row.kind in ("group", "objective"):
            objective = row.record_id
        elif row is not None and row.kind == "action":
            action = self.data.actions.get(row.record_id)
            objective = action.objective if action else ""
        start_backplan(self, objective)

    def action_toggle_baseline(self) -> None:
        """`g`: show or hide the latest baseline's bars."""
        if not self.show_baseline and latest_baseline(self.data) is None:
            self.notify(self.tr.t("phases.no_baseline"), markup=False)
            return
        self.show_baseline = not self.show_baseline
        self.refresh_view(self.data)

    def action_phases(self) -> None:
        """`p`: the phases and their milestones."""
        from coop_tui.tui.screens.phasing import open_phases

        open_phases(self)

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
        """Each zoom level by name, for `ctrl+p` (`r`, `g` and `p` are there by their keys)."""
        for zoom in ZOOMS:
            level = self.tr.t(f"timeline.zoom.{zoom}")

            def run(zoom: Zoom = zoom) -> None:
                self.gantt.set_zoom(zoom)

            yield SystemCommand(
                self.tr.t("timeline.palette.zoom", level=level),
                self.tr.t("timeline.palette.zoom_help"),
                run,
            )
