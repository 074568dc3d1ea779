"""The dashboard is the first screen and shows the plan's quick status."""

from __future__ import annotations

from pathlib import Path

from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import loaded, make_app, screen_text, wait_until, watch_rows


async def test_dashboard_is_first_and_shows_status(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.current_mode == "dashboard"
        view = app.screen.query_one("#dashboard")
        assert any("3 actions terminées sur 21" in line for line in view.plain_lines())
        assert [code for code, _ in watch_rows(app)][:2] == ["A3", "A9"]
        assert view.selected_key == watch_rows(app)[0][1]  # the cursor starts on the first row


async def test_arrows_and_enter_open_the_selected_action(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-code").value == "A9"


async def test_the_project_itself_is_edited_from_the_dashboard(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("end", *" [2026]")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.plan_data.plan.title.endswith(" [2026]"))
        assert app.title.endswith(" [2026]")
    plan = PlanStore(demo_path).read().plan
    assert plan.title == "Coop'Vernière – Logistique & services inclusifs [2026]"
    assert plan.language == "fr"


async def test_dates_that_contradict_each_other_are_listed(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 80)) as pilot:
        await loaded(pilot)
        assert "A18 ends after the deadline of O3.1" in screen_text(app)
