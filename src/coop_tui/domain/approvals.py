"""Approvals that mean something: each records what was approved, and lapses when
the objective's statement, deadline or targets change afterwards (SPEC §3)."""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.model import (
    Approval,
    ApprovedTarget,
    Indicator,
    Objective,
    Organisation,
    replace,
)
from coop_tui.domain.snapshot import PlanData


def approved_target(indicator: Indicator) -> ApprovedTarget:
    """An indicator's target as an approval keeps it: number, word and date together."""
    value = None if indicator.target is None else float(indicator.target)
    return ApprovedTarget(value=value, level=indicator.target_level, date=indicator.target_date)


def current_targets(data: PlanData, objective: Objective) -> dict[str, ApprovedTarget]:
    """What an approval of `objective` given now would hold as its targets."""
    return {i.id: approved_target(i) for i in data.indicators_of(objective.id)}


def approval_now(
    data: PlanData,
    objective: Objective,
    day: dt.date,
    *,
    person: str = "",
    review: str = "",
) -> Approval:
    """An approval of `objective` as it stands now."""
    return Approval(
        date=day,
        person=person,
        review=review,
        statement=objective.statement,
        deadline=objective.deadline,
        targets=current_targets(data, objective),
    )


def lapsed_because(data: PlanData, objective: Objective, approval: Approval) -> list[str]:
    """What changed since the approval ('statement', 'deadline', 'targets'); [] if none."""
    out = []
    if approval.statement != objective.statement:
        out.append("statement")
    if approval.deadline != objective.deadline:
        out.append("deadline")
    if approval.targets != current_targets(data, objective):
        out.append("targets")
    return out


def approval_lapsed(data: PlanData, objective: Objective, approval: Approval) -> bool:
    """Whether the approval is "to renew": what it approved has changed since."""
    return bool(lapsed_because(data, objective, approval))


def partners_expected(data: PlanData, objective: Objective) -> list[Organisation]:
    """The organisations whose approval the objective needs: those that have joined
    by the objective's phase (a partner joining in phase 2 does not approve phase 1)."""
    return [o for o in data.organisations.values() if joined_by(data, o.phase, objective.phase)]


def joined_by(data: PlanData, org_phase: str, phase: str) -> bool:
    """Whether an organisation joining in `org_phase` is there in `phase`."""
    joined = data.phase_index(org_phase)
    when = data.phase_index(phase)
    return joined is None or when is None or joined <= when


def renewed(data: PlanData, objective: Objective, org_id: str, day: dt.date) -> Objective:
    """`objective` with `org_id`'s approval given again, as it stands now."""
    old = objective.approvals.get(org_id)
    approval = approval_now(
        data, objective, day, person=old.person if old else "", review=old.review if old else ""
    )
    return replace(objective, approvals={**objective.approvals, org_id: approval})
