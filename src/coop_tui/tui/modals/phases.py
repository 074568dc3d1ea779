"""The phases manager: every phase of the plan with its milestones beneath, by keys alone.

`a` adds a phase (after the last one, for a year), `j` a milestone (jalon) to the
phase under the cursor, `enter`/`e` opens the one under the cursor, `d` deletes it
(after a confirmation that says what goes with it), `shift+↑`/`shift+↓` move a
phase among the others, `u` undoes. It never writes: it asks its `PhaseEditing`, which writes
through the screen below; it follows the live plan, so what was saved shows at once.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coop_tui.domain import phases as ph
from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.tui.bindings import describe
from coop_tui.tui.widgets.gantt_paint import MILESTONE
from coop_tui.tui.widgets.line_keys import fit
from coop_tui.tui.widgets.line_table import LineTable

NAME_WIDTH = 40
"""Phase and milestone names are cut there, so the dates stay in view (100 columns)."""
OTHER_COLUMNS = 62
"""What the other columns, their padding and the frame take (number, two dates, progress)."""

if TYPE_CHECKING:
    from coop_tui.i18n import Translator
    from coop_tui.tui.screens.phasing import PhaseEditing


class PhasesModal(ModalScreen[None]):
    """Phases and milestones of the plan; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_phase", "phases.key.add"),
        Binding("j", "add_milestone", "phases.key.add_milestone"),
        Binding("e", "edit", "key.open"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("shift+up", "move(-1)", "phases.key.earlier"),
        Binding("shift+down", "move(1)", "phases.key.later"),
        # A modal hides the app's keys: undo is offered here too.
        Binding("u", "app.undo", "key.undo"),
        Binding("escape", "close", "phases.key.close"),
    ]
    DEFAULT_CSS = """
    PhasesModal { align: center middle; }
    PhasesModal > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    PhasesModal #phases-title { text-style: bold; color: $primary; padding: 1 0 0 0; }
    PhasesModal #phases-mode { color: $text-muted; padding: 0 0 1 0; }
    PhasesModal LineTable { height: auto; max-height: 24; }
    PhasesModal #phases-keys { color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(self, editing: PhaseEditing) -> None:
        super().__init__()
        self.editing = editing
        self.tr: Translator = editing.screen.tr
        self._pending: str | None = None
        """Key of a row just added: the cursor goes there when it shows."""
        self.name_width = NAME_WIDTH

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.tr.t("phases.title")), id="phases-title")
            yield Static("", id="phases-mode")
            yield LineTable(id="phases-table")
            yield Static(self._keys(), id="phases-keys")

    def _keys(self) -> Content:
        """The keys of this dialog, from its bindings (as the key bar says them)."""
        parts: list[tuple[str, str] | str] = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            first = dataclasses.replace(binding, key=binding.key.split(",")[0])
            key = self.app.get_key_display(first)
            if binding.key == "escape":
                key = self.tr.t("phases.key.escape")
            parts += ["  " if parts else "", (key, "bold"), " " + describe(binding, self.tr)]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        table = self.query_one(LineTable)
        t = self.tr.t
        self.name_width = max(16, min(NAME_WIDTH, self.app.size.width - OTHER_COLUMNS))
        table.add_column("")
        table.add_column(t("phases.col.name"), width=self.name_width)
        table.add_column(t("phases.col.start"))
        table.add_column(t("phases.col.end"))
        table.add_column(t("phases.col.state"))
        table.set_hint(t("phases.empty"))
        self.watch(self.app, "plan_data", self._show, init=True)
        table.focus()

    @property
    def data(self) -> PlanData:
        return self.editing.screen.data

    # --- showing ------------------------------------------------------------------------

    def _show(self, data: PlanData) -> None:
        tr = self.tr
        plan = data.plan
        if plan.mode == "phased":
            mode = tr.t("phases.mode.phased", start=tr.date(plan.start), end=tr.date(plan.end))
        else:
            mode = tr.t("phases.mode.simple")
        self.query_one("#phases-mode", Static).update(Content(mode))
        table = self.query_one(LineTable)
        table.refill(self._rows(data))
        if self._pending is not None:
            keys = [table.row_key_at(i) for i in range(table.row_count)]
            if self._pending in keys:
                table.move_cursor(row=keys.index(self._pending))
                self._pending = None

    def _rows(self, data: PlanData) -> list[tuple[str, list[Text | str]]]:
        tr = self.tr
        current = ph.current_phase(data, self.editing.screen.today)
        rows: list[tuple[str, list[Text | str]]] = []
        for number, phase in enumerate(data.sorted_phases(), start=1):
            progress = ph.phase_progress(data, phase.id)
            state = (
                tr.t("phases.progress", percent=tr.percent(progress))
                if progress is not None
                else ""
            )
            if current is not None and current.id == phase.id:
                state = " · ".join(p for p in (state, tr.t("phases.current")) if p)
            name = Text(fit(phase.name, self.name_width).rstrip(), style="bold")
            rows.append((f"phase:{phase.id}", [str(number), name, tr.date(phase.start),
                                               tr.date(phase.end), state]))  # fmt: skip
            for milestone in data.milestones_of(phase.id):
                outcome = tr.t(f"milestone_outcome.{milestone.outcome}")
                label = Text(f"  {MILESTONE} ") + Text(
                    fit(milestone.name, self.name_width - 4).rstrip()
                )
                rows.append((f"milestone:{milestone.id}",
                             ["", label, tr.date(milestone.date), "", outcome]))  # fmt: skip
        return rows

    # --- what is under the cursor -------------------------------------------------------

    def _selected(self) -> Record | None:
        key = self.query_one(LineTable).selected_key or ""
        kind, _, record_id = key.partition(":")
        data = self.data
        if kind == "phase":
            return data.phases.get(record_id)
        if kind == "milestone":
            return data.milestones.get(record_id)
        return None

    def _selected_phase_id(self) -> str:
        record = self._selected()
        if record is None:
            return ""
        return record.id if record.TABLE == "phases" else str(getattr(record, "phase", ""))

    # --- keys ---------------------------------------------------------------------------

    def action_add_phase(self) -> None:
        self.editing.add_phase(on_added=lambda phase: self._go_to(f"phase:{phase.id}"))

    def action_add_milestone(self) -> None:
        self.editing.add_milestone(
            self._selected_phase_id(),
            on_added=lambda milestone: self._go_to(f"milestone:{milestone.id}"),
        )

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            self.editing.edit(record)

    @on(LineTable.RowSelected)
    def _row_selected(self, event: LineTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        record = self._selected()
        if record is not None:
            self.editing.delete(record)

    def action_move(self, delta: int) -> None:
        record = self._selected()
        if record is not None and record.TABLE == "phases":
            self.editing.move(record.id, delta)
        elif record is not None:
            self.notify(self.tr.t("phases.move_phases_only"), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def _go_to(self, key: str) -> None:
        """Put the cursor on `key` now, or as soon as the plan that holds it shows."""
        self._pending = key
        self._show(self.app.plan_data)  # type: ignore[attr-defined]
