"""Rétroplanning in the app: from an objective's deadline (or a milestone chosen in a
small picker), the backward plan shown in a dialog, and « Appliquer » writing the
proposed dates in one transaction (one `u` takes them all back).

The computing is `domain.backplan`'s, the same as `coop-tui backplan`; this
module only asks, says and applies, through the screen's `PlanScreen.apply`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from coop_tui.domain import backplan as bp
from coop_tui.domain.model import Action, Objective
from coop_tui.text import clean

if TYPE_CHECKING:
    from coop_tui.storage.transaction import Transaction
    from coop_tui.tui.screens.base import PlanScreen

CRITICAL = "◆"
LATE = "!"
GUESSED = "?"
"""The marks of the dialog's first column (words in its legend: not colour alone)."""


def start_backplan(screen: PlanScreen, objective_id: str) -> None:
    """Ask where to plan back from (when a milestone could be chosen too), then show."""
    from coop_tui.tui.modals.choice import ChoiceModal

    data, tr = screen.data, screen.tr
    objective = data.objectives.get(objective_id)
    if objective is None:
        screen.notify(tr.t("phases.backplan.pick_objective"), markup=False)
        return
    code = clean(objective.code)
    starts: list[tuple[str, dt.date]] = []
    if objective.deadline is not None:
        starts.append(
            (tr.t("phases.backplan.from_deadline", code=code, date=tr.date(objective.deadline)),
             objective.deadline)
        )  # fmt: skip
    milestones = sorted(
        (m for m in data.milestones.values() if m.date is not None),
        key=lambda m: (m.date, m.id),
    )
    for milestone in milestones:
        assert milestone.date is not None
        label = tr.t("phases.backplan.from_milestone", name=clean(milestone.name),
                     date=tr.date(milestone.date))  # fmt: skip
        starts.append((label, milestone.date))
    if not starts:
        screen.notify(tr.t("phases.backplan.no_deadline", code=code), markup=False)
        return
    if len(starts) == 1:
        show_backplan(screen, objective, *starts[0])
        return
    modal = ChoiceModal(
        tr.t("phases.backplan.pick_title", code=code),
        tr.t("phases.backplan.pick_detail"),
        [(label, index) for index, (label, _) in enumerate(starts)],
        current=0,
    )

    def picked(index: int | None) -> None:
        if index is not None:
            show_backplan(screen, objective, *starts[index])

    screen.app.push_screen(modal, picked)


def show_backplan(screen: PlanScreen, objective: Objective, origin: str, deadline: dt.date) -> None:
    """Work the backward plan out and show it; apply it if asked."""
    from coop_tui.tui.modals.backplan import BackplanModal

    data, tr = screen.data, screen.tr
    code = clean(objective.code)
    result = bp.backplan(data, objective.id, screen.today, deadline)
    if result.cycle:
        cycle = " → ".join(clean(c) for c in result.cycle)
        screen.notify(tr.t("phases.backplan.cycle", cycle=cycle), severity="error", markup=False)
        return
    if not result.slots:
        screen.notify(tr.t("phases.backplan.nothing", code=code), markup=False)
        return
    modal = BackplanModal(
        tr.t("phases.backplan.title", code=code, statement=clean(objective.statement)),
        _notes(screen, result, origin),
        [
            ("", 2), (tr.t("phases.backplan.col.code"), 5), (tr.t("phases.backplan.col.action"), None),
            (tr.t("phases.backplan.col.duration"), 9), (tr.t("phases.backplan.col.latest_start"), 10),
            (tr.t("phases.backplan.col.latest_end"), 10), (tr.t("phases.backplan.col.slack"), 10),
        ],
        [(slot.action, _cells(screen, slot)) for slot in result.slots],
        tr.t("phases.backplan.legend", critical=CRITICAL, late=LATE, guessed=GUESSED),
        tr.t("phases.backplan.apply"),
        tr.t("form.cancel"),
    )  # fmt: skip

    def answered(apply: bool | None) -> None:
        if apply:
            apply_backplan(screen, objective, result)

    screen.app.push_screen(modal, answered)


def _notes(screen: PlanScreen, result: bp.Backplan, origin: str) -> list[str]:
    tr, data = screen.tr, screen.data

    def codes(ids: list[str]) -> str:
        return ", ".join(clean(data.actions[a].code or a) for a in ids)

    notes = [tr.t("phases.backplan.from", origin=origin)]
    if result.critical_path:
        path = " → ".join(clean(data.actions[a].code or a) for a in result.critical_path)
        notes.append(tr.t("phases.backplan.critical", path=path))
    late = [s.action for s in result.slots if s.should_have_started]
    if late:
        notes.append(tr.t("phases.backplan.late", count=len(late), codes=codes(late)))
    short = [s.action for s in result.slots if s.slack < 0]
    if short:
        notes.append(tr.t("phases.backplan.at_risk", count=len(short), codes=codes(short)))
    guessed = [s.action for s in result.slots if s.guessed]
    if guessed:
        notes.append(tr.t("phases.backplan.guessed", codes=codes(guessed)))
    notes.append(tr.t("phases.backplan.apply_note"))
    return notes


def _cells(screen: PlanScreen, slot: bp.Slot) -> list[Text | str]:
    tr = screen.tr
    action = screen.data.actions[slot.action]
    marks = "".join(
        mark for mark, on in ((CRITICAL, slot.critical), (LATE, slot.should_have_started),
                              (GUESSED, slot.guessed)) if on
    )  # fmt: skip
    style = "bold" if slot.critical else ""
    slack = Text(
        tr.t("phases.days", count=tr.number(slot.slack)), style="bold" if slot.slack < 0 else ""
    )
    return [
        Text(marks, style="bold"),
        Text(clean(action.code), style=style),
        Text(clean(action.title), style=style),
        tr.t("phases.days", count=tr.number(slot.duration)),
        Text(tr.date(slot.latest_start), style="bold" if slot.should_have_started else ""),
        tr.date(slot.latest_end),
        slack,
    ]


def apply_backplan(screen: PlanScreen, objective: Objective, result: bp.Backplan) -> None:
    """Every proposed date in one transaction, which history names « Rétroplanning appliqué »."""
    from coop_tui.storage.history import What

    slots = {s.action: s for s in result.slots}
    tr = screen.tr

    def change(txn: Transaction) -> int:
        moved = 0
        for action_id, slot in slots.items():
            current = txn.current("actions", action_id)
            if isinstance(current, Action) and current.status.is_open:
                proposed = bp.proposed(current, slot)
                if (proposed.start, proposed.end) != (current.start, current.end):
                    txn.update(proposed)
                    moved += 1
        txn.what = What(op="backplan", table="objectives", record=objective.id,
                        label=objective.code)  # fmt: skip
        return moved

    def done(moved: int) -> None:
        screen.notify(tr.t("phases.backplan.applied", count=moved, code=clean(objective.code)),
                      markup=False)  # fmt: skip

    screen.apply(change, on_done=done)


__all__ = ["apply_backplan", "show_backplan", "start_backplan"]
