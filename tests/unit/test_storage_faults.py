"""Promise 3: a failure at any step of a commit leaves the old or the new file, whole.

Each system call of a commit (write, fsync of the temp file, rename, fsync of
the folder) is made to fail through `coop_tui.storage.files.ops`. Before the
rename the plan must be byte-identical to what it was; after it, the new
state must be whole. Either way no temp file remains, the caller gets a
`WriteError` naming the step, and the next transaction works.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain.model import Status, replace
from coop_tui.storage import files
from coop_tui.storage.errors import WriteError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan


def _temps(path: Path) -> list[str]:
    prefix = files.temp_prefix_for(path)
    return [name for name in os.listdir(path.parent) if name.startswith(prefix)]


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _failing_write(real: Callable[..., int]) -> Callable[..., int]:
    """Write half of the first chunk, then fail as a full disk would."""
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device")

    return write


def _failing_fsync(on_folder: bool) -> Callable[[int], None]:
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode) == on_folder:
            raise OSError(errno.EIO, "Input/output error")
        real(fd)

    return fsync


def _failing_replace(src: Any, dst: Any) -> None:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


PRE_REPLACE = {
    "write": lambda: ("write", _failing_write(os.write)),
    "fsync": lambda: ("fsync", _failing_fsync(on_folder=False)),
    "replace": lambda: ("replace", _failing_replace),
}


@pytest.mark.parametrize("step", list(PRE_REPLACE))
def test_failure_before_rename_leaves_old_file_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    store.move_action("101", Status.DONE)
    before = path.read_bytes()
    before_data = PlanStore(path).read()
    fds = _open_fds()
    op_name, failing = PRE_REPLACE[step]()
    monkeypatch.setattr(files.ops, op_name, failing)

    with pytest.raises(WriteError) as caught:
        store.move_action("102", Status.BLOCKED)

    assert caught.value.step == step
    assert caught.value.path == path
    assert path.read_bytes() == before
    assert _temps(path) == []
    assert _open_fds() == fds, "a failed commit must not leak a descriptor"
    # The store that failed must not believe its own failed write.
    for reader in (store, PlanStore(path)):
        data = reader.read()
        assert data.revision == before_data.revision
        assert data.actions["102"].status is Status.TODO
    # Once the disk is back, the next transaction commits as the very next revision.
    monkeypatch.undo()
    store.move_action("102", Status.BLOCKED)
    after = PlanStore(path).read()
    assert after.revision == before_data.revision + 1
    assert after.actions["102"].status is Status.BLOCKED
    assert [e.revision for e in PlanStore(path).history()] == list(range(1, after.revision + 1))


def test_failure_at_folder_fsync_reports_and_keeps_new_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    old_revision = store.read().revision
    monkeypatch.setattr(files.ops, "fsync", _failing_fsync(on_folder=True))

    with pytest.raises(WriteError) as caught:
        store.move_action("101", Status.DONE)

    assert caught.value.step == "fsync-folder"
    assert _temps(path) == []
    data = PlanStore(path).read()  # the rename happened: the new state, whole
    assert data.revision == old_revision + 1
    assert data.actions["101"].status is Status.DONE
    assert store.read().actions["101"].status is Status.DONE


def test_failed_fsync_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a failed fsync the kernel may have dropped the data: retrying would lie."""
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    calls: list[int] = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.ops, "fsync", fsync)
    with pytest.raises(WriteError):
        store.move_action("101", Status.DONE)
    assert len(calls) == 1


@pytest.mark.parametrize("step", list(PRE_REPLACE))
def test_failed_create_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "plan.json"
    op_name, failing = PRE_REPLACE[step]()
    monkeypatch.setattr(files.ops, op_name, failing)
    with pytest.raises(WriteError):
        make_small_plan(path)
    assert not path.exists()
    assert _temps(path) == []


def test_stray_temp_of_a_crashed_writer_is_removed_by_next_transaction(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    prefix = files.temp_prefix_for(path)
    strays = [tmp_path / f"{prefix}deadbeefcafe0001", tmp_path / f"{prefix}0123456789abcdef"]
    strays[0].write_bytes(b'{"_meta": {"meta": {"format": "coop-tui-plan"')  # cut short
    strays[1].write_bytes(b"")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("keep me")
    plan_before = path.read_bytes()

    data = PlanStore(path).read()  # readers ignore temp files and leave them
    assert data.actions["101"].status is Status.TODO
    assert path.read_bytes() == plan_before
    assert sorted(_temps(path)) == sorted(p.name for p in strays)

    action = data.actions["101"]
    store.save(replace(action, title="After the crash"))
    assert _temps(path) == []
    assert unrelated.read_text() == "keep me"
    assert PlanStore(path).read().actions["101"].title == "After the crash"
