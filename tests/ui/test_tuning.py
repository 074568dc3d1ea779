"""The canary of tui/tuning.py: what it relies on in Textual is there, and it changes nothing
users see.

If a Textual upgrade fails a test here, tuning.py is the one module to fix (or to trim).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coop_tui.domain.model import Indicator
from coop_tui.tui import tuning
from coop_tui.tui.app import AHEAD_ORDER, CoopApp
from coop_tui.tui.modes import MODE_KEYS
from coop_tui.tui.tuning import AppTuning
from tests.helpers import loaded, make_app, screen_text, show_mode, wait_until


async def test_textual_still_has_what_the_tuning_relies_on(demo_path: Path) -> None:
    assert tuning.call_orders() == []
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert tuning.check(app) == []
        for key in MODE_KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert tuning.check(app) == [], f"screen {key}"


@pytest.mark.parametrize(("value", "pieces"), [
    (None, set(tuning.PIECES)),
    ("1", set(tuning.PIECES)),
    ("0", set()),
    ("css, hold", {"css", "hold"}),
    ("nonsense", set()),
])  # fmt: skip
def test_coop_tui_tuning_chooses_the_pieces(value: str | None, pieces: set[str]) -> None:
    environ = {} if value is None else {"COOP_TUI_TUNING": value}
    assert tuning.enabled_pieces(environ) == pieces


async def test_a_textual_without_them_runs_untuned(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tuning, "ENABLED", frozenset(tuning.PIECES))
    monkeypatch.setattr(tuning, "check", lambda app: ["Screen._dirty_widgets"])
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert frozenset() == tuning.ENABLED
        await pilot.press("4")
        await wait_until(pilot, lambda: "Board" in screen_text(app))


async def build_every_screen(pilot: Pilot[Any]) -> None:
    """What the app does while the user reads its first screen (`CoopApp.build_ahead`)."""
    app = pilot.app
    assert isinstance(app, CoopApp)
    app.build_ahead(list(AHEAD_ORDER))
    await wait_until(pilot, lambda: tuning.built_modes(app) >= set(MODE_KEYS.values()))
    await pilot.pause(0.2)  # each one laid out until it settles


async def change_between_rounds(pilot: Pilot[Any], app: CoopApp) -> None:
    """A card moved and an indicator added, so that each later visit shows a screen
    brought up to date before it shows (the usual case, and the one tuned most), one of
    them with a list a row longer than when it was laid out."""
    await show_mode(pilot, "4")
    revision, indicators = app.plan_data.revision, len(app.plan_data.indicators)
    await pilot.press("left", "left", "left", "left", "home")  # a card to do
    await pilot.press("shift+right")
    await wait_until(pilot, lambda: app.plan_data.revision > revision)
    first = app.plan_data.operational_objectives()[0]
    added = Indicator(objective=first.id, name="Ajouté [b]ailleurs[/b]", target=3.0, unit="x")
    app.store.add(added)
    app.load_plan()
    await wait_until(pilot, lambda: len(app.plan_data.indicators) > indicators)
    await pilot.pause()


async def screens(
    demo_path: Path, size: tuple[int, int], *, built_at: tuple[int, int] | None = None
) -> dict[str, str]:
    """What each screen shows, first time and after a round of every screen and a change
    (`change_between_rounds`); `built_at`:
    every screen built ahead at that terminal size first (the app's `ahead`)."""
    plan = demo_path.with_name(f"{'tuned' if built_at else 'untuned'}-{size[0]}.json")
    shutil.copyfile(demo_path, plan)  # each app moves a card of the same plan
    app = make_app(plan, "en", poll=3600)
    shown: dict[str, str] = {}
    async with app.run_test(size=built_at or size) as pilot:
        await loaded(pilot)
        if built_at is not None:
            await build_every_screen(pilot)
            if built_at != size:
                await pilot.resize_terminal(*size)
                await pilot.pause()
        for round_ in (1, 2):
            if round_ == 2:
                await change_between_rounds(pilot, app)
            for key, mode in MODE_KEYS.items():
                await pilot.press(key)
                revision = app.plan_data.revision

                def showing(mode: str = mode, revision: int = revision) -> bool:
                    shown = getattr(app.screen, "shown_revision", -1)
                    return app.current_mode == mode and shown == revision

                await wait_until(pilot, showing)
                await pilot.pause()
                shown[f"{key} ({round_})"] = screen_text(app)
    return shown


@pytest.mark.slow
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_every_screen_shows_the_same_with_and_without_tuning(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The oracle: Textual untouched is the reference."""
    monkeypatch.setattr(tuning, "ENABLED", frozenset())
    reference = await screens(demo_path, size)
    monkeypatch.setattr(tuning, "ENABLED", frozenset(tuning.PIECES))
    # Every screen built ahead at 120×40 (before the terminal takes `size`, if it differs),
    # as the app does; the other tests build each screen when they show it, tuned.
    tuned = await screens(demo_path, size, built_at=(120, 40))
    for key, text in reference.items():
        assert tuned[key] == text, f"screen {key} differs with tuning"


@pytest.mark.slow
async def test_breakpoint_classes_are_the_ones_textual_gives(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tuning, "ENABLED", frozenset())  # Textual alone sets the classes
    app = make_app(demo_path, "en", poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for size in ((120, 40), (100, 30), (80, 24)):
            await pilot.resize_terminal(*size)
            for key in MODE_KEYS:
                await pilot.press(key)
                await pilot.pause()
                screen = app.screen
                every = {
                    name
                    for points in (
                        screen.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS or [],
                        screen.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS or [],
                    )
                    for _, name in points
                }
                given = set(screen.classes) & every
                assert tuning.size_classes(screen, app.size) == given, f"{size}, screen {key}"


class _Tuned(AppTuning[None]):
    """The app side of the tuning alone, one label shown."""

    def compose(self) -> Any:
        from textual.widgets import Label

        yield Label("tuned")


async def test_what_waits_for_a_frame_waits_for_the_first_one_and_runs_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`after_paint`: nothing runs before the first screen is painted (Textual would call
    back inside its start-up batch, before anything is written); then each callback runs
    once, after a frame, even when its latest moment comes too."""
    monkeypatch.setattr(tuning, "AFTER_PAINT_LATEST", 0.3)
    app = _Tuned()
    calls: list[str] = []
    async with app.run_test() as pilot:
        app.after_paint(lambda: calls.append("early"))
        await pilot.pause()
        assert calls == []
        app.painted_first()
        await pilot.pause()
        assert calls == ["early"]
        app.after_paint(lambda: calls.append("later"))
        await pilot.pause(0.5)  # past its latest moment too
        assert calls == ["early", "later"]


async def test_what_waits_for_a_frame_runs_at_its_latest_moment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should no frame come for it (its screen gone before it was idle once, and Textual
    drops that screen's callbacks), a callback still runs, at its latest moment."""
    monkeypatch.setattr(tuning, "AFTER_PAINT_LATEST", 0.1)
    app = _Tuned()
    calls: list[str] = []
    async with app.run_test() as pilot:
        app.after_paint(lambda: calls.append("late"))  # no painted_first: no frame comes
        await pilot.pause(0.3)
        assert calls == ["late"]
