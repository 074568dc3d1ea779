"""Shown instead of a broken layout when the terminal is below the minimum size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmallScreen(ModalScreen[None]):
    """Says the window is too small; goes away by itself when it is large enough."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 100%; height: auto; text-align: center; color: $warning; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small-text")

    def show_size(self, width: int, height: int) -> None:
        tr = self.app.tr  # type: ignore[attr-defined]
        text = tr.t(
            "app.too_small", width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT
        )
        self.query_one(Static).update(Content(text))

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)
