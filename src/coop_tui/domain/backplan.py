"""Rétroplanning: the latest dates of each action, backwards from a deadline.

From an objective's deadline (or a milestone's date), each open action of the
objective gets the latest end that still lets every action depending on it
start in time, and the latest start its duration then allows. A forward pass
from today gives the earliest dates; the difference is the slack, and the
chain of least slack is the critical path (negative slack: the deadline is at
risk). An action whose latest start is already past and that has not started
should already have. Finish-to-start dependencies only; a cycle is refused
with its actions named. Pure: no UI, no storage.
"""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

from coop_tui.domain.model import Action, Status
from coop_tui.domain.snapshot import PlanData, natural_key

DEFAULT_DAYS = 1
"""Duration given to an action that has neither dates nor a duration (it is flagged)."""
DAY = dt.timedelta(days=1)


class Slot(Struct, frozen=True, kw_only=True):
    """One action's place in the backward plan."""

    action: str
    code: str
    latest_start: dt.date
    latest_end: dt.date
    earliest_start: dt.date
    earliest_end: dt.date
    slack: int
    """Days between the earliest and the latest start (< 0: cannot make the deadline)."""
    duration: int
    guessed: bool
    """No dates and no duration: counted as one day."""
    should_have_started: bool
    """Not started, and its latest start is already past."""
    critical: bool


class Backplan(Struct, frozen=True, kw_only=True):
    deadline: dt.date
    slots: list[Slot]
    """In code order."""
    critical_path: list[str]
    """Action ids, first to last."""
    cycle: list[str]
    """Codes of a dependency cycle, when there is one (then `slots` is empty)."""


def duration_of(action: Action) -> tuple[int, bool]:
    """(days from start to end included, guessed?)."""
    if action.start and action.end and action.end >= action.start:
        return (action.end - action.start).days + 1, False
    if action.duration:
        return action.duration, False
    return DEFAULT_DAYS, True


def scope(data: PlanData, objective_id: str) -> list[Action]:
    """The open actions that reach an objective (its own, or its operational objectives')."""
    ids = {objective_id, *(c.id for c in data.children(objective_id))}
    actions = [a for a in data.actions.values() if a.objective in ids and a.status.is_open]
    return sorted(actions, key=lambda a: (natural_key(a.code), a.id))


def _order(actions: dict[str, Action]) -> tuple[list[str], list[str]]:
    """(topological order, predecessors first; a cycle as ids, or [])."""
    state: dict[str, int] = {}
    order: list[str] = []
    stack: list[str] = []

    def visit(aid: str) -> list[str]:
        state[aid] = 1
        stack.append(aid)
        for dep in actions[aid].depends_on:
            if dep not in actions:
                continue
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[aid] = 2
        order.append(aid)
        return []

    for aid in actions:
        if aid not in state and (cycle := visit(aid)):
            return [], cycle
    return order, []


def backplan(
    data: PlanData, objective_id: str, today: dt.date, deadline: dt.date | None = None
) -> Backplan:
    """The backward plan of an objective from `deadline` (default: the objective's own)."""
    objective = data.objectives[objective_id]
    end = deadline or objective.deadline
    if end is None:
        raise ValueError("no deadline")
    actions = {a.id: a for a in scope(data, objective_id)}
    order, cycle = _order(actions)
    if cycle:
        return Backplan(deadline=end, slots=[], critical_path=[],
                        cycle=[actions[a].code or a for a in cycle])  # fmt: skip
    successors: dict[str, list[str]] = {aid: [] for aid in actions}
    for aid in order:
        for dep in actions[aid].depends_on:
            if dep in actions:
                successors[dep].append(aid)
    durations = {aid: duration_of(a) for aid, a in actions.items()}

    latest_start: dict[str, dt.date] = {}
    latest_end: dict[str, dt.date] = {}
    for aid in reversed(order):
        finish = min([end, *(latest_start[s] - DAY for s in successors[aid])])
        latest_end[aid] = finish
        latest_start[aid] = finish - (durations[aid][0] - 1) * DAY

    earliest_start: dict[str, dt.date] = {}
    earliest_end: dict[str, dt.date] = {}
    for aid in order:
        action = actions[aid]
        begun = action.status is not Status.TODO and action.start is not None
        first = action.start if begun and action.start else today
        for dep in action.depends_on:
            if dep in earliest_end:
                first = max(first, earliest_end[dep] + DAY)
        earliest_start[aid] = first
        earliest_end[aid] = first + (durations[aid][0] - 1) * DAY

    slack = {aid: (latest_start[aid] - earliest_start[aid]).days for aid in actions}
    path = _critical_path(actions, order, successors, slack)
    slots = [
        Slot(
            action=aid,
            code=a.code,
            latest_start=latest_start[aid],
            latest_end=latest_end[aid],
            earliest_start=earliest_start[aid],
            earliest_end=earliest_end[aid],
            slack=slack[aid],
            duration=durations[aid][0],
            guessed=durations[aid][1],
            should_have_started=a.status is Status.TODO and latest_start[aid] < today,
            critical=aid in path,
        )
        for aid, a in actions.items()
    ]
    return Backplan(deadline=end, slots=slots, critical_path=path, cycle=[])


def _critical_path(
    actions: dict[str, Action],
    order: list[str],
    successors: dict[str, list[str]],
    slack: dict[str, int],
) -> list[str]:
    """The chain of least slack: from the last action with the least slack, back through
    the predecessors that have the same slack."""
    if not actions:
        return []
    least = min(slack.values())
    ends = [
        a for a in order if slack[a] == least and not any(slack[s] == least for s in successors[a])
    ]
    if not ends:  # pragma: no cover - some action of least slack has no such successor
        return []
    path = [ends[-1]]
    while True:
        previous = [d for d in actions[path[-1]].depends_on if d in actions and slack[d] == least]
        if not previous:
            break
        path.append(previous[0])
    return list(reversed(path))


def proposed(action: Action, slot: Slot) -> Action:
    """The action with the dates the backward plan proposes.

    An action not started takes its latest start and end; one under way keeps its start
    and takes its latest end. When the deadline cannot be made (negative slack), no date
    is put in the past and no action shrinks: it takes its earliest dates instead, from
    today or from the end of what it waits for, and so ends after the deadline, in plain
    sight on the timeline and in the drift.
    """
    from coop_tui.domain.model import replace

    if action.status is Status.TODO or action.start is None:
        start = max(slot.latest_start, slot.earliest_start)
        return replace(action, start=start, end=start + (slot.duration - 1) * DAY)
    return replace(action, end=max(slot.latest_end, slot.earliest_end))
