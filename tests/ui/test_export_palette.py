"""Export from the app: ctrl+p, "Export…", pick a format, and the file lands next to the plan."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, Select

from coop_tui.tui.modals.export import ExportModal
from tests.helpers import loaded, make_app, palette_choice, record_notifications, wait_until


async def _pick(pilot, select: Select[str], value: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `value` in a Select with the keyboard alone."""
    values = ["md", "csv", "ics", "toml"]
    select.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: select.expanded)
    current = values.index(str(select.value))
    target = values.index(value)
    keys = ["down"] * (target - current) if target > current else ["up"] * (current - target)
    await pilot.press(*keys, "enter")
    await wait_until(pilot, lambda: select.value == value)


async def test_export_the_worksheet_from_the_palette(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Exporter")
        await wait_until(pilot, lambda: palette_choice(app).startswith("Exporter…"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportModal))
        modal = app.screen
        select = modal.query_one("#export-format", Select)
        box = modal.query_one("#export-file", Input)
        assert box.value == str(demo_path.with_suffix(".md"))
        await _pick(pilot, select, "csv")
        assert box.value == str(demo_path.with_suffix(".csv"))  # the name follows the format
        await _pick(pilot, select, "md")
        assert box.value == str(demo_path.with_suffix(".md"))
        await pilot.press("tab")
        assert box.has_focus
        await pilot.press("enter")
        target = demo_path.with_suffix(".md")
        await wait_until(pilot, lambda: target.exists())
        text = target.read_text(encoding="utf-8")
        for column in ("| Objectifs opérationnels | Indicateurs de suivi | Résultats mesurables "
                       "| Délais de réalisation |",
                       "| Actions à mener | Compétences requises | Ressources et moyens "
                       "| Partenaires extérieurs à mobiliser | Calendrier | Référent·e |"):  # fmt: skip
            assert column in text
        assert "Répondre au marché «\u00a0nettoyage et débarras des bâtiments communautaires\u00a0»" in text
        await wait_until(pilot, lambda: any(str(target) in note for note in notes))
        assert not isinstance(app.screen, ExportModal)


async def test_escape_writes_nothing_and_a_symlink_is_refused(demo_path: Path) -> None:
    victim = demo_path.parent / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = demo_path.parent / "shared.md"
    link.symlink_to(victim)
    app = make_app(demo_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = record_notifications(app)
        await loaded(pilot)
        app.push_screen(ExportModal(demo_path, app.tr))
        await wait_until(pilot, lambda: isinstance(app.screen, ExportModal))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportModal))
        assert sorted(p.name for p in demo_path.parent.iterdir() if p.suffix == ".md") == [
            "shared.md"
        ]
        from coop_tui.tui.modals.export import ExportRequest, write_export

        write_export(app, ExportRequest("md", link))
        await wait_until(pilot, lambda: any("symbolic link" in note for note in notes))
        assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()
