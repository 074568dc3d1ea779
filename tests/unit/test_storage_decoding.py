"""The one typed decoder: what it accepts, what it refuses, and stock TinyDB beside it.

The plan file is TinyDB's JSON layout with whole-number document ids, so a
stock `TinyDB(path)` reads what coop-tui wrote and coop-tui reads what stock
TinyDB wrote. Anything the typed decoder cannot type refuses the file with
the damaged record named; a key written twice (which JSON readers settle each
their own way) refuses it too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from coop_tui.domain.model import ENTITY_TYPES, Action, Status
from coop_tui.storage import schema
from coop_tui.storage.errors import PlanFileError
from coop_tui.storage.store import PlanStore


def test_stock_tinydb_reads_a_plan_written_by_the_app(demo_path: Path) -> None:
    db = TinyDB(demo_path)
    try:
        actions = db.table("actions").all()
        assert len(actions) == 21
        assert {a["code"] for a in actions} >= {"A1", "A3", "A21"}
        a3 = next(a for a in actions if a["code"] == "A3")
        assert str(a3.doc_id) == a3["id"]
        assert len(db.table("organisations")) == 4
    finally:
        db.close()


def test_a_record_written_by_stock_tinydb_is_read_by_the_app(demo_path: Path) -> None:
    data = PlanStore(demo_path).read()
    objective = next(o for o in data.objectives.values() if o.code == "O1.1")
    db = TinyDB(demo_path)
    try:
        doc_id = db.table("actions").insert(
            {
                "objective": objective.id,
                "title": "Écrite par TinyDB",
                "status": "in_progress",
                "start": "2026-03-01",
                "skills": ["paie"],
            }
        )
    finally:
        db.close()
    back = PlanStore(demo_path).read()
    action = back.actions[str(doc_id)]
    assert action.title == "Écrite par TinyDB" and action.status is Status.IN_PROGRESS
    assert action.objective == objective.id and action.skills == ("paie",)
    # And the next change through coop-tui keeps it, in the app's own layout again.
    store = PlanStore(demo_path)
    store.move_action(action.id, Status.DONE)
    assert PlanStore(demo_path).read().actions[action.id].status is Status.DONE
    assert b'\n "' + str(doc_id).encode() + b'": {' in demo_path.read_bytes()


def test_every_record_type_round_trips_through_the_file(demo_path: Path) -> None:
    document = PlanStore(demo_path).document()
    again = schema.parse(demo_path, schema.encode(document))
    assert isinstance(again, schema.Document)
    assert again.plan == document.plan
    for name in ENTITY_TYPES:
        assert again.tables[name] == document.tables[name], name
    assert schema.encode(again) == demo_path.read_bytes()


def test_missing_keys_take_their_defaults_unknown_ones_are_ignored(demo_path: Path) -> None:
    doc = json.loads(demo_path.read_bytes())
    a1 = next(k for k, v in doc["actions"].items() if v["code"] == "A1")
    doc["actions"][a1] = {"title": "Bare", "objective": "1", "colour": "red"}
    demo_path.write_text(json.dumps(doc))
    action = PlanStore(demo_path).read().actions[a1]
    assert action == Action(id=a1, title="Bare", objective="1")


def test_a_record_s_id_is_its_key_whatever_its_own_says(demo_path: Path) -> None:
    doc = json.loads(demo_path.read_bytes())
    codes = {v["code"]: k for k, v in doc["actions"].items()}
    a1, a2, a3 = codes["A1"], codes["A2"], codes["A3"]
    del doc["actions"][a1]["id"]
    doc["actions"][a2]["id"] = "99999"
    demo_path.write_text(json.dumps(doc))
    fresh = PlanStore(demo_path).read()
    assert (fresh.actions[a1].id, fresh.actions[a2].id, fresh.actions[a3].id) == (a1, a2, a3)
    for name in ENTITY_TYPES:
        for key, record in fresh.table(name).items():
            assert record.id is key, (name, key)  # one string for both: the decoder's copy freed
    # A record holding its key's string is every bit the record decoded on its own.
    for key in (a1, a2, a3):
        record = fresh.actions[key]
        alone = schema.decode_record(Action, schema.to_doc(record), key)
        assert alone == record
        assert schema.to_doc(alone) == schema.to_doc(record)
    assert "99999" not in fresh.actions


def test_shared_values_are_one_string_each_and_read_as_the_fresh_ones(demo_path: Path) -> None:
    fresh = PlanStore(demo_path).read()
    assert schema._SHARED
    for name, field in schema._SHARED:
        records = list(fresh.table(name).values())
        assert len(records) > len({getattr(r, field) for r in records}) > 1, (name, field)
        one: dict[str, str] = {}
        for record in records:
            value = getattr(record, field)
            assert one.setdefault(value, value) is value, (name, field, record.id)
            assert record == schema.decode_record(type(record), schema.to_doc(record), record.id)
    # Once shared, what is written is what was read, byte for byte.
    assert schema.encode(PlanStore(demo_path).document()) == demo_path.read_bytes()


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("title", 5, "title"),
        ("start", "2026-13-01", "start"),
        ("start", [2026], "start"),
        ("status", "someday", "status"),
        ("skills", "paie", "skills"),
        ("resources", {"working_days": "beaucoup"}, "resources.working_days"),
        ("order", True, "order"),
        ("rev", -1, "rev"),
    ],
)
def test_a_value_of_the_wrong_type_refuses_the_file_naming_the_record(
    demo_path: Path, field: str, value: object, said: str
) -> None:
    doc = json.loads(demo_path.read_bytes())
    a3 = next(k for k, v in doc["actions"].items() if v["code"] == "A3")
    doc["actions"][a3][field] = value
    demo_path.write_text(json.dumps(doc))
    with pytest.raises(PlanFileError) as caught:
        PlanStore(demo_path).read()
    assert caught.value.problem_key == "damaged_record"
    assert caught.value.values["table"] == "actions" and caught.value.values["record"] == a3
    assert said in caught.value.values["reason"]


def test_a_key_written_twice_refuses_the_file(demo_path: Path) -> None:
    raw = demo_path.read_bytes()
    # Two records with one id, as a careless merge of two versions would leave them.
    start = raw.index(b'"actions": {\n') + len(b'"actions": {\n')
    line = raw[start : raw.index(b"\n", start)]
    doubled = raw[:start] + line.rstrip(b",") + b",\n" + raw[start:]
    demo_path.write_bytes(doubled)
    with pytest.raises(PlanFileError) as caught:
        PlanStore(demo_path).read()
    assert caught.value.problem_key == "duplicate_key"
    # The same on one line, in the layout stock TinyDB writes.
    doc = demo_path.read_text()
    one_line = json.dumps(json.loads(raw)).replace('"title"', '"title": "x", "title"', 1)
    demo_path.write_text(one_line)
    with pytest.raises(PlanFileError) as caught:
        PlanStore(demo_path).read()
    assert caught.value.problem_key == "duplicate_key"
    assert doc  # (the first file was read as text above: it is valid UTF-8)


def test_a_record_written_twice_on_its_own_line_is_never_rewritten_away(
    demo_path: Path,
) -> None:
    """A second copy of a record on the first copy's line gets past the count of record
    lines that spares reading the exact check (both copies read as one record, the last,
    as Python's `json` and TinyDB read it); but no change rewrites the file, which would
    drop one copy unseen: the change is refused, the file left as it was."""
    raw = demo_path.read_bytes()
    start = raw.index(b'"actions": {\n') + len(b'"actions": {\n')
    end = raw.index(b"\n", start)
    line = raw[start:end].rstrip(b",")
    key = line[: line.index(b":")].strip().strip(b'"').decode()
    other = line.replace(b'"title":"', b'"title":"<b>[red]Autre[/red]</b> \\u202e', 1)
    doubled = raw[:start] + line + b", " + other.lstrip() + raw[start + len(line) :]
    demo_path.write_bytes(doubled)
    store = PlanStore(demo_path, user="someone")
    action = store.read().actions[key]
    assert action.title.startswith("<b>[red]Autre")
    status = Status.BLOCKED if action.status is not Status.BLOCKED else Status.TODO
    with pytest.raises(PlanFileError) as caught:
        store.move_action(key, status)
    assert caught.value.problem_key == "duplicate_key"
    assert demo_path.read_bytes() == doubled
    # Put right (each record once), the file takes changes again, the encoder's own way.
    demo_path.write_bytes(raw)
    PlanStore(demo_path, user="someone").move_action(key, status)
    assert PlanStore(demo_path).read().actions[key].status is status


def test_a_record_twice_made_up_for_elsewhere_is_never_rewritten_away(demo_path: Path) -> None:
    """A record's second copy on its own line, with a newline taken out elsewhere (two
    people on one line) to make up for it, passes the newline count: it is read as JSON
    readers read it, the last copy kept, but no change rewrites the file."""
    raw = demo_path.read_bytes()
    start = raw.index(b'"actions": {\n') + len(b'"actions": {\n')
    line = raw[start : raw.index(b"\n", start)].rstrip(b",")
    key = line[: line.index(b":")].strip().strip(b'"').decode()
    other = line.replace(b'"title":"', b'"title":"<b>[red]Autre[/red]</b> \\u202e', 1)
    doubled = raw[:start] + other + b",\n" + raw[start:]
    people = doubled.index(b'"people": {\n') + len(b'"people": {\n')
    joined = doubled.index(b",\n", people) + 1
    crafted = doubled[:joined] + b" " + doubled[joined + 1 :]
    assert crafted.count(b"\n") == raw.count(b"\n")
    demo_path.write_bytes(crafted)
    store = PlanStore(demo_path, user="someone")
    action = store.read().actions[key]
    assert action.title == json.loads(line.partition(b": ")[2])["title"]  # the last copy
    status = Status.BLOCKED if action.status is not Status.BLOCKED else Status.TODO
    with pytest.raises(PlanFileError) as caught:
        store.move_action(key, status)
    assert caught.value.problem_key == "duplicate_key"
    assert demo_path.read_bytes() == crafted


def test_the_encoder_s_own_files_are_spared_the_exact_check(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newline count matches every layout the encoder writes: empty tables, no
    history, a history, and the copy without its history that a second reading decodes."""
    from coop_tui.domain.model import Plan

    def exact(path: Path, raw: bytes) -> None:
        raise AssertionError(f"exact check of {path.name}")

    def whole(path: Path) -> schema.Document | int:
        """The file decoded whole, as a process that never read it does."""
        schema._Recent.remember(b"", {}, own=False)
        return schema.parse(path, path.read_bytes())

    monkeypatch.setattr(schema, "refuse_duplicate_keys", exact)
    empty = tmp_path / "empty.json"
    PlanStore(empty, user="x").create(Plan(title="Vide"))
    assert not PlanStore(empty).read().actions
    demo = PlanStore(demo_path, user="x")
    action = next(iter(demo.read().actions.values()))
    for status in (Status.BLOCKED, Status.TODO, Status.DONE):
        demo.move_action(action.id, status)
        document = whole(demo_path)
        assert isinstance(document, schema.Document) and document.history
        moved = schema.parse(demo_path, demo_path.read_bytes())  # the copy without it
        assert isinstance(moved, schema.Document)
        assert moved.tables["actions"][action.id].status is status  # type: ignore[attr-defined]
    assert isinstance(whole(empty), schema.Document)
    empty.write_bytes(schema.encode(schema.empty_document()))  # no history at all
    assert isinstance(whole(empty), schema.Document)
    raw = demo_path.read_bytes()
    demo_path.write_bytes(raw.replace(b"\n", b"\n\n", 1))  # any other layout: exact
    with pytest.raises(AssertionError, match="exact check"):
        PlanStore(demo_path).read()


def test_a_plan_larger_than_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: nothing is really written
    with pytest.raises(PlanFileError) as caught:
        PlanStore(path).read()
    assert caught.value.problem_key == "too_large"


def test_text_a_file_already_holds_does_not_block_a_change_new_text_is_checked(
    demo_path: Path,
) -> None:
    """A title written by hand with an escape sequence: the card still moves; a change that
    brings a control character of its own is refused, the field named."""
    from coop_tui.domain.model import replace
    from coop_tui.storage.errors import InvalidRecordError
    from coop_tui.text import clean

    doc = json.loads(demo_path.read_bytes())
    a3 = next(k for k, v in doc["actions"].items() if v["code"] == "A3")
    doc["actions"][a3]["title"] = "Répondre \x1b]0;pwned\x07 au marché"
    demo_path.write_text(json.dumps(doc))
    store = PlanStore(demo_path)
    store.move_action(a3, Status.DONE)
    action = PlanStore(demo_path).read().actions[a3]
    assert action.status is Status.DONE and "\x1b" in action.title
    with pytest.raises(InvalidRecordError) as caught:
        store.save(replace(action, description="\u202eevil"))
    assert [(p.field, p.code) for p in caught.value.problems] == [("description", "control_char")]
    # What a form shows (and so saves) is the cleaned text.
    store.save(replace(action, title=clean(action.title)))
    assert PlanStore(demo_path).read().actions[a3].title == "Répondre ␛]0;pwned␇ au marché"
