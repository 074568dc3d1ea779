"""Reading a new version of the plan by its changed lines gives exactly the whole parse.

`lines.parse_changed` must return what `orjson.loads` returns for the same bytes
(same tables, same records, same order) or None, whatever the bytes: a new
version written by our encoder, one edited by hand, damaged, cut, or laid out
another way. And the store that reads this way still refuses a record another
process damaged, though the version before was known good.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_tui.domain.model import Action, Status
from coop_tui.storage import lines, schema
from coop_tui.storage.errors import PlanFileError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan


def _ordered(doc: Any) -> Any:
    """A document with its key order made visible (dict equality ignores order)."""
    if isinstance(doc, dict):
        return [(k, _ordered(v)) for k, v in doc.items()]
    if isinstance(doc, list):
        return [_ordered(v) for v in doc]
    return doc


@pytest.fixture
def plan(tmp_path: Path) -> tuple[PlanStore, bytes]:
    store = make_small_plan(tmp_path / "plan.json", actions=6)
    for n in range(1, 4):
        store.move_action(f"act{n:05d}", Status.DONE)
    return store, store.path.read_bytes()


def _index(raw: bytes) -> tuple[dict[str, Any], lines.LineIndex]:
    document = orjson.loads(raw)
    index = lines.index_of(raw, document)
    assert index is not None
    return document, index


def test_an_unchanged_file_reuses_every_document(plan: tuple[PlanStore, bytes]) -> None:
    _, raw = plan
    document, index = _index(raw)
    parsed = lines.parse_changed(raw, index)
    assert parsed is not None
    assert _ordered(parsed[0]) == _ordered(document)
    for name, table in parsed[0].items():
        for rid, doc in table.items():
            assert doc is document[name][rid]


def test_a_commit_by_another_store_is_read_by_its_changed_lines(
    plan: tuple[PlanStore, bytes],
) -> None:
    store, raw = plan
    document, index = _index(raw)
    other = PlanStore(store.path, user="other")
    other.move_action("act00005", Status.BLOCKED)
    other.add(Action(objective="obj00001", title="Nouvelle « action »\u2028"))
    other.delete("actions", "act00002")
    new_raw = store.path.read_bytes()
    parsed = lines.parse_changed(new_raw, index, document)
    assert parsed is not None
    assert _ordered(parsed[0]) == _ordered(orjson.loads(new_raw))
    assert parsed[0]["actions"]["act00001"] is document["actions"]["act00001"]
    assert parsed[0]["actions"]["act00005"] is not document["actions"]["act00005"]
    # A table none of whose lines changed is the previous table itself.
    assert parsed[0]["organisations"] is document["organisations"]
    assert parsed[0]["actions"] is not document["actions"]


@pytest.mark.parametrize(
    "layout",
    [
        lambda d: json.dumps(d, ensure_ascii=False).encode(),
        lambda d: json.dumps(d, indent=1).encode(),
        lambda d: json.dumps(d, indent=1).encode() + b"\n",
        lambda d: schema.encode(d).replace(b"\n", b"\r\n"),
        lambda d: b"\xef\xbb\xbf" + schema.encode(d),
        lambda d: schema.encode(d).rstrip(b"\n"),
    ],
)
def test_another_layout_is_left_to_the_full_parser(
    plan: tuple[PlanStore, bytes], layout: Any
) -> None:
    _, raw = plan
    _, index = _index(raw)
    assert lines.parse_changed(layout(orjson.loads(raw)), index) is None


def _mutations() -> st.SearchStrategy[Any]:
    snippets = st.sampled_from(
        [b"", b",", b"}", b"},", b"{", b"\n", b" ", b'"', b"\\", b'"x": {}', b'"x": 1',
         b'"actions": {', b'"actions": {}', b'"act00001": {"rev": 1}', b"\xc3", b"\xe9", b"null"]
    )  # fmt: skip
    return st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 40), snippets | st.binary(max_size=6)),
        min_size=1,
        max_size=3,
    )


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    edits=_mutations(),
    line_level=st.booleans(),
)
def test_any_edit_gives_the_whole_parse_or_none(
    plan: tuple[PlanStore, bytes], edits: list[tuple[float, int, bytes]], line_level: bool
) -> None:
    _, raw = plan
    _, index = _index(raw)
    new = raw
    for where, cut, insert in edits:
        at = int(where * len(new))
        if line_level:  # whole lines: drop some, insert some, at a line start
            at = new.rfind(b"\n", 0, at) + 1
            end = at
            for _ in range(cut % 3):
                end = new.find(b"\n", end) + 1 or len(new)
            new = new[:at] + insert + (b"\n" if insert else b"") + new[end:]
        else:
            new = new[:at] + insert + new[at + cut % 4 :]
    try:
        expected: Any = orjson.loads(new)
    except orjson.JSONDecodeError:
        expected = None
    parsed = lines.parse_changed(new, index)
    if parsed is not None:
        assert expected is not None, new
        assert _ordered(parsed[0]) == _ordered(expected)


def test_duplicate_records_or_tables_are_left_to_the_full_parser(
    plan: tuple[PlanStore, bytes],
) -> None:
    _, raw = plan
    _, index = _index(raw)
    rows = raw.split(b"\n")
    row = next(i for i, line in enumerate(rows) if line.startswith(b' "act00001"'))
    twice = b"\n".join([*rows[: row + 1], rows[row], *rows[row + 1 :]])
    assert lines.parse_changed(twice, index) is None
    head = next(i for i, line in enumerate(rows) if line == b'"partners": {}' or
                line == b'"partners": {},')  # fmt: skip
    again = b"\n".join([*rows[: head + 1], rows[head], *rows[head + 1 :]])
    assert lines.parse_changed(again, index) is None


def test_a_record_damaged_by_another_process_refuses_the_file(
    plan: tuple[PlanStore, bytes],
) -> None:
    store, _ = plan
    good = store.read()
    assert good.actions["act00004"].title == "Action 4"
    # Another process writes a valid JSON file in our layout, one record damaged.
    document = orjson.loads(store.path.read_bytes())
    document["actions"]["act00004"]["start"] = "2026-02-30"
    document["_meta"]["meta"]["revision"] += 1
    bad = schema.encode(document)
    temp = store.path.with_name("other.json")
    temp.write_bytes(bad)
    os.replace(temp, store.path)
    for attempt in (store.read, lambda: store.move_action("act00001", Status.TODO)):
        with pytest.raises(PlanFileError) as caught:
            attempt()
        assert caught.value.problem_key == "damaged"
    assert store.path.read_bytes() == bad


def test_a_store_reading_by_lines_sees_what_a_fresh_store_sees(
    plan: tuple[PlanStore, bytes],
) -> None:
    store, _ = plan
    before = store.read()
    other = PlanStore(store.path, user="other")
    other.move_action("act00006", Status.IN_PROGRESS)
    other.add(Action(objective="obj00001", title="Late addition"))
    after = store.read()
    fresh = PlanStore(store.path).read()
    assert after == fresh and list(after.actions) == list(fresh.actions)
    assert after.revision == before.revision + 2
    # Untouched records are the very same objects; changed ones are rebuilt.
    assert after.actions["act00001"] is before.actions["act00001"]
    assert after.actions["act00006"].status is Status.IN_PROGRESS
    assert after.organisations is before.organisations  # an untouched table, as it was


def test_every_comma_added_or_taken_gives_the_whole_parse_or_none(
    plan: tuple[PlanStore, bytes],
) -> None:
    _, raw = plan
    _, index = _index(raw)
    rows = raw.split(b"\n")
    for i, row in enumerate(rows):
        toggled = row[:-1] if row.endswith(b",") else row + b","
        new = b"\n".join([*rows[:i], toggled, *rows[i + 1 :]])
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(new)  # a comma too many or too few is never valid JSON here
        assert lines.parse_changed(new, index) is None, (i, toggled)


def test_commits_keep_the_file_exactly_as_the_encoder_writes_it(
    plan: tuple[PlanStore, bytes],
) -> None:
    """Lines kept from the version before (not encoded again) are the lines the
    encoder would write: after commits by two stores, the file is its own encoding."""
    store, _ = plan
    other = PlanStore(store.path, user="other")
    for n, (who, status) in enumerate(
        [(store, Status.BLOCKED), (other, Status.DONE), (other, Status.TODO), (store, Status.DONE)]
    ):
        who.move_action(f"act0000{n % 6 + 1}", status)
        added = who.add(Action(objective="obj00001", title=f"Ajout {n}"))
        raw = store.path.read_bytes()
        assert raw == schema.encode(orjson.loads(raw))
        fresh = PlanStore(store.path).read()
        assert store.read() == fresh == other.read()
        assert fresh.actions[added.id].title == f"Ajout {n}"
    assert store.undo().summary.startswith("add")
    raw = store.path.read_bytes()
    assert raw == schema.encode(orjson.loads(raw))


def test_what_is_cached_after_a_commit_is_what_any_reader_parses(tmp_path: Path) -> None:
    """orjson writes a float NaN as null: the committing store must not keep NaN."""
    store = make_small_plan(tmp_path / "plan.json")
    action = store.read().actions["act00001"]
    saved = store.save(replace(action, resources=replace(action.resources, budget=float("nan"))))
    assert store.read().actions[saved.id].resources.budget is None
    assert PlanStore(store.path).read() == store.read()
    other = PlanStore(store.path, user="other")
    other.move_action("act00002", Status.DONE)
    assert store.read() == PlanStore(store.path).read()
    assert store.read().actions["act00001"].resources.budget is None


def test_a_line_written_another_way_by_another_process_stays_readable(
    plan: tuple[PlanStore, bytes],
) -> None:
    store, _ = plan
    store.read()
    rows = store.path.read_bytes().split(b"\n")
    i = next(i for i, line in enumerate(rows) if line.startswith(b' "act00002"'))
    rows[i] = rows[i].replace(b'":', b'" :').replace(b'"Action 2"', b'"Action \\u0032"')
    document = orjson.loads(b"\n".join(rows))
    assert document["actions"]["act00002"]["title"] == "Action 2"
    temp = store.path.with_name("other.json")
    temp.write_bytes(b"\n".join(rows))
    os.replace(temp, store.path)
    store.move_action("act00003", Status.BLOCKED)
    raw = store.path.read_bytes()
    assert orjson.loads(raw)["actions"]["act00002"]["title"] == "Action 2"
    assert PlanStore(store.path).read() == store.read()


@pytest.mark.parametrize("table", ["actions", "organisations", "history"])
def test_a_record_added_after_the_last_without_a_comma_is_refused(
    plan: tuple[PlanStore, bytes], table: str
) -> None:
    """The old last line kept as it was (no comma), a new one after it: not JSON."""
    _, raw = plan
    _, index = _index(raw)
    rows = raw.split(b"\n")
    head = rows.index(orjson.dumps(table) + b": {")
    end = next(i for i in range(head, len(rows)) if rows[i] in (b"}", b"},"))
    new = b"\n".join([*rows[:end], b' "zz000001": {"rev": 1}', *rows[end:]])
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(new)
    assert lines.parse_changed(new, index) is None
    moved = b"\n".join([*rows[: head + 1], rows[end - 1], *rows[head + 1 : end - 1], *rows[end:]])
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(moved)
    assert lines.parse_changed(moved, index) is None
