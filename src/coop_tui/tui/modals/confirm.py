"""Yes or no before a destructive step (delete); `escape` means no."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from coop_tui.i18n import Translator


class ConfirmModal(ModalScreen[bool]):
    """Ask one question; dismiss with True (confirmed) or False."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", show=False),
        Binding("y,o", "answer(True)", show=False),
        Binding("n", "answer(False)", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $error; background: $surface; padding: 1 2; }
    ConfirmModal #detail-scroll { height: auto; max-height: 1fr; }
    ConfirmModal #question { text-style: bold; }
    ConfirmModal #detail { color: $text-muted; margin-top: 1; }
    ConfirmModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmModal Button { margin-left: 1; }
    """

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), id="question")
            with VerticalScroll(id="detail-scroll", can_focus=False):
                yield Static(Content(self.detail), id="detail")
            with Horizontal():
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


def discard_or_keep(form: ModalScreen[Any], tr: Translator) -> None:
    """Escape on a form with changes: ask whether to drop them (the form closes with
    nothing) or keep editing (it stays open)."""
    t = tr.t
    modal = ConfirmModal(
        t("form.discard.question"),
        t("form.discard.detail"),
        t("form.discard.yes"),
        t("form.discard.no"),
    )

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(None)

    form.app.push_screen(modal, answered)
