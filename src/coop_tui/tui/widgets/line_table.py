"""`LineTable`: rows and columns with a row cursor, drawn line by line.

Every list of the app is one: Textual's `DataTable` renders every cell
through Rich and brings a dozen component styles, and the lists of the
worksheet need much less: rows of one line (or of a fixed number of lines,
as the action plan's), columns as wide as their content (or as asked), a
fixed header (its labels wrapped when it has several lines), a row cursor
that says when it moves, `enter` to open, and optionally a title above the
header and a hint in place of no rows. It keeps the names of DataTable's
interface that those lists use (`add_column`, `add_row`, `clear`,
`move_cursor`, `cursor_row`, `row_count`, `get_row_at`, and the
`RowHighlighted` / `RowSelected` messages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
from coop_tui.tui.widgets.line_keys import CURSOR_BINDINGS, fit, wrap
from coop_tui.tui.widgets.table_rows import Column, KeyedRows, Row, cell

__all__ = ["PADDING", "Column", "KeyedRows", "LineTable", "Row", "cell"]

PADDING = 1
"""Spaces on each side of a cell (as DataTable)."""


class LineTable(ScrollView, can_focus=True):
    """A table of rows of `row_height` lines; ↑/↓ move the cursor, `enter` selects the row.

    A cell's text may hold line breaks: line k of a row shows line k of each of
    its cells (with one line per row, they are joined by spaces).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("enter", "select", show=False),
        # A table wider than its pane (the action plan's six columns at 80 columns)
        # scrolls sideways, a column at a time.
        Binding("left", "scroll_columns(-1)", "key.scroll_columns", show=False),
        Binding("right", "scroll_columns(1)", "key.scroll_columns", show=False),
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
        /* The list in focus is told apart by shapes, not colour alone (NO_COLOR too):
           a bar down its left edge, drawn over the first cell's padding, and its
           title in reverse video. */
        &:focus { outline-left: outer $accent; }
        &:focus > .line-table--title { text-style: bold reverse; }
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

    def __init__(
        self,
        *,
        row_height: int = 1,
        header_height: int = 1,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.row_height = max(row_height, 1)
        self.header_height = max(header_height, 1)
        self.columns: list[Column] = []
        self.rows: Sequence[Row] = []
        """The rows: a list, or `KeyedRows` after `refill_keys`."""
        self.cursor_row = 0
        self.title = ""
        """A line above the header ("" for none)."""
        self.hint = ""
        """What the table says when it has no rows ("" for nothing)."""
        self._strips: dict[tuple[int, int, int], Strip] = {}

    @property
    def _fixed(self) -> int:
        """Lines drawn above the rows, never scrolled: the title and the header."""
        return self.header_height + (1 if self.title else 0)

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
        self.rows = []
        if columns:
            self.columns.clear()
        else:
            for column in self.columns:
                column.content_width = cell_len(column.label.plain)
        self.cursor_row = 0
        self._changed()
        return self

    def add_row(self, *cells: Any, key: str | None = None) -> None:
        self._append(cells, key)
        if len(self.rows) == 1:
            self.post_message(self.RowHighlighted(self, 0))
        self._changed()

    def _append(self, cells: Sequence[Any], key: str | None) -> None:
        texts = [cell(c) for c in cells]
        for column, text in zip(self.columns, texts, strict=False):
            plain = text.plain
            widest = max(map(cell_len, plain.split("\n"))) if "\n" in plain else cell_len(plain)
            column.content_width = max(column.content_width, widest)
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        self.rows.append(Row(key, texts))

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def get_row_at(self, index: int) -> list[Text]:
        return list(self.rows[index].cells)

    def row_key_at(self, index: int) -> str | None:
        return self.rows[index].key if 0 <= index < len(self.rows) else None

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor (None for an empty table)."""
        return self.row_key_at(self.cursor_row)

    def refill(
        self,
        rows: Iterable[tuple[str, Sequence[Any]]],
        build: Callable[[str], Sequence[Any]] | None = None,
    ) -> None:
        """Replace the rows (key, cells), keeping the cursor on the same key if it still
        exists, else on the same line; and the scroll position, so that a refresh caused
        by someone else's change does not jump.

        With `build`, only the keys of `rows` are read: a row's cells are `build(key)`,
        made when it is first drawn — when every column has a set width (nothing to
        measure); otherwise at once."""
        current_key = self.selected_key
        old_row = self.cursor_row
        scroll_y = self.scroll_y
        self.clear()
        index_of: dict[str, int] = {}
        lazy = build is not None and all(c.width is not None for c in self.columns)
        made: list[Row] = []
        self.rows = made
        for index, (key, cells) in enumerate(rows):
            if lazy:
                made.append(Row(key, None, build))
            else:
                self._append(build(key) if build is not None else cells, key)
            index_of[key] = index
        self._changed()  # once for all the rows
        self._keep_place(index_of.get(current_key or ""), old_row, scroll_y)

    def refill_keys(self, keys: list[str], build: Callable[[str], Sequence[Any]]) -> None:
        """`refill` with rows known by their keys (`keys` is kept, not copied): when every
        column has a set width, no row is made until it shows, and none is made per key."""
        if not all(c.width is not None for c in self.columns):
            self.refill(((key, ()) for key in keys), build)
            return
        current_key = self.selected_key
        old_row, scroll_y = self.cursor_row, self.scroll_y
        self.clear()
        self.rows = KeyedRows(keys, build)
        self._changed()
        index: int | None = None
        if current_key is not None:
            try:
                index = keys.index(current_key)
            except ValueError:
                index = None
        self._keep_place(index, old_row, scroll_y)

    def _keep_place(self, index: int | None, old_row: int, scroll_y: float) -> None:
        """After a refill: the cursor on the row it was on (`index`, if still there) or
        else on the same line; the scroll where it was."""
        if not self.rows:
            return
        self.post_message(self.RowHighlighted(self, 0))  # as add_row says a first row
        target = index if index is not None else min(max(old_row, 0), len(self.rows) - 1)
        self.move_cursor(row=target, animate=False, scroll=False)
        self.scroll_to(y=scroll_y, animate=False)

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
        lines = len(self.rows) * self.row_height or (1 if self.hint else 0)
        self.virtual_size = Size(width, lines + self._fixed)
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
        titled = 1 if self.title else 0
        if y < titled:
            return self._text_line(self.title, "line-table--title", width)
        if y < self._fixed:
            part = y - titled
            role, index = "line-table--header", -1
            cells: Sequence[Text | str] = [self._header_line(c, part) for c in self.columns]
        else:
            line = self.scroll_offset.y + y - self._fixed
            index, part = divmod(line, self.row_height)
            if not self.rows and line == 0 and self.hint:
                return self._text_line(self.hint, "line-table--hint", width)
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            cells = self.rows[index].cells
            role = "line-table--cursor" if index == self.cursor_row else ""
            if not role and index % 2:
                role = "line-table--even-row"
        # The whole row is drawn once (as wide as the columns, or the widget), then
        # the part in view is cut from it: a table wider than its pane scrolls sideways.
        full = max(width, self.virtual_size.width)
        strip = self._strips.get((index, part, full))
        if strip is None:
            strip = self._line(cells, part, role, full)
            self._strips[(index, part, full)] = strip
        x = self.scroll_offset.x
        return strip.crop_extend(x, x + width, self.rich_style) if x or full > width else strip

    def _header_line(self, column: Column, part: int) -> str:
        """Line `part` of a column's label, wrapped to the header's lines."""
        lines = wrap(column.label.plain, column.shown_width, self.header_height)
        return lines[part] if part < len(lines) else ""

    def _text_line(self, text: str, role: str, width: int) -> Strip:
        """The title or the hint, where the cells' text starts (after their padding)."""
        style = self.rich_style + self.get_component_rich_style(role)
        return Strip([Segment(" " * PADDING + text, style)]).crop_extend(0, width, style)

    def _line(self, cells: Iterable[Text | str], part: int, role: str, width: int) -> Strip:
        """Line `part` of a row (or of the header): each cell fitted to its column."""
        base = self.rich_style
        if role:
            base = base + self.get_component_rich_style(role)
        segments = []
        for number, (column, value) in enumerate(zip(self.columns, cells, strict=False)):
            room = column.shown_width
            text = value if isinstance(value, Text) else Text(value)
            if self.row_height == 1 or role == "line-table--header":
                line = text.plain.replace("\n", " ")
            else:
                lines = text.plain.split("\n")
                line = lines[part] if part < len(lines) else ""
            plain = fit(line, room).rstrip(" ")
            gap = room - cell_len(plain)
            justify = text.justify
            left = gap // 2 if justify == "center" else gap if justify == "right" else 0
            pad = " " * PADDING
            # Each cell says its column (as DataTable's do): that also keeps cells
            # apart in screenshots, where each is then placed at its column.
            style = base + _style_of(text) + Style.from_meta({"column": number})
            before, after = f"{pad}{' ' * left}", f"{' ' * (gap - left)}{pad}"
            pieces = _styled(text, line, plain, part, style)
            if len(pieces) == 1 and pieces[0].style == style:  # one segment for the cell
                segments.append(Segment(before + plain + after, style))
            else:
                segments += [Segment(before, style), *pieces, Segment(after, style)]
        return Strip(segments).crop_extend(0, width, base)

    def _refresh_row(self, index: int) -> None:
        self._strips = {k: v for k, v in self._strips.items() if k[0] != index}
        y = index * self.row_height - self.scroll_offset.y + self._fixed
        if self._fixed - self.row_height < y < self.size.height:
            self.refresh(Region(0, y, self.size.width, self.row_height))

    # --- keys ---------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        rows_in_view = (self.size.height - self._fixed) // self.row_height
        self.move_cursor(row=self.cursor_row + direction * max(rows_in_view, 1))

    def action_scroll_columns(self, step: int) -> None:
        """←/→: bring the previous / next column to the left edge (when the table is
        wider than its pane)."""
        starts, x = [], 0
        for column in self.columns:
            starts.append(x)
            x += column.shown_width + 2 * PADDING
        now = round(self.scroll_x)
        if step > 0:
            target = next((start for start in starts if start > now), now)
        else:
            target = max((start for start in starts if start < now), default=0)
        self.scroll_to(x=min(target, self.max_scroll_x), animate=False)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def _scroll_to_cursor(self) -> None:
        # The first lines are fixed: line y of the rows is drawn on virtual line
        # y + fixed, so the lines from the row's first to its last + fixed must be in view.
        first = self.cursor_row * self.row_height
        self.scroll_to_region(
            Region(0, first, 1, self._fixed + self.row_height), animate=False, immediate=True
        )

    def on_click(self, event: events.Click) -> None:
        index = (self.scroll_offset.y + event.y - self._fixed) // self.row_height
        if event.y >= self._fixed and 0 <= index < len(self.rows):
            self.move_cursor(row=index, scroll=False)


def _styled(text: Text, line: str, plain: str, part: int, style: Style) -> list[Segment]:
    """`plain` (line `part` of `text`, fitted) as segments, with the styles of `text`'s spans."""
    if not text.spans or plain != line:  # no spans, or cut: the cell's own style
        return [Segment(plain, style)]
    start = sum(len(p) + 1 for p in text.plain.split("\n")[:part])
    piece = text[start : start + len(line)]
    segments = []
    for part_text in piece.divide(_edges(piece)):
        piece_style = style
        for span in part_text.spans:
            piece_style += _as_style(span.style)
        segments.append(Segment(part_text.plain, piece_style))
    return segments


def _edges(text: Text) -> list[int]:
    return sorted({o for span in text.spans for o in (span.start, span.end)} - {0, len(text)})


def _style_of(text: Text) -> Style:
    return _as_style(text.style)


def _as_style(style: str | Style) -> Style:
    if isinstance(style, Style):
        return style
    return Style.parse(style) if style else Style()
