"""Snapshots of screen 7, Suivi / Reviews, on the demo plan (frozen clock), in French and
English: the latest review held selected, its open decision, the drift since « COPIL 1 ».
And the objectives screen's approval dialog, which says who approved and at which review."""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reviews(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("7", language, size)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_reviews_open_decisions_at_80x24(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """At 80×24, tab brings each list into view: here the open decisions."""
    assert screen_snapshot("7", language, (80, 24), press=("tab", "tab"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_approval_dialog(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """O2.2: Cycl'Avenir's approval is to renew, the target having changed since."""
    keys = ("home", *["down"] * 7, "p")
    assert screen_snapshot("2", language, (80, 24), press=keys)
