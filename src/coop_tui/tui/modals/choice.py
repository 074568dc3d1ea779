"""A short list to pick one value from: a remedy, an organisation, a filter.

Every screen asks its one-of-several questions with this modal; escape picks nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coop_tui.text import clean


class ChoiceModal(ModalScreen[Any]):
    """Dismiss with the chosen value, or None on escape.

    `choices` are (label, value) pairs; labels are shown as data (never markup).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
    ]
    DEFAULT_CSS = """
    ChoiceModal { align: center middle; }
    ChoiceModal > Vertical { width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    ChoiceModal #choice-title { text-style: bold; color: $primary; padding: 1 0 0 0; }
    ChoiceModal #choice-detail { color: $text-muted; padding: 0 0 1 0; }
    ChoiceModal OptionList { height: auto; max-height: 20; }
    ChoiceModal #choice-hint { color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(
        self,
        title: str,
        detail: str,
        choices: Sequence[tuple[str, Any]],
        *,
        current: Any = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.detail = detail
        self.choices = list(choices)
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(clean(self.title_text)), id="choice-title")
            if self.detail:
                yield Static(Content(clean(self.detail)), id="choice-detail")
            yield OptionList(
                *(
                    Option(Content(clean(label)), id=str(i))
                    for i, (label, _) in enumerate(self.choices)
                )
            )
            if self.hint:
                yield Static(Content(self.hint), id="choice-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
