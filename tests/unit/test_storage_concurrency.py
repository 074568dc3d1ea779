"""Promise 2: many processes writing at once lose nothing and count exactly.

Four spawned interpreters each move their own action 250 times (two through
the real CLI function `coop_tui.cli.main(["move", ...])`, two through
`PlanStore.move_action`), while two more insert actions with store-chosen
ids. Afterwards the file must hold every insert with a unique id, each
action's history must replay its worker's exact sequence of statuses, and
the revision must be the initial one plus the number of transactions, with
exactly one history entry per revision.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from pathlib import Path

import pytest

from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import (
    cli_mover,
    inserter,
    make_small_plan,
    move_sequence,
    store_mover,
)

MOVERS = 4
MOVES = 250
INSERTERS = 2
INSERTS = 50


@pytest.mark.slow
def test_concurrent_moves_and_inserts_all_land(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    initial = make_small_plan(path, actions=MOVERS).read()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(MOVERS + INSERTERS)
    workers = []
    for k in range(MOVERS):
        n = k + 1
        if k % 2 == 0:
            args = (str(path), f"A{n}", n, MOVES, barrier)
            workers.append(ctx.Process(target=cli_mover, args=args))
        else:
            args = (str(path), f"{100 + n}", n, MOVES, barrier)
            workers.append(ctx.Process(target=store_mover, args=args))
    for prefix in ("left", "right")[:INSERTERS]:
        workers.append(ctx.Process(target=inserter, args=(str(path), prefix, INSERTS, barrier)))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0] * len(workers)

    store = PlanStore(path)
    data = store.read()
    transactions = MOVERS * MOVES + INSERTERS * INSERTS
    assert data.revision == initial.revision + transactions

    history = store.history()
    assert [e.revision for e in history] == list(range(1, data.revision + 1))
    assert all(len(e.changes) == 1 for e in history[initial.revision :])

    # Each action went through its worker's statuses, in order, none lost or doubled.
    for k in range(MOVERS):
        n = k + 1
        action_id = f"{100 + n}"
        expected = move_sequence(n, MOVES)
        seen = [
            e.changes[0].after["status"]  # type: ignore[index]
            for e in history
            if e.what is not None and e.what.op == "move" and e.changes[0].id == action_id
        ]
        assert seen == expected
        assert data.actions[action_id].status.value == expected[-1]
        assert data.actions[action_id].title == f"Action {n}"

    # Every insert is there once, each under its own id.
    inserted = [a for a in data.actions.values() if a.id not in initial.actions]
    titles = Counter(a.title for a in inserted)
    wanted = {f"{p} {n}" for p in ("left", "right")[:INSERTERS] for n in range(INSERTS)}
    assert set(titles) == wanted and set(titles.values()) == {1}
    insert_ids = [
        e.changes[0].id
        for e in history
        if e.changes and e.changes[0].before is None and e.revision > initial.revision
    ]
    assert len(insert_ids) == len(set(insert_ids)) == INSERTERS * INSERTS
    assert set(insert_ids) == {a.id for a in inserted}
    # The inserters' writes interleaved with the movers' (the test really was concurrent).
    moves = [e.revision for e in history if e.what is not None and e.what.op == "move"]
    first_move, last_move = min(moves), max(moves)
    insert_revs = [e.revision for e in history if e.what is not None and e.what.op == "add"]
    assert any(first_move < rev < last_move for rev in insert_revs)
