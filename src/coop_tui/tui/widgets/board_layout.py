"""Where every card of the board goes: lanes × columns → line offsets.

Computed once per plan revision, filter change, collapse or resize, in plain
Python (no widgets, no rendering), so it stays cheap at thousands of actions:
cards all have the same height, so a lane's height is arithmetic, and drawing
(board_cards.py) only ever looks at the lines on screen.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coop_tui.domain.model import STATUS_ORDER, Action, Objective, Status
from coop_tui.domain.phases import phase_of
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import search_key

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
        return self._keeps(action, data, _words(self.text), _folded(data, action.objective))

    def _keeps(
        self, action: Action, data: PlanData, words: tuple[str, ...], folded: dict[str, str]
    ) -> bool:
        """`matches`, given the words typed and the folded text of the action's objective."""
        if self.lead and action.lead != self.lead:
            return False
        if self.organisation:
            person = data.people.get(action.lead)
            if person is None or person.organisation != self.organisation:
                return False
        if self.phase and phase_of(data, action) != self.phase:
            return False
        if words:
            text = folded.get(action.id, "")
            if not all(word in text for word in words):
                return False
        return True

    def lane_matches(self, data: PlanData, objective_id: str) -> bool:
        """Whether any action of a lane may match, found in one search of the lane's text:
        a key typed after `/` then looks into the few lanes that hold the words, not at
        each of 50,000 actions."""
        words = _words(self.text)
        if not words:
            return True
        text = _lane_text(data, objective_id)
        return all(word in text for word in words)


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    return tuple(search_key(text).split())


def _folded(data: PlanData, objective_id: str) -> dict[str, str]:
    """Each of an objective's actions' code, title and lead, as the filter searches them:
    folded once and kept while the objective's actions do not change (the board's `/`
    looks at every action for each key typed)."""

    def fold(actions: list[Action]) -> dict[str, str]:
        return {a.id: search_key(f"{a.code} {a.title} {data.lead_name(a)}") for a in actions}

    return data.per_objective("board_search", objective_id, frozenset({"people"}), fold)


def _lane_text(data: PlanData, objective_id: str) -> str:
    """The folded texts of an objective's actions, one a line (a word, having no line
    break, is found in it only where one action's text holds it), kept as `_folded`."""

    def join(actions: list[Action]) -> str:
        return "\n".join(_folded(data, objective_id).values())

    return data.per_objective("board_search_lane", objective_id, frozenset({"people"}), join)


@dataclass(frozen=True, slots=True)
class Lane:
    """One operational objective's band: its header line, then its cells. Where it lies
    is the layout's (`BoardLayout.top`): a lane left as it was by a change is reused
    wherever the lanes above it now end."""

    objective: Objective
    cells: tuple[tuple[Action, ...], ...]
    """Actions per visible column, in board order."""
    collapsed: bool
    body: int
    """Lines under the header (0 when collapsed)."""
    dropped: int = 0
    """Dropped actions of the lane not shown (their column is hidden)."""
    count: int = 0
    """Actions shown in the lane (the length of all its cells)."""

    @property
    def height(self) -> int:
        return 1 + self.body


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
    _lane_of: dict[str, int] = field(default_factory=dict, repr=False)
    """Objective id -> its lane's index."""
    _actions: dict[str, Action] = field(default_factory=dict, repr=False)
    _sources: tuple[list[Action], ...] = field(default=(), repr=False)
    """Each lane's actions as the plan gave them (to tell an unchanged lane)."""
    board_filter: BoardFilter = field(default_factory=BoardFilter, repr=False)
    _order: LaneOrder | None = field(default=None, repr=False)

    def lane_at(self, y: int) -> int:
        """Index of the lane covering board line `y` (-1 if none)."""
        if not self.lanes or y < 0 or y >= self.height:
            return -1
        return bisect.bisect_right(self._tops, y) - 1

    def find(self, action_id: str) -> tuple[int, int, int] | None:
        """(lane, column, index in cell) of an action, if it is on the board."""
        action = self._actions.get(action_id)
        lane = self._lane_of.get(action.objective, -1) if action is not None else -1
        if lane < 0:
            return None
        for col, cell in enumerate(self.lanes[lane].cells):
            for index, other in enumerate(cell):
                if other.id == action_id:
                    return lane, col, index
        return None

    def top(self, lane: int) -> int:
        """Line of a lane's header, in board coordinates (0 = first lane header)."""
        return self._tops[lane]

    def card_top(self, lane: int, index: int) -> int:
        """Board line of the top of card `index` in a lane's cells."""
        return self._tops[lane] + 1 + index * self.card_height


def board_lanes(data: PlanData) -> list[Objective]:
    """Objectives that get a lane: the operational ones, plus any other holding actions."""
    return list(_lane_order(data, None).objectives)


@dataclass(frozen=True, slots=True, eq=False)
class LaneOrder:
    """The lanes' objectives in code order, and what they were worked out from: a card
    moved, added or removed in a lane that keeps others leaves the objectives and the
    objectives holding actions as they were, and the order is kept, not sorted again."""

    objectives: tuple[Objective, ...]
    table: dict[str, Objective]
    holders: frozenset[str]


def _lane_order(data: PlanData, previous: LaneOrder | None) -> LaneOrder:
    holders = data.objectives_with_actions()
    if previous is not None and previous.table is data.objectives and holders == previous.holders:
        return previous
    lanes = [o for o in data.objectives.values() if o.id in holders or not data.children(o.id)]
    lanes.sort(key=lambda o: natural_key(o.code))
    return LaneOrder(tuple(lanes), data.objectives, frozenset(holders))


def compute_layout(
    data: PlanData,
    board_filter: BoardFilter,
    columns: Sequence[Status],
    collapsed: Iterable[str],
    card_height: int,
    previous: BoardLayout | None = None,
) -> BoardLayout:
    """Place every matching action: lanes in code order, cards in board order.

    Without a filter, a lane whose objective and actions are the very ones `previous`
    laid out (the plan's snapshots share what a change leaves alone) is reused, the very
    same object, wherever the lanes above it now end (its place is the layout's, `top`):
    after a card move, two lanes at most are laid out again, and none is made again.
    """
    collapsed_ids = set(collapsed)
    column_index = {status: i for i, status in enumerate(columns)}
    filtering = board_filter.active
    reusable: dict[str, tuple[Lane, list[Action]]] = {}
    if (
        previous is not None
        and not filtering
        and not previous.board_filter.active
        and previous.columns == tuple(columns)
        and previous.card_height == card_height
    ):
        reusable = {
            lane.objective.id: (lane, source)
            for lane, source in zip(previous.lanes, previous._sources, strict=True)
        }
    lanes: list[Lane] = []
    sources: list[list[Action]] = []
    tops: list[int] = []
    lane_of: dict[str, int] = {}
    y = 0
    shown = 0
    hidden_dropped = 0
    order = _lane_order(data, previous._order if previous is not None else None)
    for objective in order.objectives:
        source = data.actions_of(objective.id)
        is_collapsed = objective.id in collapsed_ids
        old = reusable.get(objective.id)
        if (
            old is not None
            and old[1] is source
            and old[0].objective is objective
            and old[0].collapsed == is_collapsed
        ):
            made: Lane | None = old[0]
        else:
            made, dropped = _lane(data, objective, source, board_filter, column_index,
                                  is_collapsed, card_height)  # fmt: skip
        if made is None:
            hidden_dropped += dropped
            continue
        lane = made
        lane_of[objective.id] = len(lanes)
        lanes.append(lane)
        sources.append(source)
        tops.append(y)
        y += lane.height
        shown += lane.count
        hidden_dropped += lane.dropped
    return BoardLayout(
        tuple(columns), tuple(lanes), card_height, y, shown, hidden_dropped, tops, lane_of,
        data.actions, tuple(sources), board_filter, order,
    )  # fmt: skip


def _lane(
    data: PlanData,
    objective: Objective,
    source: list[Action],
    board_filter: BoardFilter,
    column_index: dict[Status, int],
    collapsed: bool,
    card_height: int,
) -> tuple[Lane | None, int]:
    """One objective's lane (None when a filter leaves it empty), and how many
    of its dropped actions the filter kept but the hidden column does not show."""
    filtering = board_filter.active
    if filtering and not board_filter.lane_matches(data, objective.id):
        return None, 0
    cells: list[list[Action]] = [[] for _ in column_index]
    dropped = 0
    words = _words(board_filter.text)
    folded = _folded(data, objective.id) if words else {}
    for action in source:
        if filtering and not board_filter._keeps(action, data, words, folded):
            continue
        col = column_index.get(action.status)
        if col is None:
            dropped += action.status is Status.DROPPED
            continue
        cells[col].append(action)
    if filtering and not any(cells):
        return None, dropped
    deepest = max((len(c) for c in cells), default=0)
    body = 0 if collapsed else max(1, deepest * card_height)
    count = sum(len(c) for c in cells)
    lane = Lane(objective, tuple(tuple(c) for c in cells), collapsed, body, dropped, count)
    return lane, dropped


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
