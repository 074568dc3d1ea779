"""What the line-drawn lists share: their cursor keys and how a cell fits its column."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding, BindingType

from coop_tui.text import clean

CURSOR_BINDINGS: list[BindingType] = [
    Binding("up", "cursor(-1)", show=False),
    Binding("down", "cursor(1)", show=False),
    Binding("pageup", "page(-1)", show=False),
    Binding("pagedown", "page(1)", show=False),
    Binding("home", "cursor(-1000000)", show=False),
    Binding("end", "cursor(1000000)", show=False),
]
"""↑/↓ a row, page up/down a page, home/end the first/last row (`action_cursor`, `action_page`)."""


def fit(text: str, width: int) -> str:
    """`text` (user text, shown as text) in exactly `width` cells: cut with an ellipsis, or padded."""
    text = clean(text)
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    return set_cell_size(text, width)


def wrap(text: str, width: int, count: int) -> list[str]:
    """`text` on at most `count` lines of `width` cells, cut at spaces; the last one ends
    in … when the text goes on."""
    words = clean(text).split()
    lines: list[str] = []
    while words and len(lines) < count:
        line = words.pop(0)
        while words and cell_len(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        lines[-1] = fit(f"{lines[-1]} {' '.join(words)}", width).rstrip()
        if not lines[-1].endswith("…"):
            lines[-1] = fit(lines[-1], max(width - 1, 0)).rstrip() + "…"
    return lines
