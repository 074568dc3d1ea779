"""The bottom line of every screen: the keys that work here and what they do."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from coop_tui.i18n import Translator
from coop_tui.tui.bindings import describe, target_of

Entry = tuple[str, str, bool]
"""(key as shown, description, enabled)"""


class KeyBar(Widget, can_focus=False):
    """What Textual's `Footer` shows, drawn by one widget.

    The Footer builds one widget per key and rebuilds them whenever the focus
    moves, which a screen then waits for before it appears. Here the keys
    are one line of text, redrawn when the screen's active keys change (the focus
    moved, or the screen called `refresh_bindings`): the keys with `show=True` and
    a description in binding order (one entry per action), each saying what it acts
    on where the screen tells (« e Modifier l'enjeu partagé »), disabled ones dim,
    and the command palette's key on the right.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    _drawn: tuple[tuple[Any, ...], Content] | None = None
    """The last line drawn and what it was drawn from (keys, palette key, width)."""

    def __init__(self, tr: Translator) -> None:
        super().__init__()
        self.tr = tr

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        """Redrawn only if what it shows changed: Textual says the bindings changed on
        every focus move and resume, mostly to the same keys, a frame after the screen's
        own (which would then need one more)."""
        if screen is not self.screen:
            return
        keys, palette = self.shown_keys()
        if self._drawn is None or self._drawn[0] != (tuple(keys), palette, self.size.width):
            self.refresh()

    def shown_keys(self) -> tuple[list[Entry], Entry | None]:
        """The keys on the bar, in binding order, and the palette's key (or None)."""
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        seen: set[str] = set()
        keys: list[Entry] = []
        palette: Entry | None = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = (self.app.get_key_display(binding), self.tr.t("key.palette"), enabled)
            elif binding.show and binding.action not in seen:
                entry = self._entry(binding, enabled)
                if entry[1]:
                    seen.add(binding.action)
                    keys.append(entry)
        return keys, palette

    def _entry(self, binding: Binding, enabled: bool) -> Entry:
        said = describe(binding, self.tr, target_of(self.screen, binding))
        return self.app.get_key_display(binding), said, enabled

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def render(self) -> Content:
        keys, palette = self.shown_keys()
        signature = (tuple(keys), palette, self.size.width)
        if self._drawn is None or self._drawn[0] != signature:
            self._drawn = (signature, self._draw(keys, palette))
        return self._drawn[1]

    def _draw(self, keys: list[Entry], palette: Entry | None) -> Content:
        key_style = self.get_visual_style("key-bar--key", partial=True)
        text_style = self.get_visual_style("key-bar--description", partial=True)

        def part(key: str, description: str, enabled: bool) -> Content:
            piece = Content.assemble(
                (f" {key} ", key_style), (f"{description} " if description else "", text_style)
            )
            return piece if enabled else piece.stylize("dim")

        right = Content.assemble(("▏", "dim"), part(*palette)) if palette else Content("")
        room = self.size.width - right.cell_length
        left = Content("")
        for entry in keys:  # whole keys only: a cut description would mislead
            piece = part(*entry)
            if left.cell_length + piece.cell_length > room:
                left += Content(" …") if left.cell_length + 2 <= room else Content("")
                break
            left += piece
        if not palette:
            return left
        return left.pad_right(max(room - left.cell_length, 0)) + right
