"""Who finances what: the actions a funder finances (those it names, and those of the
objectives it names) and, the other way round, the funders of an objective or an action.

Pure: read from a `PlanData`, for the Budget screen's rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coop_tui.domain.model import FUNDER_STATUSES, Action, Funder
from coop_tui.domain.snapshot import PlanData
from coop_tui.text import clean

STATUS_ORDER = {status: index for index, status in enumerate(reversed(FUNDER_STATUSES))}
"""Paid first, then granted, then requested."""


def sorted_funders(data: PlanData) -> list[Funder]:
    """Paid, granted, then requested; the largest first."""
    return sorted(
        data.funders.values(),
        key=lambda f: (STATUS_ORDER.get(f.status, 9), -sum(f.amounts.values()), f.name, f.id),
    )


def actions_funded_by(data: PlanData, funder: Funder) -> list[Action]:
    """The actions a funder finances: those it names, and those of the objectives it names
    (a shared objective's operational objectives included)."""
    objectives = set(funder.objectives)
    for objective_id in funder.objectives:
        objectives.update(o.id for o in data.children(objective_id))
    return [a for a in data.actions.values() if a.id in funder.actions or a.objective in objectives]


def funders_of_objective(
    data: PlanData, funders: Iterable[Funder], objective_id: str
) -> list[Funder]:
    """The funders that name an operational objective, its shared objective or one of its
    actions."""
    objective = data.objectives.get(objective_id)
    named = {objective_id, objective.parent if objective else ""} - {""}
    actions = {a.id for a in data.actions_of(objective_id)}
    return [
        f for f in funders if named.intersection(f.objectives) or actions.intersection(f.actions)
    ]


def funders_of_action(data: PlanData, funders: Iterable[Funder], action: Action) -> list[Funder]:
    """The funders that name an action, its objective or its shared objective."""
    objective = data.objectives.get(action.objective)
    named = {action.objective, objective.parent if objective else ""} - {""}
    return [f for f in funders if action.id in f.actions or named.intersection(f.objectives)]


def funder_names(funders: Sequence[Funder]) -> str:
    return ", ".join(clean(f.name) for f in funders) or "—"
