"""Status words the CLI accepts: the stable English ones, and the interface's words.

`coop-tui move PLAN A3 terminée` and `move PLAN A3 done` do the same; JSON and the
plan file keep the English values (`todo`, `in_progress`, `blocked`, `done`, `dropped`).
Case, accents, underscores and hyphens do not matter: `Terminée`, `terminee`,
`EN_COURS`, `a-faire`, `in progress` are all understood.
"""

from __future__ import annotations

import functools

from coop_tui.domain.model import Status
from coop_tui.i18n import CATALOGS, LANGUAGES, Translator
from coop_tui.text import search_key

STATUS_WORDS: tuple[str, ...] = tuple(s.value for s in Status)
"""The stable words, in board order, as JSON and the plan file write them."""


def _key(word: str) -> str:
    return " ".join(search_key(word).replace("_", " ").replace("-", " ").split())


@functools.cache
def _known() -> dict[str, Status]:
    known: dict[str, Status] = {}
    for status in Status:
        known[_key(status.value)] = status
        for language in LANGUAGES:
            known[_key(CATALOGS[language][f"status.{status.value}"])] = status
    return known


def parse_status(word: str) -> Status | None:
    """The status `word` names, in any of the accepted forms, or None."""
    if word in STATUS_WORDS:
        return Status(word)  # the common case, without loading the other catalog
    return _known().get(_key(word))


def accepted_words(tr: Translator) -> str:
    """The words to suggest, the interface's first: "à faire, en cours, … (ou todo, …)"."""
    stable = ", ".join(STATUS_WORDS)
    if tr.language == "en":
        return stable
    own = ", ".join(tr.t(f"status.{s}").lower() for s in STATUS_WORDS)
    return tr.t("cli.status_words", own=own, stable=stable)


__all__ = ["STATUS_WORDS", "accepted_words", "parse_status"]
