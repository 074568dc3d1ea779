"""Plain-text descriptions the screens and the CLI share: history entries, local times,
contradicting dates, drift since a baseline. Pure functions; nothing here imports Textual."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coop_tui.domain import checks
from coop_tui.domain.model import Baseline
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.steering import Drift
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


# --- drift since a baseline ---------------------------------------------------------------


def _day(text: str, tr: Translator) -> str:
    try:
        return tr.date(dt.date.fromisoformat(text))
    except ValueError:
        return clean(text)


def _amount(text: str, tr: Translator) -> str:
    try:
        return tr.money(float(text))
    except ValueError:
        return clean(text)


def _target(value: float | None, level: str, when: dt.date | None, tr: Translator) -> str:
    what = tr.number(value, 2) if value is not None else clean(level) or "—"
    return tr.t("reviews.drift.target_on", value=what, date=tr.date(when)) if when else what


def drift_words(
    item: Drift, tr: Translator, data: PlanData | None = None, baseline: Baseline | None = None
) -> str:
    """One drift in words: « Glissement de 30 jours (28/01/2026 → 27/02/2026) ».

    Given the plan and the baseline, a changed target is said with its numbers and
    dates in the reader's formats."""
    if item.kind == "slipped" and item.days is not None:
        key = "reviews.drift.slipped" if item.days >= 0 else "reviews.drift.earlier"
        text = tr.t(key, days=abs(item.days), before=_day(item.before, tr),
                    after=_day(item.after, tr))  # fmt: skip
        return f"{text} — {tr.t('reviews.drift.at_risk')}" if item.at_risk else text
    if item.kind == "added":
        if not item.after:
            return tr.t("reviews.drift.added_undated")
        return tr.t("reviews.drift.added", end=_day(item.after, tr))
    if item.kind == "dropped":
        return tr.t("reviews.drift.dropped")
    if item.kind == "budget":
        before, after = _amount(item.before, tr), _amount(item.after, tr)
    elif item.kind == "deadline":
        before, after = _day(item.before, tr), _day(item.after, tr)
    elif item.kind == "target" and data is not None and baseline is not None:
        then = baseline.indicators.get(item.record)
        now = data.indicators.get(item.record)
        before = _target(then.target, then.target_level, then.target_date, tr) if then else "—"
        after = _target(now.target, now.target_level, now.target_date, tr) if now else "—"
    else:
        before, after = clean(item.before) or "—", clean(item.after) or "—"
    key = f"reviews.drift.{item.kind}"
    return tr.t(key, before=before, after=after) if tr.has(key) else clean(item.kind)
