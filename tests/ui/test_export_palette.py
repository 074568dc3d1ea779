"""Export from the app: ctrl+p, "Export…", pick a format, and the file lands next to the plan."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, Select

from coop_tui.tui.modals.export import EXTENSIONS, ExportModal
from tests.helpers import loaded, make_app, palette_choice, record_notifications, wait_until


async def _pick(pilot, select: Select[str], value: str) -> None:  # type: ignore[no-untyped-def]
    """Choose `value` in a Select with the keyboard alone."""
    values = list(EXTENSIONS)
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
        await wait_until(pilot, target.exists)
        text = target.read_text(encoding="utf-8")
        for column in ("| Objectifs opérationnels | Indicateurs de suivi | Résultats mesurables "
                       "| Délais de réalisation |",
                       "| Actions à mener | Compétences requises | Ressources et moyens "
                       "| Partenaires extérieurs à mobiliser | Calendrier | Référent·e |"):  # fmt: skip
            assert column in text
        assert (
            "Répondre au marché «\u00a0nettoyage et débarras des bâtiments communautaires\u00a0»"
            in text
        )
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


async def test_the_worksheet_as_a_pdf_and_the_progress_report_for_a_period(
    demo_path: Path,
) -> None:
    """The dialog also writes documents (ODT, DOCX, PDF) and the progress report."""
    from coop_tui.tui.modals.export import ExportRequest, write_export

    app = make_app(demo_path, "fr")

    def write(request: ExportRequest | None) -> None:  # what the palette's command does
        if request is not None:
            write_export(app, request)

    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.push_screen(ExportModal(demo_path, app.tr), write)
        await wait_until(pilot, lambda: bool(app.screen.query("#export-format")))
        modal = app.screen
        select = modal.query_one("#export-format", Select)
        await _pick(pilot, select, "pdf")
        assert modal.query_one("#export-period").has_class("-hidden")
        modal.query_one("#export-file", Input).focus()
        await pilot.press("enter")
        pdf = demo_path.with_suffix(".pdf")
        await wait_until(pilot, pdf.exists, timeout=30)
        assert pdf.read_bytes().startswith(b"%PDF")

        app.push_screen(ExportModal(demo_path, app.tr), write)
        await wait_until(pilot, lambda: bool(app.screen.query("#export-format")))
        modal = app.screen
        await _pick(pilot, modal.query_one("#export-format", Select), "report_md")
        assert not modal.query_one("#export-period").has_class("-hidden")
        box = modal.query_one("#export-file", Input)
        assert box.value == str(demo_path.with_name(demo_path.stem + "-bilan.md"))
        modal.query_one("#export-from", Input).value = "01/01/2026"
        modal.query_one("#export-to", Input).value = "28/02/2026"
        box.focus()
        await pilot.press("enter")
        report = demo_path.with_name(demo_path.stem + "-bilan.md")
        await wait_until(pilot, report.exists, timeout=30)
    text = report.read_text(encoding="utf-8")
    assert "01/01/2026" in text and "28/02/2026" in text
