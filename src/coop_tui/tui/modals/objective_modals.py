"""The objectives screen's own dialogs.

`approval_choices` words each organisation's approval for the approval picker
(a `ChoiceModal`). `MeasurementForm`: the generic form for a new measurement,
opened with the focus in the value field so that `m`, the value, then `enter`
(or `ctrl+s`) records it. Neither writes: the screen commits what they return.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from coop_tui.domain.model import Measurement, Objective
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.tui.modals.record_form import RecordForm


def approval_choices(data: PlanData, objective: Objective, tr: Translator) -> list[tuple[str, str]]:
    """(organisation id, `✓ Name — approved on <date>` or `✗ Name — not yet`)."""
    choices = []
    for org in data.organisations.values():
        when = objective.approvals.get(org.id)
        if when is not None:
            state = f"✓ {org.name} — {tr.t('objectives.approved_on', date=tr.date(when))}"
        else:
            state = f"✗ {org.name} — {tr.t('objectives.not_yet')}"
        choices.append((org.id, state))
    return choices


class MeasurementForm(RecordForm[Measurement]):
    """A new measurement: the value comes first (the focus starts there); enter in the
    value field saves."""

    @on(Input.Submitted, "#f-value")
    def _save_on_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()  # not the generic "enter moves to the next field"
        event.stop()
        self.action_save()
