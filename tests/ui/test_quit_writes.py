"""A change the user saw made is written, however soon they quit.

A key that changes the plan shows its effect at once and commits in a worker thread,
which Textual starts a moment later. Quitting in that moment used to end the app with the
worker never started: the card shown moved was not. `@writes` (tui/writes.py) notes each
such change as it is asked for, and the app makes the ones no worker took as it leaves.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from coop_tui.domain.model import Status
from coop_tui.tui.screens.board import BoardScreen
from coop_tui.tui.writes import PendingWrites
from tests.helpers import loaded, make_app, read, show_mode, wait_until


async def test_cards_moved_then_quit_at_once_are_written(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "4")
        assert isinstance(screen, BoardScreen)
        board = screen.board
        await pilot.press("left", "left", "left", "left", "home")
        card = board.focused_action()
        assert card is not None and card.status is Status.TODO
        # Two moves and the quit in one go, as keys typed faster than a frame: no worker
        # has started when the app is asked to leave.
        screen.action_move(1)
        screen.action_move(1)
        assert len(app.pending_writes) == 2
        app.exit()
    moved = read(demo_path).actions[card.id]
    assert moved.status is Status.BLOCKED  # to do → in progress → blocked


def test_each_pending_write_is_made_once() -> None:
    pending = PendingWrites()
    made: list[str] = []
    first = pending.add(lambda: made.append("first"))
    pending.add(lambda: made.append("second"))
    taken = pending.take(first)
    assert taken is not None
    taken()
    assert pending.take(first) is None  # the worker came after the app took it
    for call in pending.take_all():
        call()
    assert made == ["first", "second"]
    assert pending.take_all() == []


async def test_a_commit_waits_for_its_preview_frame_but_never_long(demo_path: Path) -> None:
    """The board commits a card move once its preview is drawn (its thread then does not
    compete with the drawing); a frame that never comes holds the commit at most
    PAINT_WAIT."""
    import threading
    import time

    from coop_tui.storage.transaction import Transaction
    from coop_tui.tui.screens.base import PAINT_WAIT

    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = app.screen
        plan = app.plan_data.plan
        revision = app.plan_data.revision

        def rename(txn: Transaction) -> None:
            txn.set_plan(msgspec.structs.replace(plan, title="Renommé <b>[i]x[/i]</b>"))

        never = threading.Event()
        started = time.monotonic()
        screen.apply(rename, after=never)  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: app.plan_data.revision > revision)
        assert PAINT_WAIT <= time.monotonic() - started < PAINT_WAIT + 4
        assert read(demo_path).plan.title == "Renommé <b>[i]x[/i]</b>"
