"""Nothing English in the French interface, nothing French in the English one.

A walk through every screen, its add and edit forms, its delete confirmation, its own
dialogs, the help (`?`) and the command palette (with and without a match), reading
what the terminal shows, then looking for the words seen leaking (issue 12): Textual's
own ("Search for commands…", "Cursor down", key names), the catalog's English words.
Words the demo's own data holds (names, titles) are not held against the interface.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from coop_tui.interchange import export_text
from tests.helpers import TODAY, loaded, make_app, read, screen_text, show_mode, wait_until

#: Words of the English interface, and Textual's, that once showed in the French one.
ENGLISH = [
    "Search", "search for", "Cursor", "cursor down", "space", "del", "pgup", "pgdn", "home",
    "No matches", "Select", "Quit", "Theme", "Keys", "Maximize", "Minimize", "Screenshot",
    "Save", "Cancel", "Delete", "Edit", "Add", "Filter", "Help", "Undo", "Open", "Close",
    "Next", "Previous", "Stakes", "Objectives", "Board", "Timeline", "Dashboard", "Yes",
    "None", "none", "todo", "in_progress", "blocked", "done", "dropped", "Skill", "Remedy",
    "remedy", "Press", "quit", "undo", "Move", "move", "add actions", "Change", "palette:",
    "Status", "Level", "Value", "Name", "Date reached", "Keep", "Discard", "Theirs", "Mine",
]  # fmt: skip
#: Words of the French interface that must not show in the English one.
FRENCH = [
    "Ajouter", "Modifier", "Supprimer", "Filtrer", "Aide", "Défaire", "Quitter", "Annuler",
    "Enregistrer", "Touche", "espace", "suppr", "Chercher", "Aucune", "Enjeux", "Objectifs",
    "Tableau de bord", "Frise", "Statut", "À faire", "En cours", "Terminée", "Bloquée",
    "Abandonnée", "Réponse envisagée", "Vous", "Garder", "Nouvelle", "Nouvel", "Valeur",
    "Étape", "Prochaine", "Phase en cours", "Financement", "Écart", "Trajectoire",
    "Dernière mesure", "Référent", "Compétences requises", "Partenaires extérieurs",
]  # fmt: skip


async def _look(pilot: Any, seen: list[str]) -> None:
    await pilot.pause()
    seen.append(screen_text(pilot.app))


async def _open_and_close(pilot: Any, keys: list[str], seen: list[str]) -> None:
    """Press `keys` (which open a form or a dialog), read it, then leave it untouched."""
    app = pilot.app
    before = app.screen
    await pilot.press(*keys)
    await pilot.pause()
    if app.screen is before:
        await _look(pilot, seen)  # a notification instead of a dialog
        return
    await _look(pilot, seen)
    while app.screen is not before and len(app.screen_stack) > 1:
        await pilot.press("escape")
        await pilot.pause()


async def _walk(app: Any) -> str:
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for key, own in (
            ("6", [["p"]]),
            ("1", [["tab", "a"], ["tab", "tab", "tab"], ["s"]]),
            ("2", [["i"], ["m"], ["p"], ["down", "a"]]),
            ("3", [[*["greater_than_sign"] * 3, "down", "r"], ["tab", "a"], ["tab", "a"]]),
            ("4", [["s"]]),
            ("5", []),
        ):
            await show_mode(pilot, key)
            await _look(pilot, seen)
            for keys in [["a"], ["e"], ["d"], ["question_mark"], *own]:
                await _open_and_close(pilot, keys, seen)
            await pilot.press("ctrl+p")
            await _look(pilot, seen)
            await pilot.press(*"zzqx")
            await pilot.pause(0.3)
            await _look(pilot, seen)
            await pilot.press("escape")
        await pilot.press("ctrl+p", *"Exporter" if app.tr.language == "fr" else "Export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await _look(pilot, seen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1)
    return "\n".join(seen)


def _leaks(shown: str, words: list[str], data_text: str) -> list[str]:
    found = []
    for word in words:
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
        if re.search(pattern, data_text):
            continue  # the plan's own text says it: not the interface's
        for line in shown.splitlines():
            if re.search(pattern, line):
                found.append(f"{word!r} in {line.strip()!r}")
                break
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("language", "words"), [("fr", ENGLISH), ("en", FRENCH)])
async def test_the_interface_speaks_one_language(
    demo_path: Path, language: str, words: list[str]
) -> None:
    data_text = export_text(read(demo_path), "toml", language, TODAY)
    shown = await _walk(make_app(demo_path, language))
    assert "▌" in shown and ("Aide" in shown) == (language == "fr")  # the walk saw screens
    assert _leaks(shown, words, data_text) == []


def test_the_walk_would_see_a_leak() -> None:
    assert _leaks("  🔎 Search for commands…", ENGLISH, "") == [
        "'Search' in '🔎 Search for commands…'"
    ]
    assert _leaks(" d / del  Supprimer", ENGLISH, "") == ["'del' in 'd / del  Supprimer'"]
    assert _leaks(" Annuler", FRENCH, "Annuler la réunion") == []  # the plan's own words
