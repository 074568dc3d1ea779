"""The rétroplanning dialog: the backward plan of an objective, to apply or not.

It shows what `tui/screens/backplanning.py` worked out (each action's latest
start and end, its slack, the critical path, the actions that should already
have started) and answers True for « Appliquer » (ctrl+s) or False (escape).
It never writes: the screen applies the dates in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coop_tui.text import clean
from coop_tui.tui.widgets.line_table import PADDING, LineTable

MODAL_WIDTH = 110
FRAME = 6
"""The dialog's border and padding, and the table's scrollbar."""
MIN_FLEX = 12


class BackplanModal(ModalScreen[bool]):
    """A table of the proposed dates, notes above and below, Apply / Cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", show=False),
        Binding("ctrl+s", "answer(True)", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    BackplanModal { align: center middle; }
    BackplanModal > Vertical { width: 110; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    BackplanModal #backplan-title { text-style: bold; color: $primary; padding: 1 0 0 0; }
    BackplanModal .backplan-note { color: $text; height: auto; }
    BackplanModal #backplan-notes { padding: 0 0 1 0; height: auto; }
    BackplanModal LineTable { height: auto; max-height: 20; }
    BackplanModal #backplan-table { scrollbar-size-vertical: 1; }
    BackplanModal #backplan-legend { color: $text-muted; height: auto; }
    BackplanModal Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    BackplanModal Button { margin-left: 1; }
    """

    def __init__(
        self,
        title: str,
        notes: Sequence[str],
        columns: Sequence[tuple[str, int | None]],
        rows: Sequence[tuple[str, Sequence[Text | str]]],
        legend: str,
        apply: str,
        cancel: str,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.notes = list(notes)
        self.columns = list(columns)
        self.rows = list(rows)
        self.legend = legend
        self.apply_label = apply
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(clean(self.title_text)), id="backplan-title")
            with Vertical(id="backplan-notes"):
                for note in self.notes:
                    yield Static(Content(clean(note)), classes="backplan-note")
            yield LineTable(header_height=2, id="backplan-table")
            yield Static(Content(clean(self.legend)), id="backplan-legend")
            with Horizontal():
                yield Button(self.cancel_label, id="cancel")
                yield Button(self.apply_label, id="apply", variant="primary")

    def on_mount(self) -> None:
        table = self.query_one(LineTable)
        # The column without a width (the titles) takes what the others leave.
        fixed = sum(width or 0 for _, width in self.columns) + 2 * PADDING * len(self.columns)
        room = min(self.app.size.width, MODAL_WIDTH) - FRAME - fixed
        for label, width in self.columns:
            table.add_column(label, width=width if width is not None else max(MIN_FLEX, room))
        for key, cells in self.rows:
            table.add_row(*cells, key=key)
        table.focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "apply")
