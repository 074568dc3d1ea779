"""A screen shown again after a card move shows what a fresh snapshot gives, and makes
again only what the move changed.

On a plan of 20 objectives, the objectives (2), the action plan (3) and the budget (8)
are seen once, a card is moved on the board, and each is seen again: the tree of
objectives is not built again (its objectives did not change), the budget's lines pane
holds the lines a fresh snapshot lists (by their keys, none made but those drawn), and
the people's and partners' codes equal those of a fresh snapshot. Work is counted, never
timed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain.model import Status, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.tui.widgets import action_rows, objective_tree
from coop_tui.tui.widgets.budget_rows import BudgetView
from coop_tui.tui.widgets.line_table import KeyedRows
from tests.bigplan import make_big_plan
from tests.helpers import TODAY, make_app, show_mode, wait_until


def _fresh(data: PlanData) -> PlanData:
    return PlanData(data.plan, data.revision, **data.tables())


async def test_screens_seen_again_after_a_card_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_big_plan(tmp_path / "plan.json", 20, 30, TODAY)
    app = make_app(path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.plan_data.revision > 0, timeout=30)
        for key in "238":
            await show_mode(pilot, key)
        board = await show_mode(pilot, "4")
        action = board.board.focused_action()
        assert action is not None and action.status is Status.TODO
        revision = app.plan_data.revision
        counts: Counter[str] = Counter()
        real = objective_tree.ObjectiveTree._add_objective

        def counted(self: Any, *args: Any) -> None:
            counts["objectives added"] += 1
            real(self, *args)

        monkeypatch.setattr(objective_tree.ObjectiveTree, "_add_objective", counted)
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: app.plan_data.revision > revision, timeout=30)
        data = app.plan_data
        assert data.actions[action.id].status is Status.IN_PROGRESS

        await show_mode(pilot, "2")
        assert counts["objectives added"] == 0  # the same objectives: the same tree

        await show_mode(pilot, "3")
        fresh = _fresh(data)
        for person in fresh.people:
            codes = ", ".join(a.code for a in fresh.actions_led_by(person))
            assert action_rows.group_text(data, "lead", person, action_rows._codes) == codes
        for partner in fresh.partners:
            codes = ", ".join(a.code for a in fresh.actions_mobilising(partner))
            assert action_rows.group_text(data, "partner", partner, action_rows._codes) == codes

        screen = await show_mode(pilot, "8")
        lines = screen.pane("lines")
        assert isinstance(lines.rows, KeyedRows)  # keys only: rows made as drawn
        assert len(lines.rows._made) <= 40
        view = BudgetView(fresh, app.tr)
        wanted = [line.id for line in view.lines_under(screen.selected("plan"))]
        assert lines.keys == wanted

        # An objective's statement changes: the tree is built again, and shows it.
        objective = next(iter(data.objectives.values()))
        app.store.save(replace(objective, statement="Nouveau libellé"))
        app.reload_in_thread()
        await wait_until(pilot, lambda: app.plan_data.revision > data.revision, timeout=30)
        await show_mode(pilot, "2")
        assert counts["objectives added"] > 0
