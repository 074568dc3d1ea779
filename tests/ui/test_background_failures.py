"""A background failure nobody foresaw (a bug) is said, and the app carries on.

Every change is one transaction in a worker thread; a refused change is said where it
happens. Anything else that goes wrong in a worker must neither close the app (Textual's
default) nor pass in silence: the user reads what failed, and the plan on disk is as the
last successful change left it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain.model import Status
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import (
    by_code,
    loaded,
    make_app,
    read,
    record_notifications,
    save_form,
    show_mode,
    wait_until,
)


def _boom(*_: Any, **__: Any) -> Any:
    raise RuntimeError("boom \x1b]0;title\x07")


@pytest.mark.parametrize("method", ["save", "transact"])
async def test_a_write_that_fails_unexpectedly_is_said_and_the_app_goes_on(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    before = demo_path.read_bytes()
    app = make_app(demo_path, "fr", poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        said = record_notifications(app)
        monkeypatch.setattr(app.store, method, _boom)
        screen = await show_mode(pilot, "4")
        a3 = by_code(read(demo_path), "A3")
        screen.board.focus_action(a3.id)
        if method == "save":  # a form saved
            await pilot.press("e")
            await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
            app.screen.query_one("#f-title").value = "Nouveau titre"
            await save_form(pilot)
        else:  # a card moved
            await pilot.press("shift+right")
        await wait_until(pilot, lambda: any("Erreur inattendue" in s for s in said))
        message = next(s for s in said if "Erreur inattendue" in s)
        assert "RuntimeError: boom" in message and "\x1b" not in message
        assert app.is_running
        # The app still works: the next change, with the store as it should be, goes through.
        monkeypatch.undo()
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: demo_path.read_bytes() != before)
        assert by_code(read(demo_path), "A3").title == a3.title
        assert by_code(read(demo_path), "A3").status is Status.BLOCKED  # from in progress


async def test_an_export_that_fails_unexpectedly_is_said_and_writes_nothing(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coop_tui.tui.modals import export

    monkeypatch.setattr(export, "export_bytes", _boom)
    target = tmp_path / "plan.ics"
    app = make_app(demo_path, "fr", poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        said = record_notifications(app)
        export.write_export(app, export.ExportRequest("ics", target))
        await wait_until(pilot, lambda: any("Erreur inattendue" in s for s in said))
        assert app.is_running and not target.exists()
