"""Words and formats of the interface, in French and English (SPEC §7).

`Translator(lang).t("key", **values)` looks a key up in the language's catalog
and fills `{name}` fields with the values *as data* (values are never parsed
as format strings or markup). Dates, money and percentages follow each
language's conventions. Pure Python: the fast CLI uses it too.

Plurals agree with a number given as a value: `{count:action|actions}` writes
"action" or "actions" as `count` is one or more, by the language's rule (in
French 0 and 1 are singular, "0 action terminée"; in English only 1 is), so
"{shown} {shown:action|actions} sur {total}" reads "1 action sur 8".
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
    "reviews", "budget", "exports", "documents", "cli", "phases",
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
        missing = _Countable("{" + key + "}")
        missing.number, missing.language = None, ""
        return missing


def is_singular(number: float, language: str) -> bool:
    """Whether `number` takes the singular: French 0 ≤ n < 2 (« 0 action », « 1,5 jour »),
    English exactly 1."""
    if language == "fr":
        return 0 <= abs(number) < 2
    return number == 1


class _Countable(str):
    """A value as text that can also choose a plural form: `{count:one|other}`."""

    number: float | None
    language: str

    def __format__(self, spec: str) -> str:
        one, bar, other = spec.partition("|")
        if not bar:
            return str.__format__(self, spec)
        if self.number is None:
            return other
        return one if is_singular(self.number, self.language) else other


def _countable(value: Any, language: str) -> _Countable:
    text = _Countable(_as_text(value))
    text.language = language
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        text.number = None
    elif isinstance(value, str):
        # A number already written for people: "1 500", "2,5".
        digits = value.replace(NBSP, "").replace("\u202f", "").replace(" ", "")
        try:
            text.number = float(digits.replace(",", ".") if language == "fr" else digits)
        except ValueError:
            text.number = None
    else:
        text.number = value
    return text


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
        # A float is said in the reader's way (« 12,5 », « 325 »); whole numbers stay as
        # given, since they are also years and codes.
        shown = {k: self._decimal(v) if type(v) is float else v for k, v in values.items()}
        if "|" in template:
            counted = {k: _countable(v, self.language) for k, v in shown.items()}
            return template.format_map(_Values(counted))
        return template.format_map(_Values({k: _as_text(v) for k, v in shown.items()}))

    def _decimal(self, value: float) -> str:
        text = self.number(value, 2)
        decimal = "," if self.language == "fr" else "."
        return text.rstrip("0").rstrip(decimal) if decimal in text else text

    def has(self, key: str) -> bool:
        return key in self.catalog

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
        if self.language == "fr":
            return f"{amount}{NBSP}€"
        # -€1,200, not €-1,200: the sign leads the amount, symbol included.
        return f"-€{amount[1:]}" if amount.startswith("-") else f"€{amount}"

    def percent(self, ratio: float | None) -> str:
        if ratio is None:
            return "—"
        whole = round(ratio * 100)
        return f"{whole}{NBSP}%" if self.language == "fr" else f"{whole}%"

    def days(self, value: float | None) -> str:
        return self.t("unit.days", n=self.number(value, 1))


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


__all__ = ["LANGUAGES", "Translator", "choose_language", "is_singular"]
