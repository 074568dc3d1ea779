"""Promise 6: a file that is not a usable plan gets one clear error and is never touched.

Corrupt, truncated, empty, not-a-plan, wrong-schema and newer-schema files:
reading and transacting raise `PlanFileError` naming the file with the right
`problem_key`; the bytes and mtime stay the same; no backup or temp file
appears (only the lock file may); the CLI says it in one line on stderr with
exit code 1 and no traceback. An older schema is migrated, keeping a
byte-identical backup.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_tui.cli import main
from coop_tui.domain.model import Action, Plan, Status, replace
from coop_tui.storage import files
from coop_tui.storage.errors import PlanExistsError, PlanFileError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import OBJECTIVE_ID, make_small_plan


def _valid(tmp_path: Path) -> bytes:
    source = tmp_path / "source" / "plan.json"
    source.parent.mkdir(exist_ok=True)
    if not source.exists():
        make_small_plan(source)
    return source.read_bytes()


def _edited(edit: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    def make(valid: bytes) -> bytes:
        doc = json.loads(valid)
        edit(doc)
        return json.dumps(doc, ensure_ascii=False).encode()

    return make


def _set_meta(key: str, value: object) -> Callable[[bytes], bytes]:
    return _edited(lambda doc: doc["_meta"]["meta"].__setitem__(key, value))


def _del_meta(key: str) -> Callable[[bytes], bytes]:
    return _edited(lambda doc: doc["_meta"]["meta"].pop(key))


def _middle_line_end(valid: bytes) -> int:
    """A line end near the middle: between records, never inside a string or a letter."""
    return valid.index(b"\n", len(valid) // 2)


def _damage_middle(valid: bytes) -> bytes:
    cut = _middle_line_end(valid)
    return valid[:cut] + b"\x01}#{" + valid[cut:]


#: (case, make bad bytes from a valid plan's bytes, expected problem_key)
CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("random bytes", lambda v: b"\x80\x81" + random.Random(3).randbytes(4000), "not_text"),
    ("latin-1 text", lambda v: "{'titre': 'Régie'}".encode("latin-1"), "not_text"),
    ("damaged in the middle", _damage_middle, "bad_json"),
    ("truncated in half", lambda v: v[: _middle_line_end(v)], "bad_json"),
    ("truncated by one byte", lambda v: v.rstrip()[:-1], "bad_json"),
    ("empty", lambda v: b"", "empty"),
    ("only whitespace", lambda v: b" \n\t\n", "empty"),
    ("json list", lambda v: b"[1, 2, 3]", "not_plan"),
    ("json string", lambda v: b'"coop-tui-plan"', "not_plan"),
    ("json null", lambda v: b"null", "not_plan"),
    ("another tinydb file", lambda v: b'{"_default": {"1": {"name": "x"}}}', "not_plan"),
    ("meta table not an object", lambda v: b'{"_meta": [], "plan": {}}', "not_plan"),
    # Too deep for the JSON parser: either "not a plan" or "bad JSON" says it clearly.
    ("deeply nested", lambda v: b"[" * 200_000 + b"]" * 200_000, "not_plan|bad_json"),
    ("another format", _set_meta("format", "other-app"), "not_plan"),
    ("schema x", _set_meta("schema", "x"), "bad_schema"),
    ("schema 0", _set_meta("schema", 0), "bad_schema"),
    ("schema -1", _set_meta("schema", -1), "bad_schema"),
    ("schema true", _set_meta("schema", True), "bad_schema"),
    ("schema 1.5", _set_meta("schema", 1.5), "bad_schema"),
    ("schema missing", _del_meta("schema"), "bad_schema"),
    ("newer schema 99", _set_meta("schema", 99), "newer_schema"),
    ("newer schema 3", _set_meta("schema", 3), "newer_schema"),
    ("table not an object", _edited(lambda d: d.__setitem__("actions", [])), "damaged"),
    ("record not an object", _edited(lambda d: d["actions"].__setitem__("x", 3)), "damaged_record"),
    ("revision missing", _del_meta("revision"), "damaged_record"),
    ("revision -1", _set_meta("revision", -1), "damaged_record"),
    ("revision true", _set_meta("revision", True), "damaged_record"),
    (
        "history rev not a number",
        _edited(lambda d: d["history"]["1"].__setitem__("rev", "abc")),
        "damaged_record",
    ),
    (
        "history changes not a list",
        _edited(lambda d: d["history"]["1"].__setitem__("changes", "abc")),
        "damaged_record",
    ),
    ("history rev missing", _edited(lambda d: d["history"]["1"].pop("rev")), "damaged_record"),
    (
        "history rev not its key",
        _edited(lambda d: d["history"]["1"].__setitem__("rev", 7)),
        "damaged_record",
    ),
    (
        "record id not a number",
        _edited(lambda d: d["actions"].__setitem__("a1", {})),
        "damaged_record",
    ),
    (
        "record id of 19 digits",
        _edited(lambda d: d["budget_lines"].__setitem__("1" * 19, {})),
        "damaged_record",
    ),
    (
        "record id with a leading zero",
        _edited(lambda d: d["actions"].__setitem__("0101", {})),
        "damaged_record",
    ),
    (
        "record id in Arabic digits",
        _edited(lambda d: d["actions"].__setitem__("\u0661\u0662", {})),
        "damaged_record",
    ),
    (
        "record id with a bidi mark",
        _edited(lambda d: d["people"].__setitem__("12\u202e", {})),
        "damaged_record",
    ),
]

#: Valid JSON plans with one record that cannot be read: the whole plan is refused,
#: with the record named.
RECORD_CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    (
        "record with a bad date",
        _edited(lambda d: d["actions"]["101"].__setitem__("start", "2026-13-02")),
        "damaged_record",
    ),
    (
        "record with an unknown status",
        _edited(lambda d: d["actions"]["101"].__setitem__("status", "someday")),
        "damaged_record",
    ),
    (
        "plan with a list for a date",
        _edited(lambda d: d["plan"]["plan"].__setitem__("start", [2026])),
        "damaged_record",
    ),
]


def _listing(folder: Path) -> set[str]:
    return set(os.listdir(folder))


def _assert_refused(path: Path, key: str, history_too: bool = True) -> None:
    """Every way in raises PlanFileError(key) naming the file.

    `history_too`: the raw history is readable when only a record is damaged.
    """
    attempts: list[Callable[[], object]] = [
        lambda: PlanStore(path).read(),
        lambda: PlanStore(path).move_action("101", Status.DONE),
        lambda: PlanStore(path).add(Action(objective=OBJECTIVE_ID, title="new")),
        lambda: PlanStore(path).set_plan(Plan(title="Over it")),
        lambda: PlanStore(path).undo(),
        lambda: PlanStore(path).transact(lambda txn: None),
    ]
    if history_too:
        attempts.append(lambda: PlanStore(path).history())
    for attempt in attempts:
        with pytest.raises(PlanFileError) as caught:
            attempt()
        assert caught.value.problem_key in key.split("|")
        assert caught.value.path == path
        assert str(path) in str(caught.value)
    with pytest.raises(PlanExistsError):
        PlanStore(path).create(Plan(title="Over it"))


@pytest.mark.parametrize(("case", "make", "key"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_and_left_untouched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    make: Callable[[bytes], bytes],
    key: str,
) -> None:
    _check_refused_and_untouched(tmp_path, capsys, make(_valid(tmp_path)), key, True)


@pytest.mark.parametrize(("case", "make", "key"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_plan_with_an_unreadable_record_is_refused_as_damaged(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    make: Callable[[bytes], bytes],
    key: str,
) -> None:
    _check_refused_and_untouched(tmp_path, capsys, make(_valid(tmp_path)), key, False)


def _check_refused_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: bytes, key: str, history_too: bool
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.json"
    path.write_bytes(bad)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    listing = _listing(folder)

    _assert_refused(path, key, history_too)

    assert path.read_bytes() == bad
    assert os.stat(path).st_mtime_ns == 1_000_000_000
    assert _listing(folder) <= listing | {files.lock_path_for(path).name}

    capsys.readouterr()
    for argv in (
        ["status", str(path)],
        ["--lang", "fr", "status", str(path)],
        ["--lang", "en", "actions", str(path), "--json"],
        ["--lang", "en", "move", str(path), "A1", "done"],
        ["--lang", "en", "history", str(path)],
        ["--lang", "en", "undo", str(path)],
    ):
        assert main(argv) == 1, argv
        out, err = capsys.readouterr()
        assert out == ""
        assert err.endswith("\n") and err.count("\n") == 1, err
        assert str(path) in err and "Traceback" not in err and "\x1b" not in err
    assert path.read_bytes() == bad


def test_record_field_of_wrong_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(
        _edited(lambda d: d["actions"]["101"].__setitem__("title", 5))(_valid(tmp_path))
    )
    _assert_refused(path, "damaged_record", history_too=False)
    with pytest.raises(PlanFileError, match=r"record '101' of the table 'actions'.*title"):
        PlanStore(path).read()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    junk=st.one_of(
        st.binary(max_size=3000),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_any_junk_is_refused_and_untouched(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(junk)
    for attempt in (
        lambda: PlanStore(path).read(),
        lambda: PlanStore(path).move_action("x", Status.DONE),
    ):
        with pytest.raises(PlanFileError):
            attempt()
    assert path.read_bytes() == junk
    prefix = files.temp_prefix_for(path)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(prefix) or n.endswith(".bak")]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_cut_of_a_valid_plan_is_refused(tmp_path: Path, data: st.DataObject) -> None:
    valid = _valid(tmp_path)
    cut = data.draw(st.integers(min_value=0, max_value=len(valid.rstrip()) - 1))
    path = tmp_path / "cut.json"
    path.write_bytes(valid[:cut])
    with pytest.raises(PlanFileError) as caught:
        PlanStore(path).move_action("101", Status.DONE)
    try:
        valid[:cut].decode("utf-8")
    except UnicodeDecodeError:  # cut inside an accented letter: not text any more
        assert caught.value.problem_key == "not_text"
    else:
        assert caught.value.problem_key in ("empty", "bad_json")
    assert path.read_bytes() == valid[:cut]


# --- migration --------------------------------------------------------------------

GOLDEN_V1 = Path(__file__).parent / "golden" / "demo-schema1.json"
"""The demo plan as the first version of coop-tui wrote it (schema 1), A3 then moved."""


@pytest.fixture
def schema_1_file(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "plan.json"
    path.write_bytes(GOLDEN_V1.read_bytes())
    os.chmod(path, 0o660)
    return path, path.read_bytes()


def _backup(path: Path) -> Path:
    return path.with_name(f"{path.name}.schema1.bak")


def test_reading_an_older_schema_migrates_and_keeps_a_backup(
    schema_1_file: tuple[Path, bytes],
) -> None:
    path, original = schema_1_file
    old = json.loads(original)
    data = PlanStore(path).read()
    assert _backup(path).read_bytes() == original
    assert oct(os.stat(_backup(path)).st_mode & 0o777) == oct(0o660)
    doc = json.loads(path.read_bytes())
    assert doc["_meta"]["meta"]["schema"] == 2
    # The same plan, with whole-number ids and references following.
    assert len(data.actions) == len(old["actions"]) == 21
    assert all(rid.isdecimal() for rid in data.actions)
    a3 = next(a for a in data.actions.values() if a.code == "A3")
    assert a3.status is Status.DONE and a3.title == old["actions"]["a3"]["title"]
    assert data.objectives[a3.objective].code == "O1.1"
    assert data.people[a3.lead].name == "Julien Perrin"
    # Budgets became budget lines; the remedy became one answer per missing skill.
    a2 = next(a for a in data.actions.values() if a.code == "A2")
    assert [line.amount for line in data.budget_lines_of(a2.id)] == [3600.0]
    a10 = next(a for a in data.actions.values() if a.code == "A10")
    assert [(r.skill, r.kind) for r in a10.remedies] == [("CRM", "training")]
    # Approvals keep what they approved: none is "to renew" after the migration.
    from coop_tui.domain.approvals import approval_lapsed

    approvals = [(o, a) for o in data.objectives.values() for a in o.approvals.values()]
    assert approvals and not any(approval_lapsed(data, o, a) for o, a in approvals)
    # The old history moved to the archive, still read; one entry says it was migrated.
    entries = PlanStore(path).history()
    assert [e.rev for e in entries] == [1, 2, 3]
    assert entries[1].summary == "move action" and entries[-1].what.op == "migrate"
    # A second reader finds it migrated already: the backup stays the original.
    assert PlanStore(path).read().revision == data.revision == 3
    assert _backup(path).read_bytes() == original
    prefix = files.temp_prefix_for(path)
    assert not [n for n in os.listdir(path.parent) if n.startswith(prefix)]


def test_transacting_on_an_older_schema_migrates_first(
    schema_1_file: tuple[Path, bytes],
) -> None:
    path, original = schema_1_file
    store = PlanStore(path)
    # Before anything is read: the transaction itself finds the file old.
    a4 = next(a for a in PlanStore(path).read().actions.values() if a.code == "A4")
    path.write_bytes(original)
    _backup(path).unlink()
    store = PlanStore(path)
    store.move_action(a4.id, Status.DONE)
    assert _backup(path).read_bytes() == original
    doc = json.loads(path.read_bytes())
    assert doc["_meta"]["meta"]["schema"] == 2
    action = PlanStore(path).read().actions[a4.id]
    assert action.status is Status.DONE
    store.save(replace(action, title="Renamed"))
    assert PlanStore(path).read().actions[a4.id].title == "Renamed"


def test_the_first_id_that_is_not_a_whole_number_is_named(tmp_path: Path) -> None:
    """The ids are checked table by table in C; the error names the first bad one."""
    path = tmp_path / "plan.json"
    make_small_plan(path, actions=3)
    doc = json.loads(path.read_bytes())
    doc["actions"]["7x"] = doc["actions"].pop("101")
    doc["actions"]["9" * 19] = {}
    path.write_text(json.dumps(doc))
    with pytest.raises(PlanFileError) as caught:
        PlanStore(path).read()
    assert caught.value.values["table"] == "actions" and caught.value.values["record"] == "7x"
