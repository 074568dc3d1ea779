"""Snapshots of the objectives screen on the demo plan (frozen clock), in French and English.

The cursor goes to O3.2 (`end`): an operational objective still missing one
partner's approval, so the red A badge and its reason show beside the green ones,
with its indicators and the measurements of the first one.
"""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_objectives(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("2", language, size, press=("end",))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_objectives_indicator_pane(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """At 80×24, tab reaches the indicators: the pane scrolls them into view."""
    assert screen_snapshot("2", language, (80, 24), press=("end", "tab", "tab", "tab"))
