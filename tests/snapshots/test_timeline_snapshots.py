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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_year_scale(screen_snapshot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The widest scale: the demo's three years, its phases as bands, its milestones and
    today on the marks line, the dependencies' arrows."""
    assert screen_snapshot("5", "fr", size, press=("minus", "minus"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_baseline_ghosts(screen_snapshot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`g`: the bars of « COPIL 1 » under today's (A3 ended a month earlier in it)."""
    assert screen_snapshot("5", "fr", size, press=("g",))


def test_phases_manager(screen_snapshot) -> None:  # type: ignore[no-untyped-def]
    """`p`: the phases with their milestones and where each stands."""
    assert screen_snapshot("5", "fr", (120, 40), press=("p",))


def test_backplan_dialog(screen_snapshot) -> None:  # type: ignore[no-untyped-def]
    """`r` on O3.1, from its deadline: latest dates, slack, the critical path."""
    assert screen_snapshot("5", "fr", (120, 40), press=(*["down"] * 22, "r", "enter"))
