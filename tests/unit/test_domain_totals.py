"""domain/totals: an objective's sums, worked out group by group, are the very figures
(bit for bit, in the same order of groups) that adding its actions one by one gives."""

from __future__ import annotations

from pathlib import Path

from coop_tui.domain import finance, totals
from coop_tui.domain.model import Action, Share, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.storage.store import PlanStore
from tests.unit.plan_builders import D, action, budget_line, data_of, objective, two_orgs


def _one_by_one(data: PlanData, actions: list[Action]) -> totals.Sums:
    """The sums as they were first written: every action added to every group it is in."""
    sums: totals.Sums = {key: {} for key in totals._KEYS}

    def add(key: str, group: str, budget: float, days: float, count: int) -> None:
        acc = sums[key].setdefault(group, [0.0, 0.0, 0.0])
        acc[0] += budget
        acc[1] += days
        acc[2] += count

    objective = data.objectives.get(actions[0].objective) if actions else None
    root = data.root_of(objective) if objective else None
    stake = data.shared_stake_of(objective) if objective else None
    for item in actions:
        if item.status is Status.DROPPED:
            continue
        lines = data.budget_lines_of(item.id)
        budget = sum(finance.line_total(line, item) for line in lines)
        days = item.resources.working_days or 0.0
        lead = data.lead_organisation(item)
        lead_id = lead.id if lead else ""
        add("objective", item.objective, budget, days, 1)
        add("shared_objective", root.id if root else "", budget, days, 1)
        add("shared_stake", stake.id if stake else "", budget, days, 1)
        add("phase", item.phase or (objective.phase if objective else ""), budget, days, 1)
        add("organisation", lead_id, 0.0, days, 1)
        for line in lines:
            amount = finance.line_total(line, item)
            for org, part in finance.shares_of(line, lead_id).items():
                add("organisation", org, amount * part, 0.0, 0)
    return sums


def _same(data: PlanData) -> None:
    for objective_id in data.objectives_with_actions():
        actions = data.actions_of(objective_id)
        got, expected = totals._sums(data, actions), _one_by_one(data, actions)
        # Lists of floats compared with ==: equal to the last bit, and in the same order.
        assert {k: list(got[k].items()) for k in totals._KEYS} == {
            k: list(v.items()) for k, v in expected.items()
        }
        # The financing plan's charges, summed on the way: its own figures, bit for bit.
        charges = finance._objective_charges(data, actions)[""]
        held = sum(len(data.budget_lines_of(a.id)) for a in actions)
        assert totals.charges_of(data, objective_id) == (charges.total, charges.in_kind, held)


def test_sums_of_every_kind_of_line() -> None:
    third = 0.1 + 0.2  # not a round number: the order of additions shows
    data = data_of(
        *two_orgs(),
        objective("ob0", "O1", phase="ph1"),
        objective("ob1", "O1.1", parent="ob0", phase="ph1"),
        objective("ob2", "O1.2", parent="ob0"),
        action("a1", "A1", "ob1", start=D(2026, 1, 1), end=D(2027, 12, 31), days=3.3, lead="p1"),
        action("a2", "A2", "ob1", days=third, lead="p2", phase="ph2"),
        action("a3", "A3", "ob1", status=Status.DROPPED, days=5, lead="p1"),
        action("a4", "A4", "ob1", days=1.1, lead="nobody"),
        action("a5", "A5", "ob1"),
        action("a6", "A6", "ob2", status=Status.DROPPED, days=2, phase="ph2"),
        # one line each (the common case, summed without a list): shared, yearly, in kind
        action("a7", "A7", "ob1", start=D(2026, 3, 1), end=D(2028, 2, 1), days=0.7, lead="p2"),
        action("a8", "A8", "ob1", days=third, lead="p1"),
        action("a9", "A9", "ob1", lead="p1", phase="ph2"),
        # all of one phase (as a rule): summed once for the phase
        action("a10", "A10", "ob2", days=third, lead="p2", phase="ph2"),
        action("a11", "A11", "ob2", days=1.7, lead="p1", phase="ph2"),
        budget_line("l1", "a1", 1000 * third),
        budget_line("l2", "a1", 480.7, yearly=True, shares=(
            Share(organisation="o1", percent=30.0), Share(organisation="o2", amount=100.0))),
        budget_line("l3", "a2", 77.7, in_kind="premises", provider="o1"),
        budget_line("l4", "a2", 12.5, in_kind="staff"),
        budget_line("l5", "a3", 999.0),
        budget_line("l6", "a4", third, quantity=3.0, shares=(Share(organisation="o2", percent=100.0),)),
        budget_line("l7", "a4", 10.0, shares=(Share(organisation="o9", percent=150.0),)),
        budget_line("l8", "a5", 0.3),
        budget_line("l9", "a6", 4.0),
        budget_line("m1", "a7", 3 * third, yearly=True),
        budget_line("m2", "a8", 7 * third, shares=(Share(organisation="o2", percent=33.3),)),
        budget_line("m3", "a9", 5 * third, in_kind="premises", provider="o2"),
        budget_line("m4", "a10", 11 * third),
        budget_line("m5", "a11", 13 * third, yearly=True),
    )  # fmt: skip
    _same(data)
    whole = totals.totals(data)
    assert whole.by_objective.keys() == {"ob1", "ob2"}
    assert whole.by_phase.keys() == {"ph1", "ph2"}
    assert whole.overall.actions == 9


def test_sums_of_the_demo(demo_path: Path) -> None:
    _same(PlanStore(demo_path).read())
