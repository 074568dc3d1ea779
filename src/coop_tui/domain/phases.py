"""Phases of a long project: which one runs today, how far it has gone, what comes next.

A record belongs to a phase by its own `phase`, else (an action) by its
objective's; a phase's progress is the share of its actions done (dropped ones
left out). Pure: no UI, no storage.
"""

from __future__ import annotations

import datetime as dt
import operator

from coop_tui.domain.model import Action, Milestone, Phase, Status
from coop_tui.domain.snapshot import PlanData

YEAR = dt.timedelta(days=365)


def phase_of(data: PlanData, action: Action) -> str:
    """The phase an action belongs to: its own, else its objective's."""
    if action.phase:
        return action.phase
    objective = data.objectives.get(action.objective)
    return objective.phase if objective else ""


def current_phase(data: PlanData, today: dt.date) -> Phase | None:
    """The phase whose dates hold today (the last one begun, when dates leave gaps)."""
    begun = [p for p in data.sorted_phases() if p.start is None or p.start <= today]
    running = [p for p in begun if p.end is None or p.end >= today]
    if running:
        return running[0]
    return begun[-1] if begun else None


def phase_progress(data: PlanData, phase_id: str) -> float | None:
    """Share of a phase's actions done (None: it has none)."""
    done, counted = phase_counts(data).get(phase_id, (0, 0))
    return done / counted if counted else None


_PHASE, _STATUS = operator.attrgetter("phase"), operator.attrgetter("status")


def status_counts(data: PlanData, objective_id: str) -> dict[str, tuple[int, int]]:
    """An objective's actions done and counted (dropped ones left out), by their own
    phase ('': their objective's): kept while its actions are the very same
    (`PlanData.per_objective`). One look at each action gives `phase_counts` and the
    objective's own progress (`checks.done_of`)."""
    return data.per_objective("status_counts", objective_id, frozenset(), _status_counts)


def _status_counts(actions: list[Action]) -> dict[str, tuple[int, int]]:
    own = set(map(_PHASE, actions))
    if len(own) == 1:  # one phase for all, as a rule: counted in C
        statuses = list(map(_STATUS, actions))
        done, dropped = statuses.count(Status.DONE), statuses.count(Status.DROPPED)
        return {own.pop(): (done, len(statuses) - dropped)}
    counts: dict[str, list[int]] = {}
    for action in actions:
        acc = counts.get(action.phase)
        if acc is None:
            acc = counts[action.phase] = [0, 0]
        status = action.status
        if status is not Status.DROPPED:
            acc[1] += 1
            if status is Status.DONE:
                acc[0] += 1
    return {phase: (done, counted) for phase, (done, counted) in counts.items()}


def phase_counts(data: PlanData) -> dict[str, tuple[int, int]]:
    """Phase id -> (actions done, actions counted), once per snapshot (`phase_of`: an
    action's own phase, else its objective's)."""

    def count() -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = {}
        for objective_id in list(data.objectives_with_actions()):
            objective = data.objectives.get(objective_id)
            inherited = objective.phase if objective else ""
            for own, (done, counted) in status_counts(data, objective_id).items():
                phase = own or inherited
                was = counts.get(phase, (0, 0))
                counts[phase] = (was[0] + done, was[1] + counted)
        return counts

    return data.memo("phase_counts", count)  # type: ignore[no-any-return]


def next_milestone(data: PlanData, today: dt.date) -> Milestone | None:
    """The first milestone still ahead (or today) that has no go/no-go yet."""
    ahead = [m for m in data.milestones.values() if m.date and m.date >= today and not m.outcome]
    return min(ahead, key=lambda m: (m.date, m.id), default=None)


def new_phase_dates(data: PlanData) -> tuple[dt.date | None, dt.date | None]:
    """Dates for a new phase: the day after the last one ends, for a year (a name and
    ctrl+s are then enough); from the plan's start for the first one."""
    phases = data.sorted_phases()
    ends = [p.end for p in phases if p.end]
    start = max(ends) + dt.timedelta(days=1) if ends else data.plan.start
    if start is None:
        return None, None
    try:
        end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        end = start + YEAR - dt.timedelta(days=1)
    return start, end


def next_order(data: PlanData) -> float:
    return max((p.order for p in data.phases.values()), default=-1.0) + 1.0
