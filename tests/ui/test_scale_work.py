"""The work of a card move does not grow with the plan.

The same key, shift+→ on the board, pressed on a plan of 500 actions and on one of
5,000 (fifty actions per objective in both): the records encoded, the whole-file
encodes and decodes, the board lanes laid out and made (a lane below the card's is
reused where it lands) and the lanes sorted again, the indexes of actions patched (never
sorted whole) and the board lines drawn are counted, not timed. Every count is the same at both
sizes, and small; the plan on disk has the card in its new column.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain import snapshot
from coop_tui.domain.model import Status
from coop_tui.storage import schema
from coop_tui.tui.widgets import board_layout, board_view
from tests.bigplan import make_big_plan
from tests.helpers import TODAY, make_app, read, show_mode, wait_until

pytestmark = pytest.mark.slow


class _CountingEncoder:
    """msgspec's encoder, counting the records it encodes."""

    def __init__(self, real: Any, counts: Counter[str]) -> None:
        self.real, self.counts = real, counts

    def encode(self, value: Any) -> bytes:
        self.counts["records encoded"] += 1
        return self.real.encode(value)  # type: ignore[no-any-return]

    def encode_into(self, value: Any, buffer: bytearray, offset: int = -1) -> None:
        self.counts["records encoded"] += 1
        self.real.encode_into(value, buffer, offset)


def _count(monkeypatch: pytest.MonkeyPatch, counts: Counter[str]) -> None:
    def counted(module: Any, name: str, label: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[label] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    monkeypatch.setattr(schema, "_encoder", _CountingEncoder(schema._encoder, counts))
    counted(schema, "encode", "whole-file encodes")
    counted(schema, "_parse", "whole-file decodes")
    counted(board_layout, "_lane", "lanes laid out")
    counted(board_layout, "Lane", "lanes made")
    counted(board_layout, "LaneOrder", "lane orders sorted")
    counted(snapshot, "sort_board_order", "lanes sorted whole")
    counted(snapshot, "_patched", "indexes patched")
    counted(board_view.BoardView, "render_line", "board lines drawn")


async def _card_move_work(
    tmp_path: Path, objectives: int, monkeypatch: pytest.MonkeyPatch
) -> Counter[str]:
    path = make_big_plan(tmp_path / f"plan-{objectives}.json", objectives, 50, TODAY)
    app = make_app(path, "en")
    counts: Counter[str] = Counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.plan_data.revision > 0, timeout=30)
        screen = await show_mode(pilot, "4")
        assert app.store.prepare_commits()  # what the app does in the background
        action = screen.board.focused_action()
        assert action is not None and action.status is Status.TODO
        revision = app.plan_data.revision
        await pilot.pause()
        with monkeypatch.context() as patch:
            _count(patch, counts)
            await pilot.press("shift+right")
            await wait_until(pilot, lambda: app.plan_data.revision > revision, timeout=30)
            await pilot.pause()
        moved = read(path).actions[action.id]
        assert moved.status is Status.IN_PROGRESS
    return counts


async def test_a_card_move_costs_the_same_on_500_and_5000_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = await _card_move_work(tmp_path, 10, monkeypatch)
    big = await _card_move_work(tmp_path, 100, monkeypatch)
    assert small == big, (small, big)
    assert big["whole-file encodes"] == 0
    assert big["whole-file decodes"] == 0
    assert 0 < big["records encoded"] <= 10  # the action, the history entry, the meta
    assert big["lanes laid out"] <= 4  # the preview and the commit: the card's lane, twice
    assert big["lanes made"] == big["lanes laid out"]  # the lanes below are reused, not moved
    assert big["lane orders sorted"] == 0  # the objectives holding cards are the same
    assert big["lanes sorted whole"] == 0  # the index of actions is patched, not rebuilt
    assert 0 < big["indexes patched"] <= 8
    assert 0 < big["board lines drawn"] <= 2 * 40  # the screen, not the plan
