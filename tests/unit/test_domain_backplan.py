"""domain/backplan: latest dates backwards from a deadline, slack and the critical path."""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.backplan import backplan, proposed
from coop_tui.domain.model import Status
from tests.unit.plan_builders import D, action, data_of, objective, two_orgs

TODAY = D(2026, 1, 1)


DEADLINE = D(2026, 6, 30)


def plan_of(*actions: object, deadline: dt.date = DEADLINE) -> object:
    return data_of(*two_orgs(), objective("ob1", "O1", deadline=deadline), *actions)  # type: ignore[arg-type]


def test_a_chain_ends_no_later_than_its_successors_start_and_the_deadline() -> None:
    data = plan_of(
        action("a1", "A1", duration=30),
        action("a2", "A2", duration=10, depends_on=("a1",)),
        action("a3", "A3", duration=5, depends_on=("a2",)),
        action("a4", "A4", start=D(2026, 2, 1), end=D(2026, 2, 28)),  # dates give 28 days
    )
    result = backplan(data, "ob1", TODAY)  # type: ignore[arg-type]
    slots = {s.code: s for s in result.slots}
    assert slots["A3"].latest_end == D(2026, 6, 30)
    assert slots["A3"].latest_start == D(2026, 6, 26)
    assert slots["A2"].latest_end == D(2026, 6, 25)
    assert slots["A1"].latest_end == slots["A2"].latest_start - dt.timedelta(days=1)
    assert slots["A4"].duration == 28 and slots["A4"].latest_end == D(2026, 6, 30)
    for slot in result.slots:
        for dep in data.actions[slot.action].depends_on:  # type: ignore[attr-defined]
            assert slots[data.actions[dep].code].latest_end < slot.latest_start  # type: ignore[attr-defined]
    # The critical path is the long chain; A4 has more slack.
    assert [data.actions[a].code for a in result.critical_path] == ["A1", "A2", "A3"]  # type: ignore[attr-defined]
    assert slots["A4"].slack > slots["A1"].slack


def test_an_action_that_should_already_have_started_is_flagged() -> None:
    data = plan_of(
        action("a1", "A1", duration=200),
        action(
            "a2", "A2", duration=10, status=Status.IN_PROGRESS, start=D(2025, 12, 1), depends_on=()
        ),
        deadline=D(2026, 3, 1),
    )
    result = backplan(data, "ob1", TODAY)  # type: ignore[arg-type]
    slots = {s.code: s for s in result.slots}
    assert slots["A1"].should_have_started and slots["A1"].slack < 0
    assert not slots["A2"].should_have_started  # already under way


def test_a_dependency_cycle_is_refused_with_its_actions_named() -> None:
    data = plan_of(
        action("a1", "A1", depends_on=("a3",)),
        action("a2", "A2", depends_on=("a1",)),
        action("a3", "A3", depends_on=("a2",)),
    )
    result = backplan(data, "ob1", TODAY)  # type: ignore[arg-type]
    assert result.slots == [] and set(result.cycle) == {"A1", "A2", "A3"}
    assert result.cycle[0] == result.cycle[-1]


def test_done_dropped_and_other_objectives_actions_stay_out() -> None:
    data = plan_of(
        action("a1", "A1", status=Status.DONE, duration=5),
        action("a2", "A2", status=Status.DROPPED, duration=5),
        action("a3", "A3", duration=5, depends_on=("a1",)),
        action("a9", "A9", "elsewhere", duration=5),
    )
    assert [s.code for s in backplan(data, "ob1", TODAY).slots] == ["A3"]  # type: ignore[arg-type]


def test_without_dates_or_duration_one_day_is_guessed() -> None:
    data = plan_of(action("a1", "A1"))
    (slot,) = backplan(data, "ob1", TODAY).slots  # type: ignore[arg-type]
    assert slot.guessed and slot.duration == 1


def test_a_milestone_date_can_be_the_deadline() -> None:
    data = plan_of(action("a1", "A1", duration=10))
    (slot,) = backplan(data, "ob1", TODAY, deadline=D(2026, 3, 31)).slots  # type: ignore[arg-type]
    assert slot.latest_end == D(2026, 3, 31)


def test_proposed_dates_keep_the_start_of_an_action_under_way() -> None:
    data = plan_of(
        action("a1", "A1", duration=10),
        action("a2", "A2", status=Status.IN_PROGRESS, start=D(2025, 12, 1), end=D(2025, 12, 10)),
    )
    slots = {s.action: s for s in backplan(data, "ob1", TODAY).slots}  # type: ignore[arg-type]
    a1 = proposed(data.actions["a1"], slots["a1"])  # type: ignore[attr-defined]
    assert (a1.start, a1.end) == (slots["a1"].latest_start, slots["a1"].latest_end)
    a2 = proposed(data.actions["a2"], slots["a2"])  # type: ignore[attr-defined]
    assert a2.start == D(2025, 12, 1) and a2.end == slots["a2"].latest_end


def test_a_deadline_out_of_reach_puts_no_date_in_the_past_and_shrinks_nothing() -> None:
    # Forty days of work, a deadline in twenty: slack is negative.
    data = plan_of(
        action("a1", "A1", duration=20),
        action("a2", "A2", duration=20, depends_on=("a1",)),
        action("a3", "A3", status=Status.IN_PROGRESS, start=D(2025, 12, 20), duration=40),
        deadline=D(2026, 1, 20),
    )
    slots = {s.action: s for s in backplan(data, "ob1", TODAY).slots}  # type: ignore[arg-type]
    assert all(s.slack < 0 for s in slots.values())
    a1, a2, a3 = (proposed(data.actions[a], slots[a]) for a in ("a1", "a2", "a3"))  # type: ignore[attr-defined]
    assert a1.start == TODAY and (a1.end - a1.start).days == 19
    assert a2.start == a1.end + dt.timedelta(days=1) and (a2.end - a2.start).days == 19
    # Under way: its start kept, its forty days kept (it ends after the deadline).
    assert a3.start == D(2025, 12, 20) and (a3.end - a3.start).days == 39
