"""Plain-text descriptions the dashboard and the CLI share: history entries, local times,
contradicting dates. Pure functions; nothing here imports Textual."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def indicator_values(data: PlanData, indicator: Any, tr: Translator) -> str:
    """Where an indicator stands, as its kind says it: "1 / 2 marchés", "moyen / bon",
    "atteint le 15/03/2026" or "attendu le 30/06/2026"."""
    from coop_tui.domain import indicators

    latest = indicators.latest_measurement(data, indicator)
    if indicator.kind == "qualitative":
        now = (latest.level if latest else "") or indicator.baseline_level or "—"
        return f"{clean(now)} / {clean(indicator.target_level) or '—'}"
    if indicator.kind == "time_based" and indicator.target is None:
        if latest is not None and latest.date is not None:
            return tr.t("indicator.reached_on", date=tr.date(latest.date))
        return tr.t("indicator.expected_on", date=tr.date(indicator.target_date))
    value = latest.value if latest is not None and latest.value is not None else indicator.baseline
    text = f"{tr.number(value, 2)} / {tr.number(indicator.target, 2)} {clean(indicator.unit)}"
    return text.rstrip()


def path_word(status: str | None, tr: Translator) -> str:
    """en avance / dans les temps / en retard (sur la trajectoire), or '' without a path."""
    return tr.t(f"indicator.path.{status}") if status else ""
