"""What a `LineTable` holds: its columns and rows, and the cells made from plain values.

A row may be made from its key when it is first drawn (`Row.build`); `KeyedRows` holds a
long list by its keys alone, and makes each `Row` when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from rich.text import Text

from coop_tui.text import clean


def cell(value: Any) -> Text:
    """A table cell showing `value` as plain text (never markup, never escapes).

    DataTable would parse a `str` as markup; a `Text` built directly is shown as is.
    """
    if isinstance(value, Text):
        return value
    return Text(clean("" if value is None else str(value)), no_wrap=True, overflow="ellipsis")


@dataclass
class Column:
    label: Text
    width: int | None = None
    """Asked width, or None: as wide as the widest cell."""
    content_width: int = 0

    @property
    def shown_width(self) -> int:
        return self.width if self.width is not None else self.content_width


@dataclass
class Row:
    key: str | None
    made: list[Text] | None = None
    build: Callable[[str], Sequence[Any]] | None = None
    """Makes the cells from the key when the row is first drawn (a long list builds only
    what shows)."""

    @property
    def cells(self) -> list[Text]:
        if self.made is None:
            built = self.build(self.key or "") if self.build is not None else ()
            self.made = [cell(c) for c in built]
            self.build = None
        return self.made


class KeyedRows(Sequence[Row]):
    """Rows known by their keys alone, each `Row` made when first asked for: refilling a
    table with 50,000 keys costs a list, not 50,000 objects."""

    def __init__(self, keys: list[str], build: Callable[[str], Sequence[Any]]) -> None:
        self.keys = keys
        self.build = build
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.keys)))]
        if index < 0:
            index += len(self.keys)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = Row(self.keys[index], None, self.build)
        return row
