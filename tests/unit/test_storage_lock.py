"""The lock as an adversary meets it: held forever, stopped, deleted, replaced by a link.

A writer waits a bounded time and then says who holds the lock; a wait given up
(the app quitting) is never applied later; a lock file deleted while held makes
no acknowledged change disappear; a hard link planted at `PLAN.lock` is refused
before anything is done to the file it points to; a folder planted at a temporary
file's name does not block commits; exports follow the user's umask.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.domain.model import Action, ExternalPartner, Status, replace
from coop_tui.storage import files
from coop_tui.storage.errors import LockCancelledError, LockTimeoutError, UnsafePathError
from coop_tui.storage.store import PlanStore
from coop_tui.storage.transaction import Transaction
from tests.unit.storage_workers import make_small_plan

HOLDER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from coop_tui.storage import files
    path, mode = Path(sys.argv[1]), sys.argv[2]
    with files.exclusive_lock(path, files.LockWait(who="mallory")):
        print("held", flush=True)
        if mode == "stop":
            os.kill(os.getpid(), signal.SIGSTOP)
        time.sleep(float(sys.argv[3]))
    """
)


def _hold(path: Path, mode: str = "sleep", seconds: float = 30.0) -> subprocess.Popen[str]:
    """Another process holding the plan's lock (it says "held" once it has it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGCONT)
    proc.kill()
    proc.wait(timeout=10)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.json"
    make_small_plan(plan)
    return plan


def test_a_writer_waits_a_bounded_time_and_says_who_holds_the_lock(path: Path) -> None:
    before = path.read_bytes()
    holder = _hold(path)
    try:
        store = PlanStore(path, user="alice")
        store.lock_timeout = 0.5
        started = time.monotonic()
        with pytest.raises(LockTimeoutError) as caught:
            store.move_action("101", Status.DONE)
        assert 0.5 <= time.monotonic() - started < 5
        assert caught.value.holder.startswith(f"mallory (pid {holder.pid}")
        assert path.read_bytes() == before
    finally:
        _stop(holder)


def test_the_cli_gives_up_with_one_line_naming_the_holder(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_TUI_LOCK_TIMEOUT", "0.5")
    holder = _hold(path, mode="stop")  # a `coop-tui move` stopped with ^Z while it held it
    try:
        assert main(["--lang", "en", "move", str(path), "A1", "done"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "still locked after 0.5 s, by mallory" in err
        assert PlanStore(path).read().actions["101"].status is Status.TODO
    finally:
        _stop(holder)


def test_a_wait_given_up_is_never_applied_later(path: Path) -> None:
    before = path.read_bytes()
    holder = _hold(path)
    store = PlanStore(path, user="alice")
    told: list[str] = []
    store.on_wait = told.append
    failure: list[BaseException] = []

    def move() -> None:
        try:
            store.move_action("101", Status.DONE)
        except BaseException as exc:
            failure.append(exc)

    waiter = threading.Thread(target=move)
    try:
        waiter.start()
        deadline = time.monotonic() + 5
        while not told and time.monotonic() < deadline:
            time.sleep(0.02)
        assert told and told[0].startswith("mallory")  # "waiting for mallory…"
        store.cancel.set()  # the user quits
        waiter.join(timeout=5)
        assert not waiter.is_alive()
        assert isinstance(failure[0], LockCancelledError)
    finally:
        _stop(holder)
    time.sleep(0.2)
    assert path.read_bytes() == before


def test_quitting_gives_up_only_a_change_that_waits_for_another_process(path: Path) -> None:
    """The user quits right after moving two cards (the board showed both moved): the
    first change found the lock free, the second waits for the first, a change of this
    very process. Neither is given up: both are in the plan."""
    store = PlanStore(path, user="alice")
    inside, go_on = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def first(txn: Transaction) -> None:
        inside.set()
        assert go_on.wait(5)
        txn.update(replace(txn.record(Action, "101"), status=Status.DONE))

    def run(change: object) -> None:
        try:
            if callable(change):
                store.transact(change)
            else:
                store.move_action("102", Status.DONE)
        except BaseException as exc:
            failure.append(exc)

    one = threading.Thread(target=run, args=(first,))
    two = threading.Thread(target=run, args=(None,))
    one.start()
    assert inside.wait(5)
    two.start()
    time.sleep(0.1)  # the second waits for the first
    store.cancel.set()  # the user quits
    go_on.set()
    one.join(timeout=5)
    two.join(timeout=5)
    assert not failure, failure
    actions = PlanStore(path).read().actions
    assert actions["101"].status is Status.DONE and actions["102"].status is Status.DONE
    store.move_action("101", Status.TODO)  # after quitting, a change finding it free: made
    assert PlanStore(path).read().actions["101"].status is Status.TODO


def test_deleting_the_lock_while_it_is_held_loses_no_acknowledged_change(path: Path) -> None:
    """A slow transaction holds the lock; the lock file is deleted; three moves each take a
    new lock and succeed; the slow one then finds the plan moved and makes its change again
    on top of them: nothing acknowledged is lost."""
    slow = PlanStore(path, user="slow")
    inside = threading.Event()
    go_on = threading.Event()
    runs: list[int] = []

    def retitle(txn: Transaction) -> None:
        runs.append(1)
        current = txn.current("partners", "9000")
        if current is None:
            txn.insert(ExternalPartner(id="9000", name="slow"))
        else:
            assert isinstance(current, ExternalPartner)
            txn.update(replace(current, name="slow"))
        if len(runs) == 1:
            inside.set()
            go_on.wait(10)

    worker = threading.Thread(target=lambda: slow.transact(retitle))
    worker.start()
    assert inside.wait(10)
    os.unlink(files.lock_path_for(path))
    for action, status in (("A1", "done"), ("A2", "blocked"), ("A3", "in_progress")):
        code = subprocess.run(
            [sys.executable, "-m", "coop_tui", "move", str(path), action, status],
            check=False, capture_output=True, text=True, timeout=60,
        ).returncode  # fmt: skip
        assert code == 0
    go_on.set()
    worker.join(timeout=20)
    data = PlanStore(path).read()
    assert [data.actions[a].status.value for a in ("101", "102", "103")] == [
        "done", "blocked", "in_progress"]  # fmt: skip
    assert data.partners["9000"].name == "slow"
    assert len(runs) == 2  # made again on what was there


def test_a_hard_link_at_the_lock_path_is_refused_and_its_target_untouched(
    path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "elsewhere" / "secret.txt"
    victim.parent.mkdir()
    victim.write_text("mine")
    os.chmod(victim, 0o600)
    lock = files.lock_path_for(path)
    lock.unlink()
    os.link(victim, lock)
    with pytest.raises(UnsafePathError):
        PlanStore(path).move_action("101", Status.DONE)
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600 and victim.read_text() == "mine"


def test_a_folder_planted_at_a_temporary_name_does_not_block_commits(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = path.parent / f"{files.temp_prefix_for(path)}{'00' * 8}"
    planted.mkdir()
    real = os.urandom
    answers = iter([bytes(8)])

    def predictable(n: int) -> bytes:  # the first name tried is the planted one
        return next(answers, None) or real(n)

    monkeypatch.setattr(files.os, "urandom", predictable)
    PlanStore(path).move_action("101", Status.DONE)
    assert PlanStore(path).read().actions["101"].status is Status.DONE


@pytest.mark.parametrize("mask", [0o077, 0o022])
def test_exports_follow_the_umask_plans_do_not(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], mask: int
) -> None:
    old = os.umask(mask)
    try:
        out = tmp_path / "out.md"
        assert main(["export", str(path), "--format", "md", "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
        PlanStore(path).move_action("101", Status.DONE)
        assert stat.S_IMODE(path.stat().st_mode) == 0o660
    finally:
        os.umask(old)
