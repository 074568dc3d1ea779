"""6 — Dashboard: the quick status at a glance; the first screen when a plan opens.

One `ReportView` draws it all (summary, then a section per concern): the
dashboard is what every start-up paints first, so it is one widget to mount,
style and draw, not thirty. Rows that stand for an action or an indicator
can be selected and opened. The summary says the current phase and the next
milestone, the next review and the decisions due, the financing balance and the
drift since the latest baseline (widgets/dashboard_sections.py); on an empty or
young plan, the worksheet's next step comes first, with the key that starts it.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from coop_tui.describe import contradiction_text, describe_entry, indicator_values, local_time
from coop_tui.domain import checks, indicators
from coop_tui.domain import totals as plan_totals
from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import bar
from coop_tui.tui.screens.base import PlanScreen, screen_css
from coop_tui.tui.widgets.dashboard_sections import (
    STEPS,
    decision_rows,
    drift_rows,
    financing_rows,
    next_step,
    steering_lines,
)
from coop_tui.tui.widgets.line_keys import fit
from coop_tui.tui.widgets.report_view import ReportLine, ReportView, table_row, text_line

WATCH_ROWS = 40
"""The overdue / blocked / due-soon list stops there; the board and timeline show the rest."""

#: Each table's columns: (label key, width); a width of 0 takes what is left.
COLUMNS: dict[str, tuple[tuple[str, int], ...]] = {
    "watch": (("flag", 10), ("code", 5), ("action", 0), ("lead", 16), ("end", 10)),
    "indicators": (("objective", 9), ("indicator", 0), ("latest", 24), ("progress", 17),
                   ("path", 14)),
    "decisions": (("flag", 10), ("due", 10), ("decision", 0), ("owner", 16)),
    "drift": (("kind", 14), ("code", 5), ("title", 0), ("how", 26)),
    "financing": (("money", 0), ("amount", 14)),
    "gaps": (("skill", 14), ("code", 5), ("action", 0), ("remedy", 24)),
    "totals": (("group", 0), ("budget", 12), ("days", 9), ("actions", 7)),
    "recent": (("when", 16), ("who", 12), ("what", 0)),
}  # fmt: skip
NUMBERS: dict[str, tuple[int, ...]] = {"totals": (1, 2, 3), "financing": (1,)}
"""Columns aligned right."""

Row = tuple[str | None, Sequence[Any]]
"""(key or None, cells): a key makes the row selectable."""


class DashboardScreen(PlanScreen):
    """Progress, what is late or due, indicators, SMART warnings, gaps, budget, who changed what."""

    TITLE_KEY = "dashboard.title"
    DEFAULT_CSS = screen_css(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "open", "key.open"),
        Binding("p", "edit_project", "dashboard.key.project"),
    ]

    def compose_body(self) -> ComposeResult:
        yield ReportView(id="dashboard")

    def on_mount(self) -> None:
        self._width = self._page_width()

    def on_resize(self) -> None:
        width = self._page_width()
        if width != self._width:
            self._width = width
            if self.data.revision:
                self.refresh_view(self.data)

    def _page_width(self) -> int:
        return max(self.app.size.width - 4, 60)  # the scrollbar and a margin

    # --- content -------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        view = self.query_one(ReportView)
        if view.show(self._lines(data)):
            self.coop.after_paint(view.take_below)

    def _lines(self, data: PlanData) -> Iterator[ReportLine]:
        """The page, line by line: each section is worked out when its first line is
        asked for, so that the first showing paints what fills the screen before the
        sections below it are worked out (`ReportView.show`)."""
        t = self.tr.t
        yield from self._guide(data)
        yield from self._summary(data)
        for name, body in self._sections(data):
            yield ReportLine()
            yield text_line(t(f"dashboard.{name}"), "title")
            yield from body

    def _sections(self, data: PlanData) -> Iterator[tuple[str, Iterator[ReportLine]]]:
        """Each section's name and lines. A section shows its first WATCH_ROWS rows, and
        how many more there are: only those are worked out (a plan of 50,000 actions has
        thousands of each)."""
        yield "watch", self._table("watch", self._watch_rows(data))
        yield "indicators", self._indicators(data)
        yield "smart", self._smart(data)
        yield "dates", self._dates(data)
        if data.decisions:
            yield "decisions", self._table("decisions", decision_rows(data, self.tr, self.today))
        if data.baselines:
            yield "drift", self._table("drift", drift_rows(data, self.tr))
        if data.budget_lines or data.funders:
            yield "financing", self._table("financing", financing_rows(data, self.tr))
        yield "gaps", self._table("gaps", self._gap_rows(data), len(checks.skill_gaps(data)))
        yield "totals", self._table("totals", self._total_rows(data))
        yield "recent", self._table("recent", self._recent_rows())

    def _guide(self, data: PlanData) -> Iterator[ReportLine]:
        """On an empty or young plan: the worksheet's next step and the key that starts it
        (enter goes to its screen), until each step has content."""
        step = next_step(data)
        if step is None:
            return
        number, mode, key = step
        yield ReportLine()
        yield text_line(self.tr.t("dashboard.guide", number=number, total=len(STEPS)), "title")
        yield text_line(self.tr.t(key), "warning", key=f"guide:{mode}")
        yield text_line(f"{self.tr.t(key + '.how')} {self.tr.t('dashboard.guide.enter')}")

    def _summary(self, data: PlanData) -> Iterator[ReportLine]:
        tr = self.tr
        watched = checks.watch(data, self.today, WATCH_ROWS)
        done, counted = watched.done, watched.counted
        ratio = done / counted if counted else None
        total = plan_totals.overall(data)
        summary = tr.t(
            "dashboard.summary",
            title=data.plan.title,
            done=done,
            total=counted,
            bar=bar(ratio, 20),
            percent=tr.percent(ratio),
            budget=tr.money(total.budget),
            days=tr.days(total.working_days),
        )
        yield ReportLine()
        for line in summary.split("\n"):
            yield text_line(line)
        for line in steering_lines(data, tr, self.today):
            # Long lines (the drift) wrap under their first words rather than being cut.
            for number, part in enumerate(textwrap.wrap(line, max(self._width - 4, 20))):
                yield text_line(part if number == 0 else f"  {part}")
        room = max(self._width - 26, 10)
        for objective in sorted(data.children(""), key=lambda o: natural_key(o.code)):
            progress = checks.objective_progress(data, objective)
            yield text_line(
                f"  {fit(objective.code, 4)} {bar(progress, 12)} {tr.percent(progress):>5}  "
                f"{fit(objective.statement, room).rstrip()}"
            )

    def _table(self, name: str, rows: Iterator[Row], count: int = 0) -> Iterator[ReportLine]:
        """A section's table; given `count`, the rows it has in all, only the first
        WATCH_ROWS are drawn (and made), then how many more there are."""
        if count:
            rows = itertools.islice(rows, WATCH_ROWS)
        columns = COLUMNS[name]
        fixed = sum(w + 2 for _, w in columns if w) + 1
        widths = [w or max(self._width - fixed, 12) for _, w in columns]
        right = NUMBERS.get(name, ())
        labels = [self.tr.t(f"dashboard.col.{key}") for key, _ in columns]
        yield table_row(labels, widths, "header", right=right)
        empty = True
        for key, cells in rows:
            empty = False
            yield table_row(cells, widths, key=key, right=right)
        if empty:
            yield text_line(" —", "muted")
        yield from self._more(count)

    def _text(self, lines: list[str], when_empty: str, count: int = 0) -> Iterator[ReportLine]:
        if not lines:
            yield text_line(when_empty, "muted")
        for line in lines[:WATCH_ROWS]:
            yield text_line(line, "warning")
        yield from self._more(max(count, len(lines)))

    def _more(self, count: int) -> Iterator[ReportLine]:
        if count > WATCH_ROWS:
            yield text_line(self.tr.t("dashboard.more_rows", count=count - WATCH_ROWS), "muted")

    def _watch_rows(self, data: PlanData) -> Iterator[Row]:
        """The first WATCH_ROWS actions overdue, blocked or due soon, then how many more."""
        tr = self.tr
        watched = checks.watch(data, self.today, WATCH_ROWS)
        for flag, action in watched.rows:
            yield (f"action:{action.id}", (tr.t(f"dashboard.flag.{flag}"), action.code, action.title,
                                           data.lead_name(action) or "—", tr.date(action.end)))  # fmt: skip
        hidden = watched.count - len(watched.rows)
        if hidden:
            yield (None, ("", "", tr.t("dashboard.more", count=hidden), "", ""))

    def _indicators(self, data: PlanData) -> Iterator[ReportLine]:
        count = sum(len(data.indicators_of(o.id)) for o in data.operational_objectives())
        yield from self._table("indicators", self._indicator_rows(data), count)

    def _indicator_rows(self, data: PlanData) -> Iterator[Row]:
        """Each indicator: where it stands against its target, its progress, its path."""
        tr = self.tr
        for objective in data.operational_objectives():
            for indicator in data.indicators_of(objective.id):
                progress = checks.indicator_progress(data, indicator)
                status = indicators.path_status(data, indicator, self.today)
                yield (f"indicator:{indicator.id}", (
                    objective.code, indicator.name, indicator_values(data, indicator, tr),
                    f"{bar(progress)} {tr.percent(progress)}",
                    tr.t(f"path_status.{status}") if status else "—"))  # fmt: skip

    def _smart(self, data: PlanData) -> Iterator[ReportLine]:
        """The first WATCH_ROWS objectives that fail the SMART check, and why, then how
        many more."""
        failures = checks.smart_failures(data)
        lines = []
        for objective, missing in failures[:WATCH_ROWS]:
            reasons = " · ".join(  # no ";": French would want a space before it
                f"{x.letter} — {self.tr.t(x.reason, **x.values)}" for x in missing
            )
            lines.append(f"{objective.code}  {reasons}")
        ok = "dashboard.smart_all_ok" if data.objectives else "dashboard.no_objective"
        yield from self._text(lines, self.tr.t(ok), len(failures))

    def _dates(self, data: PlanData) -> Iterator[ReportLine]:
        """The first WATCH_ROWS contradictions between dates, then how many more."""
        contradictions, count = checks.first_contradictions(data, WATCH_ROWS)
        lines = [contradiction_text(data, c, self.tr) for c in contradictions]
        yield from self._text(lines, self.tr.t("dashboard.dates_all_ok"), count)

    def _gap_rows(self, data: PlanData) -> Iterator[Row]:
        for i, gap in enumerate(checks.skill_gaps(data)):
            action = data.actions[gap.action]
            yield (f"action:{gap.action}:{i}", (gap.skill, action.code, action.title,
                                                self.tr.t(f"remedy.{gap.remedy.kind if gap.remedy else ''}")))  # fmt: skip

    def _total_rows(self, data: PlanData) -> Iterator[Row]:
        tr = self.tr
        totals = plan_totals.totals(data)
        for stake in data.sorted_shared_stakes():
            sub = totals.by_shared_stake.get(stake.id)
            if sub:
                yield (None, (f"{stake.code} {stake.title}", tr.money(sub.budget),
                              tr.days(sub.working_days), sub.actions))  # fmt: skip
        for org in data.organisations.values():
            sub = totals.by_organisation.get(org.id)
            if sub:
                yield (None, (org.name, tr.money(sub.budget), tr.days(sub.working_days),
                              sub.actions))  # fmt: skip
        overall = totals.overall
        yield (None, (tr.t("dashboard.total"), tr.money(overall.budget),
                      tr.days(overall.working_days), overall.actions))  # fmt: skip

    def _recent_rows(self) -> Iterator[Row]:
        for entry in reversed(self.coop.recent_history):
            yield (None, (local_time(entry.time), entry.user, describe_entry(entry, self.tr)))

    # --- keys -------------------------------------------------------------------------

    def key_target(self, verb: str) -> str:
        """e / enter open the row under the cursor: an action, an indicator."""
        if verb != "open" or not self.is_mounted:
            return ""
        kind = (self.query_one(ReportView).selected_key or "").partition(":")[0]
        return {"action": "actions", "indicator": "indicators", "guide": "guide"}.get(kind, "")

    def action_edit_project(self) -> None:
        """`p`: the project itself (title, description, territory, dates, language)."""
        self.edit_record(self.data.plan)

    def action_open(self) -> None:
        """Open the action or indicator under the cursor; on the next step of the
        worksheet, go to the screen that starts it."""
        key = self.query_one(ReportView).selected_key or ""
        kind, _, rest = key.partition(":")
        if kind == "guide":
            self.app.switch_mode(rest)
            return
        record_id = rest.split(":")[0]
        record: Record | None = None
        if kind == "action":
            record = self.data.actions.get(record_id)
        elif kind == "indicator":
            record = self.data.indicators.get(record_id)
        if record is not None:
            self.edit_record(record)
