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
from coop_tui.storage import history, schema
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


@pytest.mark.parametrize("cut", [b'{"rev":4,"ti', b'{"rev":4,"time":"t","user":"x"}'])
def test_an_append_cut_short_by_a_crash_is_not_damage(path: Path, cut: bytes) -> None:
    """The archive is written before the plan: a last line without its newline is a
    transaction that never committed. Reading passes over it (or keeps it, when only its
    newline is missing); the next append cuts it off and starts on a line of its own."""
    _moves(PlanStore(path), 30)
    archive = history.archive_path_for(path)
    before = [e.rev for e in PlanStore(path).history()]
    with open(archive, "ab") as handle:
        handle.write(cut)  # SIGKILL here
    assert [e.rev for e in PlanStore(path).history()] == before
    _moves(PlanStore(path, user="bob"), 30)  # enough to spill to the archive again
    assert archive.read_bytes().endswith(b"\n")
    assert cut + b"{" not in archive.read_bytes()
    revs = [e.rev for e in PlanStore(path).history()]
    assert revs == list(range(1, len(revs) + 1)) and len(revs) == 61


def test_a_link_at_the_archive_path_is_refused(path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    os.symlink(victim, history.archive_path_for(path))
    with pytest.raises(UnsafePathError):
        _moves(PlanStore(path), 30)
    assert victim.read_text() == "keep"


# --- the history block seen before ---------------------------------------------------------
# A plan in coop-tui's own layout whose history starts with the block this process last read
# or wrote has only its new entries decoded (most of a long-lived plan's bytes, one new entry
# a commit). What follows checks that this shortcut reads exactly what the whole-file decoder
# reads, and refuses exactly what it refuses.


def _both(path: Path) -> tuple[schema.Document | int, schema.Document | int]:
    raw = path.read_bytes()
    return schema.parse(path, raw), schema._parse(path, raw)


def test_the_history_from_the_block_seen_before_is_the_whole_files(path: Path) -> None:
    alice, bob = PlanStore(path, user="alice"), PlanStore(path, user="bob")
    statuses = [Status.DONE, Status.TODO, Status.IN_PROGRESS]
    for n in range(2 * (KEEP + SPILL)):  # two writers in turn, across spills to the archive
        (alice if n % 2 else bob).move_action("101", statuses[n % 3])
        for _ in range(2):  # the second time from the very block just read
            quick, whole = _both(path)
            assert isinstance(quick, schema.Document) and isinstance(whole, schema.Document)
            assert list(quick.history.items()) == list(whole.history.items())
            assert quick.tables == whole.tables and quick.meta == whole.meta
            assert schema.encode(quick) == path.read_bytes()


def test_a_line_seen_before_then_changed_on_disk_is_read_again(path: Path) -> None:
    store = PlanStore(path, user="alice")
    _moves(store, 5)
    store.read()  # every line now seen
    raw = path.read_bytes()
    last = next(line for line in reversed(raw.split(b"\n")) if b'"user":"alice"' in line)
    damaged = last.replace(b'"user":"alice"', b'"user":5')
    assert damaged != last
    path.write_bytes(raw.replace(last, damaged))
    with pytest.raises(PlanFileError) as caught:
        PlanStore(path).read()
    assert caught.value.values["table"] == "history"


@pytest.mark.parametrize(
    "hostile",
    [
        # a second history table before the one at the end
        (b'"plan": {', b'"history": {"9": {"rev": 9}},\n"plan": {'),
        # an entry whose key is not its revision
        (b'\n "3": {"rev":3,', b'\n "4": {"rev":3,'),
        # the same entry twice
        (b'\n "3": {"rev":3,', b'\n "3": {"rev":3,"user":"x","time":"t"},\n "3": {"rev":3,'),
    ],
    ids=["two history tables", "key not its rev", "duplicate key"],
)
def test_odd_history_lines_are_settled_as_by_the_whole_file(
    path: Path, hostile: tuple[bytes, bytes]
) -> None:
    _moves(PlanStore(path, user="alice"), 5)
    PlanStore(path).read()
    old, new = hostile
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))
    try:
        whole: object = schema._parse(path, path.read_bytes())
    except PlanFileError as exc:
        whole = exc.key
    try:
        quick: object = schema.parse(path, path.read_bytes())
    except PlanFileError as exc:
        quick = exc.key
    assert type(quick) is type(whole)
    if isinstance(whole, schema.Document):
        assert isinstance(quick, schema.Document) and quick.history == whole.history
    else:
        assert quick == whole and whole != "ok"


def test_a_line_not_as_coop_tui_writes_it_is_written_back_as_it_would(path: Path) -> None:
    store = PlanStore(path, user="alice")
    _moves(store, 3)
    raw = path.read_bytes()
    spaced = raw.replace(b'{"rev":2,', b'{"rev": 2, "extra": "kept?",', 1)
    assert spaced != raw
    path.write_bytes(spaced)
    PlanStore(path, user="bob").move_action("101", Status.TODO)
    written = path.read_bytes()
    assert b'"extra"' not in written and b'{"rev":2,' in written


@pytest.mark.parametrize(
    "line",
    [
        b' "99": {"rev":98,"time":"t","user":"x"}',  # key not its rev
        b' "2": {"rev":2,"time":"t","user":"x"}',  # a key already in the block
        b' "99": {"rev":"abc","time":"t","user":"x"}',  # damaged
        b' "99": {"rev":99,"time":"t","user":"x"}\n}, "actions": {\n "5": {"rev":1}',  # a table
        b' "99": {"rev":99,"time":"t","user":"x"',  # cut short
        b' "99": {"rev":99,"time":"t","user":"\x1b]0;pwned\x07"}',  # raw control characters
    ],
    ids=["key not its rev", "key twice", "damaged", "a table in a line", "cut", "controls"],
)
def test_a_line_added_after_the_block_seen_is_checked_as_by_the_whole_file(
    path: Path, line: bytes
) -> None:
    _moves(PlanStore(path, user="alice"), 3)
    PlanStore(path).read()  # this process has seen the block
    raw = path.read_bytes()
    assert raw.endswith(b"\n}\n}\n")
    path.write_bytes(raw[: -len(b"\n}\n}\n")] + b",\n" + line + b"\n}\n}\n")
    try:
        whole: object = schema._parse(path, path.read_bytes())
    except PlanFileError as exc:
        whole = exc.key
    try:
        quick: object = schema.parse(path, path.read_bytes())
    except PlanFileError as exc:
        quick = exc.key
    assert not isinstance(whole, schema.Document), "each of these lines is refused"
    assert quick == whole
