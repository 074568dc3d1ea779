"""`?`: every key of the current screen, generated from its bindings."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coop_tui.tui.bindings import describe, target_of
from coop_tui.tui.widgets.line_table import LineTable


def _declared_keys(cls: type) -> set[str]:
    """Keys bound in coop-tui's own classes (not inherited from Textual's)."""
    keys: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("coop_tui"):
            continue
        for binding in klass.__dict__.get("BINDINGS", []):
            key = binding.key if isinstance(binding, Binding) else binding[0]
            keys.update(k.strip() for k in key.split(","))
    return keys


class HelpModal(ModalScreen[None]):
    """A table of key → what it does, for the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", show=False),
    ]
    DEFAULT_CSS = """
    HelpModal { align: center middle; }
    HelpModal > Vertical { width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    HelpModal #help-title { text-style: bold; color: $primary; padding: 1 0; }
    HelpModal LineTable { height: auto; max-height: 30; }
    HelpModal #help-close { color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = screen

    def rows(self) -> list[tuple[str, str]]:
        """(key, description) of every key coop-tui declares on the screen, deduplicated.

        Keys Textual itself provides (scrolling, copying) are summed up by the
        first two rows instead of listed one by one.
        """
        tr = self.app.tr  # type: ignore[attr-defined]
        rows: list[tuple[str, str]] = [
            ("↑ ↓ ← →", tr.t("help.arrows")),
            (
                self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "")),
                tr.t("help.palette"),
            ),  # as the key bar writes it: ^p
        ]
        keys_of: dict[str, list[str]] = {}
        for active in self.for_screen.active_bindings.values():
            binding = active.binding
            description = describe(binding, tr, target_of(self.for_screen, binding))
            if not description or binding.key not in _declared_keys(type(active.node)):
                continue
            key = binding.key_display or self.app.get_key_display(binding)
            keys = keys_of.setdefault(description, [])
            if key not in keys:
                keys.append(key)
        return rows + [(" / ".join(keys), description) for description, keys in keys_of.items()]

    def compose(self) -> ComposeResult:
        tr = self.app.tr  # type: ignore[attr-defined]
        name = getattr(self.for_screen, "screen_title", "") or self.for_screen.__class__.__name__
        with Vertical():
            yield Static(Content(tr.t("help.title", screen=name)), id="help-title")
            yield LineTable()
            yield Static(Content(tr.t("help.close")), id="help-close")

    def on_mount(self) -> None:
        tr = self.app.tr  # type: ignore[attr-defined]
        table = self.query_one(LineTable)
        table.add_columns(tr.t("help.key"), tr.t("help.does"))
        for key, description in self.rows():
            table.add_row(key, description)
        table.focus()
