"""Snapshots of the action plan on the demo plan (frozen clock), in French and English.

The demo has two skill gaps: CRM (A10, in O2.1, remedy training) and
informatique (A13, in O2.2, remedy expert support); A3 (O1.1) is overdue.
"""

from __future__ import annotations

import pytest

from tests.helpers import SIZES

NEXT_OBJECTIVE = "greater_than_sign"


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_action_plan_gap(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """O2.1 with A10's CRM gap and its remedy, the cursor on A10."""
    assert screen_snapshot(
        "3", language, size, press=(NEXT_OBJECTIVE, NEXT_OBJECTIVE, "down", "down")
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_action_plan_overdue(screen_snapshot, language: str) -> None:  # type: ignore[no-untyped-def]
    """O1.1 with A3 overdue, the cursor on it."""
    assert screen_snapshot("3", language, (120, 40), press=("down", "down"))


@pytest.mark.parametrize(
    ("language", "size"), [("fr", (120, 40)), ("en", (80, 24))], ids=["fr-120x40", "en-80x24"]
)
def test_partners_register(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("3", language, size, press=("tab",))


@pytest.mark.parametrize(
    ("language", "size"), [("en", (120, 40)), ("fr", (80, 24))], ids=["en-120x40", "fr-80x24"]
)
def test_people(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("3", language, size, press=("tab", "tab"))
