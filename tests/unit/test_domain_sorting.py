"""Code order: `natural_key` (cached, with a fast path for "A12") and sorted views.

The fast path and the cache must give exactly the key the regular-expression
split gives, for any text; a sorted view worked out once per snapshot must
still hand each caller its own list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.bigplan import big_plan_records
from coop_tui.domain import checks, snapshot, totals
from coop_tui.domain.model import Action, Resources
from coop_tui.domain.snapshot import natural_key
from tests.unit.plan_builders import action, data_of, objective, two_orgs

_NUMBERS = re.compile(r"(\d+)")


def _reference(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdecimal() else p.casefold() for p in _NUMBERS.split(code))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="Aaß1٣0Ｚ０. -\x00", max_size=5) | st.text(max_size=4))
def test_natural_key_is_the_split_key(code: str) -> None:
    snapshot._NATURAL_KEYS.clear()
    assert natural_key(code) == _reference(code)
    assert natural_key(code) == _reference(code)  # and from the cache


def test_code_order() -> None:
    codes = ["A10", "A2", "a1", "O1.10", "O1.2", "A", "", "Ａ3"]
    assert sorted(codes, key=natural_key) == sorted(codes, key=_reference)
    assert sorted(codes, key=natural_key)[:4] == ["", "A", "a1", "A2"]


def test_sorted_actions_gives_each_caller_its_own_list() -> None:
    data = data_of(
        *two_orgs(),
        objective("o1", "O1"),
        action("a10", "A10", "o1"),
        action("a2", "A2", "o1"),
        action("a1", "A1", "o1"),
    )
    first = data.sorted_actions()
    assert [a.code for a in first] == ["A1", "A2", "A10"]
    first.clear()
    assert [a.code for a in data.sorted_actions()] == ["A1", "A2", "A10"]
    assert [
        a.code for a in data.sorted_actions(a for a in data.actions.values() if a.code != "A2")
    ] == [
        "A1",
        "A10",
    ]


def _reference_gaps(data: Any) -> list[Any]:
    held = checks.held_skills(data)
    return [
        checks.SkillGap(a.id, skill, a.remedy)
        for a in data.sorted_actions()
        if a.status.is_open
        for skill in a.skills
        if skill.strip() and checks.normalise_skill(skill) not in held
    ]


def _reference_action_contradictions(data: Any) -> list[Any]:
    plan, out = data.plan, []
    for a in data.sorted_actions():
        o = data.objectives.get(a.objective)
        if a.start and a.end and a.end < a.start:
            out.append(checks.Contradiction("action_end_before_start", a.id))
        if o and o.deadline and a.end and a.end > o.deadline:
            out.append(checks.Contradiction("action_after_deadline", a.id, o.id))
        if plan.start and a.start and a.start < plan.start:
            out.append(checks.Contradiction("action_before_plan", a.id))
        if plan.end and a.end and a.end > plan.end:
            out.append(checks.Contradiction("action_after_plan", a.id))
        for dep_id in a.depends_on:
            dep = data.actions.get(dep_id)
            if dep and dep.end and a.start and a.start < dep.end:
                out.append(checks.Contradiction("starts_before_dependency", a.id, dep.id))
    return out


def test_gaps_contradictions_and_progress_as_computed_action_by_action() -> None:
    """Sorting only what was found gives the order of walking every action in code
    order; one pass of counts gives each objective's progress (ties on equal codes
    broken by id, skills without a holder, actions with several contradictions)."""
    plan, records = big_plan_records(12, 15, dt.date(2026, 3, 2), seed=9)
    edited: list[Any] = []
    for n, record in enumerate(records):
        if isinstance(record, Action) and n % 7 == 0:
            record = dataclasses.replace(
                record,
                code=("a" if n % 2 else "A") + str(n % 5),  # equal codes: order by id
                skills=(*record.skills, "soudure", " "),
                start=record.end,
                end=record.start,
                depends_on=tuple(r.id for r in records[n - 3 : n] if isinstance(r, Action)),
            )
        edited.append(record)
    data = data_of(*edited, plan=plan)
    assert checks.skill_gaps(data) == _reference_gaps(data) != []
    found = checks.date_contradictions(data)
    actions_part = [c for c in found if c.record in data.actions]
    assert actions_part == _reference_action_contradictions(data)
    assert len({c.kind for c in actions_part}) >= 3
    for o in data.objectives.values():
        expected = checks.action_progress(data.actions_of(o.id))
        if not data.indicators_of(o.id) and not data.children(o.id):
            assert checks.objective_progress(data, o) == expected


def test_the_overall_total_alone_is_the_overall_of_all_totals() -> None:
    """status asks only for the overall total: the very same sums, bit for bit."""
    plan, records = big_plan_records(10, 30, dt.date(2026, 3, 2), seed=5)
    odd = [
        dataclasses.replace(r, resources=Resources(budget=0.1 * n, working_days=n / 3))
        if isinstance(r, Action) else r
        for n, r in enumerate(records)
    ]  # fmt: skip
    alone = totals.overall(data_of(*odd, plan=plan))
    data = data_of(*odd, plan=plan)
    full = totals.totals(data).overall
    assert (alone.budget, alone.working_days, alone.actions) == (
        full.budget, full.working_days, full.actions,
    )  # fmt: skip
    assert totals.overall(data) is full
