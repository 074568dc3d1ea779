"""Phases and milestones (jalons), edited from any screen: the commands behind the
phases manager and the palette.

The phases manager (modals/phases.py) never writes: it asks a `PhaseEditing`
bound to the screen below it, which writes through that screen's `PlanScreen`
helpers (forms return records; `edit_record`, `delete_record` and `apply`
commit them in a worker). So the palette's « Ajouter une phase… », the
manager's `a` and the timeline's `p` all end in the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from coop_tui.domain import phases as ph
from coop_tui.domain.model import Milestone, Phase, Record, replace

if TYPE_CHECKING:
    from coop_tui.storage.transaction import Transaction
    from coop_tui.tui.screens.base import PlanScreen


class PhaseEditing:
    """The writes the phases manager asks for, carried out by the screen under it."""

    def __init__(self, screen: PlanScreen) -> None:
        self.screen = screen

    def add_phase(self, on_added: Callable[[Phase], None] | None = None) -> None:
        """A new phase after the last one, for a year (a name and ctrl+s are enough).

        Saved with the plan made phased in the same transaction when it was simple:
        one change, one undo."""
        from coop_tui.tui.modals.record_form import RecordForm
        from coop_tui.tui.record_fields import phase_fields

        screen, data, tr = self.screen, self.screen.data, self.screen.tr
        start, end = ph.new_phase_dates(data)
        record = Phase(start=start, end=end, order=ph.next_order(data))
        form = RecordForm(tr.t("form.new.phases"), record, phase_fields(data, tr), data, tr)

        def saved(result: Phase | None) -> None:
            if result is None:
                return

            def change(txn: Transaction) -> Phase:
                phase = txn.insert(replace(result, order=ph.next_order(txn.data)))
                if txn.plan.mode != "phased":
                    txn.set_plan(replace(txn.plan, mode="phased"))
                return phase

            screen.apply(change, on_done=on_added)

        screen.app.push_screen(form, saved)

    def add_milestone(
        self, phase_id: str = "", on_added: Callable[[Record], None] | None = None
    ) -> None:
        """A new milestone in `phase_id` (else the current phase, else the first), dated at
        its end (the phase can be changed in the form)."""
        data = self.screen.data
        phases = data.sorted_phases()
        phase = (
            data.phases.get(phase_id)
            or ph.current_phase(data, self.screen.today)
            or (phases[0] if phases else None)
        )
        if phase is None:
            self.screen.notify(self.screen.tr.t("phases.no_phase_yet"), markup=False)
            return
        record = Milestone(phase=phase.id, date=phase.end)
        self.screen.edit_record(record, on_saved=on_added)

    def edit(self, record: Record) -> None:
        self.screen.edit_record(record)

    def delete(self, record: Record) -> None:
        """Ask first, saying what goes with it (a phase's milestones) and what loses it."""
        self.screen.delete_record(record)

    def move(self, phase_id: str, delta: int) -> None:
        """One place earlier (-1) or later (+1) among the phases, as one change."""
        from coop_tui.storage.history import What

        def change(txn: Transaction) -> None:
            order = [p.id for p in txn.data.sorted_phases()]
            if phase_id not in order:
                return
            at = order.index(phase_id)
            to = at + delta
            if not 0 <= to < len(order):
                return
            order[at], order[to] = order[to], order[at]
            for number, pid in enumerate(order, start=1):
                phase = txn.record(Phase, pid)
                if phase.order != float(number):
                    txn.update(replace(phase, order=float(number)))
            name = txn.record(Phase, phase_id).name
            txn.what = What(op="reorder", table="phases", record=phase_id, label=name)

        self.screen.apply(change)


def open_phases(screen: PlanScreen) -> None:
    """The phases manager over `screen`."""
    from coop_tui.tui.modals.phases import PhasesModal

    screen.app.push_screen(PhasesModal(PhaseEditing(screen)))


def phase_commands(screen: Any) -> Iterator[SystemCommand]:
    """The palette's phase commands, on every screen of the plan."""
    from coop_tui.tui.screens.base import PlanScreen

    if not isinstance(screen, PlanScreen):
        return
    t = screen.tr.t
    editing = PhaseEditing(screen)
    yield SystemCommand(t("phases.cmd.add"), t("phases.cmd.add.help"), editing.add_phase)
    if not hasattr(screen, "action_phases"):  # else listed by its key
        yield SystemCommand(
            t("phases.cmd.open"), t("phases.cmd.open.help"), lambda: open_phases(screen)
        )
    yield SystemCommand(
        t("phases.cmd.add_milestone"), t("phases.cmd.add_milestone.help"), editing.add_milestone
    )


__all__ = ["PhaseEditing", "open_phases", "phase_commands"]
