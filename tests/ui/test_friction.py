"""Issue 12's friction: at 80×24 the action plan's worksheet columns stay reachable."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import drawn, loaded, make_app, show_mode, wait_until


async def test_at_80_by_24_the_six_worksheet_columns_are_reachable(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "3")
        table = screen.query_one("#actions-table")
        assert "Référent·e" not in drawn(table)  # past the right edge at first
        seen = drawn(table)
        for _ in range(8):
            await pilot.press("right")
            await pilot.pause()
            seen += drawn(table)
        for column in ("Action", "Compétences", "Ressources", "Partenaires", "Calendrier",
                       "Référent·e"):  # fmt: skip
            assert column in seen, column
        await pilot.press("left", "left", "left", "left", "left", "left", "left", "left")
        await wait_until(pilot, lambda: table.scroll_x == 0)
