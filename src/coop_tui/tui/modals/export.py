"""Export from the app: the palette's "Export…" command and the dialog it opens.

The dialog asks a format and a file name (by default next to the plan) and
returns an `ExportRequest`: the worksheet in Markdown, ODT, DOCX or PDF, the CSV,
iCalendar and TOML exports, or the progress report (bilan d'étape) for a period.
The file is then written in a worker thread, never on the event loop, by the
same functions and atomic write as `coop-tui export -o` / `report -o`, so a
planted symlink at the target is refused.
"""

from __future__ import annotations

import datetime as dt
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

from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.storage import files
from coop_tui.storage.errors import StorageError
from coop_tui.text import clean
from coop_tui.tui.form_values import FieldError, parse_date

if TYPE_CHECKING:
    from coop_tui.tui.app import CoopApp

EXTENSIONS: dict[str, str] = {
    "md": ".md",
    "odt": ".odt",
    "docx": ".docx",
    "pdf": ".pdf",
    "csv": ".csv",
    "ics": ".ics",
    "toml": ".toml",
    "report_pdf": ".pdf",
    "report_odt": ".odt",
    "report_docx": ".docx",
    "report_md": ".md",
}
"""The formats in the order the dialog offers them, with their file extension: the
worksheet as text or a document (ODT, DOCX, PDF), the other exports, then the progress
report (bilan d'étape)."""
TEXT_FORMATS = ("md", "csv", "ics", "toml")
"""Written by `interchange.export_text`; the others are documents (bytes)."""
REPORT = "report_"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to write and where (an absolute path); a report's period (None: the default,
    the twelve months up to today)."""

    fmt: str
    path: Path
    start: dt.date | None = None
    end: dt.date | None = None


def default_target(plan_path: Path, fmt: str) -> Path:
    """The plan's own name with the format's extension, in the plan's folder (a report's
    name says it is one)."""
    stem = plan_path.stem + ("-bilan" if fmt.startswith(REPORT) else "")
    return plan_path.with_name(stem + EXTENSIONS[fmt])


def format_label(fmt: str, tr: Translator) -> str:
    key = f"exports.format.{fmt}"
    return tr.t(key) if tr.has(key) else tr.t(f"export.format.{fmt}")


def export_bytes(request: ExportRequest, data: PlanData, language: str, today: dt.date) -> bytes:
    """The file `request` asks for, as bytes (no disk here)."""
    fmt = request.fmt
    if fmt in TEXT_FORMATS:
        from coop_tui.interchange import export_text

        return export_text(data, fmt, language, today).encode("utf-8")
    from coop_tui.interchange import documents

    if fmt.startswith(REPORT):
        kind = fmt.removeprefix(REPORT)
        return documents.report(data, kind, language, today, request.start, request.end)
    return documents.render(data, fmt, language, today)


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
    ExportModal #export-period { height: auto; }
    ExportModal #export-period Static { width: auto; margin: 1 1 0 0; }
    ExportModal #export-period Input { width: 16; }
    ExportModal #export-period-hint { color: $text-muted; }
    ExportModal .-hidden { display: none; }
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
            options = [(Content(format_label(fmt, self.tr)), fmt) for fmt in EXTENSIONS]
            yield Select(options, value=self.fmt, allow_blank=False, id="export-format")
            yield Static(Content(t("exports.modal.file")), classes="export-label")
            yield Input(self._suggested, id="export-file")
            with Horizontal(id="export-period", classes="-hidden"):
                yield Static(Content(t("export.period.from")), classes="export-label")
                yield Input("", id="export-from", placeholder=t("problem.not_a_date"))
                yield Static(Content(t("export.period.to")), classes="export-label")
                yield Input("", id="export-to", placeholder=t("problem.not_a_date"))
            yield Static(Content(t("export.period.hint")), id="export-period-hint",
                         classes="-hidden")  # fmt: skip
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
        report = self.fmt.startswith(REPORT)
        for wid in ("#export-period", "#export-period-hint"):
            self.query_one(wid).set_class(not report, "-hidden")

    @on(Input.Submitted, "#export-file")
    @on(Button.Pressed, "#export-ok")
    def _export(self) -> None:
        typed = self.query_one("#export-file", Input).value
        if not typed.strip():
            self.notify(self.tr.t("exports.modal.no_file"), severity="warning", markup=False)
            return
        start = end = None
        if self.fmt.startswith(REPORT):
            try:
                start = parse_date(self.query_one("#export-from", Input).value)
                end = parse_date(self.query_one("#export-to", Input).value)
            except FieldError:
                self.notify(self.tr.t("problem.not_a_date"), severity="warning", markup=False)
                return
            if start and end and end < start:
                self.notify(self.tr.t("export.period.backwards"), severity="warning", markup=False)
                return
        target = resolve_target(self.plan_path, typed)
        self.dismiss(ExportRequest(self.fmt, target, start, end))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@work(thread=True, group="export", exit_on_error=False)
def write_export(app: CoopApp, request: ExportRequest) -> None:
    """Write the export in a worker thread, then say where (or what went wrong)."""
    from coop_tui.interchange import overwrites_plan

    tr = app.tr
    where = clean(str(request.path))
    if overwrites_plan(request.path, app.store.path):
        message = tr.t("exports.same_as_plan", path=where)
        app.call_from_thread(app.notify, message, severity="error", markup=False, timeout=8)
        return
    try:
        data = app.store.read()
        payload = export_bytes(request, data, tr.language, app.today)
        files.write_atomic(request.path, payload, shared=False)
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


__all__ = [
    "ExportModal",
    "ExportRequest",
    "default_target",
    "export_bytes",
    "export_commands",
    "write_export",
]
