"""6 — Dashboard: the quick status at a glance; the first screen when a plan opens."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from coop_tui.domain import checks
from coop_tui.domain import totals as plan_totals
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.report import contradiction_text, describe_entry, local_time
from coop_tui.text import clean
from coop_tui.tui.screens.base import PlanScreen
from coop_tui.tui.widgets.tables import bar, cell, refill, selected_key

WATCH_ROWS = 40
"""The overdue / blocked / due-soon list stops there; the board and timeline show the rest."""
SECTIONS = ("watch", "indicators", "smart", "dates", "gaps", "totals", "recent")
TEXT_SECTIONS = ("smart", "dates")
"""Sections shown as lines of text rather than tables."""


class DashboardScreen(PlanScreen):
    """Progress, what is late or due, indicators, SMART warnings, gaps, budget, who changed what."""

    TITLE_KEY = "dashboard.title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "open", "key.open"),
        Binding("p", "edit_project", "dashboard.key.project"),
    ]

    def compose_body(self) -> ComposeResult:
        t = self.tr.t
        with VerticalScroll(id="dashboard"):
            yield Static("", id="summary")
            for section in SECTIONS:
                with Vertical(classes="section", id=f"section-{section}"):
                    yield Static(Content(t(f"dashboard.{section}")), classes="section-title")
                    if section in TEXT_SECTIONS:
                        yield Static("", id=f"{section}-list", classes="text-list")
                    else:
                        yield DataTable(id=f"table-{section}", cursor_type="row", zebra_stripes=True)

    #: Each table's columns: (label key, width); a width of 0 takes what is left.
    COLUMNS: ClassVar[dict[str, tuple[tuple[str, int], ...]]] = {
        "watch": (("flag", 10), ("code", 5), ("action", 0), ("lead", 16), ("end", 10)),
        "indicators": (("objective", 9), ("indicator", 0), ("latest", 14), ("target", 14),
                       ("progress", 17)),
        "gaps": (("skill", 14), ("code", 5), ("action", 0), ("remedy", 24)),
        "totals": (("group", 0), ("budget", 12), ("days", 9), ("actions", 7)),
        "recent": (("when", 16), ("who", 12), ("what", 0)),
    }  # fmt: skip

    def on_mount(self) -> None:
        self._columns_width = 0
        self._set_columns()
        super().on_mount()

    def on_resize(self) -> None:
        if self._set_columns() and self.data.revision:
            self.refresh_view(self.data)

    def _set_columns(self) -> bool:
        """Fit every table to the window, so that none needs a sideways scrollbar."""
        width = max(self.app.size.width - 8, 60)  # padding and the scrollbar
        if width == self._columns_width:
            return False
        self._columns_width = width
        for section, columns in self.COLUMNS.items():
            table = self.query_one(f"#table-{section}", DataTable)
            table.clear(columns=True)
            fixed = sum(w + 2 for _, w in columns if w) + 2
            for key, w in columns:
                label = cell(self.tr.t(f"dashboard.col.{key}"))
                table.add_column(label, width=w or max(width - fixed, 12))
        return True

    # --- content -------------------------------------------------------------------

    def refresh_view(self, data: PlanData) -> None:
        tr = self.tr
        done, counted = checks.done_count(data.actions.values())
        ratio = done / counted if counted else None
        total = plan_totals.totals(data).overall
        summary = tr.t(
            "dashboard.summary",
            title=clean(data.plan.title),
            done=done,
            total=counted,
            bar=bar(ratio, 20),
            percent=tr.percent(ratio),
            budget=tr.money(total.budget),
            days=tr.days(total.working_days),
        )
        roots = sorted(data.children(""), key=lambda o: natural_key(o.code))
        lines = [summary]
        for objective in roots:
            progress = checks.objective_progress(data, objective)
            room = max(self._columns_width - 26, 10)
            statement = clean(objective.statement)
            if len(statement) > room:
                statement = statement[: room - 1] + "…"
            lines.append(
                f"  {clean(objective.code):<4} {bar(progress, 12)} {tr.percent(progress):>5}  "
                f"{statement}"
            )
        self.query_one("#summary", Static).update(Content("\n".join(lines)))

        self._watch_rows(data)
        self._indicator_rows(data)
        self._smart(data)
        lines = [contradiction_text(data, c, tr) for c in checks.date_contradictions(data)]
        self.query_one("#dates-list", Static).update(
            Content("\n".join(lines[:WATCH_ROWS]) if lines else tr.t("dashboard.dates_all_ok"))
        )
        gaps = checks.skill_gaps(data)
        refill(
            self.query_one("#table-gaps", DataTable),
            (
                (f"{g.action}:{i}", (g.skill, data.actions[g.action].code,
                                     data.actions[g.action].title, tr.t(f"remedy.{g.remedy}")))
                for i, g in enumerate(gaps)
            ),
        )  # fmt: skip
        self._totals(data)
        refill(
            self.query_one("#table-recent", DataTable),
            (
                (str(e.revision), (local_time(e.time), e.user, describe_entry(e)))
                for e in reversed(self.coop.recent_history)
            ),
        )

    def _watch_rows(self, data: PlanData) -> None:
        tr, today = self.tr, self.today
        rows: list[tuple[str, list[Any]]] = []
        seen: set[str] = set()
        hidden = 0
        groups = (
            ("dashboard.flag.overdue", checks.overdue_actions(data, today)),
            ("dashboard.flag.blocked", checks.blocked_actions(data)),
            ("dashboard.flag.due_soon", checks.due_soon_actions(data, today)),
        )
        for flag, actions in groups:
            for action in actions:
                if action.id in seen:
                    continue
                seen.add(action.id)
                if len(rows) >= WATCH_ROWS:
                    hidden += 1
                    continue
                rows.append(
                    (action.id, [tr.t(flag), action.code, action.title,
                                 data.lead_name(action) or "—", tr.date(action.end)])
                )  # fmt: skip
        if hidden:
            rows.append(("more", ["", "", tr.t("dashboard.more", count=hidden), "", ""]))
        refill(self.query_one("#table-watch", DataTable), rows)

    def _indicator_rows(self, data: PlanData) -> None:
        tr = self.tr
        rows = []
        for objective in data.operational_objectives():
            for indicator in data.indicators_of(objective.id):
                latest = checks.latest_measurement(data, indicator)
                value = latest.value if latest else indicator.baseline
                progress = checks.indicator_progress(data, indicator)
                unit = clean(indicator.unit)
                rows.append(
                    (indicator.id, [objective.code, indicator.name,
                                    f"{tr.number(value, 2)} {unit}".strip(),
                                    f"{tr.number(indicator.target, 2)} {unit}".strip(),
                                    f"{bar(progress)} {tr.percent(progress)}"])
                )  # fmt: skip
        refill(self.query_one("#table-indicators", DataTable), rows)

    def _smart(self, data: PlanData) -> None:
        lines = []
        for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
            missing = [x for x in checks.smart_check(data, objective) if not x.ok]
            if missing:
                reasons = "; ".join(
                    f"{x.letter} — {self.tr.t(x.reason, **x.values)}" for x in missing
                )
                lines.append(f"{clean(objective.code)}  {clean(reasons)}")
        text = "\n".join(lines) if lines else self.tr.t("dashboard.smart_all_ok")
        self.query_one("#smart-list", Static).update(Content(text))

    def _totals(self, data: PlanData) -> None:
        tr = self.tr
        totals = plan_totals.totals(data)
        rows: list[tuple[str, list[Any]]] = []
        for stake in data.sorted_shared_stakes():
            sub = totals.by_shared_stake.get(stake.id)
            if sub:
                rows.append((f"s:{stake.id}", [f"{stake.code} {stake.title}", tr.money(sub.budget),
                                               tr.days(sub.working_days), sub.actions]))  # fmt: skip
        for org in data.organisations.values():
            sub = totals.by_organisation.get(org.id)
            if sub:
                rows.append((f"o:{org.id}", [org.name, tr.money(sub.budget),
                                             tr.days(sub.working_days), sub.actions]))  # fmt: skip
        overall = totals.overall
        rows.append(("all", [tr.t("dashboard.total"), tr.money(overall.budget),
                             tr.days(overall.working_days), overall.actions]))  # fmt: skip
        refill(self.query_one("#table-totals", DataTable), rows)

    # --- keys -------------------------------------------------------------------------

    def action_edit_project(self) -> None:
        """`p`: the project itself (title, description, territory, dates, language)."""
        self.edit_record(self.data.plan)

    def action_open(self) -> None:
        """Open the action (or indicator's objective) under the cursor."""
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None:
            return
        key = selected_key(table)
        record = self.data.actions.get(key or "") if table.id in ("table-watch",) else None
        if table.id == "table-gaps" and key:
            record = self.data.actions.get(key.split(":")[0])
        if isinstance(record, Action):
            self.edit_record(record)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()
