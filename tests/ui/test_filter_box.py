"""One filter box on every list screen: `/` opens it, typing filters, escape clears and closes,
enter keeps the filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop_tui.tui.widgets.filter_box import FilterBox
from tests.helpers import loaded, make_app, show_mode, type_text

#: Screen key -> a word that leaves part of the demo's list.
SCREENS = {
    "1": "cycl",
    "2": "generer",
    "3": "convention",
    "4": "GME",
    "5": "recruter",
    "8": "staff",
}


@pytest.mark.slow
async def test_slash_typing_escape_and_enter(demo_path: Path) -> None:
    app = make_app(demo_path, "en", poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for key, word in SCREENS.items():
            await show_mode(pilot, key)
            listing = app.focused
            assert listing is not None and not isinstance(listing, FilterBox), key

            await pilot.press("slash")
            box = app.focused
            assert isinstance(box, FilterBox) and box.display, key
            await type_text(pilot, word)
            assert box.value == word
            await pilot.press("escape")  # clears and closes; the list has the focus again
            assert (box.value, box.display, app.focused) == ("", False, listing), key

            await pilot.press("tab")  # a closed box is never a stop for tab
            assert app.focused is not box, key
            listing.focus()
            await pilot.press("slash")
            await type_text(pilot, word)
            await pilot.press("enter")  # keeps the filter, shown, and goes back to the list
            assert (box.value, box.display, app.focused) == (word, True, listing), key
            await pilot.press("escape")  # escape on the list clears its filter too
            assert (box.value, box.display) == ("", False), key
