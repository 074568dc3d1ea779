"""Where every card of the board goes: lanes × columns → line offsets.

Computed once per plan revision, filter change, collapse or resize, in plain
Python (no widgets, no rendering), so it stays cheap at thousands of actions:
cards all have the same height, so a lane's height is arithmetic, and drawing
(board_cards.py) only ever looks at the lines on screen.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coop_tui.domain.model import STATUS_ORDER, Action, Objective, Status
from coop_tui.domain.phases import phase_of
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import matches

#: Columns shown by default (dropped actions only on request).
DEFAULT_COLUMNS: tuple[Status, ...] = tuple(s for s in STATUS_ORDER if s is not Status.DROPPED)


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """What the board shows: text typed after `/`, and the palette's picks (ids)."""

    text: str = ""
    lead: str = ""
    """Person id."""
    organisation: str = ""
    """Organisation id (of the lead person)."""
    phase: str = ""
    """Phase id (the action's, else its objective's)."""

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.lead or self.organisation or self.phase)

    def matches(self, action: Action, data: PlanData) -> bool:
        if self.lead and action.lead != self.lead:
            return False
        if self.organisation:
            person = data.people.get(action.lead)
            if person is None or person.organisation != self.organisation:
                return False
        if self.phase and phase_of(data, action) != self.phase:
            return False
        if self.text.strip():
            haystack = f"{action.code} {action.title} {data.lead_name(action)}"
            if not matches(self.text, haystack):
                return False
        return True


@dataclass(frozen=True, slots=True)
class Lane:
    """One operational objective's band: its header line, then its cells."""

    objective: Objective
    top: int
    """Line of the lane's header, in board coordinates (0 = first lane header)."""
    cells: tuple[tuple[Action, ...], ...]
    """Actions per visible column, in board order."""
    collapsed: bool
    body: int
    """Lines under the header (0 when collapsed)."""

    @property
    def height(self) -> int:
        return 1 + self.body

    @property
    def count(self) -> int:
        return sum(len(c) for c in self.cells)


@dataclass(frozen=True, slots=True)
class BoardLayout:
    """Every lane with its position; lookups by line and by action id."""

    columns: tuple[Status, ...]
    lanes: tuple[Lane, ...]
    card_height: int
    height: int
    """Total lines of all lanes."""
    shown: int
    """Actions on the board (after filters, in visible columns)."""
    hidden_dropped: int
    """Dropped actions not shown because the dropped column is hidden."""
    _tops: list[int] = field(default_factory=list, repr=False)
    _where: dict[str, tuple[int, int, int]] = field(default_factory=dict, repr=False)

    def lane_at(self, y: int) -> int:
        """Index of the lane covering board line `y` (-1 if none)."""
        if not self.lanes or y < 0 or y >= self.height:
            return -1
        return bisect.bisect_right(self._tops, y) - 1

    def find(self, action_id: str) -> tuple[int, int, int] | None:
        """(lane, column, index in cell) of an action, if it is on the board."""
        return self._where.get(action_id)

    def card_top(self, lane: int, index: int) -> int:
        """Board line of the top of card `index` in a lane's cells."""
        return self.lanes[lane].top + 1 + index * self.card_height


def board_lanes(data: PlanData) -> list[Objective]:
    """Objectives that get a lane: the operational ones, plus any other holding actions."""
    holders = {a.objective for a in data.actions.values()}
    lanes = [o for o in data.objectives.values() if not data.children(o.id) or o.id in holders]
    return sorted(lanes, key=lambda o: natural_key(o.code))


def compute_layout(
    data: PlanData,
    board_filter: BoardFilter,
    columns: Sequence[Status],
    collapsed: Iterable[str],
    card_height: int,
) -> BoardLayout:
    """Place every matching action: lanes in code order, cards in board order."""
    collapsed_ids = set(collapsed)
    column_index = {status: i for i, status in enumerate(columns)}
    lanes: list[Lane] = []
    tops: list[int] = []
    where: dict[str, tuple[int, int, int]] = {}
    y = 0
    shown = 0
    hidden_dropped = 0
    filtering = board_filter.active
    for objective in board_lanes(data):
        cells: list[list[Action]] = [[] for _ in columns]
        for action in data.actions_of(objective.id):
            if filtering and not board_filter.matches(action, data):
                continue
            col = column_index.get(action.status)
            if col is None:
                hidden_dropped += action.status is Status.DROPPED
                continue
            cells[col].append(action)
        count = sum(len(c) for c in cells)
        if filtering and not count:
            continue
        lane_no = len(lanes)
        for col, cell in enumerate(cells):
            for index, action in enumerate(cell):
                where[action.id] = (lane_no, col, index)
        is_collapsed = objective.id in collapsed_ids
        deepest = max((len(c) for c in cells), default=0)
        body = 0 if is_collapsed else max(1, deepest * card_height)
        lanes.append(Lane(objective, y, tuple(tuple(c) for c in cells), is_collapsed, body))
        tops.append(y)
        y += 1 + body
        shown += count
    return BoardLayout(
        tuple(columns), tuple(lanes), card_height, y, shown, hidden_dropped, tops, where
    )


def end_order(actions: Iterable[Action]) -> float:
    """An order that puts a card after every one of `actions`."""
    return max((a.order for a in actions), default=0.0) + 1.0


def swapped_orders(cell: Sequence[Action], index: int, delta: int) -> dict[str, float]:
    """New orders (by action id) that move cell[index] by `delta` places."""
    other = index + delta
    if not 0 <= index < len(cell) or not 0 <= other < len(cell):
        return {}
    return orders_swapping(cell, cell[index].id, cell[other].id)


def orders_swapping(cell: Sequence[Action], first: str, second: str) -> dict[str, float]:
    """New orders (by action id) that swap two cards of a cell.

    Swaps the two order values when they differ (cards between them, hidden by a
    filter, keep their places); when they tie (imported or generated plans),
    renumbers the cell so that the move is still visible.
    """
    ids = [a.id for a in cell]
    if first not in ids or second not in ids or first == second:
        return {}
    i, j = ids.index(first), ids.index(second)
    a, b = cell[i], cell[j]
    if a.order != b.order:
        return {a.id: b.order, b.id: a.order}
    sequence = list(cell)
    sequence[i], sequence[j] = b, a
    return {
        action.id: float(k + 1) for k, action in enumerate(sequence) if action.order != float(k + 1)
    }
