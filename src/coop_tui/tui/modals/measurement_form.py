"""`m`: a new measurement of one indicator, said in full before it is recorded.

The title names the indicator with its unit, baseline and target (« Nouvelle
mesure : Délai de clôture des comptes — de 5 à 3 mois »), the form asks what
this kind of indicator measures (a number, a level of its scale, the day it was
reached), and a number far outside what the indicator can plausibly take (more
than ten times the way from baseline to target beyond it, or of the wrong sign)
is recorded only once confirmed: 58 500 is not a number of months.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.widgets import Input

from coop_tui.domain.model import Indicator, Measurement
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.modals.record_form import FieldSpec, RecordForm
from coop_tui.tui.widgets.objective_detail import indicator_way

SPAN_FACTOR = 10.0
"""How many times the way from baseline to target a value may lie beyond it."""


def implausible(indicator: Indicator, value: float | None) -> bool:
    """Whether a measured number is far outside what the indicator can plausibly be."""
    if value is None or indicator.kind == "qualitative" or indicator.target is None:
        return False
    baseline = indicator.baseline if indicator.baseline is not None else 0.0
    low, high = sorted((baseline, indicator.target))
    if low >= 0 > value or high <= 0 < value:
        return True  # the wrong sign: a negative count, a positive loss
    span = (high - low) or max(abs(high), 1.0)
    return not low - SPAN_FACTOR * span <= value <= high + SPAN_FACTOR * span


def measurement_title(indicator: Indicator, tr: Translator) -> str:
    return tr.t(
        "objectives.measure_title",
        indicator=clean(indicator.name),
        way=indicator_way(indicator, tr),
    )


class MeasurementForm(RecordForm[Measurement]):
    """A new measurement: the focus on what it measures; enter there saves; a number far
    outside the indicator's range is confirmed first."""

    def __init__(
        self,
        indicator: Indicator,
        record: Measurement,
        fields: Sequence[FieldSpec],
        data: PlanData,
        tr: Translator,
    ) -> None:
        super().__init__(measurement_title(indicator, tr), record, fields, data, tr)
        self.indicator = indicator

    def on_mount(self) -> None:
        super().on_mount()
        first = self.fields[0] if self.fields else None
        if first is not None:
            self.query_one(f"#{self._wid(first)}").focus()

    @on(Input.Submitted, "#f-value")
    def _save_on_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()  # not the generic "enter moves to the next field"
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        record, problems = self.build()
        if problems or not implausible(self.indicator, record.value):
            super().action_save()
            return
        from coop_tui.tui.modals.confirm import ConfirmModal

        tr = self.tr
        unit = clean(self.indicator.unit)
        modal = ConfirmModal(
            tr.t(
                "objectives.implausible.question",
                value=f"{tr.number(record.value, 2)} {unit}".rstrip(),
                indicator=clean(self.indicator.name),
            ),
            tr.t("objectives.implausible.detail", way=indicator_way(self.indicator, tr)),
            tr.t("objectives.implausible.yes"),
            tr.t("objectives.implausible.no"),
        )

        def answered(record_it: bool | None) -> None:
            if record_it:
                self.dismiss(record)
            else:
                self.query_one("#f-value", Input).focus()

        self.app.push_screen(modal, answered)


__all__ = ["MeasurementForm", "implausible", "indicator_way", "measurement_title"]
