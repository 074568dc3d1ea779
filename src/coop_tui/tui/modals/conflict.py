"""Someone else saved the same record meanwhile: keep mine, or take theirs."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Choice = Literal["mine", "theirs"]


class ConflictModal(ModalScreen[Choice]):
    """Dismiss with "mine" (save over theirs) or "theirs" (drop my edit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('theirs')", show=False),
        Binding("m", "choose('mine')", show=False),
        Binding("t", "choose('theirs')", show=False),
    ]
    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > Vertical { width: 70; max-width: 100%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2; }
    ConflictModal #conflict-title { text-style: bold; color: $warning; }
    ConflictModal #conflict-body { margin-top: 1; }
    ConflictModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConflictModal Button { margin-left: 1; }
    """

    def __init__(self, title: str, body: str, keep_mine: str, take_theirs: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keep_mine = keep_mine
        self.take_theirs = take_theirs

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), id="conflict-title")
            yield Static(Content(self.body), id="conflict-body")
            with Horizontal():
                yield Button(self.take_theirs, id="theirs")
                yield Button(self.keep_mine, id="mine", variant="warning")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("mine" if event.button.id == "mine" else "theirs")
