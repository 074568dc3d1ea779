"""Two small dialogs of the objectives screen.

`ApprovalPicker`: choose, by keys alone, which partner organisation's approval
to toggle (arrows, then enter; escape closes). `MeasurementForm`: the generic
form for a new measurement, opened with the focus in the value field so that
`m`, the value, then `enter` (or `ctrl+s`) records it. Neither writes: the
screen commits what they return.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coop_tui.domain.model import Measurement, Objective
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.bindings import translate_bindings
from coop_tui.tui.modals.form import FormModal


def approval_choices(
    data: PlanData, objective: Objective, tr: Translator
) -> list[tuple[str, str]]:
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


class ApprovalPicker(ModalScreen[str | None]):
    """Pick one organisation; dismiss with its id, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.cancel"),
    ]
    DEFAULT_CSS = """
    ApprovalPicker { align: center middle; }
    ApprovalPicker > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    ApprovalPicker #picker-title { text-style: bold; color: $primary; }
    ApprovalPicker #picker-hint { color: $text-muted; }
    ApprovalPicker OptionList { height: auto; max-height: 12; margin-top: 1; }
    """

    def __init__(
        self, title: str, hint: str, choices: Sequence[tuple[str, str]], tr: Translator
    ) -> None:
        """`choices` are (organisation id, already worded state) pairs."""
        super().__init__()
        self.picker_title = title
        self.hint = hint
        self.choices = tuple(choices)
        translate_bindings(self, tr)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(clean(self.picker_title)), id="picker-title")
            yield Static(Content(self.hint), id="picker-hint")
            yield OptionList(
                *(Option(Content(clean(text)), id=org_id) for org_id, text in self.choices),
                id="picker",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class MeasurementForm(FormModal[Measurement]):
    """A new measurement: focus on the value; enter in the value field saves."""

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#f-value", Input).focus()

    @on(Input.Submitted, "#f-value")
    def _save_on_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()  # not the generic "enter moves to the next field"
        event.stop()
        self.action_save()
