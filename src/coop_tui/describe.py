"""Plain-text descriptions the dashboard and the CLI share: history entries, local times,
contradicting dates. Pure functions; nothing here imports Textual."""

from __future__ import annotations

import datetime as dt

from coop_tui.domain import checks
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.storage.store import HistoryEntry
from coop_tui.text import clean


def contradiction_text(data: PlanData, item: checks.Contradiction, tr: Translator) -> str:
    """A pair of dates that contradict each other, in words, records named by code."""

    def label(record_id: str) -> str:
        record = data.actions.get(record_id) or data.objectives.get(record_id)
        return clean(record.code or record_id) if record else record_id

    return tr.t(f"contradiction.{item.kind}", record=label(item.record), other=label(item.other))


def local_time(stamp: str) -> str:
    """A history timestamp (UTC, ISO) in this machine's local time, to the minute."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def describe_entry(entry: HistoryEntry, tr: Translator) -> str:
    """What a history entry did, in the reader's language."""
    from coop_tui.i18n.history import describe

    return describe(entry, tr)
