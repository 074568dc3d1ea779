"""The key bar at the bottom of every screen: the keys that work here, whole, palette last."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop_tui.tui.widgets.key_bar import KeyBar
from tests.helpers import demo_ids, loaded, make_app, screen_text, show_mode, tab_to, wait_until


def bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyBar).render().plain  # type: ignore[no-any-return]


async def test_each_screen_shows_its_own_keys(demo_path: Path) -> None:
    app = make_app(demo_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        text = bar_text(app)
        for shown in (
            " ? Help ",
            " ⇧→ Next status ",
            " a Add action ",
            " / Filter ",
            " u Undo ",
            " q Quit ",
        ):
            assert shown in text
        assert text.rstrip().endswith("▏ ^p palette")
        assert "Reorder" not in text and "collapse" not in text.casefold()  # show=False keys
        await pilot.press("1")
        await pilot.pause()
        text = bar_text(app)
        assert " s Pool stakes " in text and "Next status" not in text


async def test_a_narrow_bar_keeps_whole_keys_and_the_palette(demo_path: Path) -> None:
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        text = bar_text(app)
        assert len(text) == 80
        assert " ? Aide " in text and text.rstrip().endswith("^p palette")
        left = text.split("▏")[0].rstrip()
        assert left.endswith("…")  # what does not fit is left out whole, and says so
        assert "Filt" not in left


async def test_descriptions_are_translated_where_shown_not_in_the_bindings(
    demo_path: Path,
) -> None:
    """The key bar, the palette and `?` say "Ajouter"; the bindings keep their catalog keys.

    Textual's own keys (English descriptions) keep working but are not listed.
    """
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert " a Ajouter une action " in bar_text(app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Ajouter une action" in titles
        assert not [t for t in titles if t.startswith("key.") or t in ("Keys", "Focus Next")]
        descriptions = {active.binding.description for active in screen.active_bindings.values()}
        assert "key.add" in descriptions  # declared with its catalog key, never rewritten
        await pilot.press("question_mark")
        await pilot.pause()
        help_rows = app.screen.rows()  # type: ignore[attr-defined]
        assert ("a", "Ajouter une action") in help_rows
        assert all(not description.startswith("key.") for _, description in help_rows)


async def test_the_bar_says_what_a_e_d_act_on_and_the_focused_pane_shows_without_colour(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12, trap 3: a single letter acts on the pane in focus; the bar names what it
    will act on, and the pane in focus is marked by shapes (a bar ▌ down its left edge,
    its title in reverse, heavy lines around a block), so it reads under NO_COLOR too."""
    from coop_tui.tui.modals.record_form import RecordForm

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_path, "fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await show_mode(pilot, "1")
        assert app.no_color
        text = bar_text(app)
        assert " a Ajouter une structure " in text and " e Modifier la structure " in text
        assert "▌Structures partenaires" in screen_text(app)
        await pilot.press("tab")
        await wait_until(pilot, lambda: " e Modifier l'enjeu " in bar_text(app))
        shown = screen_text(app)
        assert "▌Enjeux individuels" in shown and "▌Structures" not in shown
        assert " d Supprimer l'enjeu " in bar_text(app)

        screen = await show_mode(pilot, "2")
        tree = screen.query_one("#tree")
        tree.move_cursor(tree.node_for(f"s:{demo_ids()['ss-e1']}"))
        await wait_until(pilot, lambda: " e Modifier l'enjeu partagé " in bar_text(app))
        assert " a Ajouter un objectif partagé " in bar_text(app)
        await pilot.press("e")  # what the bar said: the shared stake's form
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.form_title.startswith("Modifier l'enjeu partagé")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await pilot.press("down")
        await wait_until(pilot, lambda: " a Ajouter un objectif opérationnel " in bar_text(app))
        await tab_to(pilot, "indicators")
        assert " a Ajouter un indicateur " in bar_text(app)
        assert "▌Indicateurs de suivi" in screen_text(app)

        await show_mode(pilot, "3")
        assert " a Ajouter une action " in bar_text(app)
        await pilot.press("tab")
        await wait_until(pilot, lambda: " a Ajouter un partenaire extérieur " in bar_text(app))
