"""What the dashboard says about steering the plan, in words: the next step of the
worksheet on a young plan, the current phase and the next milestone, the next review
and the decisions due, the drift since the latest baseline, the financing balance.

Pure functions of a `PlanData`, a `Translator` and the day: the dashboard puts the
lines and rows they return into its `ReportView`. Values are user text, cleaned
when drawn (`report_view.text_line`, `table_row`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from coop_tui.domain import phases, steering
from coop_tui.domain.finance import financing_totals
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import bar, clean

Row = tuple[str | None, Sequence[Any]]
"""(key or None, cells): a key makes the row selectable."""

#: The worksheet's steps, in order: (what must exist, the screen that starts it, catalog
#: key of the sentence saying how). The first one without content is the next step.
STEPS: tuple[tuple[str, str, str], ...] = (
    ("organisations", "stakes", "dashboard.guide.organisations"),
    ("stakes", "stakes", "dashboard.guide.stakes"),
    ("shared_stakes", "stakes", "dashboard.guide.shared_stakes"),
    ("objectives", "objectives", "dashboard.guide.objectives"),
    ("operational", "objectives", "dashboard.guide.operational"),
    ("indicators", "objectives", "dashboard.guide.indicators"),
    ("actions", "actions", "dashboard.guide.actions"),
)


def _has(data: PlanData, what: str) -> bool:
    if what == "organisations":
        return len(data.organisations) >= 2  # a cooperation takes two
    if what == "operational":
        return bool(data.operational_objectives())
    return bool(data.table(what))


def next_step(data: PlanData) -> tuple[int, str, str] | None:
    """(number of the step, screen that starts it, catalog key) of the worksheet's next
    step without content; None once every step has some."""
    for number, (what, mode, key) in enumerate(STEPS, start=1):
        if not _has(data, what):
            return number, mode, key
    return None


def steering_lines(data: PlanData, tr: Translator, today: dt.date) -> Iterator[str]:
    """The summary's steering lines: phase and milestone, review and decisions, money,
    drift. Each only where the plan has something to say."""
    phase = phases.current_phase(data, today)
    if phase is not None:
        progress = phases.phase_progress(data, phase.id)
        yield tr.t(
            "dashboard.phase",
            name=clean(phase.name),
            start=tr.date(phase.start),
            end=tr.date(phase.end),
            bar=bar(progress, 10),
            percent=tr.percent(progress),
        )
    milestone = phases.next_milestone(data, today)
    if milestone is not None:
        yield tr.t("dashboard.milestone", name=clean(milestone.name), date=tr.date(milestone.date))
    review = steering.next_review(data, today)
    due = steering.decisions_due(data, today)
    late = sum(1 for d in due if d.due and d.due < today)
    if review is not None or due:
        when = (
            tr.t(
                "dashboard.review",
                name=clean(review.title) or tr.t(f"review_kind.{review.kind}"),
                date=tr.date(review.date),
            )
            if review is not None
            else tr.t("dashboard.no_review")
        )
        line = tr.t("dashboard.review_line", review=when, count=len(due))
        yield line + (" " + tr.t("dashboard.late", count=late) if late else "")
    plan = financing_totals(data)
    if plan.total or plan.funding.total:
        yield tr.t(
            "dashboard.financing_line",
            charges=tr.money(plan.total),
            secured=tr.money(plan.secured),
            requested=tr.money(plan.funding.by_status.get("requested", 0.0)),
            gap=tr.money(max(plan.gap, 0.0)),
        )
    baseline = steering.latest_baseline(data)
    if baseline is not None:
        yield drift_summary(data, tr, baseline)


def drift_summary(data: PlanData, tr: Translator, baseline: Any) -> str:
    """« Écart au plan validé « COPIL 1 » : 2 actions glissées (jusqu'à +45 j), … »."""
    drift = steering.drift(data, baseline)
    counts = {kind: sum(1 for d in drift if d.kind == kind) for kind in steering.DRIFT_KINDS}
    parts = [tr.t(f"dashboard.drift.{kind}", count=n) for kind, n in counts.items() if n]
    slips = [d.days for d in drift if d.kind == "slipped" and d.days]
    if slips:
        parts[0] += " " + tr.t("dashboard.drift.most", days=f"{max(slips, key=abs):+d}")
    said = ", ".join(parts) if parts else tr.t("dashboard.drift.none")
    return tr.t("dashboard.drift_line", name=clean(baseline.name), what=said)


def decision_rows(data: PlanData, tr: Translator, today: dt.date) -> Iterator[Row]:
    """The open decisions due within 30 days (late ones first), with their owner."""
    for decision in steering.decisions_due(data, today):
        owner = data.people.get(decision.owner)
        late = decision.due is not None and decision.due < today
        flag = tr.t("dashboard.flag.overdue") if late else ""
        yield (None, (flag, tr.date(decision.due), decision.text, owner.name if owner else "—"))


def drift_rows(data: PlanData, tr: Translator) -> Iterator[Row]:
    """What moved since the latest baseline, actions first: kind, code, title, how much."""
    baseline = steering.latest_baseline(data)
    if baseline is None:
        return
    for item in steering.drift(data, baseline):
        if item.days is not None:
            how = tr.t("dashboard.drift.days", days=f"{item.days:+d}")
        elif item.before or item.after:
            how = f"{_value(item.before, tr)} → {_value(item.after, tr)}"
        else:
            how = ""
        if item.at_risk:
            how += " " + tr.t("dashboard.drift.at_risk")
        key = (
            f"action:{item.record}:drift"  # opened like an action; not a watched row
            if item.table == "actions" and item.record in data.actions
            else None
        )
        yield (key, (tr.t(f"dashboard.drift.kind.{item.kind}"), item.code, item.title, how))


def _value(text: str, tr: Translator) -> str:
    """A drift's before/after (ISO dates, plain numbers) as the reader writes them."""
    try:
        return tr.date(dt.date.fromisoformat(text))
    except ValueError:
        pass
    try:
        return tr.number(float(text), 0)
    except ValueError:
        return clean(text) or "—"


def financing_rows(data: PlanData, tr: Translator) -> Iterator[Row]:
    """The balance: charges, then financing by status, in kind, and what is left to find."""
    plan = financing_totals(data)
    if not plan.total and not plan.funding.total:
        return
    status = plan.funding.by_status
    for key, amount in (
        ("charges", plan.total),
        ("paid", status.get("paid", 0.0)),
        ("granted", status.get("granted", 0.0)),
        ("in_kind", plan.in_kind),
        ("secured", plan.secured),
        ("requested", status.get("requested", 0.0)),
        ("gap", plan.gap),
        ("unsecured", plan.unsecured_gap),
    ):
        yield (None, (tr.t(f"dashboard.money.{key}"), tr.money(amount)))


__all__ = [
    "STEPS",
    "decision_rows",
    "drift_rows",
    "drift_summary",
    "financing_rows",
    "next_step",
    "steering_lines",
]
