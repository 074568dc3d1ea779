"""Issue 12, trap 7: any status in one step from the board, recorded as one change."""

from __future__ import annotations

from pathlib import Path

from coop_tui.domain.model import Status
from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.choice import ChoiceModal
from tests.helpers import by_code, loaded, make_app, read, show_mode, wait_until


async def test_s_moves_a_card_from_to_do_to_done_in_one_change(demo_path: Path) -> None:
    a4 = by_code(read(demo_path), "A4")
    assert a4.status is Status.TODO
    revision = read(demo_path).revision
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "4")
        assert " s Statut… " in screen.query_one("KeyBar").render().plain
        screen.board.focus_action(a4.id)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("down", "down", "down", "enter")  # À faire → … → Terminée (past Bloquée)
        await wait_until(pilot, lambda: by_code(read(demo_path), "A4").status is Status.DONE)
        await wait_until(pilot, lambda: app.plan_data.revision == revision + 1)
        assert screen.board.focused_action().id == a4.id
    history = PlanStore(demo_path).history()
    assert read(demo_path).revision == revision + 1  # one change, not three
    what = history[-1].what
    assert (what.op, what.before, what.after) == ("move", "todo", "done")
