"""The budget lines the plan counts, in the order the Budget screen lists them: by their
action's code (lines of no known action first), then label, then id.

Sorting 46,000 lines on every refresh of the Budget screen cost more than the screen's
budget. Each objective's lines are sorted on their own and kept by the snapshot while the
objective's actions and the budget lines do not change (`PlanData.per_objective`); the
plan's list is then those sorted parts one after the other, in the order of their first
lines, when no two parts overlap (actions numbered objective by objective, as the plan
numbers them): after a card move, one objective is sorted again, and the rest is joining
lists. Parts that do overlap are merged, which gives the same order as one sort.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Any

from coop_tui.domain import finance
from coop_tui.domain.model import Action, BudgetLine, Status
from coop_tui.domain.snapshot import PlanData, natural_key

Entry = tuple[BudgetLine, Action | None]
"""A line and its action (None when the line names no action of the plan)."""

_READS = frozenset({"budget_lines"})
"""What an objective's part reads besides its actions (see `PlanData.per_objective`)."""


def line_key(line: BudgetLine, action: Action | None) -> tuple[Any, ...]:
    """Where a line comes in the list: its action's code, its label, its id."""
    return (natural_key(action.code) if action else (), line.label.casefold(), line.id)


class _Part:
    """Some lines in order, with the keys of the first and last (empty: no keys)."""

    __slots__ = ("entries", "first", "last")

    def __init__(self, decorated: list[tuple[tuple[Any, ...], BudgetLine, Action | None]]) -> None:
        decorated.sort(key=_first)  # line ids are unique: keys never tie
        self.entries: list[Entry] = [(line, action) for _, line, action in decorated]
        self.first = decorated[0][0] if decorated else ()
        self.last = decorated[-1][0] if decorated else ()


def _first(item: tuple[tuple[Any, ...], BudgetLine, Action | None]) -> tuple[Any, ...]:
    return item[0]


def _objective_part(data: PlanData, actions: list[Action]) -> _Part:
    """The counted lines of one objective's actions (not those of dropped ones), sorted."""
    dropped = Status.DROPPED
    return _Part(
        [
            (line_key(line, action), line, action)
            for action in actions
            if action.status is not dropped
            for line in data.budget_lines_of(action.id)
        ]
    )


def _orphan_part(data: PlanData) -> _Part:
    """The lines of actions the plan does not hold (an import, a hand-edited file)."""
    return _Part(
        [
            (line_key(line, None), line, None)
            for action_id in finance.unknown_actions(data)
            for line in data.budget_lines_of(action_id)
        ]
    )


def ordered_lines(data: PlanData) -> list[Entry]:
    """Every line the plan counts, with its action, in list order (once per snapshot)."""
    return data.memo("budget:ordered_lines", lambda: _ordered(data))  # type: ignore[no-any-return]


def _ordered(data: PlanData) -> list[Entry]:
    parts = [
        data.per_objective(
            "budget:line_order", objective_id, _READS, lambda a: _objective_part(data, a)
        )
        for objective_id in list(data.objectives_with_actions())
    ]
    parts = [part for part in (*parts, _orphan_part(data)) if part.entries]
    parts.sort(key=lambda part: part.first)
    if all(a.last < b.first for a, b in itertools.pairwise(parts)):
        out: list[Entry] = []
        for part in parts:
            out += part.entries
        return out
    return list(heapq.merge(*(part.entries for part in parts), key=lambda e: line_key(*e)))
