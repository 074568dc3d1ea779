"""Opening a plan file that does not exist: offer to create it there."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from coop_tui.text import clean


class CreatePlanModal(ModalScreen[str | None]):
    """Dismiss with the new plan's title, or None to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit_app", show=False)]
    DEFAULT_CSS = """
    CreatePlanModal { align: center middle; }
    CreatePlanModal > Vertical { width: 72; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2; }
    CreatePlanModal #create-title { text-style: bold; color: $primary; }
    CreatePlanModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    CreatePlanModal Button { margin-left: 1; }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        tr = self.app.tr  # type: ignore[attr-defined]
        with Vertical():
            yield Static(Content(tr.t("create.title")), id="create-title")
            yield Static(Content(tr.t("create.body", path=clean(str(self.path)))))
            yield Static(Content(tr.t("create.plan_title")))
            yield Input(clean(self.path.stem), id="plan-title")
            with Horizontal():
                yield Button(tr.t("create.quit"), id="quit")
                yield Button(tr.t("create.create"), id="create", variant="primary")

    def action_quit_app(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        title = self.query_one("#plan-title", Input).value.strip()
        if title:
            self.dismiss(title)
        else:
            self.app.bell()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.dismiss(None)
