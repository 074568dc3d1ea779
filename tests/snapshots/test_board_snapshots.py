"""Snapshots of the board on the demo plan (frozen clock), in French and English."""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_board(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("4", language, size)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_board_moved_collapsed_and_dropped(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """O1.1 collapsed, the cursor on O2.1's blocked card, the dropped column shown."""
    keys = ("c", "down", "down", "down", "down", "right", "right", "h")
    assert screen_snapshot("4", language, (120, 40), press=keys)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_board_empty_cell_and_filter(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """The focused empty cell offers `a`; a typed filter narrows the board."""
    keys = ("down", "right", "slash", "t", "i", "o", "n", "enter")
    assert screen_snapshot("4", language, (80, 24), press=keys)
