"""Shared test helpers: demo plans with a frozen clock, app factories, hostile text."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from coop_tui.demo import create_demo
from coop_tui.storage.store import PlanStore

#: The day every UI test and snapshot lives on (the demo is shifted to it).
TODAY = dt.date(2026, 3, 2)
FROZEN_NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)

#: User text that must be shown exactly as typed and never interpreted.
HOSTILE = [
    "[bold]x",
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b[2J",
    "🚀 emoji",
    "\u202eevil",
    "àéïôù ÀÉ",
    "[link=x]y",
    "$title {name} %s",
]


def frozen_clock() -> dt.datetime:
    return FROZEN_NOW


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A fresh demo plan dated for TODAY, with history by 'demo' at FROZEN_NOW."""
    path = tmp_path / "coop-plan.json"
    create_demo(path, TODAY, user="demo", clock=frozen_clock)
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> PlanStore:
    return PlanStore(demo_path, user="demo", clock=frozen_clock)


def make_app(path: Path, language: str = "fr", *, user: str = "demo", poll: float = 0.1):  # type: ignore[no-untyped-def]
    """A CoopApp on `path` with the frozen day, a fixed user and a fast poll."""
    from coop_tui.tui.app import CoopApp

    store = PlanStore(path, user=user, clock=frozen_clock)
    return CoopApp(store, language=language, today=TODAY, poll_seconds=poll)


async def wait_until(pilot, predicate: Callable[[], bool], timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until `predicate()` holds (workers finish, polls arrive)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)


async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the first plan load."""
    await wait_until(pilot, lambda: pilot.app.plan_data.revision > 0)
    await pilot.pause()


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the current screen shows, as plain text lines (modals included)."""
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - test introspection
    return "\n".join(strip.text for strip in strips)
