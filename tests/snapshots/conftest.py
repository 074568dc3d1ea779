"""Snapshot helpers: each screen of the demo plan, frozen clock, fixed language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import loaded, make_app

SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def screen_snapshot(snap_compare: Any, demo_path: Path) -> Callable[..., bool]:
    """snapshot('4', 'fr', (120, 40), press=[...]) -> bool: the demo plan on a screen."""

    def take(
        mode_key: str,
        language: str,
        size: tuple[int, int],
        press: tuple[str, ...] = (),
        before: Callable[[Any], Awaitable[None]] | None = None,
    ) -> bool:
        app = make_app(demo_path, language, poll=3600)

        async def run_before(pilot: Any) -> None:
            await loaded(pilot)
            await pilot.press(mode_key)
            await pilot.pause(0.2)
            if before is not None:
                await before(pilot)
            await pilot.pause(0.1)

        result: bool = snap_compare(app, press=press, terminal_size=size, run_before=run_before)
        return result

    return take
