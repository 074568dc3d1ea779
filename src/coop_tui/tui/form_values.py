"""What a form's fields are and how typed text becomes a record's values.

`FieldSpec` says which attribute a field edits and how it is shown (and, for
forms that change as you type, when it shows, the help under it, its choices);
the parsers read dates and numbers the way each language writes them and raise
`FieldError` when text cannot be read at all. No widgets here: the form
(modals/record_form.py) and the field lists (record_fields.py) share it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from textual.widget import Widget

from coop_tui.dates import parse_day
from coop_tui.domain.model import replace

FieldKind = Literal["text", "long", "choice", "date", "number", "list", "multi", "grid"]


class GridField(Protocol):
    """A widget of several inputs that edits one value (the shares of a budget line).

    Its inputs post their own `Input.Changed`, so the form validates as you type.
    """

    def read(self) -> Any:
        """The value its inputs say; raises `FieldError` for one that cannot be read."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a form: which record attribute, shown how."""

    name: str
    """Attribute of the record; `resources.budget` reaches into a nested value."""
    label: str
    """Already translated label."""
    kind: FieldKind = "text"
    choices: tuple[tuple[str, Any], ...] = ()
    """(label, value) pairs for `choice` and `multi` (labels are user text: shown as data)."""
    allow_blank: bool = True
    to_widget: Callable[[Any], Any] | None = None
    """Record value -> widget value, where they differ (e.g. approvals -> selected ids)."""
    from_widget: Callable[[Any, Any], Any] | None = None
    """(widget value, old record value) -> record value."""
    when: Callable[[Any], bool] | None = None
    """Whether the field shows, given the record as the fields above it make it (an
    indicator's scale only for a qualitative one). A hidden field keeps its value."""
    help: Callable[[Any], str] | None = None
    """Words shown under the field, given the record as the form makes it (the
    worksheet's examples for the chosen category)."""
    choices_from: Callable[[Any], tuple[tuple[str, Any], ...]] | None = None
    """Choices worked out from the record as the form makes it (the levels of the
    scale typed above), instead of fixed `choices`."""
    grid: Callable[[Any, str], Widget] | None = None
    """For a `grid` field: (value, widget id) -> a widget that is a `GridField`."""


class FieldError(Exception):
    """A value that cannot even be read (not a number, not a date)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_date(text: str) -> dt.date | None:
    """`15/03/2026` or `2026-03-15`; empty means no date."""
    if not text.strip():
        return None
    found = parse_day(text)
    if found is None:
        raise FieldError("not_a_date")
    return found


def number_text(value: float | None, language: str) -> str:
    """A number as a form shows it for editing: no grouping, the language's decimal mark."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "fr" else text


def parse_number(text: str, language: str = "fr") -> float | None:
    """A typed number; empty means none.

    Spaces (also no-break) and a euro sign are ignored. In French a comma is the
    decimal mark (`12 459,50`); in English it groups thousands (`12,459.50`).
    Both languages accept a point as the decimal mark.
    """
    raw = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    raw = raw.removesuffix("€").removeprefix("€")
    if not raw:
        return None
    raw = raw.replace(",", "") if language == "en" else raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise FieldError("not_a_number") from None
    if math.isnan(value) or abs(value) > 1e15:
        raise FieldError("not_a_number")
    return value


def get_value(record: Any, name: str) -> Any:
    for part in name.split("."):
        record = getattr(record, part)
    return record


def set_value(record: Any, name: str, value: Any) -> Any:
    head, _, rest = name.partition(".")
    if rest:
        return replace(record, **{head: set_value(getattr(record, head), rest, value)})
    return replace(record, **{head: value})
