"""Several users on one plan file: changes appear live, conflicting saves ask."""

from __future__ import annotations

from pathlib import Path

from coop_tui.domain.model import replace
from coop_tui.storage.store import PlanStore
from coop_tui.tui.modals.conflict import ConflictModal
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import frozen_clock, loaded, make_app, wait_until, watch_rows


def _watch_codes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [code for code, _ in watch_rows(app)]


async def _open_a3_form(pilot) -> RecordForm:  # type: ignore[no-untyped-def]
    app = pilot.app
    view = app.screen.query_one("#dashboard")
    view.focus()
    while view.selected_key != dict(watch_rows(app))["A3"]:
        await pilot.press("down")
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
    return app.screen  # type: ignore[no-any-return]


async def _append_to_title(pilot, text: str, where: str = "end") -> None:  # type: ignore[no-untyped-def]
    form = pilot.app.screen
    form.query_one("#f-title").focus()
    await pilot.press(where, *text)


async def test_change_in_one_app_appears_in_the_other(demo_path: Path) -> None:
    ann = make_app(demo_path, "en", user="ann")
    bob = make_app(demo_path, "en", user="bob")
    async with ann.run_test(size=(120, 40)) as p1, bob.run_test(size=(120, 40)) as p2:
        await loaded(p1)
        await loaded(p2)
        assert "A3" in _watch_codes(bob)
        await _open_a3_form(p1)
        await _append_to_title(p1, "[bis] ", "home")  # the start stays in view
        await p1.press("ctrl+s")
        await wait_until(p1, lambda: not isinstance(ann.screen, RecordForm))

        def bob_sees_it() -> bool:
            return any(" A3     [bis] Répondre" in line
                       for line in bob.screen.query_one("#dashboard").plain_lines())  # fmt: skip

        before = bob.screen.query_one("#dashboard").selected_key
        await wait_until(p2, bob_sees_it)
        # Bob's cursor is still where it was (first row) and no form was disturbed.
        assert bob.screen.query_one("#dashboard").selected_key == before == watch_rows(bob)[0][1]
    data = PlanStore(demo_path).read()
    a3 = next(a for a in data.actions.values() if a.code == "A3")
    assert a3.title.startswith("[bis] Répondre")
    assert PlanStore(demo_path).history()[-1].user == "ann"


async def test_someone_elses_change_reaches_an_open_app(demo_path: Path) -> None:
    app = make_app(demo_path, "en", user="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        other = PlanStore(demo_path, user="bob", clock=frozen_clock)
        a9 = next(a for a in other.read().actions.values() if a.code == "A9")
        from coop_tui.domain.model import Status

        other.move_action(a9.id, Status.DONE)
        await wait_until(pilot, lambda: "A9" not in _watch_codes(app))
        lines = app.screen.query_one("#dashboard").lines
        title = next(
            i for i, line in enumerate(lines) if line.parts[:1] == ((" Recent changes", "title"),)
        )
        first = lines[title + 2]  # after the column names
        assert first.parts[2][0].strip() == "bob"


async def _conflict(demo_path: Path, choice: str) -> str:
    app = make_app(demo_path, "en", user="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _open_a3_form(pilot)
        await _append_to_title(pilot, " (mine)")
        # Meanwhile Bob edits the same action and saves first.
        other = PlanStore(demo_path, user="bob", clock=frozen_clock)
        a3 = next(a for a in other.read().actions.values() if a.code == "A3")
        other.save(replace(a3, title="Bob's title"))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictModal))
        body = str(app.screen.query_one("#conflict-body").render())
        assert "Title" in body or "title" in body
        await pilot.press(choice)
        await wait_until(pilot, lambda: not isinstance(app.screen, ConflictModal))
        await app.workers.wait_for_complete()
    data = PlanStore(demo_path).read()
    return next(a for a in data.actions.values() if a.code == "A3").title


async def test_conflicting_save_keep_mine(demo_path: Path) -> None:
    title = await _conflict(demo_path, "m")
    assert title.endswith(" (mine)") and "Bob" not in title


async def test_conflicting_save_take_theirs(demo_path: Path) -> None:
    assert await _conflict(demo_path, "t") == "Bob's title"
