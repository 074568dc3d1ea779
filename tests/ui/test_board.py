"""The board (key 4): moves and reorders reach the file, live in other apps; filters, collapse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coop_tui.domain.model import Action, Status
from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.choice import ChoiceModal
from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.widgets.board_cards import spans
from coop_tui.tui.widgets.board_view import BoardView
from tests.bigplan import make_big_plan
from tests.helpers import (
    HOSTILE,
    TODAY,
    fill,
    loaded,
    make_app,
    palette_choice,
    wait_until,
)


def _action(path: Path, code: str) -> Action:
    data = PlanStore(path).read()
    return next(a for a in data.actions.values() if a.code == code)


def _codes(path: Path) -> set[str]:
    return {a.code for a in PlanStore(path).read().actions.values()}


def _board(app: Any) -> BoardView:
    return app.screen.query_one("#board", BoardView)  # type: ignore[no-any-return]


def _focused_code(app: Any) -> str:
    action = _board(app).focused_action()
    return action.code if action else ""


def _screen_text(app: Any) -> str:
    """Every line the board draws right now (what the user sees)."""
    board = _board(app)
    return "\n".join(board.render_line(y).text for y in range(board.size.height))


def _column_text(app: Any, col: int) -> str:
    """What the board shows in one status column, on screen now."""
    board = _board(app)
    x, w = spans(board.scrollable_content_region.width, len(board.columns))[col]
    lines = (board.render_line(y).text for y in range(board.size.height))
    return "\n".join(line[x : x + w] for line in lines)


async def _open_board(pilot: Any) -> BoardView:
    await loaded(pilot)
    await pilot.press("4")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen.focused, BoardView))
    await wait_until(pilot, lambda: _board(pilot.app).board_layout.shown > 0)
    return _board(pilot.app)


async def _focus(pilot: Any, code: str) -> None:
    """Walk to a card with the arrow keys only (down through lanes, then right)."""
    board = _board(pilot.app)
    where = board.board_layout.find(_action(pilot.app.store.path, code).id)
    assert where is not None
    lane, col, index = where
    await pilot.press("home", *(["left"] * len(board.columns)), *(["right"] * col))
    while board.cursor[0] < lane:
        await pilot.press("down")
    await pilot.press(*(["down"] * index))
    assert _focused_code(pilot.app) == code


def _without(doc: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in keys}


async def test_a_card_moves_through_every_status(demo_path: Path) -> None:
    before = json.loads(demo_path.read_bytes())
    a4 = _action(demo_path, "A4")
    app = make_app(demo_path, "fr", user="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_board(pilot)
        assert _focused_code(app) == "A4"  # first card of the first lane
        await pilot.press("h")  # show the dropped column too
        steps = [Status.IN_PROGRESS, Status.BLOCKED, Status.DONE, Status.DROPPED]
        for status in steps:
            await pilot.press("shift+right")
            await wait_until(pilot, lambda s=status: _action(demo_path, "A4").status is s)
            await wait_until(pilot, lambda s=status: _board(app).focused_status() is s)
            assert _focused_code(app) == "A4"  # the cursor follows the card
        await pilot.press("shift+right")  # nothing after dropped
        await pilot.press("shift+left")
        await wait_until(pilot, lambda: _action(demo_path, "A4").status is Status.DONE)

    store = PlanStore(demo_path)
    after = json.loads(demo_path.read_bytes())
    data = store.read()
    moved = data.actions[a4.id]
    # At the end of the done column of its lane (after A1, A2).
    others = [a for a in data.actions_of(a4.objective) if a.status is Status.DONE and a.id != a4.id]
    assert moved.order == max(a.order for a in others) + 1
    # Nothing else in the file changed: only A4's status, order and revision.
    for table in ("organisations", "people", "objectives", "indicators", "partners"):
        assert after[table] == before[table]
    for action_id, doc in before["actions"].items():
        if action_id != a4.id:
            assert after["actions"][action_id] == doc
    assert _without(after["actions"][a4.id], "status", "order", "rev") == _without(
        before["actions"][a4.id], "status", "order", "rev"
    )
    entries = store.history()[-5:]
    assert [(e.what.op, e.what.label, e.what.before, e.what.after) for e in entries] == [
        ("move", "A4", "todo", "in_progress"),
        ("move", "A4", "in_progress", "blocked"),
        ("move", "A4", "blocked", "done"),
        ("move", "A4", "done", "dropped"),
        ("move", "A4", "dropped", "done"),
    ]
    assert {e.user for e in entries} == {"alice"}
    assert all([c.id for c in e.changes] == [a4.id] for e in entries)


async def test_reorder_swaps_two_cards_in_one_transaction(demo_path: Path) -> None:
    a5, a6 = _action(demo_path, "A5"), _action(demo_path, "A6")
    revision = PlanStore(demo_path).read().revision
    app = make_app(demo_path, "en", user="bob")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_board(pilot)
        await _focus(pilot, "A6")
        await pilot.press("shift+up")
        await wait_until(pilot, lambda: _action(demo_path, "A6").order == a5.order)
        await wait_until(pilot, lambda: _board(app).cursor[2] == 0)
        assert _focused_code(app) == "A6"
        lane = _board(app).board_layout.lanes[_board(app).cursor[0]]
        assert [a.code for a in lane.cells[0]] == ["A6", "A5", "A7"]
        await pilot.press("shift+up")  # already first: nothing written
        await app.workers.wait_for_complete()
        store = PlanStore(demo_path)
        assert _action(demo_path, "A5").order == a6.order
        assert store.read().revision == revision + 1
        entry = store.history()[-1]
        assert (entry.what.op, entry.what.label, entry.user) == ("reorder", "A6", "bob")
        assert sorted(c.id for c in entry.changes) == sorted([a5.id, a6.id])
        await pilot.press("u")  # one undo puts both cards back
        await wait_until(pilot, lambda: _action(demo_path, "A6").order == a6.order)
        assert _action(demo_path, "A5").order == a5.order
        await wait_until(pilot, lambda: _board(app).cursor[2] == 1)
        assert _focused_code(app) == "A6"


async def test_a_move_appears_live_in_another_app(demo_path: Path) -> None:
    a4 = _action(demo_path, "A4")
    ann = make_app(demo_path, "en", user="ann")
    bob = make_app(demo_path, "en", user="bob")
    async with ann.run_test(size=(120, 40)) as p1, bob.run_test(size=(120, 40)) as p2:
        await _open_board(p1)
        await _open_board(p2)
        await _focus(p2, "A6")
        await p1.press("shift+right")
        await wait_until(p2, lambda: _board(bob).board_layout.find(a4.id) == (0, 1, 1))
        assert _focused_code(bob) == "A6"  # Bob's cursor did not jump
        assert "A4" in _column_text(bob, 1) and "A4" not in _column_text(bob, 0)
    assert PlanStore(demo_path).history()[-1].user == "ann"


async def test_text_filter_narrows_the_board_as_you_type(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        board = await _open_board(pilot)
        await pilot.press("slash", *"GME")
        await wait_until(pilot, lambda: board.board_layout.shown == 1)
        text = _screen_text(app)
        assert "A2" in text and "Rédiger la convention de" in text
        assert "A4" not in text and "O1.2" not in text
        assert "texte «\u00a0GME\u00a0»" in str(app.screen.query_one("#board-status").render())
        await pilot.press("enter")
        assert isinstance(app.screen.focused, BoardView)
        await pilot.press("escape")
        assert board.board_layout.shown == 21
        await pilot.press("slash", *"zzz")
        await wait_until(pilot, lambda: board.board_layout.shown == 0)
        assert "Aucune action ne correspond" in _screen_text(app)


async def test_palette_filters_by_lead_person_and_organisation(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        board = await _open_board(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"filter by lead")
        await wait_until(pilot, lambda: "filter by lead" in palette_choice(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        names = [label for label, _ in app.screen.choices]
        await pilot.press(*(["down"] * names.index("Nadia Benali")), "enter")
        await wait_until(pilot, lambda: board.board_layout.shown == 4)
        codes = {a.code for lane in board.board_layout.lanes for cell in lane.cells for a in cell}
        assert codes == {"A8", "A9", "A17", "A18"}
        assert "lead person Nadia Benali" in str(app.screen.query_one("#board-status").render())
        app.screen.clear_filters()
        await pilot.pause()
        assert board.board_layout.shown == 21
        app.screen.pick_filter("organisation")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        labels = [label for label, _ in app.screen.choices]
        await pilot.press(*(["down"] * labels.index("Cycl'Avenir")), "enter")
        await wait_until(pilot, lambda: board.board_layout.shown == 5)
        codes = {a.code for lane in board.board_layout.lanes for cell in lane.cells for a in cell}
        assert codes == {"A2", "A3", "A12", "A15", "A16"}  # Julien Perrin's


async def test_phase_filter_on_a_phased_plan(tmp_path: Path) -> None:
    path = make_big_plan(
        tmp_path / "phased.json", objectives=6, actions_per_objective=4, today=TODAY
    )
    data = PlanStore(path).read()
    app = make_app(path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        board = await _open_board(pilot)
        app.screen.pick_filter("phase")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("down", "down", "enter")  # "All phases", Phase 1, Phase 2
        ph2 = next(p.id for p in data.phases.values() if p.name == "Phase 2")
        await wait_until(pilot, lambda: board.board_filter.phase == ph2)
        shown = {a.id for lane in board.board_layout.lanes for cell in lane.cells for a in cell}
        expected = {
            a.id for a in data.actions.values() if a.phase == ph2 and a.status is not Status.DROPPED
        }
        assert shown == expected and expected


async def test_collapse_and_expand_a_lane(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_board(pilot)
        assert "Constituer une" in _screen_text(app)
        await pilot.press("c")
        text = _screen_text(app)
        assert "▶ O1.1" in text and "Constituer une" not in text
        assert _board(app).focused_action() is None  # nothing hidden can be moved
        assert "A5" in _board(app).render_line(3).text  # O1.2's cards moved up
        await pilot.press("down")  # a collapsed lane is one stop
        assert _focused_code(app) == "A5"
        await pilot.press("up", "c")
        assert "▼ O1.1" in _screen_text(app) and "Constituer une" in _screen_text(app)


async def test_enter_opens_the_focused_action_and_a_adds_in_place(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_board(pilot)
        await _focus(pilot, "A3")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.record.id == _action(demo_path, "A3").id
        await pilot.press("escape")
        await _focus(pilot, "A5")
        await pilot.press("right")  # O1.2 · in progress: an empty cell
        assert _board(app).focused_action() is None
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        record = app.screen.record
        assert (record.code, record.status) == ("A22", Status.IN_PROGRESS)
        await fill(pilot, "title", "Nouvelle action")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "A22" in _codes(demo_path))
        await wait_until(pilot, lambda: _focused_code(app) == "A22")
    added = _action(demo_path, "A22")
    assert (added.title, added.status) == ("Nouvelle action", Status.IN_PROGRESS)
    assert added.objective == _action(demo_path, "A5").objective


async def test_delete_asks_first(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_board(pilot)
        a4 = _action(demo_path, "A4")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: a4.id not in PlanStore(demo_path).read().actions)


async def test_user_text_on_cards_is_shown_as_typed(demo_path: Path) -> None:
    a4 = _action(demo_path, "A4")
    # Written by hand: no write path accepts an escape sequence any more.
    raw = json.loads(demo_path.read_bytes())
    raw["actions"][a4.id]["title"] = " ".join(HOSTILE[:4])
    demo_path.write_text(json.dumps(raw))
    app = make_app(demo_path, "en")
    async with app.run_test(size=(200, 40)) as pilot:
        await _open_board(pilot)
        await pilot.press("c")  # make the first lane short, then open it again
        await pilot.press("c")
        text = _screen_text(app)
        assert "[bold]x [/] [@click=app.quit]x[/]" in text.replace("│", "").replace("┃", "")
        assert "␛[2J" in text


async def test_board_of_five_thousand_actions(tmp_path: Path) -> None:
    path = make_big_plan(tmp_path / "big.json", today=TODAY)
    app = make_app(path, "en", user="carol")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.plan_data.revision > 0, timeout=30)
        await pilot.press("4")
        await wait_until(pilot, lambda: _board(app).board_layout.shown > 4000, timeout=30)
        board = _board(app)
        assert len(board.board_layout.lanes) == 100
        action = board.focused_action()
        assert action is not None and action.status is Status.TODO
        await pilot.press("end", "pagedown")
        await pilot.press("home")
        assert board.focused_action() == action
        await pilot.press("shift+right")
        await wait_until(
            pilot,
            lambda: PlanStore(path).read().actions[action.id].status is Status.IN_PROGRESS,
            timeout=30,
        )
    assert PlanStore(path).history()[-1].user == "carol"
