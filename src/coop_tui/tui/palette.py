"""The command palette in the user's language.

Textual's palette speaks English in three places: its placeholder ("Search
for commands…", a public parameter of `CommandPalette`), the names of its
own commands (`App.get_system_commands`), and "No matches found" (drawn by the
palette itself). The app opens the palette with a translated placeholder,
renames the few Textual commands it keeps, and searches its commands through
`CommandsProvider`, which always answers something: a query that matches no
command gets a line saying so, in the user's language, so Textual's own
message never shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from coop_tui.text import clean
from coop_tui.tui.bindings import describe, target_of
from coop_tui.tui.modes import MODE_KEYS

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from coop_tui.i18n import Translator

#: Textual's own commands kept in the palette (by their English title) -> catalog key.
#: The others are left out: "Quit" (the app's `q` is listed already), "Keys" (`?`
#: lists them in the user's language), "Screenshot" (it answers in English).
TEXTUAL_COMMANDS: dict[str, str] = {
    "Theme": "palette.theme",
    "Maximize": "palette.maximize",
    "Minimize": "palette.minimize",
}


def _translator(app: App[Any]) -> Translator:
    return app.tr  # type: ignore[attr-defined, no-any-return]


def open_palette(app: App[Any]) -> None:
    """ctrl+p: the palette, its placeholder in the user's language."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        placeholder = _translator(app).t("palette.placeholder")
        app.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))


def open_themes(app: App[Any]) -> None:
    """The theme chooser (Textual's own list of themes, with a translated placeholder)."""
    from textual.theme import ThemeProvider

    placeholder = _translator(app).t("palette.themes")
    app.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))


def screen_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Every key of `screen`, by name (« Ajouter une action  touche a »), then the screens
    by number, then what the screen, the phases and the exports add."""
    tr = _translator(app)
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        description = describe(binding, tr, target_of(screen, binding))
        if not description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        node = active.node
        key = binding.key_display or app.get_key_display(binding)

        def run(action: str = binding.action, node: Any = node) -> None:
            app.call_later(app.run_action, action, node)

        yield SystemCommand(description, tr.t("app.key", key=key), run)
    for key, mode in MODE_KEYS.items():
        if f"switch_mode('{mode}')" in seen:
            continue  # listed above, from the screen's keys
        yield SystemCommand(
            tr.t(f"key.mode.{mode}"),
            tr.t("app.key", key=key),
            lambda mode=mode: app.switch_mode(mode),
        )
    extra = getattr(screen, "palette_commands", None)
    if callable(extra):
        yield from extra()
    from coop_tui.tui.modals.export import export_commands
    from coop_tui.tui.screens.phasing import phase_commands

    yield from phase_commands(screen)
    yield from export_commands(screen)


def textual_commands(app: App[Any], commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands worth keeping, named in the user's language."""
    tr = _translator(app)
    for command in commands:
        key = TEXTUAL_COMMANDS.get(command.title)
        if key is None:
            continue
        callback: Callable[[], Any] = command.callback
        if key == "palette.theme":

            def callback() -> None:
                open_themes(app)

        yield SystemCommand(tr.t(key), tr.t(f"{key}.help"), callback, command.discover)


class CommandsProvider(Provider):
    """The app's commands (`App.get_system_commands`), searched by name."""

    def _commands(self) -> list[SystemCommand]:
        return list(self.app.get_system_commands(self.screen))

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in sorted(self._commands(), key=lambda c: c[0]):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for name, help_text, callback, *_ in self._commands():
            if (score := matcher.match(name)) > 0:
                found = True
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        if not found and query.strip():
            said = _translator(self.app).t("palette.no_match", query=clean(query.strip()))
            yield Hit(0.0001, Content(said), _nothing, text=said)


def _nothing() -> None:
    """What the "no command matches" line does when chosen: nothing."""


__all__ = ["TEXTUAL_COMMANDS", "CommandsProvider", "open_palette", "open_themes"]
