"""A name per person: `--user NAME` / COOP_TUI_USER, shown in the title bar, recorded in
the history; `u` undoes this window's own changes, even when two people share a login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import (
    by_code,
    loaded,
    make_app,
    read,
    record_notifications,
    save_form,
    screen_text,
    show_mode,
    wait_until,
)


async def _retitle(pilot: Any, path: Path, code: str, title: str) -> None:
    """On the board: open the card `code`, give it `title`, save."""
    app = pilot.app
    screen = await show_mode(pilot, "4")
    screen.board.focus_action(by_code(read(path), code).id)
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
    app.screen.query_one("#f-title").value = title
    await save_form(pilot, path, lambda d: by_code(d, code).title == title)


async def test_two_windows_on_one_login_each_undo_their_own_change(demo_path: Path) -> None:
    ann = make_app(demo_path, "fr", user="root")
    bob = make_app(demo_path, "fr", user="root")
    a3_before = by_code(read(demo_path), "A3").title
    async with ann.run_test(size=(120, 40)) as p1, bob.run_test(size=(120, 40)) as p2:
        await loaded(p1)
        await loaded(p2)
        await _retitle(p1, demo_path, "A3", "A3 par Ann")
        await wait_until(p2, lambda: bob.plan_data.revision == read(demo_path).revision)
        await _retitle(p2, demo_path, "A4", "A4 par Bob")  # the latest change of "root"
        await wait_until(p1, lambda: ann.plan_data.revision == read(demo_path).revision)
        said = record_notifications(ann)
        await p1.press("u")  # Ann's window undoes Ann's change, not Bob's later one
        await wait_until(p1, lambda: by_code(read(demo_path), "A3").title == a3_before)
        await wait_until(p1, lambda: bool(said))
        assert said == ["Défait\u00a0: Modification — action A3."]
        await p1.press("u")  # nothing more of hers: Bob's change stays
        await wait_until(p1, lambda: len(said) == 2)
        assert said[1].startswith("Rien à défaire\u00a0: cette fenêtre")
    assert by_code(read(demo_path), "A4").title == "A4 par Bob"


async def test_the_name_is_in_the_title_bar_and_in_the_history(demo_path: Path) -> None:
    app = make_app(demo_path, "fr", user="Claire Moreau")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("Vous\u00a0: Claire Moreau")
        await _retitle(pilot, demo_path, "A3", "Nouveau titre")
        await show_mode(pilot, "1")
        assert "Vous\u00a0: Claire Moreau" in screen_text(app).splitlines()[0]
    from coop_tui.storage.store import PlanStore

    assert PlanStore(demo_path).history()[-1].user == "Claire Moreau"


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["--user", "Claire"], {}, "Claire"),
        ([], {"COOP_TUI_USER": "Nadia"}, "Nadia"),
        (["--user", "Claire"], {"COOP_TUI_USER": "Nadia"}, "Claire"),
        ([], {}, None),
    ],
)
def test_the_app_command_takes_the_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    environ: dict[str, str],
    expected: str | None,
) -> None:
    import coop_tui.tui.launch as launch_module
    from coop_tui.cli import main

    monkeypatch.delenv("COOP_TUI_USER", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    seen: dict[str, Any] = {}

    def fake_run_app(plan: Path | None, **kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(launch_module, "run_app", fake_run_app)
    assert main([*argv, str(tmp_path / "plan.json")]) == 0
    assert seen["user"] == expected
