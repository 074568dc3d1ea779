"""`ReportView`: a page of text lines drawn one by one, some of them selectable.

The dashboard is a report: a summary, then sections of aligned rows. Built
from one widget drawn with Textual's Line API, it costs a fraction of the
containers, labels and tables it would otherwise take to mount, style and
paint, and only the lines on screen are drawn. Rows that stand for a record
carry its key: the cursor moves between them, the screen opens the selected one.

Its first showing may take only the lines that fill the terminal (and reach the
first selectable one, where the cursor starts): the lines below are taken once
that frame is written (its owner calls `take_below`), or as soon as a key or a
reader needs them. A page worked out as it is read (the dashboard's sections)
paints its top first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coop_tui.text import clean
from coop_tui.tui.widgets.line_keys import CURSOR_BINDINGS, fit

ROLES = ("title", "header", "warning", "muted")
"""How a part of a line may be drawn besides plain text (see the component classes)."""

Part = tuple[str, str]
"""(text, role); role is "" for plain text or one of ROLES."""

_PART = [Style.from_meta({"part": n}) for n in range(16)]


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One line of the report; `key` makes it selectable (what `enter` opens)."""

    parts: tuple[Part, ...] = ()
    key: str | None = None


def text_line(text: str, role: str = "", key: str | None = None) -> ReportLine:
    """A line of user text (shown as it is: never markup), one cell from the edge."""
    return ReportLine(((" " + clean(text), role),), key)


def table_row(
    cells: Sequence[Any],
    widths: Sequence[int],
    role: str = "",
    key: str | None = None,
    right: Sequence[int] = (),
) -> ReportLine:
    """Cells in columns of the given widths (two spaces apart), as one line;
    the columns numbered in `right` are aligned right (numbers)."""
    parts: list[Part] = [(" ", role)]
    for index, (value, width) in enumerate(zip(cells, widths, strict=False)):
        text = fit("" if value is None else str(value), width)
        if index in right:
            text = text.strip()
            text = " " * (width - cell_len(text)) + text
        parts.append((text + "  ", role))  # one part per cell: columns stay aligned
    return ReportLine(tuple(parts), key)


class ReportView(ScrollView, can_focus=True):
    """Lines of text; ↑/↓ move between the selectable ones (the screen opens
    `selected_key`)."""

    BINDINGS: ClassVar[list[BindingType]] = CURSOR_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"report-view--{role}" for role in ROLES),
        "report-view--cursor",
        "report-view--cursor-blurred",
    }
    DEFAULT_CSS = """
    ReportView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $background;
        & > .report-view--title { color: $primary; text-style: bold; }
        & > .report-view--header { background: $panel; text-style: bold; }
        & > .report-view--warning { color: $warning; }
        & > .report-view--muted { color: $text-muted; }
        & > .report-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .report-view--cursor-blurred { background: $block-cursor-blurred-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[ReportLine] = []
        self.cursor = -1
        """Index of the selected line, or -1 when no line is selectable."""
        self._strips: dict[tuple[int, int], Strip] = {}
        self._below: Iterator[ReportLine] | None = None
        """The lines not taken yet by the first showing (`show`)."""

    # --- content ------------------------------------------------------------------

    def show(self, lines: Iterable[ReportLine]) -> bool:
        """Replace the lines, keeping the cursor on the same key when it is still there;
        whether some are left for `take_below`.

        The first showing (nothing shown yet: no cursor, no scrolling to keep) takes
        the lines that fill the terminal and reach the first selectable one; the rest
        wait for `take_below`, once the frame that paints those is written. Later
        showings take every line now: where the cursor and the scrolling were must be
        found again.
        """
        key = self.selected_key
        if self.lines or self._below is not None:
            self._below = None
            self.lines = list(lines)
        else:
            self.lines = self._first_lines(iter(lines))
        keys = [i for i, line in enumerate(self.lines) if line.key is not None]
        by_key = {self.lines[i].key: i for i in keys}
        if key in by_key:
            self.cursor = by_key[key]
        elif keys:
            before = [i for i in keys if i <= self.cursor]
            self.cursor = before[-1] if before else keys[0]
        else:
            self.cursor = -1
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.lines))
        self.refresh()
        self.refresh_bindings()
        return self._below is not None

    def _first_lines(self, lines: Iterator[ReportLine]) -> list[ReportLine]:
        """The lines of a first showing; what is left is taken after its frame."""
        taken: list[ReportLine] = []
        height, selectable = self.app.size.height, False
        for line in lines:
            taken.append(line)
            selectable = selectable or line.key is not None
            if selectable and len(taken) >= height:
                self._below = lines
                break
        return taken

    def take_below(self) -> None:
        """Take the lines the first showing left (see `show`): the cursor, the lines on
        screen and the scrolling stay as they are; the scrollbar follows."""
        below, self._below = self._below, None
        if below is not None:
            try:
                self.lines.extend(below)
            finally:  # a section that fails still leaves the lines taken scrollable
                self.virtual_size = Size(self.size.width, len(self.lines))

    @property
    def selected_key(self) -> str | None:
        if 0 <= self.cursor < len(self.lines):
            return self.lines[self.cursor].key
        return None

    def plain_lines(self) -> list[str]:
        """The text of every line (what a reader sees, scrolled or not)."""
        self.take_below()
        return ["".join(text for text, _ in line.parts) for line in self.lines]

    # --- drawing ------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        strip = self._strips.get((index, width))
        if strip is None:
            styles = {role: self.get_component_rich_style(f"report-view--{role}") for role in ROLES}
            # Each part is told apart (meta): screenshots place each at its column.
            segments = [
                Segment(text, (base + styles[role] if role else base) + _PART[min(n, 15)])
                for n, (text, role) in enumerate(self.lines[index].parts)
            ]
            strip = Strip(segments).crop_extend(0, width, base)
            self._strips[(index, width)] = strip
        if index == self.cursor:
            name = "report-view--cursor" if self.has_focus else "report-view--cursor-blurred"
            cursor = self.get_component_rich_style(name, partial=True)
            strip = Strip([Segment(s.text, (s.style or base) + cursor) for s in strip], width)
        return strip

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # --- keys ---------------------------------------------------------------------

    def _selectable(self) -> list[int]:
        self.take_below()
        return [i for i, line in enumerate(self.lines) if line.key is not None]

    def action_cursor(self, step: int) -> None:
        keys = self._selectable()
        if not keys:
            self.scroll_to(y=self.scroll_y + step, animate=False)
            return
        position = keys.index(self.cursor) if self.cursor in keys else 0
        target = keys[max(0, min(len(keys) - 1, position + step))]
        if target == self.cursor and abs(step) == 1:
            # At the first or last row: scroll the rest of the page into view.
            self.scroll_to(y=0 if step < 0 else self.max_scroll_y, animate=False)
        self._move_to(target)

    def action_page(self, direction: int) -> None:
        self.take_below()
        self.scroll_to(y=self.scroll_y + direction * max(self.size.height - 1, 1), animate=False)
        top, bottom = self.scroll_offset.y, self.scroll_offset.y + self.size.height
        keys = [i for i in self._selectable() if top <= i < bottom]
        if keys:
            self._move_to(keys[0] if direction < 0 else keys[-1], scroll=False)

    def _move_to(self, index: int, *, scroll: bool = True) -> None:
        if index == self.cursor:
            return
        previous, self.cursor = self.cursor, index
        for line in (previous, index):
            self.refresh_line(line)
        self.refresh_bindings()  # the key bar says what enter opens
        if scroll:
            self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)

    def refresh_line(self, index: int) -> None:
        """Repaint one line (given by its index in `lines`)."""
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.lines) and self.lines[index].key is not None:
            self.focus()
            self._move_to(index, scroll=False)
