"""Snapshot fixture: each screen of the demo plan, frozen clock, fixed language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coop_tui.tui.modes import MODE_KEYS
from tests.helpers import loaded, make_app, wait_until


@pytest.fixture
def screen_snapshot(snap_compare: Any, demo_path: Path) -> Callable[..., bool]:
    """snapshot('4', 'fr', (120, 40), press=[...]) -> bool: the demo plan on a screen.

    The keys are pressed once the screen shows the plan; the snapshot is taken when
    the app is idle again.
    """

    def take(
        mode_key: str, language: str, size: tuple[int, int], press: tuple[str, ...] = ()
    ) -> bool:
        app = make_app(demo_path, language, poll=3600)
        mode = MODE_KEYS[mode_key]

        def showing() -> bool:
            screen = app.screen
            revision = getattr(screen, "shown_revision", -1)
            return app.current_mode == mode and revision == app.plan_data.revision

        async def run_before(pilot: Any) -> None:
            await loaded(pilot)
            await pilot.press(mode_key)
            await wait_until(pilot, showing)

        result: bool = snap_compare(app, press=press, terminal_size=size, run_before=run_before)
        return result

    return take
