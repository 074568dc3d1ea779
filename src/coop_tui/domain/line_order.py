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
from collections.abc import Sequence
from typing import Any, NamedTuple

from coop_tui.domain import finance
from coop_tui.domain.model import Action, BudgetLine, Status
from coop_tui.domain.snapshot import PlanData, natural_key

_READS = frozenset({"budget_lines"})
"""What an objective's part reads besides its actions (see `PlanData.per_objective`)."""


def line_key(line: BudgetLine, action: Action | None) -> tuple[Any, ...]:
    """Where a line comes in the list: its action's code, its label, its id."""
    return (natural_key(action.code) if action else (), line.label.casefold(), line.id)


class Ordered(NamedTuple):
    """Lines in list order, and beside each its action (None: the plan holds none)."""

    lines: list[BudgetLine]
    actions: list[Action | None]


class _Part:
    """Some lines in order, with the keys of the first and last (empty: no keys)."""

    __slots__ = ("actions", "first", "last", "lines")

    def __init__(self, lines: list[BudgetLine], actions: list[Action | None]) -> None:
        self.lines, self.actions = lines, actions
        self.first = line_key(lines[0], actions[0]) if lines else ()
        self.last = line_key(lines[-1], actions[-1]) if lines else ()


def _sorted_part(entries: list[tuple[BudgetLine, Action | None]]) -> _Part:
    """Lines sorted by their whole key (line ids are unique: keys never tie)."""
    entries.sort(key=lambda entry: line_key(*entry))
    return _Part([line for line, _ in entries], [action for _, action in entries])


def _objective_part(data: PlanData, actions: list[Action]) -> _Part:
    """The counted lines of one objective's actions (not those of dropped ones), sorted:
    its actions by code, each one's lines by label (the whole key made for each line only
    where two actions share a code, and their lines go by label)."""
    dropped, lines_of = Status.DROPPED, data.budget_lines_of
    holders = [a for a in actions if a.status is not dropped and lines_of(a.id)]
    codes = [natural_key(a.code) for a in holders]
    if len(set(codes)) < len(codes):
        return _sorted_part([(line, a) for a in holders for line in lines_of(a.id)])
    holders = [holders[i] for i in sorted(range(len(holders)), key=codes.__getitem__)]
    lines: list[BudgetLine] = []
    owners: list[Action | None] = []
    for action in holders:
        own: Sequence[BudgetLine] = lines_of(action.id)
        if len(own) > 1:
            own = sorted(own, key=_label_then_id)
        lines += own
        owners += [action] * len(own)
    return _Part(lines, owners)


def _label_then_id(line: BudgetLine) -> tuple[str, str]:
    return line.label.casefold(), line.id


def _orphan_part(data: PlanData) -> _Part:
    """The lines of actions the plan does not hold (an import, a hand-edited file)."""
    return _sorted_part(
        [(line, None) for action_id in finance.unknown_actions(data)
         for line in data.budget_lines_of(action_id)]
    )  # fmt: skip


def ordered_lines(data: PlanData) -> Ordered:
    """Every line the plan counts, with its action, in list order (once per snapshot)."""
    return data.memo("budget:ordered_lines", lambda: _ordered(data))  # type: ignore[no-any-return]


def _ordered(data: PlanData) -> Ordered:
    parts = [
        data.per_objective(
            "budget:line_order", objective_id, _READS, lambda a: _objective_part(data, a)
        )
        for objective_id in list(data.objectives_with_actions())
    ]
    parts = [part for part in (*parts, _orphan_part(data)) if part.lines]
    parts.sort(key=lambda part: part.first)
    if all(a.last < b.first for a, b in itertools.pairwise(parts)):
        out = Ordered([], [])
        for part in parts:
            out.lines.extend(part.lines)
            out.actions.extend(part.actions)
        return out
    merged = heapq.merge(
        *(zip(part.lines, part.actions, strict=True) for part in parts),
        key=lambda entry: line_key(*entry),
    )
    entries = list(merged)
    return Ordered([line for line, _ in entries], [action for _, action in entries])
