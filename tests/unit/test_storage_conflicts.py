"""Promise 4: a save based on a stale copy is refused; readers see others' changes.

Two users hold copies of the same action. When one saves, the other's save
(based on the old revision) must raise `ConflictError` carrying the current
document, and leave the file exactly as it was; `force_save` ("keep mine")
then wins on purpose. Changes made by another process are seen by an open
store, and `PlanStore.token()` changes with the file and only with it.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from coop_tui.domain.model import Status, replace
from coop_tui.storage.errors import ConflictError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan, read_snapshot, retitle

ACTION = "101"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.json"
    make_small_plan(plan)
    return plan


def _spawn(target: object, *args: object) -> None:
    ctx = multiprocessing.get_context("spawn")
    process = ctx.Process(target=target, args=args)
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 0


def test_stale_save_between_two_stores_is_refused(path: Path) -> None:
    alice = PlanStore(path, user="alice")
    bob = PlanStore(path, user="bob")
    alice_copy = alice.read().actions[ACTION]
    bob_copy = bob.read().actions[ACTION]
    alice.save(replace(alice_copy, title="Alice's title"))
    before = path.read_bytes()

    with pytest.raises(ConflictError) as caught:
        bob.save(replace(bob_copy, title="Bob's title"))

    assert caught.value.table == "actions" and caught.value.record_id == ACTION
    assert caught.value.theirs is not None and caught.value.theirs["title"] == "Alice's title"
    assert path.read_bytes() == before
    # Explicit base revision: the same refusal.
    with pytest.raises(ConflictError):
        bob.save(replace(bob_copy, title="Bob's title"), base_rev=bob_copy.rev)
    assert path.read_bytes() == before

    saved = bob.force_save(replace(bob_copy, title="Bob's title"))
    data = PlanStore(path).read()
    assert data.actions[ACTION].title == "Bob's title"
    assert data.actions[ACTION].rev == saved.rev == data.revision


def test_save_of_a_record_deleted_meanwhile_is_a_conflict(path: Path) -> None:
    alice = PlanStore(path, user="alice")
    copy = alice.read().actions[ACTION]
    PlanStore(path, user="bob").delete("actions", ACTION)
    before = path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        alice.save(replace(copy, title="Still mine"))
    assert caught.value.theirs is None
    assert path.read_bytes() == before
    alice.force_save(replace(copy, title="Still mine"))
    assert PlanStore(path).read().actions[ACTION].title == "Still mine"


def test_stale_save_is_refused_after_another_process_edits(path: Path) -> None:
    store = PlanStore(path, user="alice")
    mine = store.read().actions[ACTION]
    _spawn(retitle, str(path), ACTION, "Changed elsewhere", "bob")
    before = path.read_bytes()

    with pytest.raises(ConflictError) as caught:
        store.save(replace(mine, title="Mine"))
    assert caught.value.theirs is not None
    assert caught.value.theirs["title"] == "Changed elsewhere"
    assert path.read_bytes() == before
    history = store.history()
    assert history[-1].user == "bob"
    assert history[-1].changes[0].after["title"] == "Changed elsewhere"  # type: ignore[index]


def test_open_store_sees_another_process_change_and_token_follows(path: Path) -> None:
    reader = PlanStore(path, user="alice")
    first = reader.read()
    token = reader.token()
    assert token is not None
    assert reader.token() == token and reader.read() is first  # no change: same version

    _spawn(retitle, str(path), ACTION, "From another process", "bob")

    assert reader.token() != token
    data = reader.read()
    assert data.revision == first.revision + 1
    assert data.actions[ACTION].title == "From another process"
    assert reader.token() == PlanStore(path).token()


def test_other_process_reader_sees_this_process_change(path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    PlanStore(path, user="alice").move_action(ACTION, Status.BLOCKED)
    _spawn(read_snapshot, str(path), queue)
    revision, statuses, token = queue.get(timeout=60)
    local = PlanStore(path)
    assert revision == local.read().revision
    assert statuses[ACTION] == "blocked"
    here = local.token()
    assert here is not None
    assert token == (here.device, here.inode, here.mtime_ns, here.size)


def test_token_changes_with_every_commit_even_same_size(path: Path) -> None:
    store = PlanStore(path)
    seen = {store.token()}
    for status in (Status.DONE, Status.TODO, Status.DONE, Status.TODO):
        store.move_action(ACTION, status)
        token = store.token()
        assert token not in seen
        seen.add(token)
