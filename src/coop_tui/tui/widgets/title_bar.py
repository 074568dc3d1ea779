"""The top line of every screen: the plan's title — the screen's name, and who I am."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget, can_focus=False):
    """What Textual's `Header` shows, drawn by one widget, and the name this window's
    changes are recorded under (on the right), so two people sharing a login each
    see whose window it is.

    The Header is four widgets (icon, title, clock space and itself), mounted,
    styled and drawn again with every screen; the title is the only part that
    means anything here (the palette is on ctrl+p and on the key bar).
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, user: str = "") -> None:
        super().__init__()
        self.user = user
        """Already worded ("Vous : Claire"); "" for none."""

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._changed, init=False)
            self.watch(node, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        line = app.format_title(title, sub_title)
        width = self.size.width
        right = Content.assemble((f" {self.user} ", "bold")) if self.user else Content("")
        room = max(width - right.cell_length - 1, 0)  # the title, centred beside the name
        if line.cell_length > room:
            line = line.truncate(room, ellipsis=True)
        left = max((room - line.cell_length) // 2, 0)
        middle = max(width - right.cell_length - left - line.cell_length, 0)
        return Content(" " * left) + line + Content(" " * middle) + right
