"""SMART badges: five letters, each passed (✓, green) or missing (✗, red) with why.

The mark (✓/✗) carries the meaning on its own, so the badges still read right
with 16 colours or `NO_COLOR`. Reasons come from `domain.checks.smart_check`
and are worded by the `smart.*` catalog keys; organisation names inside them
are user text, cleaned and shown as data.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from coop_tui.domain.checks import SmartLetter
from coop_tui.i18n import Translator
from coop_tui.text import clean

OK_STYLE = "bold $text on $success"
MISSING_STYLE = "bold $text on $error"


def smart_content(letters: Sequence[SmartLetter], tr: Translator) -> Content:
    """The badge row, then one line per missing letter: `✗ M Measurable: why`."""
    parts: list[str | tuple[str, str]] = [("SMART ", "bold")]
    for index, letter in enumerate(letters):
        if index:
            parts.append(" ")
        mark = "✓" if letter.ok else "✗"
        parts.append((f" {letter.letter} {mark} ", OK_STYLE if letter.ok else MISSING_STYLE))
    missing = [x for x in letters if not x.ok]
    for letter in missing:
        reason = clean(tr.t(letter.reason, **letter.values))
        parts.append("\n")
        parts.append((f"✗ {letter.letter} ", "bold $error"))
        parts.append((tr.t("smart." + letter.letter) + tr.t("objectives.colon"), "bold"))
        parts.append(reason)
    if letters and not missing:
        parts.append("\n")
        parts.append(tr.t("objectives.smart_ok"))
    return Content.assemble(*parts)


class SmartBadges(Static):
    """Shows the SMART check of one objective."""

    DEFAULT_CSS = """
    SmartBadges { height: auto; }
    """

    def show(self, letters: Sequence[SmartLetter], tr: Translator) -> None:
        self.update(smart_content(letters, tr))

    def show_hint(self, text: str) -> None:
        """Where the badges would be, words instead (a shared objective has none of its
        own: « SMART : voir ses objectifs opérationnels »)."""
        self.update(Content(clean(text)))
