"""A titled list that can be filtered as you type: title, table, hint, filter box.

The pane only shows; the screen that owns it builds the rows (each with the
text a filter searches) and decides what keys do. `/` on the screen calls
`open_filter()`; escape in the box clears it and gives the focus back to the
table, enter keeps the filter and goes back to the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from coop_tui.text import matches
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.tables import cell, refill

#: (row key, cells, text the filter searches)
Row = tuple[str, Sequence[Any], str]


class FilterInput(Input):
    """The filter box: escape clears it and leaves.

    It takes the focus only while it is open (after `/`), so `tab` goes from list to list.
    """

    can_focus = False
    DEFAULT_CSS = """
    FilterInput { height: 1; border: none; padding: 0 1; &:focus { border: none; } }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave(True)", show=False),
    ]

    class Left(Message):
        """The user left the box (escape clears, enter keeps the filter)."""

        def __init__(self, box: FilterInput, cleared: bool) -> None:
            super().__init__()
            self.box = box
            self.cleared = cleared

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.post_message(self.Left(self, clear))

    async def action_submit(self) -> None:
        await super().action_submit()
        self.post_message(self.Left(self, False))


class ListPane(LineTable):
    """A list of the worksheet: a titled table (with a hint when it is empty) whose
    filter box is mounted beside it, in the same container, the first time `/`
    opens it. The pane is the table itself: five lists are five widgets."""

    DEFAULT_CSS = """
    ListPane { height: auto; }
    """

    def __init__(self, name: str, placeholder: str) -> None:
        super().__init__(id=f"{name}-table", classes="pane")
        self.pane_name = name
        self._placeholder = placeholder
        self.keys: list[str] = []
        """Row keys shown, in order (after filtering)."""

    @property
    def filter_box(self) -> FilterInput | None:
        """The filter box, once `/` has opened it."""
        if self.parent is None:
            return None
        boxes = self.parent.query_children(f"#{self.pane_name}-filter")
        box = boxes.first() if boxes else None
        return box if isinstance(box, FilterInput) else None

    @property
    def query_text(self) -> str:
        box = self.filter_box
        return box.value if box is not None else ""

    def set_columns(self, labels: Iterable[str]) -> None:
        self.clear(columns=True)
        self.add_columns(*(cell(label) for label in labels))

    def show_rows(self, rows: Iterable[Row], hint: str) -> None:
        """Fill the table with the rows the filter lets through; keep the cursor."""
        query = self.query_text
        kept = [(key, cells) for key, cells, hay in rows if not query or matches(query, hay)]
        self.keys = [key for key, _ in kept]
        self.set_hint(hint)
        refill(self, kept)
        box = self.filter_box
        if box is not None:
            box.display = bool(query) or box.has_focus

    def select(self, key: str) -> bool:
        """Put the cursor on the row with `key` if it is shown."""
        if key in self.keys:
            self.move_cursor(row=self.keys.index(key), animate=False)
            return True
        return False

    def open_filter(self) -> None:
        box = self.filter_box
        if box is None:
            box = FilterInput(placeholder=self._placeholder, id=f"{self.pane_name}-filter")
            if self.parent is not None:
                self.parent.mount(box, after=self)
        box.display = True
        box.can_focus = True
        box.focus()

    def close_filter(self) -> None:
        box = self.filter_box
        if box is not None:
            box.display = bool(box.value)
            box.can_focus = False
        self.focus()
