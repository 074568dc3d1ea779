"""Forms that do not lose work: escape on a changed form asks first; `m` says which indicator
it measures and asks before recording a value far outside what it can be."""

from __future__ import annotations

from pathlib import Path

from coop_tui.tui.modals.confirm import ConfirmModal
from coop_tui.tui.modals.record_form import RecordForm
from tests.helpers import (
    demo_ids,
    loaded,
    make_app,
    read,
    save_form,
    show_mode,
    type_text,
    wait_until,
)


async def test_escape_on_a_changed_form_asks_and_an_untouched_one_just_closes(
    demo_path: Path,
) -> None:
    before = demo_path.read_bytes()
    org = demo_ids()["org-aci"]
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await show_mode(pilot, "1")
        assert screen.selected("orgs") == org
        # Untouched: escape closes at once.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, (RecordForm, ConfirmModal)))
        # Changed: escape asks; escape again (or "Continuer la saisie") keeps the typing.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("end")
        await type_text(pilot, " bis")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Abandonner ce que vous avez saisi" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.query_one("#f-name").value.endswith(" bis")
        # Discarding really discards: nothing reaches the file.
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("o")
        await wait_until(pilot, lambda: not isinstance(app.screen, (RecordForm, ConfirmModal)))
        await pilot.pause(0.3)
        assert demo_path.read_bytes() == before
        # And a kept edit is saved as typed.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("end")
        await type_text(pilot, " bis")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        await save_form(pilot, demo_path, lambda d: d.organisations[org].name.endswith(" bis"))
    assert read(demo_path).organisations[org].name == "Les Jardins de la Vernière bis"
