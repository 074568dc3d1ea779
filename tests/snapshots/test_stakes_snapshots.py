"""Snapshots of step 1 (stakes) on the demo plan (frozen clock), in French and English."""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stakes(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("1", language, size)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_stakes_matrix_suggestion(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """The matrix in focus, cursor on the one suggestion not pooled yet (working time)."""
    keys = ("tab", "tab", "tab", "down", "down", "down")
    assert screen_snapshot("1", language, (120, 40), press=keys)
