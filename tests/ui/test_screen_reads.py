"""A screen that names the tables it shows (`PlanScreen.READS`) is not shown again when a
change leaves them alone: the oracle is the same screen made to show the plan anew.

Every table of the demo is changed in turn, and only that table (a text of its first
record: its name, title, statement…); the screen must then read exactly as it does once
it has redrawn everything from that version of the plan.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import ENTITY_TYPES
from coop_tui.tui.app import AHEAD_ORDER
from coop_tui.tui.modes import MODE_KEYS, SCREENS
from coop_tui.tui.screens.base import PlanScreen
from tests.helpers import loaded, make_app, screen_text, show_mode, wait_until

#: The screens that name their tables, by key.
NAMED = [key for key, mode in MODE_KEYS.items() if mode in ("stakes",)]
#: The texts changed, in order of preference (never an id, nor a reference).
TEXTS = ("name", "title", "statement", "text", "label", "description", "criteria", "notes")


def retouched(record: Record) -> Record | None:
    """The record with one of its texts changed, visibly (None: it has none)."""
    for field in TEXTS:
        value = getattr(record, field, None)
        if isinstance(value, str):
            return msgspec.structs.replace(record, **{field: f"{value} (retouché)"})
    return None


def test_every_screen_but_the_first_is_built_ahead() -> None:
    assert set(AHEAD_ORDER) == set(SCREENS) - {"dashboard"}
    assert len(AHEAD_ORDER) == len(set(AHEAD_ORDER))


@pytest.mark.parametrize("key", NAMED)
async def test_a_screen_left_alone_by_a_change_shows_what_it_would_show_anew(
    demo_path: Path, key: str
) -> None:
    app = make_app(demo_path, "en", poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, key)
        assert isinstance(screen, PlanScreen)
        assert screen.READS is not None
        for table in ENTITY_TYPES:
            records = app.plan_data.table(table)
            if not records:
                continue
            changed = retouched(records[min(records)])
            if changed is None:
                continue
            revision = app.plan_data.revision
            app.store.save(changed)
            app.reload_in_thread()  # shown as it arrives: the screen is the current one
            await wait_until(pilot, lambda revision=revision: screen.shown_revision > revision)
            await pilot.pause()
            kept = screen_text(app)
            screen.refresh_view(app.plan_data)  # everything drawn again from this version
            await pilot.pause()
            assert screen_text(app) == kept, f"screen {key} after a change to {table}"
