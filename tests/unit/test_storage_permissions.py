"""Promise 5: plan and lock files are 0660 whatever the umask; planted links are refused.

A plan is shared by a group of users, so the plan file and its lock must be
group-readable and group-writable and never world-anything, however strict
or loose the creator's umask. Someone able to write in the folder must not
be able to make a user's coop-tui write through a symbolic link: a link at
the plan path or at the lock path is refused with `UnsafePathError`, and
the file it points to keeps the same bytes, mode and mtime.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.domain.model import Plan, Status, replace
from coop_tui.storage import files
from coop_tui.storage.errors import PlanExistsError, UnsafePathError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o000, 0o027], indirect=True)
def test_plan_and_lock_are_0660_after_create_and_after_a_transaction(
    tmp_path: Path, umask: int
) -> None:
    path = tmp_path / "plan.json"
    lock = files.lock_path_for(path)
    store = make_small_plan(path)
    assert (_mode(path), _mode(lock)) == (0o660, 0o660)

    store.move_action("101", Status.DONE)
    assert (_mode(path), _mode(lock)) == (0o660, 0o660)

    store.set_plan(replace(store.read().plan, title="Renamed"))
    assert (_mode(path), _mode(lock)) == (0o660, 0o660)
    assert PlanStore(path).read().plan.title == "Renamed"


@pytest.mark.parametrize("umask", [0o077], indirect=True)
def test_a_lock_file_left_with_another_mode_is_put_back_to_0660(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    lock = files.lock_path_for(path)
    os.chmod(lock, 0o600)
    os.chmod(path, 0o644)
    store.move_action("101", Status.DONE)
    assert (_mode(path), _mode(lock)) == (0o660, 0o660)


def _target(tmp_path: Path, content: bytes) -> tuple[Path, tuple[bytes, int, int]]:
    """A file elsewhere that a planted link points to, with what must not change."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "victim.json"
    target.write_bytes(content)
    os.chmod(target, 0o600)
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    return target, _fingerprint(target)


def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    st = os.stat(path)
    return path.read_bytes(), st.st_mtime_ns, stat.S_IMODE(st.st_mode)


def test_symlink_at_plan_path_is_refused_and_target_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.json"
    make_small_plan(real)
    target, before = _target(tmp_path, real.read_bytes())
    path = tmp_path / "plan.json"
    path.symlink_to(target)
    store = PlanStore(path)

    with pytest.raises(UnsafePathError) as caught:
        store.read()
    assert caught.value.path == path
    with pytest.raises(UnsafePathError):
        store.move_action("101", Status.DONE)
    with pytest.raises(PlanExistsError):
        store.create(Plan(title="Over the link"))
    with pytest.raises(UnsafePathError):
        store.create(Plan(title="Over the link"), overwrite=True)
    assert main(["--lang", "en", "move", str(path), "A1", "done"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err

    assert _fingerprint(target) == before
    assert path.is_symlink() and os.readlink(path) == str(target)


def test_dangling_symlink_at_plan_path_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "new.json"
    target.parent.mkdir()
    path = tmp_path / "plan.json"
    path.symlink_to(target)
    with pytest.raises(PlanExistsError):
        PlanStore(path).create(Plan(title="x"))
    with pytest.raises(UnsafePathError):
        PlanStore(path).create(Plan(title="x"), overwrite=True)
    assert not target.exists()
    assert main(["init", str(path)]) == 1
    assert not target.exists()


def test_symlink_at_lock_path_is_refused_and_target_untouched(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    store = make_small_plan(path)
    lock = files.lock_path_for(path)
    lock.unlink()
    target, before = _target(tmp_path, b"precious bytes\n")
    lock.symlink_to(target)
    plan_before = path.read_bytes()

    with pytest.raises(UnsafePathError) as caught:
        store.move_action("101", Status.DONE)
    assert caught.value.path == lock
    with pytest.raises(UnsafePathError):
        store.undo()

    assert _fingerprint(target) == before
    assert path.read_bytes() == plan_before
    assert lock.is_symlink()


def test_dangling_symlink_at_lock_path_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    lock = files.lock_path_for(path)
    target = tmp_path / "elsewhere" / "planted"
    target.parent.mkdir()
    lock.symlink_to(target)

    with pytest.raises(UnsafePathError):
        make_small_plan(path)
    assert not path.exists()
    assert not target.exists()


def test_fifo_at_plan_path_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    os.mkfifo(path, 0o600)
    with pytest.raises(UnsafePathError):
        PlanStore(path).read()
    with pytest.raises(UnsafePathError):
        PlanStore(path).move_action("x", Status.DONE)
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
