"""Snapshots of the timeline on the demo plan (frozen clock), in French and English."""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("5", language, size)


@pytest.mark.parametrize("zoom", ["plus", "minus"], ids=["week", "quarter"])
def test_timeline_zoomed(screen_snapshot, zoom: str) -> None:  # type: ignore[no-untyped-def]
    """Week and quarter scales, with the cursor on the overdue A3."""
    assert screen_snapshot("5", "fr", (120, 40), press=(zoom, "down", "down", "down", "down"))
