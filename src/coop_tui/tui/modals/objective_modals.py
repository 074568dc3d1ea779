"""The objectives screen's own dialogs (the approvals have theirs: approval_dialog.py).

`MeasurementForm`: the generic form for a new measurement,
opened with the focus in the value field so that `m`, the value, then `enter`
(or `ctrl+s`) records it. Neither writes: the screen commits what they return.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from coop_tui.domain.model import Measurement
from coop_tui.tui.modals.record_form import RecordForm


class MeasurementForm(RecordForm[Measurement]):
    """A new measurement: the value comes first (the focus starts there); enter in the
    value field saves."""

    @on(Input.Submitted, "#f-value")
    def _save_on_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()  # not the generic "enter moves to the next field"
        event.stop()
        self.action_save()
