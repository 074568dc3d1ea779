"""Budget and working-day totals of the action plan, by every key the worksheet uses.

By operational objective, shared objective, shared stake, the lead person's
organisation and phase; dropped actions are left out. Pure: no UI, no storage.
"""

from __future__ import annotations

from coop_tui.domain.frozen import frozen
from coop_tui.domain.model import Action, Objective, Status
from coop_tui.domain.snapshot import PlanData


@frozen
class Totals:
    """Budget (euros) and working days of a group of actions."""

    budget: float = 0.0
    working_days: float = 0.0
    actions: int = 0

    def add(self, action: Action) -> Totals:
        return Totals(
            self.budget + (action.resources.budget or 0.0),
            self.working_days + (action.resources.working_days or 0.0),
            self.actions + 1,
        )


@frozen
class PlanTotals:
    """Totals of the actions not dropped, by several keys ('' where unknown)."""

    overall: Totals
    by_objective: dict[str, Totals]
    """Operational objective id (each action counted once, under its own objective)."""
    by_shared_objective: dict[str, Totals]
    by_shared_stake: dict[str, Totals]
    by_organisation: dict[str, Totals]
    """The lead person's organisation."""
    by_phase: dict[str, Totals]


def totals(data: PlanData) -> PlanTotals:
    """Budget and working-day totals (computed once per snapshot: several screens ask)."""
    return data.memo("totals", lambda: _totals(data))


def overall(data: PlanData) -> Totals:
    """`totals(data).overall` (the very same sums, in the same order), without the
    breakdowns when they are not worked out yet: `coop-tui status` needs only this."""
    known = data.memo_of("totals")
    if known is not None:
        return known.overall  # type: ignore[no-any-return]
    sums = [0.0, 0.0, 0]
    for acc in _groups(data).values():
        sums[0] += acc[0]
        sums[1] += acc[1]
        sums[2] += acc[2]
    return Totals(sums[0], sums[1], int(sums[2]))


def _groups(data: PlanData) -> dict[tuple[str, str, str], list[float]]:
    """The actions not dropped, summed once per (objective, lead, phase): a 5,000-action
    plan has a few hundred such groups, which the totals then roll up."""

    def group() -> dict[tuple[str, str, str], list[float]]:
        groups: dict[tuple[str, str, str], list[float]] = {}
        for action in data.actions.values():
            if action.status is Status.DROPPED:
                continue
            key = (action.objective, action.lead, action.phase)
            acc = groups.get(key)
            if acc is None:
                acc = groups[key] = [0.0, 0.0, 0]
            acc[0] += action.resources.budget or 0.0
            acc[1] += action.resources.working_days or 0.0
            acc[2] += 1
        return groups

    return data.memo("totals_groups", group)  # type: ignore[no-any-return]


def _totals(data: PlanData) -> PlanTotals:
    groups = _groups(data)
    keyed: dict[str, dict[str, list[float]]] = {
        name: {} for name in ("objective", "shared_objective", "shared_stake", "organisation", "phase")
    }
    overall = [0.0, 0.0, 0]

    def bump(table: dict[str, list[float]], key: str, acc: list[float]) -> None:
        into = table.get(key)
        if into is None:
            into = table[key] = [0.0, 0.0, 0]
        into[0] += acc[0]
        into[1] += acc[1]
        into[2] += acc[2]

    # What a group's keys depend on, worked out once per objective and per person.
    by_objective: dict[str, tuple[str, str, str]] = {}
    by_person: dict[str, str] = {}
    for (objective_id, lead, phase), acc in groups.items():
        facts = by_objective.get(objective_id)
        if facts is None:
            objective = data.objectives.get(objective_id)
            root = _root(data, objective)
            stake = data.shared_stake_of(objective) if objective else None
            facts = by_objective[objective_id] = (
                root.id if root else "",
                stake.id if stake else "",
                objective.phase if objective else "",
            )
        org = by_person.get(lead)
        if org is None:
            person = data.people.get(lead)
            in_plan = person is not None and person.organisation in data.organisations
            org = by_person[lead] = person.organisation if in_plan else ""  # type: ignore[union-attr]
        overall[0] += acc[0]
        overall[1] += acc[1]
        overall[2] += acc[2]
        bump(keyed["objective"], objective_id, acc)
        bump(keyed["shared_objective"], facts[0], acc)
        bump(keyed["shared_stake"], facts[1], acc)
        bump(keyed["organisation"], org, acc)
        bump(keyed["phase"], phase or facts[2], acc)

    def freeze(table: dict[str, list[float]]) -> dict[str, Totals]:
        return {k: Totals(v[0], v[1], int(v[2])) for k, v in table.items()}

    return PlanTotals(
        Totals(overall[0], overall[1], int(overall[2])),
        freeze(keyed["objective"]),
        freeze(keyed["shared_objective"]),
        freeze(keyed["shared_stake"]),
        freeze(keyed["organisation"]),
        freeze(keyed["phase"]),
    )


def _root(data: PlanData, objective: Objective | None) -> Objective | None:
    seen: set[str] = set()
    while objective is not None and objective.parent and objective.id not in seen:
        seen.add(objective.id)
        parent = data.objectives.get(objective.parent)
        if parent is None:
            break
        objective = parent
    return objective
