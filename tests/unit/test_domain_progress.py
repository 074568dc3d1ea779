"""domain/checks: progress, overdue and due-soon, deadlines, totals, date contradictions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.checks import (
    Contradiction,
    action_progress,
    blocked_actions,
    date_contradictions,
    due_soon_actions,
    first_by,
    first_contradictions,
    indicator_progress,
    is_due_soon,
    is_overdue,
    latest_measurement,
    next_deadlines,
    objective_progress,
    overall_progress,
    overdue_actions,
    overdue_objectives,
)
from coop_tui.domain.model import Measurement, Organisation, Person, Plan, Status
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.domain.totals import Totals, totals
from coop_tui.i18n import CATALOGS
from tests.unit.plan_builders import (
    D,
    action,
    budget_line,
    data_of,
    indicator,
    measurements,
    objective,
    two_orgs,
)

TODAY = D(2026, 3, 2)


def progress_of(
    baseline: float | None, target: float | None, *values: float | None
) -> float | None:
    ind = indicator("i1", "ob1", baseline, target)
    days = [D(2026, 1, n + 1) for n in range(len(values))]
    data = data_of(ind, *measurements("i1", zip(days, values, strict=True)))
    return indicator_progress(data, ind)


@pytest.mark.parametrize(
    ("baseline", "target", "values", "expected"),
    [
        (0, 10, (5,), 0.5),  # rising
        (20, 40, (25, 30), 0.5),  # latest counts, not the first
        (5, 3, (4,), 0.5),  # falling target: 5 months -> 3 months
        (5, 3, (3,), 1.0),
        (5, 3, (2,), 1.0),  # clamped above
        (5, 3, (6,), 0.0),  # worse than the start: clamped below
        (0, 10, (15,), 1.0),
        (0, 10, (-3,), 0.0),
        (None, 8, (2,), 0.25),  # no baseline: counted from zero
        (0, 10, (), 0.0),  # nothing measured yet
        (4, 10, (), 0.0),
        (0, 10, (6, None), 0.6),  # a measurement without value is skipped
    ],
)
def test_indicator_progress(
    baseline: float | None, target: float | None, values: tuple[float | None, ...], expected: float
) -> None:
    assert progress_of(baseline, target, *values) == pytest.approx(expected)


def test_indicator_without_target_has_no_progress() -> None:
    assert progress_of(0, None, 5) is None


def test_latest_measurement_is_the_latest_by_date_not_by_entry() -> None:
    ind = indicator("i1", "ob1", 0, 100)
    data = data_of(
        ind, *measurements("i1", [(D(2026, 2, 1), 80), (D(2025, 6, 1), 10), (D(2025, 12, 1), 40)])
    )
    latest = latest_measurement(data, ind)
    assert latest is not None and (latest.date, latest.value) == (D(2026, 2, 1), 80)
    assert indicator_progress(data, ind) == pytest.approx(0.8)


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(
    st.floats(-1e6, 1e6),
    st.floats(-1e6, 1e6),
    st.lists(st.floats(-1e7, 1e7), max_size=3),
)
def test_indicator_progress_stays_between_0_and_1(
    baseline: float, target: float, values: list[float]
) -> None:
    result = progress_of(baseline, target, *values)
    assert result is not None and 0.0 <= result <= 1.0


def tree(*extra: object) -> PlanData:
    return data_of(
        *two_orgs(),
        objective("root", "O1"),
        objective("c1", "O1.1", parent="root"),
        objective("c2", "O1.2", parent="root"),
        *extra,  # type: ignore[arg-type]
    )


def test_objective_progress_from_its_indicators() -> None:
    data = tree(
        indicator("i1", "c1", 0, 10),
        indicator("i2", "c1", 5, 3),
        *measurements("i1", [(D(2026, 1, 1), 10)]),
        action("a1", "A1", "c1", Status.TODO),
    )
    assert objective_progress(data, data.objectives["c1"]) == pytest.approx(0.5)


def test_objective_progress_from_actions_when_no_indicator() -> None:
    data = tree(
        action("a1", "A1", "c2", Status.DONE),
        action("a2", "A2", "c2", Status.TODO),
        action("a3", "A3", "c2", Status.DROPPED),
        action("a4", "A4", "c2", Status.BLOCKED),
    )
    assert objective_progress(data, data.objectives["c2"]) == pytest.approx(1 / 3)


def test_indicator_without_target_falls_back_to_actions() -> None:
    data = tree(indicator("i1", "c2", 0, None), action("a1", "A1", "c2", Status.DONE))
    assert objective_progress(data, data.objectives["c2"]) == 1.0


def test_shared_objective_averages_its_children_else_has_none() -> None:
    data = tree(
        indicator("i1", "c1", 0, 4),
        *measurements("i1", [(D(2026, 1, 1), 1)]),
        action("a1", "A1", "c2", Status.DONE),
        action("a2", "A2", "c2", Status.TODO),
    )
    assert objective_progress(data, data.objectives["root"]) == pytest.approx((0.25 + 0.5) / 2)
    empty = tree()
    assert objective_progress(empty, empty.objectives["root"]) is None
    own = tree(
        indicator("i9", "root", 0, 10),
        *measurements("i9", [(D(2026, 1, 1), 9)]),
        action("a1", "A1", "c2", Status.TODO),
    )
    assert objective_progress(own, own.objectives["root"]) == pytest.approx(0.9)


def test_action_and_overall_progress_leave_dropped_out() -> None:
    assert action_progress([]) is None
    assert action_progress([action("a", "A1", status=Status.DROPPED)]) is None
    data = tree(
        action("a1", "A1", "c1", Status.DONE),
        action("a2", "A2", "c2", Status.DROPPED),
        action("a3", "A3", "c2", Status.IN_PROGRESS),
    )
    assert overall_progress(data) == 0.5


# --- time ----------------------------------------------------------------------------


def timed() -> PlanData:
    return tree(
        action("late2", "A2", "c1", Status.IN_PROGRESS, end=D(2026, 2, 27)),
        action("late1", "A10", "c1", Status.BLOCKED, end=D(2026, 1, 15)),
        action("done", "A3", "c1", Status.DONE, end=D(2026, 1, 1)),
        action("drop", "A4", "c1", Status.DROPPED, end=D(2026, 1, 1)),
        action("today", "A5", "c1", Status.TODO, end=TODAY),
        action("soon", "A6", "c2", Status.TODO, end=D(2026, 4, 1)),  # today + 30
        action("later", "A7", "c2", Status.TODO, end=D(2026, 4, 2)),  # today + 31
        action("open", "A8", "c2", Status.TODO),
        action("soondone", "A9", "c2", Status.DONE, end=D(2026, 3, 10)),
    )


def test_overdue_is_open_and_past_its_end_oldest_first() -> None:
    data = timed()
    assert [a.id for a in overdue_actions(data, TODAY)] == ["late1", "late2"]
    assert not is_overdue(data.actions["today"], TODAY)
    assert is_overdue(data.actions["today"], D(2026, 3, 3))
    assert [a.id for a in overdue_actions(data, D(2025, 1, 1))] == []


def test_due_soon_is_open_and_ending_within_30_days_counting_today() -> None:
    data = timed()
    assert [a.id for a in due_soon_actions(data, TODAY)] == ["today", "soon"]
    assert [a.id for a in due_soon_actions(data, TODAY, days=31)] == ["today", "soon", "later"]
    assert [a.id for a in due_soon_actions(data, D(2026, 4, 2))] == ["later"]
    for day in (TODAY, D(2026, 4, 2), D(2026, 3, 10)):
        soon = {a.id for a in due_soon_actions(data, day)}
        assert {a.id for a in data.actions.values() if is_due_soon(a, day)} == soon


@settings(max_examples=30, deadline=None)
@given(
    items=st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["A2", "A10", "a2", "B1"]),
                             st.integers()), max_size=30),
    limit=st.integers(0, 12),
)  # fmt: skip
def test_first_by_is_the_head_of_one_stable_sort(
    items: list[tuple[int, str, int]], limit: int
) -> None:
    """Many ties on the first key, ties on both: the same items, in the same order."""

    def key(item: tuple[int, str, int]) -> int:
        return item[0]

    def then(item: tuple[int, str, int]) -> tuple[object, ...]:
        return natural_key(item[1])

    whole = sorted(items, key=lambda item: (key(item), then(item)))
    assert first_by(items, limit, key, then) == whole[:limit]


def test_blocked_actions_in_code_order() -> None:
    data = tree(
        action("b10", "A10", "c1", Status.BLOCKED),
        action("b2", "A2", "c1", Status.BLOCKED),
        action("t", "A1", "c1", Status.TODO),
    )
    assert [a.code for a in blocked_actions(data)] == ["A2", "A10"]


def test_next_deadlines_and_overdue_objectives() -> None:
    data = data_of(
        *two_orgs(),
        objective("o1", "O1", deadline=D(2026, 12, 31)),
        objective("o11", "O1.1", parent="o1", deadline=D(2026, 6, 30)),
        objective("o12", "O1.2", parent="o1", deadline=TODAY),
        objective("o13", "O1.3", parent="o1", deadline=D(2026, 1, 1)),
        objective("o14", "O1.4", parent="o1", deadline=D(2026, 2, 1)),
        objective("o15", "O1.5", parent="o1"),
        action("a1", "A1", "o14", Status.DONE),
    )
    assert [(d.id, d.date, d.kind) for d in next_deadlines(data, TODAY)] == [
        ("o12", TODAY, "objective"),
        ("o11", D(2026, 6, 30), "objective"),
        ("o1", D(2026, 12, 31), "objective"),
    ]
    assert [d.id for d in next_deadlines(data, TODAY, limit=1)] == ["o12"]
    # O1.4 is past but reached (its only action is done); O1.3 is past and not reached.
    assert [o.code for o in overdue_objectives(data, TODAY)] == ["O1.3"]


# --- totals ----------------------------------------------------------------------------


def test_totals_by_every_key_with_dropped_actions_left_out() -> None:
    data = data_of(
        *two_orgs(),
        Organisation(id="o3", name="Tremplin", kind="ETTI"),
        Person(id="p3", name="Sophie", organisation="o3"),
        objective("r1", "O1", phase="ph1"),
        objective("c1", "O1.1", parent="r1", phase="ph1"),
        objective("c2", "O1.2", parent="r1", phase="ph2"),
        objective("r2", "O2", shared_stake="e2"),
        action("a1", "A1", "c1", days=2, lead="p1"),
        action("a2", "A2", "c1", lead="p2", phase="ph2"),
        action("a3", "A3", "c2", days=3.5, lead="p1"),
        action("a4", "A4", "r2", Status.DONE, days=1, lead="p3"),
        action("a5", "A5", "c2", Status.DROPPED, days=99, lead="p2"),
        action("a6", "A6", "gone"),
        budget_line("b1", "a1", 600),
        budget_line("b1b", "a1", 400),
        budget_line("b2", "a2", 500.5),
        budget_line("b4", "a4", 200),
        budget_line("b5", "a5", 99999),
        budget_line("b6", "a6", 10),
    )
    result = totals(data)
    assert result.overall == Totals(1710.5, 6.5, 5)
    assert result.by_objective == {
        "c1": Totals(1500.5, 2, 2),
        "c2": Totals(0, 3.5, 1),
        "r2": Totals(200, 1, 1),
        "gone": Totals(10, 0, 1),
    }
    assert result.by_shared_objective == {
        "r1": Totals(1500.5, 5.5, 3),
        "r2": Totals(200, 1, 1),
        "": Totals(10, 0, 1),
    }
    # O2 names a shared stake that does not exist: '' like an action without objective
    assert result.by_shared_stake == {"e1": Totals(1500.5, 5.5, 3), "": Totals(210, 1, 2)}
    assert result.by_organisation == {
        "o1": Totals(1000, 5.5, 2),
        "o2": Totals(500.5, 0, 1),
        "o3": Totals(200, 1, 1),
        "": Totals(10, 0, 1),
    }
    # an action's own phase wins over its objective's
    assert result.by_phase == {
        "ph1": Totals(1000, 2, 1),
        "ph2": Totals(500.5, 3.5, 2),
        "": Totals(210, 1, 2),
    }


def test_totals_of_an_empty_plan() -> None:
    result = totals(data_of())
    assert result.overall == Totals(0, 0, 0)
    assert result.by_objective == {} and result.by_phase == {}


# --- contradictions ------------------------------------------------------------------------


def contradictions(*records: object, plan: Plan | None = None) -> list[tuple[str, str, str]]:
    data = data_of(*two_orgs(), *records, plan=plan)  # type: ignore[arg-type]
    return [(c.kind, c.record, c.other) for c in date_contradictions(data)]


PLAN = Plan(title="P", start=D(2025, 1, 1), end=D(2027, 12, 31))


def test_a_consistent_plan_has_no_contradiction() -> None:
    assert (
        contradictions(
            objective("r", "O1", deadline=D(2027, 12, 31)),
            objective("c", "O1.1", parent="r", deadline=D(2026, 6, 30)),
            action("a1", "A1", "c", start=D(2025, 1, 1), end=D(2026, 6, 30)),
            action("a2", "A2", "c", start=D(2026, 6, 30), end=D(2026, 6, 30), depends_on=("a1",)),
            plan=PLAN,
        )
        == []
    )


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (
            [action("a1", "A1", "c", start=D(2026, 3, 2), end=D(2026, 3, 1))],
            ("action_end_before_start", "a1", ""),
        ),
        ([action("a1", "A1", "c", end=D(2026, 7, 1))], ("action_after_deadline", "a1", "c")),
        ([action("a1", "A1", "c", start=D(2024, 12, 31))], ("action_before_plan", "a1", "")),
        (
            [objective("c2", "O1.2", parent="r"), action("a1", "A1", "c2", end=D(2028, 1, 1))],
            ("action_after_plan", "a1", ""),
        ),
        (
            [
                action("a1", "A1", "c", end=D(2026, 5, 1)),
                action("a2", "A2", "c", start=D(2026, 4, 30), depends_on=("a1",)),
            ],
            ("starts_before_dependency", "a2", "a1"),
        ),
        (
            [objective("c2", "O1.2", parent="r", deadline=D(2027, 12, 31))],
            ("objective_after_parent", "c2", "r"),
        ),
    ],
)
def test_each_kind_of_contradiction(records: list[object], expected: tuple[str, str, str]) -> None:
    base = [
        objective("r", "O1", deadline=D(2027, 6, 30)),
        objective("c", "O1.1", parent="r", deadline=D(2026, 6, 30)),
    ]
    assert contradictions(*base, *records, plan=PLAN) == [expected]


def test_objective_after_plan_end() -> None:
    got = contradictions(objective("r", "O1", deadline=D(2028, 1, 1)), plan=PLAN)
    assert got == [("objective_after_plan", "r", "")]


def test_every_contradiction_kind_is_in_both_catalogs() -> None:
    kinds = [
        "action_end_before_start",
        "action_after_deadline",
        "action_before_plan",
        "action_after_plan",
        "starts_before_dependency",
        "objective_after_parent",
        "objective_after_plan",
    ]
    for catalog in CATALOGS.values():
        assert [k for k in kinds if f"contradiction.{k}" not in catalog] == []
    assert Contradiction("x", "r").other == ""


def test_a_contradiction_says_how_many_days_apart_its_dates_are() -> None:
    data = data_of(
        *two_orgs(),
        objective("r", "O1", deadline=D(2027, 6, 30)),
        objective("c", "O1.1", parent="r", deadline=D(2027, 7, 10)),  # 10 days after O1
        objective("late", "O1.2", parent="r", deadline=D(2028, 1, 5)),  # 5 days after the plan
        action("a1", "A1", "c", start=D(2026, 3, 2), end=D(2026, 2, 27)),  # ends 3 days early
        action("a2", "A2", "c", start=D(2024, 12, 25), end=D(2027, 7, 12)),  # 7 before, 2 after
        action("a3", "A3", "c", start=D(2027, 7, 1), end=D(2027, 7, 1), depends_on=("a2",)),
        plan=PLAN,
    )
    found = {(c.kind, c.record): c.days for c in date_contradictions(data)}
    assert found == {
        ("action_end_before_start", "a1"): 3,
        ("action_before_plan", "a2"): 7,
        ("action_after_deadline", "a2"): 2,
        ("starts_before_dependency", "a3"): 11,
        ("objective_after_parent", "c"): 10,
        ("objective_after_parent", "late"): 189,
        ("objective_after_plan", "late"): 5,
    }
    # Unordered, for a caller that picks a few: the same contradictions.
    assert sorted(date_contradictions(data, ordered=False), key=repr) == sorted(
        date_contradictions(data), key=repr
    )


def test_path_lag_is_how_far_behind_the_path_and_agrees_with_path_status() -> None:
    from coop_tui.domain.indicators import path_lag, path_status

    plan = Plan(title="P", start=D(2025, 1, 1), end=D(2027, 12, 31))
    end = D(2027, 1, 1)  # 730 days after the start: on 2026-03-01 the path is at 424/730
    cases = {
        "behind": (20.0, pytest.approx(424 / 730 - 0.2)),
        "on_track": (58.0, pytest.approx(424 / 730 - 0.58)),
        "ahead": (90.0, pytest.approx(424 / 730 - 0.9)),
    }
    for status, (value, lag) in cases.items():
        ind = indicator("i1", "c1", 0, 100, target_date=end)
        data = data_of(ind, *measurements("i1", [(D(2026, 3, 1), value)]), plan=plan)
        assert path_status(data, ind, TODAY) == status
        assert path_lag(data, ind, TODAY) == lag
    no_path = indicator("i1", "c1", 0, 100)
    assert path_lag(data_of(no_path, plan=plan), no_path, TODAY) is None
    # A time-based indicator without numbers: the whole way once its day has passed unmet.
    day = indicator("d1", "c1", None, None, kind="time_based", target_date=D(2026, 1, 1))
    assert path_lag(data_of(day, plan=plan), day, TODAY) == 1.0
    assert path_lag(data_of(day, plan=plan), day, D(2025, 6, 1)) == 0.0
    met = Measurement(id="m", indicator="d1", date=D(2025, 12, 1))
    assert path_lag(data_of(day, met, plan=plan), day, TODAY) == 0.0


def test_the_first_contradictions_are_the_head_of_them_all() -> None:
    """Several per action (one through a dependency), twin codes, objectives' last."""
    data = data_of(
        *two_orgs(),
        objective("r", "O1", deadline=D(2027, 6, 30)),
        objective("c", "O1.10", parent="r", deadline=D(2027, 12, 31)),
        objective("d", "O1.9", parent="r", deadline=D(2028, 3, 1)),
        action("a1", "A10", "c", start=D(2026, 3, 2), end=D(2028, 1, 1)),
        action("a2", "A9", "d", start=D(2024, 3, 2), end=D(2026, 3, 1)),
        action("a3", "A9", "c", start=D(2026, 3, 1), end=D(2026, 5, 1), depends_on=("a1",)),
        action("a4", "a2", "d", start=D(2026, 3, 2), end=D(2026, 3, 1), depends_on=("a2", "a1")),
        plan=PLAN,
    )
    every = date_contradictions(data)
    assert len(every) == 9 and [c.record for c in every[-3:]] == ["d", "d", "c"]
    for limit in range(len(every) + 2):
        assert first_contradictions(data, limit) == (every[:limit], len(every))
