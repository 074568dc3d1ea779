"""The timeline (key 5): zoom, scroll in time, today, rows, enter, filter, hostile text, scale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msgspec

from coop_tui.domain.model import Action, Objective, Phase, Plan
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean
from coop_tui.tui.modals.record_form import RecordForm
from coop_tui.tui.widgets.gantt import GanttView
from coop_tui.tui.widgets.gantt_scale import Zoom
from tests.bigplan import make_big_plan
from tests.helpers import (
    HOSTILE,
    TODAY,
    create_plan,
    loaded,
    make_app,
    record_notifications,
    screen_text,
    wait_until,
)

SIZE = (120, 40)
DAY = dt.timedelta(days=1)


async def open_timeline(pilot: Any) -> GanttView:
    await loaded(pilot)
    await pilot.press("5")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "TimelineScreen")
    gantt = pilot.app.screen.query_one(GanttView)
    await wait_until(pilot, lambda: len(gantt.rows) > 0)
    await pilot.pause()
    return gantt


def lines(gantt: GanttView) -> list[str]:
    """The chart as drawn now, one string per line on screen."""
    return [gantt.render_line(y).text for y in range(gantt.scrollable_content_region.height)]


def header(gantt: GanttView, line: str) -> str:
    """One header line as drawn: 'phases', 'upper', 'lower' or 'marks'."""
    return lines(gantt)[gantt.header_lines.index(line)]


def scales(gantt: GanttView) -> tuple[str, str]:
    """The time part of the header's two scale lines (under the phases' band, if any)."""
    return chart(gantt, header(gantt, "upper")), chart(gantt, header(gantt, "lower"))


def today_line(gantt: GanttView) -> str:
    """The header line that carries today's mark (its own, under the scale)."""
    return header(gantt, "marks")


def chart(gantt: GanttView, line: str) -> str:
    """The time part of a drawn line (right of the name column)."""
    return line[gantt.left_width + 1 :]


def row_line(gantt: GanttView, code: str) -> str:
    for line in lines(gantt)[gantt.header_height :]:
        if f" {code} " in line[: gantt.left_width]:
            return line
    raise AssertionError(f"no row {code} on screen:\n" + "\n".join(lines(gantt)))


async def go_to(pilot: Any, gantt: GanttView, code: str) -> None:
    """Move the cursor with the arrow keys until it is on the row `code`."""
    await pilot.press("home")
    for _ in range(len(gantt.rows)):
        if gantt.selected is not None and gantt.selected.code == code:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {code}")


async def test_zoom_changes_the_header_and_the_bars(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        upper, lower = scales(gantt)
        assert gantt.zoom is Zoom.MONTH
        assert "2026" in upper and "▏avr." in lower and "S1" not in lower
        bar_month = chart(gantt, row_line(gantt, "A9")).count("█")
        assert chart(gantt, row_line(gantt, "A8")).startswith("◂")  # done, ended in 2025

        await pilot.press("plus")
        upper, lower = scales(gantt)
        assert gantt.zoom is Zoom.WEEK
        assert "mars 2026" in upper and "▏S11" in lower
        assert "Échelle\u00a0: semaines" in "\n".join(lines(gantt)[: gantt.header_height])
        # One column per day: the blocked A9 (till mid-April) fills far more of the window.
        assert chart(gantt, row_line(gantt, "A9")).count("█") > bar_month
        await pilot.press("plus")
        assert gantt.zoom is Zoom.WEEK  # the closest level

        await pilot.press("minus", "minus")
        upper, lower = scales(gantt)
        assert gantt.zoom is Zoom.QUARTER
        assert "▏T2" in lower and "▏2027" in upper
        # A8, done in 2025 and left of the month window, is drawn at this zoom.
        assert "█" in chart(gantt, row_line(gantt, "A8"))
        # Today stays where `t` puts it, whatever the zoom, on its own line.
        assert chart(gantt, today_line(gantt)).index("▼") == int(gantt.chart_width * 0.25)
        assert "▼" not in upper + lower

        await pilot.press("minus")
        upper, lower = scales(gantt)
        assert gantt.zoom is Zoom.YEAR
        assert "▏2026" in upper and "▏2027" in upper and "▏T1" in lower
        await pilot.press("minus")
        assert gantt.zoom is Zoom.YEAR  # the widest level
        await pilot.press("plus")
        assert gantt.zoom is Zoom.QUARTER
        assert chart(gantt, today_line(gantt)).index("▼") == int(gantt.chart_width * 0.25)


async def test_scroll_in_time_and_back_to_today(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        first_day = gantt.window[0]
        today_at = chart(gantt, today_line(gantt)).index("▼")
        a9 = chart(gantt, row_line(gantt, "A9"))
        a9_end = a9.rindex("█")

        await pilot.press("right")  # one month later
        assert gantt.window[0] > first_day
        assert chart(gantt, today_line(gantt)).index("▼") == today_at - 8
        assert chart(gantt, row_line(gantt, "A9")).rindex("█") == a9_end - 8

        for _ in range(24):  # two years later: today and A9 are gone, to the left
            await pilot.press("right")
        assert "▼" not in chart(gantt, today_line(gantt))
        assert "█" not in chart(gantt, row_line(gantt, "A9"))
        assert chart(gantt, row_line(gantt, "A9")).startswith("◂")

        await pilot.press("left")
        await pilot.press("t")
        assert chart(gantt, today_line(gantt)).index("▼") == today_at
        assert chart(gantt, row_line(gantt, "A9")).rindex("█") == a9_end
        assert gantt.window[0] == first_day


async def test_rows_show_objectives_with_their_actions_and_the_marks(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        codes = [row.code for row in gantt.rows]
        assert codes[:7] == ["O1", "O1.1", "A1", "A2", "A3", "A4", "O1.2"]
        assert len([r for r in gantt.rows if r.kind == "action"]) == 21
        # A3 is overdue (in progress past its end): its own fill, not a plain bar.
        a3 = chart(gantt, row_line(gantt, "A3"))
        assert "▒" in a3 and "█" not in a3
        # O1.1's deadline is a diamond on its row; today is a line on every row.
        assert "◆" in chart(gantt, row_line(gantt, "O1.1"))
        today_at = chart(gantt, today_line(gantt)).index("▼")
        assert chart(gantt, row_line(gantt, "A7"))[today_at] == "│"


async def test_up_down_and_enter_open_the_right_action_or_objective(demo_path: Path) -> None:
    data = PlanStore(demo_path).read()
    a3 = next(a for a in data.actions.values() if a.code == "A3")
    o12 = next(o for o in data.objectives.values() if o.code == "O1.2")
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        assert gantt.selected is not None and gantt.selected.code == "O1"
        await pilot.press("down", "down", "down", "down")
        assert gantt.selected is not None and gantt.selected.code == "A3"
        assert row_line(gantt, "A3").startswith("▶")
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm)
        assert app.screen.record == a3
        assert "A3" in app.screen.form_title
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))

        await pilot.press("down", "down")
        await pilot.press("up")
        assert gantt.selected is not None and gantt.selected.code == "A4"
        await pilot.press("down", "e")
        assert isinstance(app.screen, RecordForm)
        assert app.screen.record == o12


async def test_an_edit_in_the_form_reaches_the_file_and_the_bar(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        await go_to(pilot, gantt, "A7")
        assert "█" not in chart(gantt, row_line(gantt, "A7"))
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#f-status").value = "in_progress"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await wait_until(
            pilot,
            lambda: next(a for a in PlanStore(demo_path).read().actions.values()
                         if a.code == "A7").status.value == "in_progress",
        )  # fmt: skip
        await wait_until(pilot, lambda: gantt.selected is not None and gantt.selected.status is not None
                         and gantt.selected.status.value == "in_progress")  # fmt: skip
        await pilot.press("t")
        await pilot.press("right", "right", "right", "right")
        assert "█" in chart(gantt, row_line(gantt, "A7"))
        assert gantt.selected is not None and gantt.selected.code == "A7"  # the cursor stayed


async def test_add_puts_a_new_action_under_the_selected_objective(demo_path: Path) -> None:
    o21 = next(o for o in PlanStore(demo_path).read().objectives.values() if o.code == "O2.1")
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        await go_to(pilot, gantt, "O2.1")
        await pilot.press("a")
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one("#f-title").value = "Nouvelle action datée"  # type: ignore[attr-defined]
        app.screen.query_one("#f-start").value = "01/04/2026"  # type: ignore[attr-defined]
        app.screen.query_one("#f-end").value = "30/04/2026"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await wait_until(pilot, lambda: len(PlanStore(demo_path).read().actions) == 22)
        added = next(a for a in PlanStore(demo_path).read().actions.values()
                     if a.title == "Nouvelle action datée")  # fmt: skip
        assert added.objective == o21.id and added.code == "A22"
        assert added.start == dt.date(2026, 4, 1)
        await wait_until(pilot, lambda: gantt.selected is not None and gantt.selected.code == "A22")
        assert "░" in chart(gantt, row_line(gantt, "A22"))


async def test_an_undated_action_is_listed_and_says_so(demo_path: Path) -> None:
    data = PlanStore(demo_path).read()
    o11 = next(o for o in data.objectives.values() if o.code == "O1.1")
    PlanStore(demo_path).add(
        Action(code="A99", objective=o11.id, title="Pas encore calée", order=99)
    )
    for language, words in (("fr", "sans dates"), ("en", "no dates")):
        app = make_app(demo_path, language)
        async with app.run_test(size=SIZE) as pilot:
            gantt = await open_timeline(pilot)
            line = row_line(gantt, "A99")
            assert "Pas encore calée" in line
            assert chart(gantt, line).strip().startswith(words)


async def test_filter_keeps_matching_rows_and_their_objectives(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        await pilot.press("slash")
        await pilot.press(*"recruter")
        assert [r.code for r in gantt.rows] == ["O2", "O2.1", "A9"]
        assert "A1 " not in screen_text(app)
        await pilot.press("enter")  # back to the chart, filter kept
        assert app.focused is gantt
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm) and app.screen.record.code == "O2"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await pilot.press("escape")  # clears the filter
        assert len(gantt.rows) == 21 + 9
        await pilot.press("slash", *"zzz")
        assert gantt.rows == []
        assert "Aucune ligne ne correspond au filtre." in screen_text(app)


async def test_hostile_titles_are_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    objective = Objective(id="o1", code="O1", statement=HOSTILE[0], deadline=TODAY + 30 * DAY)
    actions = [
        Action(id=f"a{i}", code=f"A{i}", objective="o1", title=title, order=i,
               start=TODAY - 5 * DAY, end=TODAY + 20 * DAY)
        for i, title in enumerate(HOSTILE, start=1)
    ]  # fmt: skip
    phase = Phase(id="p1", name=HOSTILE[2], start=TODAY - 60 * DAY, end=TODAY + 60 * DAY)
    create_plan(path, Plan(title="Hostile", mode="phased"), [phase, objective, *actions])
    app = make_app(path, "en")
    async with app.run_test(size=(160, 50)) as pilot:
        await open_timeline(pilot)
        text = screen_text(app)
        assert app.is_running and "\x1b" not in text
        for title in HOSTILE:
            assert clean(title) in text, f"{clean(title)!r} not shown:\n{text}"


async def test_phases_are_bands_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "phased.json"
    phases = (
        Phase(id="p1", name="Amorçage", start=TODAY - 90 * DAY, end=TODAY + 30 * DAY, order=0),
        Phase(id="p2", name="Déploiement", start=TODAY + 31 * DAY, end=TODAY + 400 * DAY,
              order=1),
    )  # fmt: skip
    objective = Objective(id="o1", code="O1", statement="Objectif")
    action = Action(id="a1", code="A1", objective="o1", title="Action",
                    start=TODAY, end=TODAY + 10 * DAY)  # fmt: skip
    create_plan(path, Plan(title="Phased", mode="phased"), [*phases, objective, action])
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        assert gantt.header_lines == ("phases", "upper", "lower", "marks")
        band = chart(gantt, lines(gantt)[0])
        assert "Phases" in lines(gantt)[0][: gantt.left_width]
        assert band.index("Amorçage") < band.index("Déploiement")
        await pilot.press("minus")  # a quarter zoom still shows both bands
        band = chart(gantt, lines(gantt)[0])
        assert "Amorç" in band and "Déploi" in band


async def test_five_thousand_actions_mount_and_scroll(tmp_path: Path) -> None:
    path = make_big_plan(tmp_path / "big.json", today=TODAY)
    total = len(PlanStore(path).read().actions)
    assert total == 5000
    app = make_app(path, "fr", poll=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        gantt = await open_timeline(pilot)
        assert len([r for r in gantt.rows if r.kind == "action"]) == total
        last = gantt.rows[-1]
        await pilot.press("end")
        assert gantt.selected == last
        assert f" {last.code} " in screen_text(app)
        await pilot.press("pageup", "up")
        assert gantt.cursor < len(gantt.rows) - 2
        before = today_line(gantt)
        await pilot.press("right", "right", "plus", "minus", "minus")
        assert today_line(gantt) != before
        assert gantt.zoom is Zoom.QUARTER
        await pilot.press("slash", *"A4999")
        assert [r.code for r in gantt.rows if r.kind == "action"] == ["A4999"]


async def test_the_year_scale_shows_the_demos_three_years_in_100_columns(demo_path: Path) -> None:
    plan = PlanStore(demo_path).read().plan
    assert plan.start is not None and plan.end is not None
    assert (plan.end - plan.start).days >= 3 * 365 - 1  # three years
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(100, 30)) as pilot:
        gantt = await open_timeline(pilot)
        await pilot.press("minus", "minus")
        assert gantt.zoom is Zoom.YEAR
        first, last = gantt.window
        assert first < plan.start and plan.end < last  # the whole project in view
        upper, lower = scales(gantt)
        for year in range(plan.start.year, plan.end.year + 1):
            assert f"▏{year}" in upper or (year == plan.start.year and str(year)[:2] in upper)
        assert "▏T1" in lower and "▏T3" in lower
        # Today and the milestones on their own line, under the scale.
        marks = chart(gantt, today_line(gantt))
        assert "▼" in marks and marks.count("◇") == 3
        assert "Bilan final" in marks
        assert "▼" not in upper + lower
        # Each action is still a bar: A9 (blocked) and A11 (to do) are drawn.
        assert "█" in chart(gantt, row_line(gantt, "A9"))
        assert "░" in chart(gantt, row_line(gantt, "A11"))


async def test_dependencies_are_an_arrow_before_the_bar_that_waits(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        await pilot.press("minus")  # a quarter scale: the chains are in view
        a13 = chart(gantt, row_line(gantt, "A13"))  # waits for A12
        assert a13.index("→") == a13.index("░") - 1
        a12 = chart(gantt, row_line(gantt, "A12"))  # depends on nothing
        assert "→" not in a12 and "↯" not in a12
        # A bar that starts before what it waits for has ended is marked otherwise.
        data = PlanStore(demo_path).read()
        a12_action = next(a for a in data.actions.values() if a.code == "A12")
        a13_action = next(a for a in data.actions.values() if a.code == "A13")
        assert a12_action.end is not None
        PlanStore(demo_path).save(
            msgspec.structs.replace(a13_action, start=a12_action.end - 30 * DAY)
        )
        await wait_until(pilot, lambda: "↯" in chart(gantt, row_line(gantt, "A13")))


async def test_g_shows_the_baselines_bars_under_todays(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        gantt = await open_timeline(pilot)
        assert all(r.kind != "ghost" for r in gantt.rows)
        await pilot.press("g")
        await wait_until(pilot, lambda: any(r.kind == "ghost" for r in gantt.rows))
        drawn = lines(gantt)
        at = next(i for i, line in enumerate(drawn) if " A3 " in line[: gantt.left_width])
        bar, ghost = chart(gantt, drawn[at]), chart(gantt, drawn[at + 1])
        assert "COPIL 1" in drawn[at + 1][: gantt.left_width]
        # A3 ended 30 days later than « COPIL 1 » had it: the ghost stops about a month
        # (8 columns at the month scale) before today's bar.
        assert ghost.index("▔") == bar.index("▒")
        assert bar.rindex("▒") - ghost.rindex("▔") in (7, 8, 9)
        assert "Référence : COPIL 1" in "\n".join(drawn[: gantt.header_height]).replace(
            "\u00a0", " "
        )
        assert "▔ Référence" in str(app.screen.query_one("#timeline-legend").render())
        # The cursor passes over ghost rows.
        await go_to(pilot, gantt, "A3")
        await pilot.press("down")
        assert gantt.selected is not None and gantt.selected.code == "A4"
        await pilot.press("up")
        assert gantt.selected is not None and gantt.selected.code == "A3"
        await pilot.press("g")
        await wait_until(pilot, lambda: all(r.kind != "ghost" for r in gantt.rows))


async def test_g_without_a_baseline_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    objective = Objective(id="o1", code="O1", statement="Objectif")
    action = Action(id="a1", code="A1", objective="o1", title="Action",
                    start=TODAY, end=TODAY + 10 * DAY)  # fmt: skip
    create_plan(path, Plan(title="Sans référence"), [objective, action])
    app = make_app(path, "fr")
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        gantt = await open_timeline(pilot)
        await pilot.press("g")
        await wait_until(pilot, lambda: "Aucun plan validé pour l'instant\u00a0: rien à comparer."
                         in notes)  # fmt: skip
        assert all(r.kind != "ghost" for r in gantt.rows)
