"""Promise 1: a writer killed with SIGKILL at any instant never breaks the plan file.

A forked writer counts up one transaction at a time (it renames a partner
`count <n>`) and appends n to an fsynced acknowledgement log only after the
commit returned. The test kills it at a random instant (after a random number
of acknowledgements plus a random few milliseconds), hundreds of times, and
after every kill checks the file from scratch: it parses, the
counter equals the number of committed transactions, the revision and the
history match (one entry per number, no gap, no duplicate), and every
acknowledged number is in it.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from coop_tui.storage import files
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import COUNTER_ID, ack_writer, make_small_plan

ACKNOWLEDGED_GOAL = 1_000
MAX_LIVES = 3_000


def _acknowledged(acklog: Path) -> list[int]:
    """Numbers on complete lines (a kill may cut the last line short)."""
    text = acklog.read_bytes().decode() if acklog.exists() else ""
    lines = text.split("\n")
    return [int(line) for line in lines[:-1]]


def _check_file(path: Path, acked: list[int], base_revision: int) -> int:
    """Assert the file is whole and holds every acknowledged number; return n committed."""
    store = PlanStore(path)  # a fresh store: no cache can hide a broken file
    data = store.read()
    counter = data.partners.get(COUNTER_ID)
    n = 0 if counter is None else int(counter.name.split()[1])
    assert data.revision == base_revision + n
    history = store.history()
    assert [e.revision for e in history] == list(range(1, data.revision + 1))
    counted = [
        int(c.after["name"].split()[1])
        for e in history[base_revision:]
        for c in e.changes
        if c.id == COUNTER_ID and c.after is not None
    ]
    assert counted == list(range(1, n + 1)), "one history entry per number, in order"
    assert len(acked) == len(set(acked)), "a number was acknowledged twice"
    assert set(acked) <= set(counted), "an acknowledged transaction was lost"
    return n


def _wait_for_acks(pipe: int, count: int) -> None:
    """Block until the writer acknowledged `count` more transactions (or died)."""
    got = 0
    while got < count:
        ready, _, _ = select.select([pipe], [], [], 120)
        assert ready, "the writer made no progress in two minutes (deadlock?)"
        chunk = os.read(pipe, count - got)
        if not chunk:
            return  # the writer is gone; the checks below will say why
        got += len(chunk)


@pytest.mark.slow
def test_sigkill_at_random_instants_keeps_every_acknowledged_transaction(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    acklog = tmp_path / "acks.log"
    base_revision = make_small_plan(path, actions=1).read().revision
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20260302)
    lives = killed = stray_seen = 0
    acked: list[int] = []
    while len(acked) < ACKNOWLEDGED_GOAL:
        assert lives < MAX_LIVES, f"only {len(acked)} acknowledged after {lives} lives"
        read_end, write_end = os.pipe()
        writer = ctx.Process(
            target=ack_writer, args=(str(path), str(acklog), 100_000, write_end), daemon=True
        )
        writer.start()
        os.close(write_end)
        try:
            # The random instant: after 0 to 4 acknowledgements, plus 0 to 8 ms, which
            # lands anywhere in a transaction (reading, writing, renaming, acknowledging).
            _wait_for_acks(read_end, rng.randint(0, 4))
            time.sleep(rng.uniform(0, 0.008))
            assert writer.pid is not None
            os.kill(writer.pid, signal.SIGKILL)
            writer.join()
        finally:
            os.close(read_end)
        lives += 1
        killed += writer.exitcode == -signal.SIGKILL
        acked = _acknowledged(acklog)
        _check_file(path, acked, base_revision)
        prefix = files.temp_prefix_for(path)
        stray_seen += any(name.startswith(prefix) for name in os.listdir(tmp_path))

    assert killed == lives, "every life must end in SIGKILL, not a crash of its own"
    # One more transaction after the last crash sweeps away any temp file it left.
    ack_writer(str(path), str(acklog), limit=1)
    acked = _acknowledged(acklog)
    n = _check_file(path, acked, base_revision)
    assert len(acked) > ACKNOWLEDGED_GOAL and n >= len(acked) and max(acked) <= n
    prefix = files.temp_prefix_for(path)
    assert [name for name in os.listdir(tmp_path) if name.startswith(prefix)] == []
    print(f"{lives} kills, {n} committed, {len(acked)} acknowledged, stray temps {stray_seen}")
