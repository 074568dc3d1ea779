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
    return totals(data).overall


_READS = frozenset(
    {"plan", "budget_lines", "objectives", "shared_stakes", "people", "organisations"}
)
"""What an objective's totals read besides its actions (see `PlanData.per_objective`)."""
_PHASE = operator.attrgetter("phase")
_KEYS = ("objective", "shared_objective", "shared_stake", "organisation", "phase")

Sums = dict[str, dict[str, list[float]]]


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


CHARGES = "charges"
"""The table of an objective's sums that holds, under '', the financing plan's charges of
its actions, their in-kind part and how many lines they hold (see `charges_of`)."""


def charges_of(data: PlanData, objective_id: str) -> tuple[float, float, int]:
    """An objective's charges as the financing plan adds them (`finance._objective_charges`
    : amount by amount, a yearly line once a year; dropped actions left out), their
    in-kind part, and the lines its actions hold (dropped ones' too): worked out in the
    same pass as its totals, and kept with them."""
    part = data.per_objective("totals", objective_id, _READS, lambda actions: _sums(data, actions))
    total, in_kind, held = part[CHARGES][""]
    return total, in_kind, int(held)


def _sums(data: PlanData, actions: list[Action]) -> Sums:
    """Budget, working days and count of `actions` (one objective's), by every key.

    The objective, its root and its shared stake are one group each: summed once. Each
    group's sums are added in the same order as action by action, so the figures are the
    same to the last bit; a line without shares nor provider goes whole to the lead's
    organisation without working out its split (what `finance.shares_of` gives it). An
    action of one line (most are) makes no list of amounts: its budget is its line's.
    When all its actions are of one phase (as a rule), that phase's sums are the
    objective's, added the same way. The financing plan's charges are added up on the way
    (`charges_of`)."""
    objective = data.objectives.get(actions[0].objective) if actions else None
    root = data.root_of(objective) if objective else None
    stake = data.shared_stake_of(objective) if objective else None
    inherited = objective.phase if objective else ""
    line_total, shares_of = finance.line_total, finance.shares_of
    lines_of = data.lines_by_action().get
    leads: dict[str, str] = data.memo("lead organisations", dict)
    """Person id -> the id of their organisation ('' if none), for the whole snapshot."""
    phases: dict[str, list[float]] = {}
    organisations: dict[str, list[float]] = {}
    line_years = finance.line_years
    budget_sum = days_sum = charges = in_kind = 0.0
    count = held = 0
    dropped = Status.DROPPED
    own = set(map(_PHASE, actions))  # one phase for all, as a rule: summed once
    uniform = (own.pop() or inherited) if len(own) == 1 else None
    for action in actions:
        found = lines_of(action.id, ())
        lines = (found,) if isinstance(found, BudgetLine) else found
        held += len(lines)
        if action.status is dropped:
            continue
        days = action.resources.working_days or 0.0
        lead_id = leads.get(action.lead)
        if lead_id is None:
            lead = data.lead_organisation(action)
            lead_id = leads[action.lead] = lead.id if lead else ""
        count += 1
        org = organisations.get(lead_id)
        if org is None:
            org = organisations[lead_id] = [0.0, 0.0, 0.0]
        org[1] += days
        org[2] += 1
        if len(lines) == 1 and not lines[0].yearly:  # most actions: one line, one year
            line = lines[0]
            budget = line.amount * line.quantity
            charges += budget
            if line.in_kind:
                in_kind += budget
            if not line.shares and not (line.in_kind and line.provider):
                org[0] += budget
            else:
                for other, part in shares_of(line, lead_id).items():
                    share = organisations.get(other)
                    if share is None:
                        share = organisations[other] = [0.0, 0.0, 0.0]
                    share[0] += budget * part
        else:
            amounts = [line_total(line, action) for line in lines]
            budget = sum(amounts)
            for line, amount in zip(lines, amounts, strict=True):
                each = line.amount * line.quantity  # the charges: year by year, as
                for _ in range(max(1, len(line_years(line, action))) if line.yearly else 1):
                    charges += each  # `finance._Charges.add` adds them
                    if line.in_kind:
                        in_kind += each
                if not line.shares and not (line.in_kind and line.provider):
                    org[0] += amount
                    continue
                for other, part in shares_of(line, lead_id).items():
                    share = organisations.get(other)
                    if share is None:
                        share = organisations[other] = [0.0, 0.0, 0.0]
                    share[0] += amount * part
        budget_sum += budget
        days_sum += days
        if uniform is None:
            phase = action.phase or inherited
            acc = phases.get(phase)
            if acc is None:
                acc = phases[phase] = [0.0, 0.0, 0.0]
            acc[0] += budget
            acc[1] += days
            acc[2] += 1
    sums: Sums = {key: {} for key in _KEYS}
    if count:
        whole = [budget_sum, days_sum, float(count)]
        if uniform is not None:  # each action's budget and days added as to the whole
            phases[uniform] = list(whole)
        sums["objective"][actions[0].objective] = whole
        sums["shared_objective"][root.id if root else ""] = list(whole)
        sums["shared_stake"][stake.id if stake else ""] = list(whole)
    sums["phase"] = phases
    sums["organisation"] = organisations
    sums[CHARGES] = {"": [charges, in_kind, float(held)]}
    return sums
