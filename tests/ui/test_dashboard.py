"""The dashboard is the first screen and shows the plan's quick status."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import loaded, make_app


async def test_dashboard_is_first_and_shows_status(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.current_mode == "dashboard"
        text = app.screen.query_one("#summary").render()
        assert "3 actions terminées sur 21" in str(text)
        watch = app.screen.query_one("#table-watch")
        codes = [watch.get_row_at(i)[1].plain for i in range(watch.row_count)]
        assert codes[:2] == ["A3", "A9"]
