"""The dashboard is the first screen and shows the plan's quick status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import frozen_clock, loaded, make_app, screen_text, wait_until, watch_rows


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


async def test_an_empty_plan_guides_step_by_step(tmp_path: Path) -> None:
    """Issue 12: an empty plan opens on the worksheet's next step and the key that starts
    it (not on "every objective is SMART"), until each step has content."""
    from coop_tui.domain.model import Plan
    from tests.helpers import add_organisation, frozen_clock, show_mode

    path = tmp_path / "plan.json"
    PlanStore(path, user="demo", clock=frozen_clock).create(Plan(title="Vide", language="fr"))
    app = make_app(path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        lines = app.screen.query_one("#dashboard").plain_lines()
        assert " Prochaine étape de la fiche (étape 1 sur 7)" in lines
        assert any("Ajoutez les structures partenaires" in line for line in lines)
        assert not any("SMART." in line for line in lines)
        assert app.screen.query_one("#dashboard").selected_key == "guide:stakes"
        await pilot.press("enter")  # goes to the screen that starts it
        await wait_until(pilot, lambda: app.current_mode == "stakes")
        for count, name in enumerate(("ACI des Combes", "EI Cycl'Avenir"), start=1):
            await add_organisation(pilot, path, name, [], [], "", "", count)
        await show_mode(pilot, "6")
        lines = app.screen.query_one("#dashboard").plain_lines()
        assert " Prochaine étape de la fiche (étape 2 sur 7)" in lines
        assert any("Notez les enjeux individuels" in line for line in lines)


async def test_the_summary_says_phase_review_money_and_drift(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        lines = app.screen.query_one("#dashboard").plain_lines()
        text = "\n".join(lines)
        assert " Phase en cours\u00a0: Amorçage (16/04/2025 → 15/04/2026)" in text
        assert " Prochain jalon\u00a0: " in text
        assert (
            " Prochaine revue\u00a0: COPIL 2, le 26/03/2026 · décisions à suivre\u00a0: 1" in text
        )
        assert "reste à financer 3\u00a0400\u00a0€" in text
        assert "Écart au plan validé «\u00a0COPIL 1\u00a0»\u00a0: 2 actions glissées" in text
        assert any(line.startswith(" Glissée ") and "A4" in line for line in lines)
        assert any("Reste à financer" in line for line in lines)
        indicators = [line for line in lines if line.startswith(" O1.1 ")]
        assert "1 / 2 marchés" in indicators[0] and "En avance" in indicators[0]


async def test_the_first_showing_works_out_the_sections_below_after_its_frame(
    demo_path: Path, monkeypatch: Any
) -> None:
    """Issue 17: on start, the dashboard paints the lines that fill the terminal before it
    works out the sections below them (the skill gaps here); the page is then the same as
    one worked out at once, and the scrollbar counts every line."""
    from coop_tui.domain import checks
    from coop_tui.tui.app import CoopApp, read_plan
    from coop_tui.tui.widgets.report_view import ReportView
    from tests.helpers import TODAY

    seen: list[tuple[bool, int, bool]] = []
    skill_gaps = checks.skill_gaps

    def spied(data: Any) -> Any:
        if not seen:
            view = app.screen.query_one(ReportView)
            seen.append((app._first_painted, view.virtual_size.height, bool(view._strips)))
        return skill_gaps(data)

    monkeypatch.setattr(checks, "skill_gaps", spied)
    store = PlanStore(demo_path, user="demo", clock=frozen_clock)
    app = CoopApp(store, language="en", today=TODAY, initial=read_plan(store))  # as launch does
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ReportView)
        assert seen == [(True, 24, True)]  # painted, 24 lines laid out and drawn, no more
        whole = [
            "".join(text for text, _ in line.parts) for line in app.screen._lines(app.plan_data)
        ]
        assert len(view.lines) == len(whole) > 60  # taken after the frame, unasked
        assert view.plain_lines() == whole
        assert view.virtual_size.height == len(whole)
        assert view.selected_key == watch_rows(app)[0][1]
        await pilot.press("end")  # the last selectable row is down there
        assert view.selected_key == [line.key for line in view.lines if line.key][-1]


async def test_later_showings_keep_the_cursor_below_the_screen(demo_path: Path) -> None:
    """A change shown while the cursor is far down the page (a skill gap) keeps it there:
    only the first showing leaves lines for later."""
    app = make_app(demo_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        view = app.screen.query_one("#dashboard")
        await pilot.press("end")
        key, top = view.selected_key, view.scroll_offset.y
        assert key and top > 20
        data = app.plan_data
        app.screen.refresh_view(data)
        assert (view.selected_key, view.scroll_offset.y) == (key, top)
