"""The timeline's rows: objectives with their actions beneath, built once per plan revision.

Pure (no Textual): a flat list of `Row` in display order, plus a text filter
that keeps the objectives around each match. The chart widget only reads
this list; scrolling or zooming never rebuilds it. With a baseline, each
action it froze gets a "ghost" row beneath: its bar as the baseline had it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import msgspec

from coop_tui.domain import checks
from coop_tui.domain.model import Action, Baseline, Objective, Status
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import search_key


class Row(msgspec.Struct, frozen=True, gc=False):
    """One line of the chart.

    A msgspec struct, not a dataclass: a plan of 50,000 actions makes 50,000 of them, ten
    times faster so, and out of the garbage collector's sight (gc=False: it holds only
    text, numbers and dates, so it can be in no cycle)."""

    kind: str
    """'group' (an objective with sub-objectives), 'objective', 'action', 'orphans', or
    'ghost' (the action above as a baseline froze it: never selected)."""
    record_id: str
    code: str
    label: str
    depth: int
    parent: int
    """Index of the enclosing row in the full list (-1 at the top)."""
    start: dt.date | None = None
    end: dt.date | None = None
    """For objectives: the span of their actions (a summary bar)."""
    status: Status | None = None
    overdue: bool = False
    """Action: still open after its end. Objective: deadline passed, not reached."""
    deadline: dt.date | None = None
    after: dt.date | None = None
    """Action: the latest end of the actions it depends on (None: it depends on none)."""

    @property
    def search(self) -> str:
        """Code and text as the `/` filter searches them (worked out when a filter asks:
        a plan of 50,000 actions is not folded to be drawn)."""
        searched = self.kind in ("action", "objective", "group")
        return search_key(f"{self.code} {self.label}") if searched else ""

    @property
    def key(self) -> str:
        """Stable identity across refreshes (to keep the cursor on the same record)."""
        return f"{self.kind}:{self.record_id}"

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def selectable(self) -> bool:
        """Whether the cursor stops on it (a ghost row belongs to the action above)."""
        return self.kind != "ghost"

    @property
    def dependency_broken(self) -> bool:
        """Starts before an action it depends on has ended (finish-to-start broken)."""
        return self.after is not None and self.start is not None and self.start <= self.after


def _after(data: PlanData, action: Action) -> dt.date | None:
    """The latest end among the actions `action` depends on (undated ones left out)."""
    ends = [
        other.end or other.start
        for dep in action.depends_on
        if (other := data.actions.get(dep)) is not None and (other.end or other.start)
    ]
    return max((e for e in ends if e is not None), default=None)


def _action_row(data: PlanData, action: Action, depth: int, parent: int, today: dt.date) -> Row:
    return Row(
        kind="action",
        record_id=action.id,
        code=action.code,
        label=action.title,
        depth=depth,
        parent=parent,
        start=action.start,
        end=action.end,
        status=action.status,
        overdue=checks.is_overdue(action, today),
        after=_after(data, action) if action.depends_on else None,
    )


_OPEN = frozenset(status for status in Status if status.is_open)


def _action_rows(
    data: PlanData, actions: list[Action], depth: int, parent: int, today: dt.date
) -> list[Row]:
    """`_action_row` of each action, written out in one comprehension (no call per action
    but the row's own): the timeline's first showing makes one per action of the plan."""
    return [
        Row("action", a.id, a.code, a.title, depth, parent, a.start, a.end, a.status,
            a.end is not None and a.end < today and a.status in _OPEN, None,
            _after(data, a) if a.depends_on else None)
        for a in actions
    ]  # fmt: skip


def _ghost_row(baseline: Baseline, action: Action, depth: int, parent: int) -> Row | None:
    """The action's bar as `baseline` froze it (None: the baseline did not know it)."""
    frozen = baseline.actions.get(action.id)
    if frozen is None:
        return None
    return Row(kind="ghost", record_id=action.id, code="", label=baseline.name, depth=depth,
               parent=parent, start=frozen.start, end=frozen.end)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Block:
    """One objective's action rows as the last build made them."""

    source: list[Action]
    """The objective's actions as the plan's snapshot gave them (the same list object
    while a change leaves them alone)."""
    start: int
    depth: int
    baseline: Baseline | None
    today: dt.date
    rows: list[Row]
    span: tuple[dt.date, dt.date] | None
    """The first and last date of its actions (None: none is dated)."""
    linked: list[int]
    """Indexes in `rows` of the actions that depend on others (their dates may move)."""


Blocks = dict[str, _Block]
"""Objective id -> its block: what a timeline keeps from one build to the next."""


def build_rows(
    data: PlanData,
    today: dt.date,
    baseline: Baseline | None = None,
    blocks: Blocks | None = None,
) -> list[Row]:
    """Every objective (shared ones as groups) and every action, in plan order; with a
    baseline, each action it froze followed by its ghost row.

    `blocks`, kept by the caller from one build to the next, lets an objective whose
    actions are the very ones of the last build, at the same place, reuse its rows: after
    a card move, one objective's rows are made again, not the plan's."""
    late = {o.id for o in checks.overdue_objectives(data, today)}
    rows: list[Row] = []
    placed: set[str] = set()
    kept = blocks if blocks is not None else {}
    made: Blocks = {}

    def reuse(objective: Objective, depth: int) -> _Block | None:
        block = kept.get(objective.id)
        if (
            block is None
            or block.source is not data.actions_of(objective.id)
            or block.start != len(rows)
            or block.depth != depth
            or block.baseline is not baseline
            or block.today != today
        ):
            return None
        rows.extend(block.rows)
        for at in block.linked:  # what they depend on may have moved
            row = rows[block.start + at]
            action = data.actions.get(row.record_id)
            after = _after(data, action) if action is not None else None
            if after != row.after:
                rows[block.start + at] = msgspec.structs.replace(row, after=after)
        return block

    def make(objective: Objective, depth: int, parent: int) -> _Block:
        start = len(rows)
        source = data.actions_of(objective.id)
        dates = [a.start for a in source if a.start] + [a.end for a in source if a.end]
        span = (min(dates), max(dates)) if dates else None
        if baseline is None:  # a row per action, made in one pass (50,000 on a big plan)
            rows.extend(_action_rows(data, source, depth, parent, today))
            linked = [i for i, action in enumerate(source) if action.depends_on]
            return _Block(source, start, depth, baseline, today, rows[start:], span, linked)
        for action in source:
            add_action(action, depth, parent)
        block_rows = rows[start:]
        linked = [i for i, row in enumerate(block_rows) if row.kind == "action"
                  and data.actions[row.record_id].depends_on]  # fmt: skip
        return _Block(source, start, depth, baseline, today, block_rows, span, linked)

    def add_action(action: Action, depth: int, parent: int) -> None:
        index = len(rows)
        rows.append(_action_row(data, action, depth, parent, today))
        if baseline is not None and (ghost := _ghost_row(baseline, action, depth, index)):
            rows.append(ghost)

    def visit(
        objective: Objective, depth: int, parent: int
    ) -> tuple[dt.date | None, dt.date | None]:
        placed.add(objective.id)
        children = [c for c in data.children(objective.id) if c.id not in placed]
        index = len(rows)
        rows.append(Row(kind="group" if children else "objective", record_id=objective.id,
                        code=objective.code, label=objective.statement, depth=depth,
                        parent=parent, overdue=objective.id in late,
                        deadline=objective.deadline))  # fmt: skip
        block = reuse(objective, depth + 1) or make(objective, depth + 1, index)
        made[objective.id] = block
        dates = list(block.span or ())
        for child in children:
            dates.extend(d for d in visit(child, depth + 1, index) if d is not None)
        first, last = (min(dates), max(dates)) if dates else (None, None)
        rows[index] = _with_span(rows[index], first, last)
        return first, last

    for root in sorted(data.children(""), key=lambda o: natural_key(o.code)):
        visit(root, 0, -1)
    # Objectives caught in a parent cycle, and actions whose objective is gone.
    for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
        if objective.id not in placed:
            visit(objective, 0, -1)
    if blocks is not None:
        blocks.clear()
        blocks.update(made)
    orphans = data.sorted_actions(
        action
        for objective_id in data.objectives_with_actions()
        if objective_id not in data.objectives
        for action in data.actions_of(objective_id)
    )
    if orphans:
        index = len(rows)
        rows.append(Row(kind="orphans", record_id="", code="", label="", depth=0, parent=-1))
        for action in orphans:
            add_action(action, 1, index)
    return rows


CODE_WIDTH = 6
"""The action codes' column is as wide as the longest code, up to this."""


def code_width(data: PlanData) -> int:
    """The width of the action codes' column (`CODE_WIDTH` at most): the longest code of
    every objective's actions (those of unknown objectives too, as `build_rows` shows them),
    kept from one snapshot to the next for each objective whose actions did not change."""
    widest = 0
    for objective_id in data.objectives_with_actions():
        width = data.per_objective("gantt_rows:code_width", objective_id, frozenset(), _widest)
        if width >= CODE_WIDTH:
            return CODE_WIDTH
        widest = max(widest, width)
    return widest


def _widest(actions: list[Action]) -> int:
    return max((len(action.code) for action in actions), default=0)


def depends_any(data: PlanData) -> bool:
    """Whether some action depends on another (kept per objective, as `code_width`)."""
    return any(
        data.per_objective("gantt_rows:depends", objective_id, frozenset(), _depends)
        for objective_id in data.objectives_with_actions()
    )


def _depends(actions: list[Action]) -> bool:
    return any(action.depends_on for action in actions)


def _with_span(row: Row, start: dt.date | None, end: dt.date | None) -> Row:
    return msgspec.structs.replace(row, start=start, end=end)


def filter_rows(rows: list[Row], query: str) -> list[Row]:
    """Rows matching `query`, with the objectives above them and everything under a match.

    An empty query keeps every row. Every word must appear in the code or text,
    whatever the case and accents.
    """
    words = search_key(query).split()
    if not words:
        return rows
    count = len(rows)
    down = [False] * count  # matches, or lies under a match
    for i, row in enumerate(rows):
        hit = all(word in row.search for word in words)
        down[i] = hit or (row.parent >= 0 and down[row.parent])
    keep = down[:]
    for i in range(count - 1, -1, -1):  # a kept row keeps the objectives above it
        if keep[i] and rows[i].parent >= 0:
            keep[rows[i].parent] = True
    return [row for row, kept in zip(rows, keep, strict=False) if kept]
