"""The detail pane's tables: approvals, tracking indicators, measurements.

Each table is filled from a `PlanData` with `fill`, which keeps the cursor on
the same record across live refreshes (or moves it to `select`, e.g. a record
just added). Row keys are record ids (organisation ids for approvals). Cells
are plain `Text` (see `line_table.cell`), never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from coop_tui.describe import indicator_values
from coop_tui.domain import checks, indicators
from coop_tui.domain.approvals import partners_expected
from coop_tui.domain.model import Indicator, Measurement, Objective
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import bar
from coop_tui.tui.widgets.approval_words import approval_state
from coop_tui.tui.widgets.line_table import LineTable, cell

SPARKS = "▁▂▃▄▅▆▇█"
"""The trend line's steps, lowest first (the way from baseline to target)."""
TREND_POINTS = 8
"""Measurements the trend line shows (the latest ones)."""


def sparkline(shares: Sequence[float]) -> str:
    """The latest shares of the way (0..1) as a small trend line: "▁▃▄▆"; "—" for none."""
    if not shares:
        return "—"
    top = len(SPARKS) - 1
    return "".join(SPARKS[round(max(0.0, min(1.0, x)) * top)] for x in shares[-TREND_POINTS:])


class _RecordTable(LineTable):
    """A row-cursor table whose columns are i18n keys."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    WIDTHS: ClassVar[dict[str, int]] = {}
    """Fixed widths of the columns whose user text can be long (cut with an ellipsis)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "key.edit", show=False),
    ]

    def set_columns(self, tr: Translator) -> None:
        if not self.columns:
            for key in self.COLUMNS:
                self.add_column(cell(tr.t(key)), width=self.WIDTHS.get(key))

    def _fill(self, rows: Sequence[tuple[str, Sequence[Any]]], select: str | None) -> None:
        self.refill(rows)
        if select:
            keys = [key for key, _ in rows]
            if select in keys:
                self.move_cursor(row=keys.index(select), animate=False)

    @property
    def selected(self) -> str | None:
        return self.selected_key


class ApprovalTable(_RecordTable):
    """Each partner organisation and whether (when) it approved the objective."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "select", "objectives.key.toggle_approval", show=False),
    ]
    COLUMNS = ("objectives.col.organisation", "objectives.col.approval")
    WIDTHS: ClassVar[dict[str, int]] = {"objectives.col.organisation": 30}

    def fill(self, data: PlanData, objective: Objective, tr: Translator) -> None:
        rows = [
            (org.id, (org.name, approval_state(data, objective, org.id, tr)))
            for org in partners_expected(data, objective)
        ]
        self._fill(rows, None)


class IndicatorTable(_RecordTable):
    """The tracking indicators of one objective: where each stands, its trend line and
    whether it is ahead of, on or behind its path to the target."""

    COLUMNS = (
        "objectives.col.indicator", "objectives.col.latest", "objectives.col.trend",
        "objectives.col.path", "objectives.col.progress", "objectives.col.target_date",
        "objectives.col.kind",
    )  # fmt: skip
    """What moves first (latest value, trend, path) comes first: narrow panes scroll for
    the rest."""
    WIDTHS: ClassVar[dict[str, int]] = {"objectives.col.indicator": 22}

    def fill(
        self,
        data: PlanData,
        objective: Objective,
        tr: Translator,
        select: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        rows = []
        day = today or dt.date.today()
        for indicator in data.indicators_of(objective.id):
            progress = checks.indicator_progress(data, indicator)
            kind = f"indicator_kind.{indicator.kind}"
            rows.append(
                (indicator.id, (
                    indicator.name,
                    indicator_values(data, indicator, tr),
                    sparkline(indicators.trend(data, indicator)),
                    _path(indicators.path_status(data, indicator, day), tr),
                    f"{bar(progress, 8)} {tr.percent(progress)}",
                    tr.date(indicator.target_date),
                    tr.t(kind) if tr.has(kind) else indicator.kind,
                ))
            )  # fmt: skip
        self._fill(rows, select)


class MeasurementTable(_RecordTable):
    """The measurements of one indicator, newest first."""

    COLUMNS = (
        "objectives.col.date", "objectives.col.value", "objectives.col.note",
        "objectives.col.author",
    )  # fmt: skip
    WIDTHS: ClassVar[dict[str, int]] = {"objectives.col.note": 36}

    def fill(
        self, data: PlanData, indicator: Indicator | None, tr: Translator, select: str | None = None
    ) -> None:
        measurements = data.measurements_of(indicator.id) if indicator else []
        rows = [
            (m.id, (tr.date(m.date), measured_text(m, indicator, tr), m.note or "—",
                    m.author or "—"))
            for m in reversed(measurements)
        ]  # fmt: skip
        self._fill(rows, select)


def _path(status: str | None, tr: Translator) -> str:
    """En avance / Dans les temps / En retard (on its path), or — without a path."""
    return tr.t(f"path_status.{status}") if status else "—"


def measured_text(m: Measurement, indicator: Indicator | None, tr: Translator) -> str:
    """What a measurement says: its number, its level, or that the target was reached."""
    if indicator is not None and indicator.kind == "qualitative":
        return m.level or "—"
    if m.value is None and indicator is not None and indicator.kind == "time_based":
        return tr.t("indicator.reached_on", date=tr.date(m.date))
    return tr.number(m.value, 2)
