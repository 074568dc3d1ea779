"""Code run in OTHER processes by the storage tests (fork or spawn targets).

Everything here is module-level so `multiprocessing` can find it by name in
a spawned interpreter. Workers report only through the plan file itself and
through small fsynced side files, never through shared memory, so what the
tests check is what really reached the disk.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import random
import time
from pathlib import Path
from typing import Any

from coop_tui.domain.model import (
    Action,
    ExternalPartner,
    Objective,
    Organisation,
    Plan,
    SharedStake,
    Stake,
    Status,
    replace,
)
from coop_tui.storage.files import FileToken
from coop_tui.storage.store import PlanStore
from coop_tui.storage.transaction import Transaction

#: Ids of the small plan `make_small_plan` writes.
OBJECTIVE_ID = "6"
COUNTER_ID = "9000"
STATUS_WORDS = tuple(s.value for s in Status)


def make_small_plan(path: Path, actions: int = 4, user: str = "setup") -> PlanStore:
    """A minimal valid plan: two organisations, a shared stake, one objective, actions A1..An.

    Kept small on purpose: every transaction re-reads and rewrites the whole
    file, so a small plan keeps the thousand-transaction tests quick.
    """
    records = [
        Organisation(id="1", name="Régie Nord", kind="ACI", role="lead"),
        Organisation(id="2", name="Envol Intérim", kind="ETTI"),
        Stake(id="3", organisation="1", category="revenue", statement="s1"),
        Stake(id="4", organisation="2", category="skills", statement="s2"),
        SharedStake(id="5", code="E1", title="Mutualiser", stakes=("3", "4")),
        Objective(id=OBJECTIVE_ID, code="O1", shared_stake="5", statement="Faire"),
    ]
    records += [
        Action(id=f"{100 + n}", code=f"A{n}", objective=OBJECTIVE_ID, title=f"Action {n}")
        for n in range(1, actions + 1)
    ]
    store = PlanStore(path, user=user)
    store.create(Plan(title="Test plan", language="en"), records)
    return store


# --- 1. the writer that gets killed -------------------------------------------------


def ack_writer(plan: str, acklog: str, limit: int = 100_000, notify_fd: int = -1) -> None:
    """Count up one transaction at a time; acknowledge each number once it is committed.

    Each transaction renames the partner COUNTER to `count <n+1>`, reading n
    from the file under the lock, so a life killed between commit and
    acknowledgement leaves a committed but unacknowledged number, never a gap
    or a duplicate. (A counter rather than a growing table keeps a thousand
    transactions quick; the history table keeps every one of them.) After each
    acknowledgement one byte goes to `notify_fd`, so the killer can time its
    kill by the writer's progress rather than by a clock a busy machine skews.
    """
    store = PlanStore(plan, user="writer")
    fd = os.open(acklog, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def count_up(txn: Transaction) -> int:
        counter = txn.current("partners", COUNTER_ID)
        if counter is None:
            number = 1
            txn.insert(ExternalPartner(id=COUNTER_ID, name="count 1"))
        else:
            assert isinstance(counter, ExternalPartner)
            number = int(counter.name.split()[1]) + 1
            txn.update(replace(counter, name=f"count {number}"))
        return number

    for _ in range(limit):
        number = store.transact(count_up)
        os.write(fd, f"{number}\n".encode())
        os.fsync(fd)
        if notify_fd >= 0:
            os.write(notify_fd, b".")


# --- 2. concurrent movers and inserters ----------------------------------------------


def move_sequence(seed: int, count: int) -> list[str]:
    """The statuses worker `seed` moves its action through, in order.

    Each differs from the one before (actions start as todo): a move to the status
    an action already has changes nothing, and commits nothing.
    """
    rng = random.Random(seed)
    sequence: list[str] = []
    previous = "todo"
    for _ in range(count):
        previous = rng.choice([s for s in STATUS_WORDS if s != previous])
        sequence.append(previous)
    return sequence


WRITE_PATH = (
    "tinydb",
    "coop_tui.storage.transaction",
    "coop_tui.domain.validation",
    "coop_tui.domain.cascade",
    "coop_tui.cli.parser",
    "coop_tui.cli.writing",
)
"""What a first change imports: loaded before the barrier, so that every worker starts
changing the plan at once, not after seconds of imports under load."""


def _ready_to_write() -> None:
    for name in WRITE_PATH:
        importlib.import_module(name)


PAUSE = 0.002
"""Seconds a worker waits after each of its changes, as a person does: `flock` is not
fair, and a process that takes the lock again as soon as it let it go can make all its
changes while the others wait (both inserters' 100 adds before the movers' first move,
seen under the suite's load), and the writes would not interleave."""


def cli_mover(plan: str, code: str, seed: int, count: int, barrier: Any) -> None:
    """Move action `code` through `move_sequence(seed)` with the real CLI function."""
    from coop_tui.cli import main

    _ready_to_write()
    barrier.wait()
    for status in move_sequence(seed, count):
        with contextlib.redirect_stdout(io.StringIO()):
            code_returned = main(["--lang", "en", "move", plan, code, status])
        if code_returned != 0:
            raise SystemExit(f"move {code} {status} exited {code_returned}")
        time.sleep(PAUSE)


def store_mover(plan: str, action_id: str, seed: int, count: int, barrier: Any) -> None:
    """Move action `action_id` through `move_sequence(seed)` with PlanStore.move_action."""
    store = PlanStore(plan, user=f"mover-{seed}")
    _ready_to_write()
    barrier.wait()
    for status in move_sequence(seed, count):
        store.move_action(action_id, Status(status))
        time.sleep(PAUSE)


def inserter(plan: str, prefix: str, count: int, barrier: Any) -> None:
    """Add `count` actions titled `<prefix> <n>`, ids chosen by the store (id="")."""
    store = PlanStore(plan, user=f"inserter-{prefix}")
    _ready_to_write()
    barrier.wait()
    for n in range(count):
        store.add(Action(objective=OBJECTIVE_ID, title=f"{prefix} {n}"))
        time.sleep(PAUSE)


# --- 4. another user's edit, another reader ------------------------------------------


def retitle(plan: str, action_id: str, title: str, user: str) -> None:
    """Another user saves a new title over the current copy of an action."""
    store = PlanStore(plan, user=user)
    action = store.read().actions[action_id]
    store.save(replace(action, title=title))


def read_snapshot(plan: str, out: Any) -> None:
    """Report (revision, status of each action, token) as seen from this process."""
    store = PlanStore(plan, user="reader")
    data = store.read()
    token = store.token()
    assert isinstance(token, FileToken)
    out.put(
        (
            data.revision,
            {aid: a.status.value for aid, a in data.actions.items()},
            (token.device, token.inode, token.mtime_ns, token.size),
        )
    )
