"""A screen shown again after a card move shows what a fresh snapshot gives, and makes
again only what the move changed.

On a plan of 20 objectives, the objectives (2), the action plan (3) and the budget (8)
are seen once, a card is moved on the board, and each is seen again: the tree of
objectives is not built again (its objectives did not change), the budget's lines pane
holds the lines a fresh snapshot lists (by their keys, none made but those drawn), and
the people's and partners' codes equal those of a fresh snapshot. The action plan's
hidden registers (partners, people) are filled when their pane shows, as a fresh view
fills them; the timeline (5) holds the rows and the codes' width of a fresh build. Work is
counted, never timed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from coop_tui.domain.model import Status, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.tui.modes import MODE_KEYS
from coop_tui.tui.widgets import action_rows, gantt_rows, objective_tree
from coop_tui.tui.widgets.budget_rows import BudgetView
from coop_tui.tui.widgets.line_table import KeyedRows
from coop_tui.tui.widgets.list_pane import ListPane
from tests.bigplan import make_big_plan
from tests.helpers import TODAY, make_app, plain, show_mode, table_rows, wait_until


def drawn_detail(app: Any, name: str) -> str:
    """The text of a detail pane, as its Static holds it."""
    return str(app.screen.query_one(f"#{name}-detail", Static).render())


def _fresh(data: PlanData) -> PlanData:
    return PlanData(data.plan, data.revision, **data.tables())


async def test_screens_seen_again_after_a_card_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_big_plan(tmp_path / "plan.json", 20, 30, TODAY)
    app = make_app(path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.plan_data.revision > 0, timeout=30)
        for key in "258":
            await show_mode(pilot, key)
        # The action plan built ahead (as while the user reads another screen): its hidden
        # registers are filled with it, as a fresh view fills them.
        app.build_ahead([MODE_KEYS["3"]])
        ahead = app._screen_stacks[MODE_KEYS["3"]][0]
        await wait_until(pilot, lambda: ahead.shown_revision == app.plan_data.revision)
        ahead_view = action_rows.ActionPlanView(_fresh(app.plan_data), app.tr, TODAY, app.console)
        for name, rows in (
            ("partners", ahead_view.partner_rows()),
            ("people", ahead_view.people_rows()),
        ):
            assert ahead.query_one(f"#{name}-table", ListPane).keys == [k for k, _, _ in rows]
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
        made_by = {
            name: getattr(action_rows.ActionPlanView, name)
            for name in ("partner_rows", "people_rows")
        }
        for name, rows_of in made_by.items():

            def counted_rows(self: Any, name: str = name, rows_of: Any = rows_of) -> Any:
                counts[name] += 1
                return rows_of(self)

            monkeypatch.setattr(action_rows.ActionPlanView, name, counted_rows)
        show_rows = ListPane.show_rows

        def counted_show(self: ListPane, *args: Any, **kwargs: Any) -> None:
            counts[f"{self.pane_name} shown"] += 1
            show_rows(self, *args, **kwargs)

        monkeypatch.setattr(ListPane, "show_rows", counted_show)
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: app.plan_data.revision > revision, timeout=30)
        data = app.plan_data
        assert data.actions[action.id].status is Status.IN_PROGRESS

        await show_mode(pilot, "2")
        assert counts["objectives added"] == 0  # the same objectives: the same tree

        plan_screen = await show_mode(pilot, "3")
        fresh = _fresh(data)
        plan_view = action_rows.ActionPlanView(fresh, app.tr, TODAY, app.console)
        # The objective's table is filled again only if the card was one of its actions.
        shown_objective = plan_screen._objective_id
        wanted_rows = plan_view.action_rows(shown_objective)
        assert counts["actions shown"] == (action.objective == shown_objective)
        assert table_rows(plan_screen.query_one("#actions-table", ListPane)) == [
            [plain(c) for c in cells] for _, cells, _ in wanted_rows
        ]
        for person in fresh.people:
            codes = ", ".join(a.code for a in fresh.actions_led_by(person))
            assert action_rows.group_text(data, "lead", person, action_rows._codes) == codes
        for partner in fresh.partners:
            codes = ", ".join(a.code for a in fresh.actions_mobilising(partner))
            assert action_rows.group_text(data, "partner", partner, action_rows._codes) == codes
        # The registers' panes are hidden: filled when shown (`tab`), as a fresh view fills them.
        assert counts["partner_rows"] == counts["people_rows"] == 0
        registers = (("partners", made_by["partner_rows"](plan_view)),
                     ("people", made_by["people_rows"](plan_view)))  # fmt: skip
        for name, rows in registers:
            await pilot.press("tab")
            await pilot.pause()
            shown = app.screen.query_one(f"#{name}-table", ListPane)
            assert shown.keys == [key for key, _, _ in rows]
            assert table_rows(shown) == [[plain(c) for c in cells] for _, cells, _ in rows]
            record = fresh.table(name)[shown.keys[0]]
            wanted = (
                plan_view.partner_detail(record)
                if name == "partners"
                else plan_view.person_detail(record)
            )
            assert drawn_detail(app, name) == wanted.plain
        assert counts["partner_rows"] == counts["people_rows"] == 1
        more = len(fresh.actions_led_by(shown.keys[0])) - action_rows.DETAIL_ACTIONS
        assert more > 0 and wanted.plain.endswith(f"… and {more} more actions")

        timeline = await show_mode(pilot, "5")
        assert timeline.gantt._all == gantt_rows.build_rows(fresh, TODAY)
        widest = max(len(a.code) for a in fresh.actions.values())
        assert timeline.gantt._code_width == min(gantt_rows.CODE_WIDTH, widest)

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
        # ... and the action plan's table, whose rows do not show it, is not filled again.
        before = counts["actions shown"]
        await show_mode(pilot, "3")
        assert counts["actions shown"] == before
        rows = action_rows.ActionPlanView(_fresh(app.plan_data), app.tr, TODAY, app.console)
        assert table_rows(plan_screen.query_one("#actions-table", ListPane)) == [
            [plain(c) for c in cells] for _, cells, _ in rows.action_rows(shown_objective)
        ]
