"""Someone else saved the same record meanwhile: keep mine, or take theirs.

The dialog shows, for each field that differs, their version and mine side by
side, with who changed it and when (from the plan's history), so the choice is
made knowing what each keeps. `conflict_rows` works the rows out from the two
stored documents; the dialog only shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coop_tui.domain.model import REFERENCES
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.storage.history import HistoryEntry
from coop_tui.text import clean

Choice = Literal["mine", "theirs"]
MAX_VALUE = 300
"""Characters of a long text shown in each column (the rest is cut with …)."""


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One field that differs: its name, their value, mine, and who changed it when."""

    field: str
    theirs: str
    mine: str
    changed_by: str = ""


def who_changed(
    entries: Iterable[HistoryEntry], table: str, record_id: str, since: int
) -> dict[str, tuple[str, str]]:
    """Field -> (user, time) of the latest change to each field of one record made after
    revision `since` (the copy my edit was based on)."""
    found: dict[str, tuple[str, str]] = {}
    for entry in entries:
        if entry.rev <= since:
            continue
        for change in entry.changes:
            if change.table != table or change.id != record_id:
                continue
            before, after = change.before or {}, change.after or {}
            for field in set(before) | set(after):
                if field != "rev" and before.get(field) != after.get(field):
                    found[field] = (entry.user, entry.time)
    return found


def _when(stamp: str, tr: Translator) -> str:
    """A history time (UTC, ISO) as the reader's date and local time."""
    try:
        moment = dt.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return clean(stamp)
    return f"{tr.date(moment.date())} {moment:%H:%M}"


def _name_of(data: PlanData, table: str, record_id: str) -> str:
    record = data.table(table).get(record_id)
    if record is None:
        return record_id
    for attribute in ("code", "name", "title", "label", "statement"):
        value = getattr(record, attribute, "")
        if isinstance(value, str) and value.strip():
            return value
    return record_id


def value_text(data: PlanData, tr: Translator, table: str, field: str, value: Any) -> str:
    """A stored value in words: names for references, the reader's dates and numbers."""
    if value in (None, "", [], {}):
        return "—"
    target = REFERENCES.get(table, {}).get(field) or (
        "organisations" if table == "objectives" and field == "approvals" else None
    )
    if target is not None:
        ids = list(value) if isinstance(value, list | dict) else [value]
        return ", ".join(clean(_name_of(data, target, str(i))) for i in ids)
    if field == "status" and tr.has(f"status.{value}"):
        return tr.t(f"status.{value}")
    if isinstance(value, bool):
        return tr.t("form.yes" if value else "form.no")
    if isinstance(value, int | float):
        return tr.number(value, 2)
    if isinstance(value, list):
        return ", ".join(value_text(data, tr, table, field, v) for v in value)
    if isinstance(value, dict):
        parts = (f"{_label(tr, k)} {value_text(data, tr, table, k, v)}" for k, v in value.items())
        return " · ".join(parts)
    text = str(value)
    try:
        return tr.date(dt.date.fromisoformat(text))
    except ValueError:
        pass
    text = clean(text)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _label(tr: Translator, field: str) -> str:
    return tr.t(f"field.{field}") if tr.has(f"field.{field}") else field


def conflict_rows(
    data: PlanData,
    tr: Translator,
    table: str,
    theirs: dict[str, Any],
    mine: dict[str, Any],
    changed: dict[str, tuple[str, str]],
) -> list[ConflictRow]:
    """The fields where their stored document and mine differ, in the record's order."""
    rows = []
    for field in dict.fromkeys([*theirs, *mine]):
        if field in ("id", "rev") or theirs.get(field) == mine.get(field):
            continue
        who = changed.get(field)
        by = tr.t("conflict.changed_by", user=clean(who[0]), when=_when(who[1], tr)) if who else ""
        rows.append(
            ConflictRow(
                _label(tr, field),
                value_text(data, tr, table, field, theirs.get(field)),
                value_text(data, tr, table, field, mine.get(field)),
                by,
            )
        )
    return rows


class ConflictModal(ModalScreen[Choice]):
    """Dismiss with "mine" (save over theirs) or "theirs" (drop my edit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('theirs')", show=False),
        Binding("m", "choose('mine')", show=False),
        Binding("t", "choose('theirs')", show=False),
    ]
    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 1 2; }
    ConflictModal #conflict-title { text-style: bold; color: $warning; }
    ConflictModal #conflict-body { margin-top: 1; }
    ConflictModal #conflict-fields { height: auto; max-height: 1fr; margin-top: 1; }
    ConflictModal .conflict-head { height: auto; text-style: bold; }
    ConflictModal .conflict-field { margin-top: 1; text-style: bold; }
    ConflictModal .conflict-pair { height: auto; }
    ConflictModal .conflict-pair Static { width: 1fr; padding-right: 2; }
    ConflictModal Horizontal#conflict-buttons { height: auto; margin-top: 1;
        align-horizontal: right; }
    ConflictModal Button { margin-left: 1; }
    """

    def __init__(
        self,
        title: str,
        body: str,
        keep_mine: str,
        take_theirs: str,
        rows: Iterable[ConflictRow] = (),
        headings: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keep_mine = keep_mine
        self.take_theirs = take_theirs
        self.rows = list(rows)
        self.headings = headings

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), id="conflict-title")
            yield Static(Content(self.body), id="conflict-body")
            if self.rows:
                with VerticalScroll(id="conflict-fields", can_focus=False):
                    with Horizontal(classes="conflict-pair conflict-head"):
                        yield Static(Content(self.headings[0]))
                        yield Static(Content(self.headings[1]))
                    for row in self.rows:
                        heading = f"{row.field} — {row.changed_by}" if row.changed_by else row.field
                        yield Static(Content(heading), classes="conflict-field")
                        with Horizontal(classes="conflict-pair"):
                            yield Static(Content(row.theirs), classes="conflict-theirs")
                            yield Static(Content(row.mine), classes="conflict-mine")
            with Horizontal(id="conflict-buttons"):
                yield Button(self.take_theirs, id="theirs")
                yield Button(self.keep_mine, id="mine", variant="warning")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("mine" if event.button.id == "mine" else "theirs")


__all__ = ["ConflictModal", "ConflictRow", "conflict_rows", "value_text", "who_changed"]
