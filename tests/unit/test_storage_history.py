"""A history that stays bounded: the plan keeps the recent entries, the archive the rest.

After many changes the plan file holds at most KEEP + SPILL entries; older ones
are appended, in the same transaction, to `PLAN.history` (0660, never through a
link), which `history` still reads. Undo works on what is recent. A damaged
archive line is named.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coop_tui.cli import main
from coop_tui.domain.model import Status
from coop_tui.storage import history
from coop_tui.storage.errors import PlanFileError, UnsafePathError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan

KEEP, SPILL = 20, 5


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(history, "KEEP", KEEP)
    monkeypatch.setattr(history, "SPILL", SPILL)
    plan = tmp_path / "plan.json"
    make_small_plan(plan)
    return plan


def _moves(store: PlanStore, count: int) -> None:
    statuses = [Status.DONE, Status.TODO]
    for n in range(count):
        store.move_action("101", statuses[n % 2])


def test_old_entries_move_to_the_archive_and_are_still_read(path: Path) -> None:
    store = PlanStore(path, user="alice")
    _moves(store, 60)
    recent = PlanStore(path).recent_history()
    assert KEEP <= len(recent) < KEEP + SPILL
    archive = history.archive_path_for(path)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o660
    entries = PlanStore(path).history()
    assert [e.rev for e in entries] == list(range(1, 62))
    assert entries[-1].rev == PlanStore(path).read().revision
    # Undo works on what is recent, as always.
    store.undo()
    assert PlanStore(path).read().actions["101"].status is Status.DONE


def test_an_entry_in_both_after_a_crash_is_read_once(path: Path) -> None:
    store = PlanStore(path, user="alice")
    _moves(store, 3)
    recent = store.recent_history()
    history.append_archive(path, recent[-2:])  # as if the plan write had not happened
    assert [e.rev for e in PlanStore(path).history()] == [1, 2, 3, 4]


def test_a_damaged_archive_line_is_named(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _moves(PlanStore(path), 30)
    archive = history.archive_path_for(path)
    with open(archive, "ab") as handle:
        handle.write(b'{"rev": "abc"}\n')
    with pytest.raises(PlanFileError) as caught:
        PlanStore(path).history()
    assert caught.value.problem_key == "damaged_archive"
    assert main(["--lang", "en", "history", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line " in err and "of the archived history is damaged" in err, err
    # Reading the plan itself (status, the app) does not need the archive.
    PlanStore(path).read()


def test_a_link_at_the_archive_path_is_refused(path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    os.symlink(victim, history.archive_path_for(path))
    with pytest.raises(UnsafePathError):
        _moves(PlanStore(path), 30)
    assert victim.read_text() == "keep"
