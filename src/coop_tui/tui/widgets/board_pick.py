"""A small modal to pick one value for a board filter (a person, an organisation, a phase).

It returns the chosen id, "" for "all", or None when cancelled; it never
touches the board itself (the screen sets the filter with the answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coop_tui.text import clean


class PickModal(ModalScreen[str | None]):
    """A titled list of (label, id) choices; enter picks, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", show=False),
    ]
    DEFAULT_CSS = """
    PickModal { align: center middle; }
    PickModal > Vertical { width: 60; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    PickModal #pick-title { text-style: bold; color: $primary; padding: 1 0; }
    PickModal OptionList { height: auto; max-height: 20; }
    PickModal #pick-hint { color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(
        self, title: str, choices: Sequence[tuple[str, str]], current: str, hint: str
    ) -> None:
        super().__init__()
        self.pick_title = title
        self.choices = list(choices)
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(clean(self.pick_title)), id="pick-title")
            options = [Option(Content(clean(label))) for label, _ in self.choices]
            yield OptionList(*options)
            yield Static(Content(self.hint), id="pick-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])
