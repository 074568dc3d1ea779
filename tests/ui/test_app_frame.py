"""The frame every screen lives in: minimum size, missing plan, invalid plan, NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.create import CreatePlanModal
from tests.helpers import TODAY, loaded, make_app, wait_until


async def test_below_minimum_size_says_so_then_recovers(demo_path: Path) -> None:
    from coop_tui.tui.modals.too_small import TooSmallScreen

    app = make_app(demo_path, "en")
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, TooSmallScreen))
        assert "Window too small: 60×20" in str(app.screen.query_one("#too-small-text").render())
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: not isinstance(app.screen, TooSmallScreen))
        assert app.current_mode == "dashboard"


async def test_missing_plan_is_offered_for_creation(tmp_path: Path) -> None:
    path = tmp_path / "nouveau.json"
    app = make_app(path, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CreatePlanModal))
        title = app.screen.query_one("#plan-title")
        title.value = "Projet [test]"
        title.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: path.exists() and app.plan_data.revision > 0)
    data = PlanStore(path).read()
    assert data.plan.title == "Projet [test]"
    assert data.plan.language == "fr"


async def test_missing_plan_refused_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nouveau.json"
    app = make_app(path, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CreatePlanModal))
        await pilot.press("escape")
    assert app.return_code == 1
    assert not path.exists()


def test_invalid_plan_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coop_tui.tui.launch import run_app

    path = tmp_path / "broken.json"
    path.write_bytes(b'{"_meta": {"meta": {"format": "coop-tui-plan", "schema": 1, "rev')
    before = path.read_bytes()
    assert run_app(path, lang="en", today=TODAY) == 1
    err = capsys.readouterr().err
    assert "broken.json" in err and "not valid JSON" in err
    assert path.read_bytes() == before


async def test_no_color_is_honoured(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_path, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert app.no_color
        assert "A3" in app.export_screenshot()


async def test_every_screen_takes_the_theme(demo_path: Path) -> None:
    """Screens are spared Textual's CSS refresh when first shown (app.py): the first
    screen must still get the theme's colours, and a theme changed later must reach
    every screen, shown before or after the change."""

    def legible(app) -> bool:  # type: ignore[no-untyped-def]
        """The dashboard's summary (its first lines) is drawn in the theme's text colour."""
        view = app.get_screen_stack("dashboard")[0].query_one("#dashboard")
        lines = view.render_lines(Region(0, 0, view.size.width, 4))
        colours = {
            segment.style.color.get_truecolor().hex.lower()
            for line in lines
            for segment in line
            if segment.text.strip() and segment.style and segment.style.color
        }
        return colours == {app.get_css_variables()["foreground"].lower()}

    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert legible(app)
        dark = app.screen.styles.background
        for key in ("4", "1", "6"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.styles.background == dark
        assert legible(app)
        app.theme = "textual-light"
        await pilot.pause()
        light = app.get_css_variables()["background"].lower()
        for key in ("4", "1", "6", "5"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.styles.background.hex.lower() == light, key
        assert legible(app)
