"""Budget and working-day totals of the action plan, by every key the worksheet uses.

By operational objective, shared objective, shared stake, partner organisation
(each budget line split by its shares; working days go to the lead person's
organisation) and phase; dropped actions are left out. Pure: no UI, no storage.
"""

from __future__ import annotations

import operator

from msgspec import Struct

from coop_tui.domain import finance
from coop_tui.domain.model import Action, BudgetLine, Status
from coop_tui.domain.snapshot import PlanData, id_key


class Totals(Struct, frozen=True):
    """Budget (euros) and working days of a group of actions."""

    budget: float = 0.0
    working_days: float = 0.0
    actions: int = 0


class PlanTotals(Struct, frozen=True):
    """Totals of the actions not dropped, by several keys ('' where unknown)."""

    overall: Totals
    by_objective: dict[str, Totals]
    """Operational objective id (each action counted once, under its own objective)."""
    by_shared_objective: dict[str, Totals]
    by_shared_stake: dict[str, Totals]
    by_organisation: dict[str, Totals]
    by_phase: dict[str, Totals]


def totals(data: PlanData) -> PlanTotals:
    """Budget and working-day totals (computed once per snapshot: several screens ask)."""
    return data.memo("totals", lambda: _totals(data))  # type: ignore[no-any-return]


def overall(data: PlanData) -> Totals:
    """`totals(data).overall`, to the last bit, from the objectives' money alone (the
    dashboard's summary: its first paint needs no split by organisation or phase)."""

    def compute() -> Totals:
        parts = [
            money_of(data, objective_id)
            for objective_id in sorted(data.objectives_with_actions(), key=id_key)
        ]
        counted = [part for part in parts if part.count]
        return Totals(
            sum(part.budget for part in counted),
            sum(part.working_days for part in counted),
            sum(part.count for part in counted),
        )

    return data.memo("overall", compute)  # type: ignore[no-any-return]


class Money(Struct, frozen=True, gc=False):
    """One objective's money, in one walk over its actions (`money_of`)."""

    budget: float
    working_days: float
    count: int
    """Actions not dropped."""
    charges: float
    """The financing plan's charges (`charges_of`)."""
    in_kind: float
    held: int
    """Budget lines its actions hold, dropped ones' too."""
    budgets: list[float | None]
    """Each action's budget, in the objective's order: None where its split between
    organisations takes working out (shares, something in kind from a provider, several
    lines or a yearly one), 0 for a dropped action."""


_MONEY_READS = frozenset({"budget_lines"})
"""What an objective's money reads besides its actions (see `PlanData.per_objective`)."""
_READS = frozenset(
    {"plan", "budget_lines", "objectives", "shared_stakes", "people", "organisations"}
)
"""What an objective's totals read besides its actions (see `PlanData.per_objective`)."""
_PHASE = operator.attrgetter("phase")
_KEYS = ("objective", "shared_objective", "shared_stake", "organisation", "phase")

Sums = dict[str, dict[str, list[float]]]


def money_of(data: PlanData, objective_id: str) -> Money:
    """An objective's budget, working days, count, charges: kept while its actions and
    the budget lines are the same."""
    return data.per_objective(
        "money", objective_id, _MONEY_READS, lambda actions: _money(data, actions)
    )


def _totals(data: PlanData) -> PlanTotals:
    """The sums of each objective's actions (kept by the snapshot while they do not
    change), added up in the order of the objectives' ids: not in the order the snapshot
    met them (after an action moved to another objective, a snapshot carried over meets
    them in another order than one read afresh), so that the same plan gives the same
    figures to the last bit, whatever its history."""
    sums: Sums = {key: {} for key in _KEYS}
    for objective_id in sorted(data.objectives_with_actions(), key=id_key):
        part = data.per_objective(
            "totals", objective_id, _READS, lambda actions: _sums(data, actions)
        )
        for key in _KEYS:
            into = sums[key]
            for group, (budget, days, count) in part[key].items():
                acc = into.setdefault(group, [0.0, 0.0, 0.0])
                acc[0] += budget
                acc[1] += days
                acc[2] += count

    def freeze(table: dict[str, list[float]]) -> dict[str, Totals]:
        return {k: Totals(v[0], v[1], int(v[2])) for k, v in table.items()}

    by_objective = freeze(sums["objective"])
    return PlanTotals(
        Totals(
            sum(t.budget for t in by_objective.values()),
            sum(t.working_days for t in by_objective.values()),
            sum(t.actions for t in by_objective.values()),
        ),
        by_objective,
        freeze(sums["shared_objective"]),
        freeze(sums["shared_stake"]),
        freeze(sums["organisation"]),
        freeze(sums["phase"]),
    )


def charges_of(data: PlanData, objective_id: str) -> tuple[float, float, int]:
    """An objective's charges as the financing plan adds them (`finance._objective_charges`
    : amount by amount, a yearly line once a year; dropped actions left out), their
    in-kind part, and the lines its actions hold (dropped ones' too): worked out in the
    same walk as its money, and kept with it."""
    money = money_of(data, objective_id)
    return money.charges, money.in_kind, money.held


def _money(data: PlanData, actions: list[Action]) -> Money:
    """`Money` of `actions` (one objective's). An action of one line (most are) makes no
    list of amounts: its budget is its line's. The charges are added as the financing
    plan adds them (`finance._Charges.add`): amount by amount, a yearly line once a year."""
    lines_of = data.lines_by_action().get
    line_total, line_years = finance.line_total, finance.line_years
    dropped = Status.DROPPED
    budgets: list[float | None] = []
    budget_sum = days_sum = charges = in_kind = 0.0
    count = held = 0
    for action in actions:
        found = lines_of(action.id, ())
        lines = (found,) if isinstance(found, BudgetLine) else found
        held += len(lines)
        if action.status is dropped:
            budgets.append(0.0)
            continue
        count += 1
        if len(lines) == 1 and not lines[0].yearly:  # most actions: one line, one year
            line = lines[0]
            budget = line.amount * line.quantity
            charges += budget
            if line.in_kind:
                in_kind += budget
            own = not line.shares and not (line.in_kind and line.provider)
            budgets.append(budget if own else None)
        else:
            budget = sum([line_total(line, action) for line in lines])
            for line in lines:
                each = line.amount * line.quantity  # the charges: year by year
                for _ in range(max(1, len(line_years(line, action))) if line.yearly else 1):
                    charges += each
                    if line.in_kind:
                        in_kind += each
            budgets.append(None)
        budget_sum += budget
        days_sum += action.resources.working_days or 0.0
    return Money(budget_sum, days_sum, count, charges, in_kind, held, budgets)


def _sums(data: PlanData, actions: list[Action]) -> Sums:
    """Budget, working days and count of `actions` (one objective's), by every key.

    The objective, its root and its shared stake are one group each, and so is its phase
    when all its actions are of one (as a rule): their sums are its money's (`money_of`).
    The organisations' split takes a walk: an action's budget, when it all goes to the
    lead's organisation, is its money's; an action whose lines have shares or a provider
    of something in kind (`finance.shares_of`), or several lines, is worked out line by
    line. Each group's sums are added in the same order as action by action, so the
    figures are the same to the last bit."""
    objective = data.objectives.get(actions[0].objective) if actions else None
    root = data.root_of(objective) if objective else None
    stake = data.shared_stake_of(objective) if objective else None
    inherited = objective.phase if objective else ""
    money = money_of(data, actions[0].objective) if actions else None
    line_total, shares_of = finance.line_total, finance.shares_of
    lines_of = data.budget_lines_of
    leads: dict[str, str] = data.memo("lead organisations", dict)
    """Person id -> the id of their organisation ('' if none), for the whole snapshot."""
    phases: dict[str, list[float]] = {}
    organisations: dict[str, list[float]] = {}
    dropped = Status.DROPPED
    own_phases = set(map(_PHASE, actions))  # one phase for all, as a rule: summed once
    uniform = (own_phases.pop() or inherited) if len(own_phases) == 1 else None
    for action, known in zip(actions, money.budgets if money else (), strict=True):
        if action.status is dropped:
            continue
        days = action.resources.working_days or 0.0
        lead_id = leads.get(action.lead)
        if lead_id is None:
            lead = data.lead_organisation(action)
            lead_id = leads[action.lead] = lead.id if lead else ""
        org = organisations.get(lead_id)
        if org is None:
            org = organisations[lead_id] = [0.0, 0.0, 0.0]
        org[1] += days
        org[2] += 1
        if known is not None:
            budget = known
            org[0] += budget
        else:
            lines = lines_of(action.id)
            amounts = [line_total(line, action) for line in lines]
            budget = sum(amounts)
            for line, amount in zip(lines, amounts, strict=True):
                if not line.shares and not (line.in_kind and line.provider):
                    org[0] += amount
                    continue
                for other, part in shares_of(line, lead_id).items():
                    share = organisations.get(other)
                    if share is None:
                        share = organisations[other] = [0.0, 0.0, 0.0]
                    share[0] += amount * part
        if uniform is None:
            phase = action.phase or inherited
            acc = phases.get(phase)
            if acc is None:
                acc = phases[phase] = [0.0, 0.0, 0.0]
            acc[0] += budget
            acc[1] += days
            acc[2] += 1
    sums: Sums = {key: {} for key in _KEYS}
    if money is not None and money.count:
        whole = [money.budget, money.working_days, float(money.count)]
        if uniform is not None:  # each action's budget and days added as to the whole
            phases[uniform] = list(whole)
        sums["objective"][actions[0].objective] = whole
        sums["shared_objective"][root.id if root else ""] = list(whole)
        sums["shared_stake"][stake.id if stake else ""] = list(whole)
    sums["phase"] = phases
    sums["organisation"] = organisations
    return sums
