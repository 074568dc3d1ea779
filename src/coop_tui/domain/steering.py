"""Steering over time: reviews, decisions, baselines and the drift since one.

A review ("valider le plan") freezes a baseline: every objective's deadline,
every indicator's target, every action's dates, budget and status. The drift
compares today's plan with a baseline: actions that slipped (days, and whether
the objective's deadline is now at risk), were added or dropped, budgets and
targets that changed. Pure: no UI, no storage.
"""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

from coop_tui.domain import finance
from coop_tui.domain.model import (
    BaseAction,
    BaseIndicator,
    Baseline,
    BaseObjective,
    Decision,
    Review,
    Status,
)
from coop_tui.domain.snapshot import PlanData, id_key, natural_key

DRIFT_KINDS = ("slipped", "added", "dropped", "budget", "target", "deadline")


def freeze(data: PlanData, name: str, day: dt.date, review: str = "") -> Baseline:
    """A baseline of the plan as it stands: named, dated, tied to its review."""
    return Baseline(
        name=name,
        review=review,
        date=day,
        objectives={
            o.id: BaseObjective(code=o.code, statement=o.statement, deadline=o.deadline)
            for o in data.objectives.values()
        },
        indicators={
            i.id: BaseIndicator(
                objective=i.objective,
                name=i.name,
                target=i.target,
                target_level=i.target_level,
                target_date=i.target_date,
            )
            for i in data.indicators.values()
        },
        actions={
            a.id: BaseAction(
                code=a.code,
                title=a.title,
                objective=a.objective,
                start=a.start,
                end=a.end,
                budget=finance.action_budget(data, a),
                status=a.status.value,
            )
            for a in data.actions.values()
        },
    )


def latest_baseline(data: PlanData) -> Baseline | None:
    """The most recent baseline (by date, then by id)."""
    baselines = sorted(data.baselines.values(), key=lambda b: (b.date or dt.date.min, id_key(b.id)))
    return baselines[-1] if baselines else None


def baseline_named(data: PlanData, name: str) -> Baseline | None:
    wanted = name.strip().casefold()
    return next((b for b in data.baselines.values() if b.name.strip().casefold() == wanted), None)


class Drift(Struct, frozen=True, kw_only=True):
    """One way the plan moved away from a baseline."""

    kind: str
    """slipped, added, dropped, budget, target or deadline."""
    table: str
    record: str
    code: str
    title: str
    days: int | None = None
    """For a slip: days later than the baseline (< 0: earlier)."""
    before: str = ""
    after: str = ""
    at_risk: bool = False
    """For a slip: the action now ends after its objective's deadline."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def drift(data: PlanData, baseline: Baseline) -> list[Drift]:
    """Everything that moved since `baseline`, actions first in code order."""
    out: list[Drift] = []
    for action in data.sorted_actions():
        base = baseline.actions.get(action.id)
        title = action.title
        if base is None:
            out.append(Drift(kind="added", table="actions", record=action.id, code=action.code,
                             title=title, after=_text(action.end)))  # fmt: skip
            continue
        if action.status is Status.DROPPED and base.status != Status.DROPPED.value:
            out.append(Drift(kind="dropped", table="actions", record=action.id,
                             code=action.code, title=title))  # fmt: skip
            continue
        if base.end and action.end and action.end != base.end:
            objective = data.objectives.get(action.objective)
            risk = bool(objective and objective.deadline and action.end > objective.deadline)
            out.append(Drift(kind="slipped", table="actions", record=action.id, code=action.code,
                             title=title, days=(action.end - base.end).days,
                             before=_text(base.end), after=_text(action.end), at_risk=risk))  # fmt: skip
        budget = finance.action_budget(data, action)
        if abs(budget - base.budget) > 0.005:
            out.append(Drift(kind="budget", table="actions", record=action.id, code=action.code,
                             title=title, before=_text(base.budget), after=_text(budget)))  # fmt: skip
    for aid, base in sorted(baseline.actions.items(), key=lambda kv: natural_key(kv[1].code)):
        if aid not in data.actions and base.status != Status.DROPPED.value:
            out.append(Drift(kind="dropped", table="actions", record=aid, code=base.code,
                             title=base.title))  # fmt: skip
    for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
        base_obj = baseline.objectives.get(objective.id)
        if base_obj is not None and base_obj.deadline != objective.deadline:
            out.append(Drift(kind="deadline", table="objectives", record=objective.id,
                             code=objective.code, title=objective.statement,
                             days=_days(base_obj.deadline, objective.deadline),
                             before=_text(base_obj.deadline),
                             after=_text(objective.deadline)))  # fmt: skip
    for indicator in data.indicators.values():
        base_ind = baseline.indicators.get(indicator.id)
        if base_ind is None:
            continue
        then = (base_ind.target, base_ind.target_level, base_ind.target_date)
        now = (indicator.target, indicator.target_level, indicator.target_date)
        if then != now:
            objective = data.objectives.get(indicator.objective)
            out.append(Drift(kind="target", table="indicators", record=indicator.id,
                             code=objective.code if objective else "", title=indicator.name,
                             before=_target(*then), after=_target(*now)))  # fmt: skip
    return out


def _days(before: dt.date | None, after: dt.date | None) -> int | None:
    return (after - before).days if before and after else None


def _target(value: float | None, level: str, when: dt.date | None) -> str:
    parts = [p for p in (_text(value), level, _text(when)) if p]
    return " · ".join(parts)


# --- reviews and decisions ---------------------------------------------------------------


def next_review(data: PlanData, today: dt.date) -> Review | None:
    coming = [r for r in data.sorted_reviews() if r.date and r.date >= today]
    return coming[0] if coming else None


def last_review(data: PlanData, today: dt.date, kind: str = "") -> Review | None:
    past = [r for r in data.sorted_reviews()
            if r.date and r.date <= today and (not kind or r.kind == kind)]  # fmt: skip
    return past[-1] if past else None


def open_decisions(data: PlanData) -> list[Decision]:
    """Decisions not done yet, the soonest due first."""
    found = [d for d in data.decisions.values() if d.done is None]
    return sorted(found, key=lambda d: (d.due or dt.date.max, id_key(d.id)))


def decisions_due(data: PlanData, today: dt.date, days: int = 30) -> list[Decision]:
    """Open decisions due by `days` from now (overdue ones included)."""
    horizon = today + dt.timedelta(days=days)
    return [d for d in open_decisions(data) if d.due and d.due <= horizon]
