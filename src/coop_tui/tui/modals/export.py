"""Export from the app: the palette's "Export…" command and the dialog it opens.

The dialog asks a format and a file name (by default next to the plan) and
returns an `ExportRequest`; the file is then written in a worker thread,
never on the event loop, by the same `export_text` and atomic write as
`coop-tui export -o`, so a planted symlink at the target is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Select, Static

from coop_tui.i18n import Translator
from coop_tui.storage import files
from coop_tui.storage.errors import StorageError
from coop_tui.text import clean

if TYPE_CHECKING:
    from coop_tui.tui.app import CoopApp

EXTENSIONS: dict[str, str] = {"md": ".md", "csv": ".csv", "ics": ".ics", "toml": ".toml"}
"""The formats in the order the dialog offers them, with their file extension."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to write and where (an absolute path)."""

    fmt: str
    path: Path


def default_target(plan_path: Path, fmt: str) -> Path:
    """The plan's own name with the format's extension, in the plan's folder."""
    return plan_path.with_name(plan_path.stem + EXTENSIONS[fmt])


def resolve_target(plan_path: Path, typed: str) -> Path:
    """A typed file name as an absolute path: `~` expanded, relative to the plan's folder."""
    path = Path(typed.strip()).expanduser()
    if not path.is_absolute():
        path = plan_path.absolute().parent / path
    return path


class ExportModal(ModalScreen[ExportRequest | None]):
    """Ask the format and the file; dismiss with an `ExportRequest`, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = """
    ExportModal { align: center middle; }
    ExportModal > Vertical { width: 76; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2; }
    ExportModal #export-title { text-style: bold; color: $primary; }
    ExportModal .export-label { margin-top: 1; }
    ExportModal #export-hint { color: $text-muted; }
    ExportModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ExportModal Button { margin-left: 1; }
    """

    def __init__(self, plan_path: Path, tr: Translator, fmt: str = "md") -> None:
        super().__init__()
        self.plan_path = plan_path.absolute()
        self.tr = tr
        self.fmt = fmt
        self._suggested = clean(str(default_target(self.plan_path, fmt)))

    def compose(self) -> ComposeResult:
        t = self.tr.t
        with Vertical():
            yield Static(Content(t("exports.modal.title")), id="export-title")
            yield Static(Content(t("exports.modal.format")), classes="export-label")
            options = [(Content(t(f"exports.format.{fmt}")), fmt) for fmt in EXTENSIONS]
            yield Select(options, value=self.fmt, allow_blank=False, id="export-format")
            yield Static(Content(t("exports.modal.file")), classes="export-label")
            yield Input(self._suggested, id="export-file")
            yield Static(Content(t("exports.modal.hint")), id="export-hint")
            with Horizontal():
                yield Button(t("exports.modal.cancel"), id="export-cancel")
                yield Button(t("exports.modal.export"), id="export-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        self.fmt = event.value
        box = self.query_one("#export-file", Input)
        suggested = clean(str(default_target(self.plan_path, self.fmt)))
        if box.value == self._suggested:  # untouched: follow the format
            box.value = suggested
        self._suggested = suggested

    @on(Input.Submitted, "#export-file")
    @on(Button.Pressed, "#export-ok")
    def _export(self) -> None:
        typed = self.query_one("#export-file", Input).value
        if not typed.strip():
            self.notify(self.tr.t("exports.modal.no_file"), severity="warning", markup=False)
            return
        self.dismiss(ExportRequest(self.fmt, resolve_target(self.plan_path, typed)))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@work(thread=True, group="export", exit_on_error=False)
def write_export(app: CoopApp, request: ExportRequest) -> None:
    """Write the export in a worker thread, then say where (or what went wrong)."""
    from coop_tui.interchange import export_text, overwrites_plan

    tr = app.tr
    where = clean(str(request.path))
    if overwrites_plan(request.path, app.store.path):
        message = tr.t("exports.same_as_plan", path=where)
        app.call_from_thread(app.notify, message, severity="error", markup=False, timeout=8)
        return
    try:
        data = app.store.read()
        text = export_text(data, request.fmt, tr.language, app.today)
        files.write_atomic(request.path, text.encode("utf-8"), shared=False)
    except StorageError as exc:
        app.call_from_thread(app.show_error, exc)
        return
    except OSError as exc:
        message = tr.t("error.export_target", path=where, reason=clean(exc.strerror or str(exc)))
        app.call_from_thread(app.notify, message, severity="error", markup=False, timeout=8)
        return
    app.call_from_thread(app.notify, tr.t("exports.written", path=where), markup=False)


def export_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The palette's "Export…" command (the app yields it on every screen)."""
    app = screen.app
    store = getattr(app, "store", None)
    tr = getattr(app, "tr", None)
    if store is None or not isinstance(tr, Translator):
        return

    def done(request: ExportRequest | None) -> None:
        if request is not None:
            write_export(app, request)

    def ask() -> None:
        app.push_screen(ExportModal(store.path, tr), done)

    yield SystemCommand(tr.t("exports.command"), tr.t("exports.command_help"), ask)


__all__ = ["ExportModal", "ExportRequest", "default_target", "export_commands", "write_export"]
