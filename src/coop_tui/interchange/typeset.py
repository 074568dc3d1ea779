"""French typography for the documents: a no-break space where French wants one.

SPEC §7: in French, a no-break space goes before ``: ; ! ?`` and inside « ».
The catalogs are written with ordinary spaces there, which is harmless on a
terminal line but lets a word processor or a PDF put the colon at the start of
the next line. `DocumentTranslator` gives the documents the same catalog with
those spaces made non-breaking. Only the catalog's own words are touched, before
the values go in: what people typed is printed as typed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from coop_tui.i18n import CATALOGS, NBSP, Translator

_BEFORE = re.compile(r" ([:;!?»])")
_AFTER = re.compile(r"« ")


def french_spacing(template: str) -> str:
    """`template` with a no-break space before ``: ; ! ? »`` and after « (where a space was)."""
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", template))


@functools.cache
def _typeset_french() -> Mapping[str, str]:
    return {key: french_spacing(value) for key, value in CATALOGS["fr"].items()}


class DocumentTranslator(Translator):
    """A Translator whose French words follow French typography (English is unchanged)."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        if self.language == "fr":
            self.catalog = _typeset_french()


__all__ = ["DocumentTranslator", "french_spacing"]
