"""`LineTable`: rows and columns with a row cursor, drawn line by line.

Textual's `DataTable` renders every cell through Rich and brings a dozen
component styles: on the stakes screen, five of them were half the time the
screen took to appear. The lists of the worksheet need much less: one line
per row, columns as wide as their content (or as asked), a fixed header, a
row cursor that says when it moves, `enter` to open, and optionally a title
above the header and a hint in place of no rows. This widget keeps the
part of DataTable's interface those lists use (`add_column`, `add_row`,
`clear`, `move_cursor`, `cursor_row`, `row_count`, `get_row_at`, and the
`RowHighlighted` / `RowSelected` messages), so it slots in where they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coop_tui.text import clean
from coop_tui.tui.widgets.line_keys import CURSOR_BINDINGS, fit

PADDING = 1
"""Spaces on each side of a cell (as DataTable)."""


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
    cells: list[Text] = field(default_factory=list)


class LineTable(ScrollView, can_focus=True):
    """A table of one-line rows; ↑/↓ move the cursor, `enter` selects the row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("enter", "select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--title",
        "line-table--hint",
        "line-table--header",
        "line-table--even-row",
        "line-table--cursor",
    }
    DEFAULT_CSS = """
    LineTable {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        color: $foreground;
        & > .line-table--title { text-style: bold; color: $primary; background: $background; }
        & > .line-table--hint { color: $text-muted; background: $background; }
        & > .line-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .line-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .line-table--even-row { background: $surface-darken-1 40%; }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .line-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class RowHighlighted(Message):
        """The cursor is on another row (or the rows changed under it)."""

        def __init__(self, table: LineTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> LineTable:
            return self.table

    class RowSelected(RowHighlighted):
        """`enter` on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: list[Row] = []
        self.cursor_row = 0
        self.title = ""
        """A line above the header ("" for none)."""
        self.hint = ""
        """What the table says when it has no rows ("" for nothing)."""
        self._strips: dict[tuple[int, int], Strip] = {}

    @property
    def _fixed(self) -> int:
        """Lines drawn above the rows, never scrolled: the title and the header."""
        return 2 if self.title else 1

    def set_title(self, text: str) -> None:
        self.title = clean(text)
        self._changed()

    def set_hint(self, text: str) -> None:
        self.hint = clean(text)
        self._changed()

    # --- content (DataTable's names) ----------------------------------------------

    def add_column(self, label: Any, *, width: int | None = None) -> None:
        text = cell(label)
        self.columns.append(Column(text, width, cell_len(text.plain)))
        self._changed()

    def add_columns(self, *labels: Any) -> None:
        for label in labels:
            self.add_column(label)

    def clear(self, columns: bool = False) -> LineTable:
        self.rows.clear()
        if columns:
            self.columns.clear()
        else:
            for column in self.columns:
                column.content_width = cell_len(column.label.plain)
        self.cursor_row = 0
        self._changed()
        return self

    def add_row(self, *cells: Any, key: str | None = None, height: int | None = 1) -> None:
        texts = [cell(c) for c in cells]
        for column, text in zip(self.columns, texts):
            column.content_width = max(column.content_width, cell_len(text.plain))
        self.rows.append(Row(key, texts))
        if len(self.rows) == 1:
            self.post_message(self.RowHighlighted(self, 0))
        self._changed()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def get_row_at(self, index: int) -> list[Text]:
        return list(self.rows[index].cells)

    def row_key_at(self, index: int) -> str | None:
        return self.rows[index].key if 0 <= index < len(self.rows) else None

    def move_cursor(
        self, *, row: int | None = None, animate: bool = False, scroll: bool = True
    ) -> None:
        """Put the cursor on `row` (clamped) and say so, as DataTable does."""
        if row is None or not self.rows:
            return
        previous, self.cursor_row = self.cursor_row, max(0, min(row, len(self.rows) - 1))
        self._refresh_row(previous)
        self._refresh_row(self.cursor_row)
        if scroll:
            self._scroll_to_cursor()
        self.post_message(self.RowHighlighted(self, self.cursor_row))

    def _changed(self) -> None:
        self._strips.clear()
        width = sum(c.shown_width + 2 * PADDING for c in self.columns)
        rows = len(self.rows) or (1 if self.hint else 0)
        self.virtual_size = Size(width, rows + self._fixed)
        self.refresh(layout=True)

    # --- drawing ------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        fixed = self._fixed
        if y < fixed - 1:
            return self._text_line(self.title, "line-table--title", width)
        if y == fixed - 1:
            role, cells, index = "line-table--header", [c.label for c in self.columns], -1
        else:
            index = self.scroll_offset.y + y - fixed
            if not self.rows and index == 0 and self.hint:
                return self._text_line(self.hint, "line-table--hint", width)
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            row = self.rows[index]
            cells = row.cells
            role = "line-table--cursor" if index == self.cursor_row else ""
            if not role and index % 2:
                role = "line-table--even-row"
        # The whole row is drawn once (as wide as the columns, or the widget), then
        # the part in view is cut from it: a table wider than its pane scrolls sideways.
        full = max(width, self.virtual_size.width)
        strip = self._strips.get((index, full))
        if strip is None:
            strip = self._line(cells, role, full)
            self._strips[(index, full)] = strip
        x = self.scroll_offset.x
        return strip.crop_extend(x, x + width, self.rich_style) if x or full > width else strip

    def _text_line(self, text: str, role: str, width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style(role)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)

    def _line(self, cells: Iterable[Text], role: str, width: int) -> Strip:
        base = self.rich_style
        if role:
            base = base + self.get_component_rich_style(role)
        segments = []
        for number, (column, text) in enumerate(zip(self.columns, cells)):
            room = column.shown_width
            plain = fit(text.plain.replace("\n", " "), room).rstrip(" ")
            gap = room - cell_len(plain)
            justify = text.justify
            left = gap // 2 if justify == "center" else gap if justify == "right" else 0
            pad = " " * PADDING
            cell_text = f"{pad}{' ' * left}{plain}{' ' * (gap - left)}{pad}"
            # Each cell says its column (as DataTable's do): that also keeps cells
            # apart in screenshots, where each is then placed at its column.
            where = Style.from_meta({"column": number})
            segments.append(Segment(cell_text, base + _style_of(text) + where))
        return Strip(segments).crop_extend(0, width, base)

    def _refresh_row(self, index: int) -> None:
        self._strips = {k: v for k, v in self._strips.items() if k[0] != index}
        y = index - self.scroll_offset.y + self._fixed
        if self._fixed <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # --- keys ---------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self.cursor_row + direction * max(self.size.height - 2, 1))

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def _scroll_to_cursor(self) -> None:
        # The first lines are fixed: row i is drawn on virtual line i + fixed, so
        # the lines from i to i + fixed must all be in view.
        self.scroll_to_region(
            Region(0, self.cursor_row, 1, self._fixed + 1), animate=False, immediate=True
        )

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y - self._fixed
        if event.y >= self._fixed and 0 <= index < len(self.rows):
            self.move_cursor(row=index, scroll=False)


def _style_of(text: Text) -> Style:
    style = text.style
    if isinstance(style, Style):
        return style
    return Style.parse(style) if style else Style()
