"""A DataTable with a `/` filter beneath it that narrows the rows as you type.

The screen hands it every row (key, cells, searchable text); the widget shows
those that match the filter, keeping the cursor on the same key (`refill`).
Escape clears the filter and gives the focus back to the table; enter keeps
the filter and goes back to the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input

from coop_tui.text import matches
from coop_tui.tui.widgets.tables import refill


@dataclass(frozen=True, slots=True)
class Row:
    """One row: its key (a record id), its cells and the text the filter searches."""

    key: str
    cells: Sequence[Any]
    search: str = ""


def _plain(value: Any) -> str:
    return value.plain if isinstance(value, Text) else ("" if value is None else str(value))


def row_matches(row: Row, query: str) -> bool:
    """Whether every word of `query` is in the row (case- and accent-insensitive)."""
    return matches(query, " ".join([row.search, *(_plain(c) for c in row.cells)]))


class FilteredTable(Vertical):
    """A row table plus its filter input (hidden until `/`, shown while it filters)."""

    DEFAULT_CSS = """
    FilteredTable { height: 1fr; }
    FilteredTable > DataTable { height: 1fr; }
    FilteredTable > Input { display: none; height: 1; margin: 0 1; }
    FilteredTable > Input.-shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", show=False),
    ]

    def __init__(
        self,
        *,
        row_height: int = 1,
        header_height: int = 1,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.row_height = row_height
        self.header_height = header_height
        self.placeholder = placeholder
        self._rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, header_height=self.header_height)
        yield Input(placeholder=self.placeholder, compact=True)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def query_text(self) -> str:
        return self.filter_input.value

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show `rows`, or those matching the filter, keeping the cursor on its key."""
        self._rows = list(rows)
        self._show()

    def _show(self) -> None:
        query = self.query_text
        shown = [row for row in self._rows if row_matches(row, query)]
        refill(self.table, ((row.key, row.cells) for row in shown), height=self.row_height)

    # --- the filter -----------------------------------------------------------------

    def start_filter(self) -> None:
        """`/`: show the filter input and type into it."""
        self.filter_input.add_class("-shown")
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        """Escape: drop the filter and go back to the table."""
        box = self.filter_input
        if not box.value and not box.has_class("-shown"):
            return
        box.value = ""
        box.remove_class("-shown")
        self._show()
        self.table.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.filter_input.remove_class("-shown")
        self.table.focus()
