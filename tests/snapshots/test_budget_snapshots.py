"""Snapshots of the Budget screen on the demo plan (frozen clock), in French and English.

The demo's financing plan: 309 000 € of charges over three years, six funders (requested,
granted, paid), 3 400 € still to find; the cursor on the first nature, Personnel, whose
lines (A8's coordination in kind, A9's shared post) show below.
"""

from __future__ import annotations

import pytest

from tests.helpers import SIZES


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_budget_by_year(screen_snapshot, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert screen_snapshot("8", language, size)


@pytest.mark.parametrize(
    ("language", "size", "view"),
    [("fr", (120, 40), "p"), ("en", (120, 40), "f"), ("fr", (80, 24), "o")],
    ids=["partner-fr-120x40", "funder-en-120x40", "objective-fr-80x24"],
)
def test_budget_views(screen_snapshot, language: str, size: tuple[int, int], view: str) -> None:  # type: ignore[no-untyped-def]
    """By partner organisation, by funder and by objective (the cursor on O1.1)."""
    assert screen_snapshot("8", language, size, press=(view,))


def test_budget_of_one_year(screen_snapshot) -> None:  # type: ignore[no-untyped-def]
    """2026 by partner organisation: the shared post's working time, the premises in kind."""
    assert screen_snapshot(
        "8", "fr", (120, 40), press=("p", "greater_than_sign", "greater_than_sign")
    )
