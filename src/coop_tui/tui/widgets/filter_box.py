"""`FilterBox`: the `/` filter of a list, the same on every screen.

`/` opens it, typing filters (the screen hears `Input.Changed`), `escape`
clears it and closes, `enter` keeps the filter and closes. Closed, it takes no
focus (so `tab` goes from list to list) and stays in view only while it holds
a filter, to say that the list shows a part. The screen composes or mounts
it, filters its list and, on `Closed`, gives the focus back to the list.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FilterBox(Input, can_focus=False):
    """A one-line filter box, shown while it is open or holds a filter."""

    DEFAULT_CSS = """
    FilterBox {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        background: $accent 15%;
        &:focus { border: none; background: $accent 30%; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close(True)", "key.clear_filter", show=False),
    ]

    class Closed(Message):
        """The user left the box: `cleared` by escape, or keeping the filter (enter)."""

        def __init__(self, box: FilterBox, cleared: bool) -> None:
            super().__init__()
            self.box = box
            self.cleared = cleared

        @property
        def control(self) -> FilterBox:
            return self.box

    def open(self) -> None:
        """`/`: show the box and type into it."""
        self.can_focus = True
        self.display = True
        self.focus()

    def close(self, clear: bool = False) -> None:
        """Leave the box, emptied if `clear`; the screen then focuses its list."""
        if clear:
            self.value = ""
        self.can_focus = False
        self.display = bool(self.value)
        self.post_message(self.Closed(self, clear))

    def action_close(self, clear: bool) -> None:
        self.close(clear)

    async def action_submit(self) -> None:
        """enter keeps the filter (nothing is submitted)."""
        self.close()
