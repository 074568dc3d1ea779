"""The key bar at the bottom of every screen: the keys that work here, whole, palette last."""

from __future__ import annotations

from pathlib import Path

from coop_tui.tui.widgets.key_bar import KeyBar
from tests.helpers import loaded, make_app


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
            " a Add ",
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
        assert " a Ajouter " in bar_text(app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Ajouter" in titles
        assert not [t for t in titles if t.startswith("key.") or t in ("Keys", "Focus Next")]
        descriptions = {active.binding.description for active in screen.active_bindings.values()}
        assert "key.add" in descriptions  # declared with its catalog key, never rewritten
        await pilot.press("question_mark")
        await pilot.pause()
        help_rows = app.screen.rows()  # type: ignore[attr-defined]
        assert ("a", "Ajouter") in help_rows
        assert all(not description.startswith("key.") for _, description in help_rows)
