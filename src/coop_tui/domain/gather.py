"""Findings gathered over a plan's actions objective by objective, each objective's kept
by the snapshot while its actions do not change (`PlanData.per_objective`), and put in
order without sorting the plan's thousands of findings again after each change."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData, natural_key

T = TypeVar("T")


def gathered(
    data: PlanData,
    name: str,
    reads: frozenset[str],
    find: Callable[[list[Action]], list[T]],
) -> list[T]:
    """What `find` finds in each objective's actions, objective after objective; each
    objective's findings kept by the snapshot while its actions do not change (see
    `PlanData.per_objective`): after a card move, one objective is looked at again."""
    found: list[T] = []
    for objective_id in list(data.objectives_with_actions()):
        found += data.per_objective(name, objective_id, reads, find)
    return found


_FIRST = operator.itemgetter(0)


def in_order(
    data: PlanData,
    name: str,
    reads: frozenset[str],
    find: Callable[[list[Action]], list[T]],
    key: Callable[[T], Any],
) -> list[T]:
    """`gathered`, sorted by `key` (stable: equal keys stay in the order found). Each
    objective's findings are sorted with their keys by `PlanData.per_objective`, so a
    refresh after a card move sorts one objective's, then joins sorted runs on keys
    already made (no call per item: the sort of thousands of findings by action code
    was most of the dashboard's work)."""
    return [item for _, item in in_order_keyed(data, name, reads, find, key)]


def in_order_keyed(
    data: PlanData,
    name: str,
    reads: frozenset[str],
    find: Callable[[list[Action]], list[T]],
    key: Callable[[T], Any],
) -> list[tuple[Any, T]]:
    """`in_order`, each item with its key."""
    pairs = keyed_runs(data, name, reads, find, key)
    pairs.sort(key=_FIRST)  # sorted runs, compared key to key: merged at C speed
    return pairs


def keyed_runs(
    data: PlanData,
    name: str,
    reads: frozenset[str],
    find: Callable[[list[Action]], list[T]],
    key: Callable[[T], Any],
) -> list[tuple[Any, T]]:
    """`gathered`, each item with its key, each objective's sorted by it (and kept so):
    for a caller that wants only the first few (`heapq.nsmallest(n, runs, key=FIRST)`
    gives the head of `in_order_keyed`, stable as it is, without sorting the rest)."""

    def keyed(actions: list[Action]) -> list[tuple[Any, T]]:
        pairs = [(key(item), item) for item in find(actions)]
        pairs.sort(key=_FIRST)
        return pairs

    return gathered(data, f"{name}:keyed", reads, keyed)


FIRST = _FIRST
"""The key of a (key, item) pair."""


def by_action(data: PlanData, action_of: Callable[[Any], str]) -> Callable[[Any], Any]:
    """The key putting what was found per action in action-code order (then by id)."""
    actions = data.actions

    def key(item: Any) -> tuple[Any, str]:
        action_id = action_of(item)
        return natural_key(actions[action_id].code), action_id

    return key
