"""A list of the worksheet: a `LineTable` whose rows carry the text its filter searches.

The pane only shows; the screen that owns it builds the rows (key, cells,
text the filter searches), sets `filter_text` from its `FilterBox` and
decides what keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from coop_tui.text import matches
from coop_tui.tui.widgets.line_table import LineTable, cell

Row = tuple[str, Sequence[Any], str]
"""(row key, cells, text the filter searches)"""


@dataclass(frozen=True, slots=True)
class LazyRows:
    """Rows known by their keys, whose cells and searched text are made from the key
    when needed (when drawn, when filtered): a list of tens of thousands builds what
    shows."""

    keys: list[str]
    cells: Callable[[str], Sequence[Any]]
    search: Callable[[str], str]


class ListPane(LineTable):
    """A titled table (with a hint when it is empty) that shows the rows its filter lets
    through. Its id is `<name>-table`; its filter box, if the screen gives it one,
    `<name>-filter`."""

    DEFAULT_CSS: ClassVar[str] = """
    ListPane { height: auto; }
    """

    def __init__(self, name: str, *, row_height: int = 1, header_height: int = 1) -> None:
        super().__init__(
            row_height=row_height, header_height=header_height, id=f"{name}-table", classes="pane"
        )
        self.pane_name = name
        self.filter_text = ""
        """The filter in force ("" for none): every word must be in a row's text."""
        self.keys: list[str] = []
        """Row keys shown, in order (after filtering)."""

    def set_columns(self, labels: Iterable[Any], widths: Iterable[int | None] = ()) -> None:
        self.clear(columns=True)
        widths = list(widths)
        for index, label in enumerate(labels):
            self.add_column(cell(label), width=widths[index] if index < len(widths) else None)

    def show_rows(self, rows: Iterable[Row] | LazyRows, hint: str = "") -> None:
        """Fill the table with the rows the filter lets through; keep the cursor."""
        query = self.filter_text
        self.set_hint(hint)
        if isinstance(rows, LazyRows):
            keys = rows.keys
            if query:
                keys = [key for key in keys if matches(query, rows.search(key))]
            self.keys = list(keys)
            self.refill_keys(self.keys, rows.cells)
            return
        kept = [(key, cells) for key, cells, hay in rows if not query or matches(query, hay)]
        self.keys = [key for key, _ in kept]
        self.refill(kept)

    def select(self, key: str) -> bool:
        """Put the cursor on the row with `key` if it is shown."""
        if key in self.keys:
            self.move_cursor(row=self.keys.index(key), animate=False)
            return True
        return False
