"""Rétroplanning in the app: `r` on the timeline, a deadline or a milestone, the proposed
dates shown, applied in one change that `u` takes back; a dependency cycle refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from coop_tui.domain import backplan as bp
from coop_tui.domain.model import Action, Objective, Plan, Status
from coop_tui.i18n import Translator
from coop_tui.i18n.history import describe
from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.backplan import BackplanModal
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.widgets.line_table import LineTable
from tests.helpers import (
    TODAY,
    by_code,
    create_plan,
    loaded,
    make_app,
    read,
    record_notifications,
    screen_text,
    show_mode,
    table_rows,
    wait_until,
    words,
)

SIZE = (120, 40)
DAY = dt.timedelta(days=1)
CHAIN = ("A15", "A16", "A17", "A18")
"""O3.1's actions in the demo: A15 → A16 → A18, A17 → A18."""


async def cursor_on(pilot: Any, code: str) -> None:
    """The timeline, with the cursor moved by arrows to the row `code`."""
    gantt = (await show_mode(pilot, "5")).gantt
    await pilot.press("home")
    for _ in range(len(gantt.rows)):
        if gantt.selected is not None and gantt.selected.code == code:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {code}")


def dates(path: Path) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    data = read(path)
    return {code: (by_code(data, code).start, by_code(data, code).end) for code in CHAIN}


async def test_backplan_from_the_deadline_applied_then_undone(demo_path: Path) -> None:
    before = dates(demo_path)
    data = read(demo_path)
    o31 = by_code(data, "O3.1")
    expected = bp.backplan(data, o31.id, TODAY)
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        await cursor_on(pilot, "A16")  # an action: its objective is planned
        await pilot.press("r")
        # The deadline, or one of the three milestones.
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        labels = [label for label, _ in app.screen.choices]  # type: ignore[attr-defined]
        assert labels[0] == f"l'échéance de O3.1 ({o31.deadline:%d/%m/%Y})"
        assert len(labels) == 4 and labels[1].startswith("le jalon «\u00a0Convention de GME")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BackplanModal))
        await pilot.pause()
        modal = app.screen
        rows = table_rows(modal.query_one(LineTable))
        assert [row[1] for row in rows] == list(CHAIN)
        slots = {s.code: s for s in expected.slots}
        for marks, code, _title, _duration, start, end, slack in rows:
            slot = slots[code]
            assert start == f"{slot.latest_start:%d/%m/%Y}" and end == f"{slot.latest_end:%d/%m/%Y}"
            assert slack.endswith("jours") and slack.split()[0] == str(slot.slack)
            assert ("◆" in marks) == slot.critical and ("!" in marks) == slot.should_have_started
        text = words(screen_text(app))
        assert "Chemin critique : A15 → A16 → A18." in text
        assert "Auraient déjà dû commencer" in text

        await pilot.press("ctrl+s")  # « Appliquer »
        await wait_until(pilot, lambda: dates(demo_path) != before)
        after = read(demo_path)
        for slot in expected.slots:
            action = after.actions[slot.action]
            if action.status is Status.TODO:  # its latest dates, never before its earliest
                assert action.start == max(slot.latest_start, slot.earliest_start)
                assert action.end is not None and action.start is not None
                assert (action.end - action.start).days == slot.duration - 1
            else:
                assert action.end == max(slot.latest_end, slot.earliest_end)
        entry = PlanStore(demo_path).recent_history(1)[-1]
        assert entry.what is not None and entry.what.op == "backplan"
        others = len(entry.changes) - 1  # one action moved per change
        assert others >= 1 and describe(entry, Translator("fr")) == (
            f"Rétroplanning appliqué — O3.1 (et {others} autres changements)"
        )
        await wait_until(pilot, lambda: any("Rétroplanning appliqué à O3.1" in n for n in notes))

        await pilot.press("u")  # one change: one undo gives the plan back
        await wait_until(pilot, lambda: dates(demo_path) == before)
        assert read(demo_path).revision == after.revision + 1


async def test_backplan_from_a_milestone_and_cancel_writes_nothing(demo_path: Path) -> None:
    data = read(demo_path)
    final = next(m for m in data.milestones.values() if m.name.startswith("Bilan final"))
    revision = data.revision
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await cursor_on(pilot, "O3.1")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("end", "enter")  # the latest milestone: « Bilan final »
        await wait_until(pilot, lambda: isinstance(app.screen, BackplanModal))
        await pilot.pause()
        text = words(screen_text(app))
        assert "From the milestone “Bilan final" in text and f"{final.date:%Y-%m-%d}" in text
        rows = table_rows(app.screen.query_one(LineTable))
        assert rows[-1][1] == "A18" and rows[-1][5] == f"{final.date:%Y-%m-%d}"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, BackplanModal))
        await app.workers.wait_for_complete()
        assert read(demo_path).revision == revision


async def test_a_dependency_cycle_is_refused_with_its_actions_named(tmp_path: Path) -> None:
    path = tmp_path / "cycle.json"
    objective = Objective(id="o1", code="O1", statement="Objectif", deadline=TODAY + 90 * DAY)
    actions = [
        Action(id="a1", code="A1", objective="o1", title="Un", depends_on=("a2",), duration=5),
        Action(id="a2", code="A2", objective="o1", title="Deux", depends_on=("a1",), duration=5),
        Action(id="a3", code="A3", objective="o1", title="Trois", duration=5),
    ]  # fmt: skip
    create_plan(path, Plan(title="Boucle"), [objective, *actions])  # a file written by hand
    revision = read(path).revision
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        await cursor_on(pilot, "O1")
        await pilot.press("r")  # no milestone: straight from the deadline
        await wait_until(pilot, lambda: any("dépendances en boucle" in n for n in notes))
        said = next(n for n in notes if "dépendances en boucle" in n)
        assert said in (
            "Rétroplanning impossible\u00a0: dépendances en boucle (A1 → A2 → A1).",
            "Rétroplanning impossible\u00a0: dépendances en boucle (A2 → A1 → A2).",
        )
        assert not isinstance(app.screen, BackplanModal)
        assert read(path).revision == revision


async def test_backplan_needs_a_deadline(tmp_path: Path) -> None:
    path = tmp_path / "nodeadline.json"
    objective = Objective(id="o1", code="O1", statement="Sans échéance")
    action = Action(id="a1", code="A1", objective="o1", title="Une action", duration=3)
    create_plan(path, Plan(title="Projet"), [objective, action])
    app = make_app(path, "en")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        await cursor_on(pilot, "A1")
        await pilot.press("r")
        await wait_until(pilot, lambda: any("O1 has no deadline" in n for n in notes))
        assert not isinstance(app.screen, BackplanModal | ChoiceModal)
