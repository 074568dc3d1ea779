"""What a snapshot carries over from the last one gives the figures a fresh one gives.

A plan of 70 objectives (three blocks of the financing plan's sums) goes through random
changes, each applied as the app applies a commit (`PlanData.evolve`, with what it
changed); after each, the figures asked of the evolved snapshot, which reuses what the
last one computed, equal those of a snapshot built afresh from the same tables: the
financing plan of every year, the budget lines in list order, the lines of actions the
plan does not hold. And the work a card move costs is counted: one objective's part is
made again, not seventy.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coop_tui.domain import checks, finance, line_order, phases, totals
from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    BudgetLine,
    Objective,
    Record,
    Share,
    Status,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.storage.store import PlanStore
from coop_tui.tui.widgets import board_layout
from tests.bigplan import big_plan_records
from tests.helpers import TODAY

YEARS = ("", "2025", "2026", "2027", "2028", "2029")
WATCH_LIMITS = (1, 7, 40, 1000)


def _plan() -> PlanData:
    plan, records = big_plan_records(70, 3, TODAY, seed=7)
    tables: dict[str, dict[str, Any]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
    lines = tables["budget_lines"]
    # Lines of every kind: yearly over the action's years, shared, in kind, of no action.
    lines["y1"] = BudgetLine(id="y1", action="a4", label="Loyer", amount=100.0, yearly=True)
    lines["y2"] = BudgetLine(id="y2", action="a4", label="loyer", amount=50.0, quantity=3.0,
                             shares=(Share(organisation="org1", percent=30.0),))  # fmt: skip
    lines["k1"] = BudgetLine(id="k1", action="a9", label="Salle", amount=700.0,
                             in_kind="premises", provider="org2")  # fmt: skip
    lines["x1"] = BudgetLine(id="x1", action="gone", label="Orpheline", amount=10.0)
    for line_id, line in list(lines.items())[::3]:  # cents: the order of the sums shows
        lines[line_id] = msgspec.structs.replace(line, amount=line.amount * 1.0137 + 0.01)
    return PlanData(plan, 1, **tables)


def _fresh(data: PlanData) -> PlanData:
    return PlanData(data.plan, data.revision, **data.tables())


def _figures(data: PlanData) -> list[object]:
    return [
        *(finance.financing_plan(data, year) for year in YEARS),
        finance.financing_totals(data),
        totals.totals(data),
        totals.overall(data),
        [
            (line.id, action.id if action else None)
            for line, action in zip(*line_order.ordered_lines(data), strict=True)
        ],
        finance.unknown_actions(data),
        checks.overdue_actions(data, TODAY),
        checks.due_soon_actions(data, TODAY),
        checks.blocked_actions(data),
        *(checks.watch(data, TODAY, limit) for limit in WATCH_LIMITS),
        phases.phase_counts(data),
        checks.plan_done_count(data),
        [checks.done_of(data, objective.id) for objective in data.operational_objectives()],
        [checks.objective_progress(data, objective) for objective in data.children("")],
        *(checks.first_contradictions(data, limit) for limit in WATCH_LIMITS),
        checks.skill_gaps(data),
        checks.date_contradictions(data),
        checks.smart_failures(data),
        data.operational_objectives(),
    ]


def _change(data: PlanData, table: str, record: Record | None, record_id: str) -> PlanData:
    """The next snapshot, with one record put (or deleted), as a commit makes it."""
    records = dict(data.table(table))
    if record is None:
        records.pop(record_id, None)
    else:
        records[record_id] = record
    tables = {**data.tables(), table: records}
    return data.evolve(data.plan, data.revision + 1, tables, {table: {record_id}})


CHANGES = ("status", "drop", "objective", "code", "line", "unline", "orphan", "action",
           "deadline", "depends", "phase", "objective_phase", "to_root", "objective_code")  # fmt: skip


def _apply(data: PlanData, change: str, n: int) -> PlanData:
    actions = sorted(data.actions)
    action = data.actions[actions[(n * 37) % len(actions)]]
    if change == "status":
        return _change(
            data, "actions", msgspec.structs.replace(action, status=Status.DONE), action.id
        )
    if change == "drop":
        return _change(
            data, "actions", msgspec.structs.replace(action, status=Status.DROPPED), action.id
        )
    if change == "objective":  # to another objective: two parts change
        other = sorted(data.objectives_with_actions())[n % 5]
        return _change(data, "actions", msgspec.structs.replace(action, objective=other), action.id)
    if change == "to_root":  # to a shared objective: a lane the board did not have
        root = data.children("")[n % len(data.children(""))]
        return _change(
            data, "actions", msgspec.structs.replace(action, objective=root.id), action.id
        )
    if change == "objective_code":  # the lanes in another order
        objective = data.objectives[action.objective]
        renamed = msgspec.structs.replace(objective, code=f"Z{n}")
        return _change(data, "objectives", renamed, objective.id)
    if change == "code":  # the same code as an action of another objective: parts overlap
        code = data.actions[actions[0]].code
        return _change(data, "actions", msgspec.structs.replace(action, code=code), action.id)
    if change == "phase":  # its own, or none: its objective's
        phase = "" if action.phase else "ph3"
        return _change(data, "actions", msgspec.structs.replace(action, phase=phase), action.id)
    if change == "objective_phase":  # what its actions without one of their own belong to
        objective = data.objectives[action.objective]
        phase = "" if objective.phase else "ph2"
        return _change(
            data, "objectives", msgspec.structs.replace(objective, phase=phase), objective.id
        )
    if change == "deadline":  # an objective's: its actions' contradictions, its SMART check
        objective = data.objectives[action.objective]
        deadline = TODAY + dt.timedelta(days=n - 25)
        new_objective = msgspec.structs.replace(objective, deadline=deadline)
        return _change(data, "objectives", new_objective, objective.id)
    if change == "depends":  # on an action of another objective, which may end later
        other = actions[(n * 37 + 101) % len(actions)]
        return _change(
            data, "actions", msgspec.structs.replace(action, depends_on=(other,)), action.id
        )
    if change == "line":
        line = BudgetLine(id=f"n{n}", action=action.id, label=f"Ligne {n}", amount=10.0 * n,
                          yearly=bool(n % 2), first_year=2026)  # fmt: skip
        return _change(data, "budget_lines", line, line.id)
    if change == "unline":
        return _change(data, "budget_lines", None, sorted(data.budget_lines)[n % 7])
    if change == "orphan":  # a line naming an action the plan does not hold
        line = BudgetLine(id=f"o{n}", action=f"nowhere{n}", amount=5.0)
        return _change(data, "budget_lines", line, line.id)
    new = Action(id=f"new{n}", code=f"A{n}", objective=action.objective, title="Nouvelle",
                 start=dt.date(2027, 1, 5), end=dt.date(2028, 2, 1))  # fmt: skip
    return _change(data, "actions", new, new.id)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 50)), max_size=8))
@example(changes=[("objective", 6)])  # the objectives met in another order than afresh
@example(changes=[("status", 1), ("to_root", 2), ("status", 3), ("objective_code", 4)])
def test_figures_carried_over_equal_those_made_afresh(changes: list[tuple[str, int]]) -> None:
    data = _plan()
    assert _figures(data) == _figures(_fresh(data))
    layout = _layout(data, None)
    for change, n in changes:
        data = _apply(data, change, n)
        assert _figures(data) == _figures(_fresh(data)), change
        layout = _layout(data, layout)  # lanes and their order carried over
        assert _board(layout) == _board(_layout(_fresh(data), None)), change
        assert _bottom_line(finance.financing_totals(data)) == _bottom_line(
            finance.financing_plan(_fresh(data))
        )
        for limit in WATCH_LIMITS:
            assert checks.watch(data, TODAY, limit) == _watched(_fresh(data), limit)
        assert phases.phase_counts(data) == _phase_counts(data)
        assert totals.overall(data) == totals.totals(data).overall  # the summary's own walk
        assert checks.smart_failures(data) == _smart_failures(data)
        every = checks.date_contradictions(_fresh(data))
        for limit in WATCH_LIMITS:
            assert checks.first_contradictions(data, limit) == (every[:limit], len(every))


def _layout(data: PlanData, previous: board_layout.BoardLayout | None) -> board_layout.BoardLayout:
    columns = board_layout.DEFAULT_COLUMNS
    return board_layout.compute_layout(data, board_layout.BoardFilter(), columns, (), 5, previous)


def _board(layout: board_layout.BoardLayout) -> list[tuple[Any, ...]]:
    """What the board shows: each lane, where it lies, its cards by column."""
    return [
        (lane.objective, layout.top(n), [[a.id for a in cell] for cell in lane.cells],
         lane.body, lane.dropped, lane.count)
        for n, lane in enumerate(layout.lanes)
    ] + [(layout.height, layout.shown, layout.hidden_dropped)]  # fmt: skip


def _smart_failures(data: PlanData) -> list[tuple[Objective, list[checks.SmartLetter]]]:
    """`checks.smart_failures` as first written: each objective checked on its own."""
    every = sorted(data.objectives.values(), key=lambda o: line_order.natural_key(o.code))
    failed = [(o, [x for x in checks.smart_check(data, o) if not x.ok]) for o in every]
    return [(o, missing) for o, missing in failed if missing]


def test_the_dashboards_shortcuts_on_the_demo(demo_path: Path) -> None:
    """The demo (partners joining in later phases, decisions, a baseline): the same
    watched actions, contradictions, SMART failures and counts by phase as the long way."""
    data = PlanStore(demo_path).read()
    for day in (TODAY, TODAY + dt.timedelta(days=200), TODAY - dt.timedelta(days=400)):
        for limit in WATCH_LIMITS:
            assert checks.watch(data, day, limit) == _watched(_fresh(data), limit, day)
    every = checks.date_contradictions(data)
    for limit in WATCH_LIMITS:
        assert checks.first_contradictions(data, limit) == (every[:limit], len(every))
    assert checks.smart_failures(data) == _smart_failures(_fresh(data))
    assert phases.phase_counts(data) == _phase_counts(data)


def _phase_counts(data: PlanData) -> dict[str, tuple[int, int]]:
    """`phases.phase_counts` as first written: every action to its phase, then counted."""
    by_phase: dict[str, list[Action]] = {}
    for action in data.actions.values():
        by_phase.setdefault(phases.phase_of(data, action), []).append(action)
    return {phase: checks.done_count(found) for phase, found in by_phase.items()}


def _watched(data: PlanData, limit: int, today: dt.date = TODAY) -> checks.Watch:
    """`checks.watch` as the dashboard first worked it out: the three lists whole, each
    action once, the first `limit` kept."""
    seen: set[str] = set()
    rows: list[tuple[str, Action]] = []
    for flag, actions in (
        ("overdue", checks.overdue_actions(data, today)),
        ("blocked", checks.blocked_actions(data)),
        ("due_soon", checks.due_soon_actions(data, today)),
    ):
        for action in actions:
            if action.id not in seen:
                seen.add(action.id)
                if len(rows) < limit:
                    rows.append((flag, action))
    return checks.Watch(*checks.plan_done_count(data), rows, len(seen))


def _bottom_line(plan: finance.FinancingPlan | finance.FinancingTotals) -> tuple[object, ...]:
    """The dashboard's financing figures, compared with == (to the last bit)."""
    return (plan.total, plan.in_kind, plan.funding, plan.secured, plan.gap, plan.unsecured_gap)


def test_the_lines_are_in_action_code_order_then_label_then_id() -> None:
    data = _apply(_apply(_plan(), "code", 3), "line", 4)
    # Two actions of one objective share a code: their lines go by label, mixed.
    twin = msgspec.structs.replace(data.actions["a5"], code=data.actions["a4"].code)
    data = _change(data, "actions", twin, "a5")
    mixed = BudgetLine(id="m1", action="a5", label="Bail", amount=1.0)
    data = _change(data, "budget_lines", mixed, "m1")
    entries = list(zip(*line_order.ordered_lines(data), strict=True))
    assert [line.id for line, _ in entries] == [
        line.id
        for line, action in sorted(
            finance.counted_lines(data), key=lambda e: line_order.line_key(*e)
        )
    ]
    assert entries[0][0].id == "x1"  # of no action: first
    labels = [line.label for line, _ in entries if line.action in ("a4", "a5")]
    assert labels[-3:] == ["Bail", "Loyer", "loyer"]  # case aside, then by id


def test_the_findings_are_in_the_order_one_sort_gives() -> None:
    data = _apply(_apply(_apply(_plan(), "code", 3), "depends", 4), "deadline", 1)
    every = data.sorted_actions()
    found_order = [a for o in data.objectives_with_actions() for a in data.actions_of(o)]
    late = [a for a in found_order if checks.is_overdue(a, TODAY)]
    by_end = sorted(late, key=lambda a: (a.end, line_order.natural_key(a.code)))
    assert checks.overdue_actions(data, TODAY) == by_end
    assert checks.blocked_actions(data) == [a for a in every if a.status is Status.BLOCKED]
    found = checks.date_contradictions(data, ordered=False)
    of_actions = [c for c in found if c.record in data.actions]
    code = {a.id: line_order.natural_key(a.code) for a in every}
    assert checks.date_contradictions(data)[: len(of_actions)] == sorted(
        of_actions, key=lambda c: (code[c.record], c.record)
    )


def test_a_card_move_sums_one_objective_again(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _plan()
    _figures(data)
    counts: Counter[str] = Counter()
    for module, name in (
        (finance, "_objective_charges"),
        (line_order, "_objective_part"),
        (totals, "_sums"),
        (totals, "_money"),
    ):
        real = getattr(module, name)

        def counted(*args: Any, _real: Any = real, _name: str = name) -> Any:
            counts[_name] += 1
            return _real(*args)

        monkeypatch.setattr(module, name, counted)
    merges = Counter[int]()
    real_merge = finance._Charges.merge

    def merge(self: Any, other: Any) -> None:
        merges[0] += 1
        real_merge(self, other)

    monkeypatch.setattr(finance._Charges, "merge", merge)
    data = _apply(data, "status", 1)
    _figures(data)
    assert counts == {"_objective_charges": 1, "_objective_part": 1, "_sums": 1, "_money": 1}
    # Each year: the block of the objective moved (32 at most), then the three blocks.
    assert merges[0] <= len(YEARS) * (finance.BLOCK + 3)


@settings(max_examples=20, deadline=None)
@given(
    pick=st.integers(0, 200),
    cut=st.integers(1, 6),
    title=st.sampled_from(["Zèbre rayé", "A12", ""]),
    lead=st.booleans(),
)
def test_the_board_filter_finds_what_each_card_matches(
    pick: int, cut: int, title: str, lead: bool
) -> None:
    """The `/` filter skips the lanes whose text lacks a word: it keeps the very cards
    that matching each card keeps, after a card's title changed too."""
    data = _plan()
    cols = board_layout.DEFAULT_COLUMNS
    board_layout.compute_layout(data, board_layout.BoardFilter(text="a"), cols, (), 5)
    action = data.actions[sorted(data.actions)[pick % len(data.actions)]]
    data = _change(data, "actions", msgspec.structs.replace(action, title=title), action.id)
    text = f"{action.code[:cut]} {title[:cut]}" if title else action.code[:cut]
    board_filter = board_layout.BoardFilter(text=text, lead=action.lead if lead else "")
    layout = board_layout.compute_layout(data, board_filter, cols, (), 5)
    shown = {a.id for lane in layout.lanes for cell in lane.cells for a in cell}
    wanted = {
        a.id
        for a in data.actions.values()
        if a.status in cols and board_filter.matches(a, _fresh(data))
    }
    assert shown == wanted
    assert action.id in shown or action.status not in cols
