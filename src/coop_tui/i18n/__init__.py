"""Words and formats of the interface, in French and English (SPEC §7).

`Translator(lang).t("key", **values)` looks a key up in the language's catalog
and fills `{name}` fields with the values *as data* (values are never parsed
as format strings or markup). Dates, money and percentages follow each
language's conventions. Pure Python: the fast CLI uses it too.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
AREAS: tuple[str, ...] = (
    "core", "model", "app", "stakes", "objectives", "actions", "board", "timeline", "dashboard",
    "exports", "documents",
)  # fmt: skip
"""One catalog module per area and language (i18n/fr/board.py …), merged here."""


def _load_catalog(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for area in AREAS:
        module = importlib.import_module(f"coop_tui.i18n.{language}.{area}")
        merged.update(module.CATALOG)
    return merged


class _Catalogs(Mapping[str, Mapping[str, str]]):
    """Each language's catalog, loaded the first time it is asked for.

    A quick `coop-tui status` needs one language, not both.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, Mapping[str, str]] = {}

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if language not in LANGUAGES:
            raise KeyError(language)
        if language not in self._loaded:
            self._loaded[language] = _load_catalog(language)
        return self._loaded[language]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGS: Mapping[str, Mapping[str, str]] = _Catalogs()

NBSP = "\u00a0"
"""No-break space: French puts it between thousands and before € and %."""

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def choose_language(
    explicit: str | None = None,
    plan_language: str = "",
    environ: Mapping[str, str] | None = None,
) -> str:
    """--lang, else COOP_TUI_LANG, else the plan's language, else the locale, else French."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("COOP_TUI_LANG"), plan_language):
        if candidate and candidate[:2].lower() in LANGUAGES:
            return candidate[:2].lower()
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value[:2].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


class _Values(dict[str, Any]):
    """Fills {name} fields; an unknown field shows as itself instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """The catalog and formats of one language."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in CATALOGS else DEFAULT_LANGUAGE
        self.catalog = CATALOGS[self.language]

    def t(self, key: str, /, **values: Any) -> str:
        """The text for `key`; a key missing from the catalog shows as the key itself.

        `key` is positional-only, so a template may have a field named {key} (app.key).
        """
        template = self.catalog.get(key)
        if template is None:
            return key
        if not values:
            return template
        return template.format_map(_Values({k: _as_text(v) for k, v in values.items()}))

    def has(self, key: str) -> bool:
        return key in self.catalog

    def plural(self, key: str, count: int, /, **values: Any) -> str:
        """`key.one` or `key.other` as `count` asks, with {count} filled in.

        French counts 0 and 1 as singular ("0 action", "1 action"), English only 1.
        """
        one = count in (0, 1) if self.language == "fr" else count == 1
        return self.t(f"{key}.{'one' if one else 'other'}", count=count, **values)

    # --- formats ---------------------------------------------------------------

    def date(self, value: dt.date | None, long: bool = False) -> str:
        if value is None:
            return "—"
        if self.language == "fr":
            if long:
                day = "1er" if value.day == 1 else str(value.day)
                return f"{day} {_MONTHS_FR[value.month - 1]} {value.year}"
            return value.strftime("%d/%m/%Y")
        if long:
            return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
        return value.isoformat()

    def month(self, value: dt.date, short: bool = True) -> str:
        names = _MONTHS_FR if self.language == "fr" else _MONTHS_EN
        name = names[value.month - 1]
        if short:
            # French abbreviations are not a fixed length (avr., juin, juil., déc.).
            fr_short = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
                        "juil.", "août", "sept.", "oct.", "nov.", "déc.")  # fmt: skip
            name = fr_short[value.month - 1] if self.language == "fr" else name[:3]
        return name

    def number(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return "—"
        text = f"{value:,.{decimals}f}"
        if decimals and text.endswith("0" * decimals):
            text = text[: -(decimals + 1)]
        if self.language == "fr":
            return text.replace(",", NBSP).replace(".", ",")
        return text

    def money(self, value: float | None) -> str:
        if value is None:
            return "—"
        amount = self.number(value, 0 if float(value).is_integer() else 2)
        return f"{amount}{NBSP}€" if self.language == "fr" else f"€{amount}"

    def percent(self, ratio: float | None) -> str:
        if ratio is None:
            return "—"
        whole = round(ratio * 100)
        return f"{whole}{NBSP}%" if self.language == "fr" else f"{whole}%"

    def days(self, value: float | None) -> str:
        return self.t("unit.days", n=self.number(value, 1))


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


__all__ = ["LANGUAGES", "Translator", "choose_language"]
