"""A titled list that can be filtered as you type: title, filter box, table, hint.

The pane only shows; the screen that owns it builds the rows (each with the
text a filter searches) and decides what keys do. `/` on the screen calls
`open_filter()`; escape in the box clears it and gives the focus back to the
table, enter keeps the filter and goes back to the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
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


class ListPane(Vertical):
    """A table with its title (and a hint when it is empty), and a filter box once used."""

    DEFAULT_CSS = """
    ListPane { height: auto; }
    ListPane > FilterInput { display: none; height: 1; border: none; padding: 0 1; }
    ListPane.-filtering > FilterInput { display: block; }
    ListPane > LineTable { height: auto; }
    """

    def __init__(self, name: str, placeholder: str) -> None:
        super().__init__(id=f"pane-{name}", classes="pane")
        self.pane_name = name
        self._placeholder = placeholder
        self.keys: list[str] = []
        """Row keys shown, in order (after filtering)."""

    def compose(self) -> ComposeResult:
        # The table draws its title and its "empty" hint itself, and the filter box is
        # mounted (under the rows) the first time `/` opens it: the stakes screen's
        # five lists are five widgets, not twenty.
        yield LineTable(id=f"{self.pane_name}-table")

    @property
    def table(self) -> LineTable:
        return self.query_one(LineTable)

    @property
    def filter_box(self) -> FilterInput | None:
        """The filter box, once `/` has opened it."""
        boxes = self.query_children(FilterInput)
        return boxes.first() if boxes else None

    @property
    def query_text(self) -> str:
        box = self.filter_box
        return box.value if box is not None else ""

    def set_title(self, text: str) -> None:
        """The line above the table (user text in it is shown as text)."""
        self.table.set_title(text)

    def set_columns(self, labels: Iterable[str]) -> None:
        table = self.table
        table.clear(columns=True)
        table.add_columns(*(cell(label) for label in labels))

    def show_rows(self, rows: Iterable[Row], hint: str) -> None:
        """Fill the table with the rows the filter lets through; keep the cursor."""
        query = self.query_text
        kept = [(key, cells) for key, cells, hay in rows if not query or matches(query, hay)]
        self.keys = [key for key, _ in kept]
        self.table.set_hint(hint)
        refill(self.table, kept)
        self.set_class(not kept, "-empty")
        box = self.filter_box
        self.set_class(bool(query) or (box is not None and box.has_focus), "-filtering")

    def select(self, key: str) -> bool:
        """Put the cursor on the row with `key` if it is shown."""
        if key in self.keys:
            self.table.move_cursor(row=self.keys.index(key), animate=False)
            return True
        return False

    def open_filter(self) -> None:
        box = self.filter_box
        if box is None:
            box = FilterInput(placeholder=self._placeholder, id=f"{self.pane_name}-filter")
            self.mount(box, after=self.table)
        self.add_class("-filtering")
        box.can_focus = True
        box.focus()

    def close_filter(self) -> None:
        self.set_class(bool(self.query_text), "-filtering")
        box = self.filter_box
        if box is not None:
            box.can_focus = False
        self.table.focus()
