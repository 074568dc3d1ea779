"""domain: baselines and drift, reviews and decisions, approvals that lapse, phases."""

from __future__ import annotations

from coop_tui.domain import phases, steering
from coop_tui.domain.approvals import approval_lapsed, lapsed_because, renewed
from coop_tui.domain.model import Decision, Milestone, Organisation, Phase, Review, Status, replace
from coop_tui.domain.snapshot import PlanData
from tests.unit.plan_builders import (
    D,
    action,
    approve,
    budget_line,
    data_of,
    indicator,
    objective,
    two_orgs,
    with_records,
)


def base_plan() -> PlanData:
    return data_of(
        *two_orgs(),
        objective("ob1", "O1", deadline=D(2026, 6, 30)),
        indicator("i1", "ob1", 0, 10, target_date=D(2026, 6, 30)),
        action("a1", "A1", start=D(2026, 1, 1), end=D(2026, 2, 28)),
        action("a2", "A2", start=D(2026, 3, 1), end=D(2026, 4, 30)),
        action("a3", "A3", start=D(2026, 5, 1), end=D(2026, 5, 31)),
        budget_line("b1", "a1", 1000.0),
        budget_line("b2", "a2", 48000.0, yearly=True, first_year=2026, last_year=2027),
    )


def test_no_drift_right_after_a_baseline() -> None:
    data = base_plan()
    baseline = replace(steering.freeze(data, "COPIL 1", D(2026, 1, 15)), id="x")
    assert baseline.actions["a2"].budget == 96000.0
    assert steering.drift(data, baseline) == []


def test_drift_names_slips_with_their_days_additions_drops_budgets_and_targets() -> None:
    data = base_plan()
    baseline = replace(steering.freeze(data, "COPIL 1", D(2026, 1, 15)), id="x")
    later = with_records(
        data,
        replace(data.actions["a1"], end=D(2026, 3, 30)),  # 30 days later
        replace(data.actions["a3"], end=D(2026, 7, 15)),  # past the objective's deadline
        replace(data.actions["a2"], status=Status.DROPPED),
        action("a4", "A4"),
        budget_line("b1", "a1", 1500.0),
        replace(data.indicators["i1"], target=12.0),
    )
    found = {(d.kind, d.code): d for d in steering.drift(later, baseline)}
    slipped = found[("slipped", "A1")]
    assert slipped.days == 30 and not slipped.at_risk
    assert found[("slipped", "A3")].at_risk
    assert ("dropped", "A2") in found and ("added", "A4") in found
    assert (found[("budget", "A1")].before, found[("budget", "A1")].after) == ("1000", "1500")
    assert found[("target", "O1")].before.startswith("10")
    earlier = with_records(data, replace(data.actions["a1"], end=D(2026, 2, 20)))
    (back,) = steering.drift(earlier, baseline)
    assert back.days == -8


def test_the_latest_baseline_and_one_by_name() -> None:
    data = base_plan()
    first = replace(steering.freeze(data, "COPIL 1", D(2026, 1, 15)), id="x1")
    second = replace(steering.freeze(data, "COPIL 2", D(2026, 4, 15)), id="x2")
    data = with_records(data, second, first)
    assert steering.latest_baseline(data) == second
    assert steering.baseline_named(data, "copil 1 ") == first


def test_next_review_and_the_decisions_due() -> None:
    data = with_records(
        base_plan(),
        Review(id="r1", kind="copil", date=D(2026, 1, 10)),
        Review(id="r2", kind="cotech", date=D(2026, 3, 10)),
        Decision(id="d1", review="r1", text="Relancer", due=D(2026, 2, 1)),
        Decision(id="d2", review="r1", text="Fait", due=D(2026, 1, 20), done=D(2026, 1, 18)),
        Decision(id="d3", review="r1", text="Plus tard", due=D(2026, 9, 1)),
    )
    today = D(2026, 2, 15)
    assert steering.next_review(data, today).id == "r2"  # type: ignore[union-attr]
    assert steering.last_review(data, today, "copil").id == "r1"  # type: ignore[union-attr]
    assert [d.id for d in steering.open_decisions(data)] == ["d1", "d3"]
    assert [d.id for d in steering.decisions_due(data, today)] == ["d1"]


def test_an_approval_lapses_when_what_it_approved_changes_and_is_renewed() -> None:
    data = base_plan()
    obj = approve(data, data.objectives["ob1"], "o1", "o2")
    data = with_records(data, obj)
    assert not any(approval_lapsed(data, obj, a) for a in obj.approvals.values())
    for changed, why in (
        (replace(obj, statement="Autre chose"), ["statement"]),
        (replace(obj, deadline=D(2026, 12, 31)), ["deadline"]),
    ):
        assert lapsed_because(data, changed, changed.approvals["o1"]) == why
    new_target = with_records(data, replace(data.indicators["i1"], target=20.0))
    assert lapsed_because(new_target, obj, obj.approvals["o2"]) == ["targets"]
    again = renewed(new_target, obj, "o2", D(2026, 2, 1))
    assert not approval_lapsed(new_target, again, again.approvals["o2"])
    assert approval_lapsed(new_target, again, again.approvals["o1"])


def test_phases_current_progress_next_milestone_and_the_dates_of_a_new_one() -> None:
    ph1 = Phase(id="p1", name="Amorçage", start=D(2025, 1, 1), end=D(2025, 12, 31), order=0)
    ph2 = Phase(id="p2", name="Structuration", start=D(2026, 1, 1), end=D(2026, 12, 31), order=1)
    data = data_of(
        *two_orgs(), ph1, ph2,
        objective("ob1", "O1", phase="p2"),
        action("a1", "A1", status=Status.DONE),
        action("a2", "A2"),
        action("a3", "A3", phase="p1", status=Status.DONE),
        Milestone(id="m1", phase="p2", name="Go", date=D(2026, 6, 30)),
        Milestone(id="m2", phase="p1", name="Passé", date=D(2025, 6, 30), outcome="go"),
        Organisation(id="o3", name="Tremplin", kind="ETTI", phase="p2"),
    )  # fmt: skip
    today = D(2026, 3, 1)
    assert phases.current_phase(data, today) == ph2
    assert phases.phase_progress(data, "p2") == 0.5 and phases.phase_progress(data, "p1") == 1.0
    assert phases.next_milestone(data, today).id == "m1"  # type: ignore[union-attr]
    assert phases.new_phase_dates(data) == (D(2027, 1, 1), D(2027, 12, 31))
    assert phases.next_order(data) == 2.0
    empty = data_of(plan=None)
    assert phases.new_phase_dates(empty) == (None, None)
