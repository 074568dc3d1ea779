"""History entries said in the reader's language.

The storage keeps what a change did as data (an operation, a record, a field,
its values before and after); this turns it into a line of text when shown,
so that a French reader never sees English summaries, nor the reverse.
"""

from __future__ import annotations

from typing import Any, Protocol

from coop_tui.i18n import Translator
from coop_tui.text import clean


class WhatLike(Protocol):
    op: str
    table: str
    label: str
    field: str
    before: str
    after: str
    count: int


class EntryLike(Protocol):
    @property
    def what(self) -> Any: ...

    @property
    def summary(self) -> str: ...


def _value(tr: Translator, field: str, value: str) -> str:
    if field == "status" and tr.has(f"status.{value}"):
        return tr.t(f"status.{value}")
    return clean(value)


def describe_what(what: WhatLike, tr: Translator) -> str:
    """One line saying what a change did ("Déplacement — A3 : En cours → Terminée")."""
    entity = tr.t(f"entity.{what.table}") if what.table and tr.has(f"entity.{what.table}") else ""
    values = {
        "entity": entity,
        "label": clean(what.label) or "—",
        "before": _value(tr, what.field, what.before),
        "after": _value(tr, what.field, what.after),
    }
    if what.op == "undo":
        inner = (
            tr.t(f"history.op.{what.field}", **values) if tr.has(f"history.op.{what.field}") else ""
        )
        text = tr.t("history.op.undo", what=inner or values["label"], revision=what.before)
    elif tr.has(f"history.op.{what.op}"):
        text = tr.t(f"history.op.{what.op}", **values)
    else:
        text = clean(what.op)
    if what.count > 1:
        text += " " + tr.t("history.more", count=what.count - 1)
    return text


def describe(entry: EntryLike, tr: Translator) -> str:
    """What a history entry did, in `tr`'s language (old entries: their own summary)."""
    if entry.what is not None:
        return describe_what(entry.what, tr)
    return clean(entry.summary) or "—"
