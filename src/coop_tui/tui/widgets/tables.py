"""Helpers for tables (DataTable or LineTable) that show user text and survive live refreshes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from coop_tui.tui.widgets.line_table import LineTable, cell

if TYPE_CHECKING:  # a screen without DataTables need not import them (a few ms)
    from textual.widgets import DataTable

    AnyTable: TypeAlias = DataTable[Any] | LineTable


def refill(
    table: AnyTable, rows: Iterable[tuple[str, Sequence[Any]]], height: int | None = 1
) -> None:
    """Replace a table's rows, keeping the cursor on the same row key if it still exists.

    Rows are (key, cells); the key is usually a record id; `height` is each row's
    number of lines. The scroll position
    is kept too, so a refresh caused by someone else's change does not jump.
    """
    current_key = selected_key(table)
    old_row = table.cursor_row
    scroll_y = table.scroll_y
    table.clear()
    index_of: dict[str, int] = {}
    for index, (key, cells) in enumerate(rows):
        table.add_row(*(cell(c) for c in cells), key=key, height=height)
        index_of[key] = index
    if not table.row_count:
        return
    target = index_of.get(current_key or "", min(max(old_row, 0), table.row_count - 1))
    table.move_cursor(row=target, animate=False, scroll=False)
    table.scroll_to(y=scroll_y, animate=False)


def selected_key(table: AnyTable) -> str | None:
    """The row key under the cursor, or None for an empty table."""
    if not table.row_count or not 0 <= table.cursor_row < table.row_count:
        return None
    if isinstance(table, LineTable):
        return table.row_key_at(table.cursor_row)
    return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value


__all__ = ["cell", "refill", "selected_key"]
