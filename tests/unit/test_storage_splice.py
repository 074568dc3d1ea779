"""A commit encodes only what it changes, and writes exactly what a whole encoding writes.

When the file on disk is known to be the encoder's own bytes (this process wrote it, or
`prepare_commits` compared it), a commit copies the bytes of every record it did not
change. Whatever the change — a move, an edit with hostile text, records added or deleted
in cascade, an undo, the last line of a table, a table that becomes empty — the file is
byte for byte `schema.encode` of the new version, and another process reads it the same.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_tui.domain import checks, finance, phases, totals
from coop_tui.domain.model import Action, BudgetLine, Funder, Status, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.storage import schema
from coop_tui.storage.errors import NothingToUndoError
from coop_tui.storage.store import PlanStore
from tests.helpers import TODAY
from tests.unit.plan_builders import hostile
from tests.unit.storage_workers import OBJECTIVE_ID, make_small_plan


def _on_disk_is_whole_encoding(path: Path, store: PlanStore | None = None) -> None:
    raw = path.read_bytes()
    fresh = PlanStore(path)
    assert raw == schema.encode(fresh.document())
    if store is not None:  # the version the writer keeps, grown change by change
        _same_relations(store.read(), fresh.read())


def _same_relations(kept: PlanData, read: PlanData) -> None:
    """A snapshot grown from the last one by `evolve` answers as one read afresh."""
    assert kept.revision == read.revision
    assert kept.tables() == read.tables()
    for objective in [*read.objectives, "", "no-such"]:
        assert [a.id for a in kept.actions_of(objective)] == [
            a.id for a in read.actions_of(objective)
        ]
        assert kept.children(objective) == read.children(objective)
    assert sorted(kept.objectives_with_actions()) == sorted(read.objectives_with_actions())
    assert kept.sorted_actions() == read.sorted_actions()
    for person in [*read.people, "no-such"]:
        assert kept.actions_led_by(person) == read.actions_led_by(person)
    for partner in [*read.partners, "no-such"]:
        assert kept.actions_mobilising(partner) == read.actions_mobilising(partner)
    for action in read.actions:
        assert kept.budget_lines_of(action) == read.budget_lines_of(action)
    assert _figures(kept) == _figures(read)


def _figures(data: PlanData) -> list[object]:
    """What the dashboard adds up over the plan (kept per objective from one version to
    the next: see PlanData.per_objective)."""
    return [
        totals.totals(data),
        finance.financing_plan(data, "2026"),
        checks.overdue_actions(data, TODAY),
        checks.due_soon_actions(data, TODAY),
        checks.blocked_actions(data),
        checks.skill_gaps(data),
        checks.date_contradictions(data),
        checks.plan_done_count(data),
        [checks.objective_progress(data, o) for o in data.objectives.values()],
        phases.phase_counts(data),
    ]


def _count_whole_encodings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    whole = schema.encode

    def counted(doc: schema.Document) -> bytes:
        calls.append(1)
        return whole(doc)

    monkeypatch.setattr(schema, "encode", counted)
    return calls


def test_a_move_encodes_one_record_and_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.json"
    make_small_plan(path, actions=6)
    store = PlanStore(path, user="ann")
    assert store.prepare_commits()
    calls = _count_whole_encodings(monkeypatch)
    store.move_action("103", Status.DONE)
    assert calls == []  # spliced, not encoded whole
    monkeypatch.undo()
    _on_disk_is_whole_encoding(path)
    assert PlanStore(path).read().actions["103"].status is Status.DONE


def test_a_file_in_another_layout_is_encoded_whole(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    make_small_plan(path)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=4))  # same data, other bytes
    store = PlanStore(path, user="ann")
    assert not store.prepare_commits()
    store.move_action("101", Status.BLOCKED)
    _on_disk_is_whole_encoding(path)


def test_a_file_another_process_wrote_is_not_trusted_without_comparing(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    make_small_plan(path)
    mine, theirs = PlanStore(path, user="ann"), PlanStore(path, user="bob")
    assert mine.prepare_commits()
    theirs.move_action("102", Status.DONE)
    mine.move_action("101", Status.DONE)  # reads bob's version: encodes it whole
    _on_disk_is_whole_encoding(path)
    assert {a.status for a in PlanStore(path).read().actions.values() if a.id in "101 102"} == {
        Status.DONE
    }


OPERATION_NAMES: tuple[str, ...] = (
    "move",
    "edit",
    "add",
    "delete",
    "undo",
    "last",
    "funder",
    "unfund",
    "line",
)
OPERATION_NAMES += ("drop", "dates")
OPERATIONS = st.lists(
    st.sampled_from(OPERATION_NAMES),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_every_kind_of_change_writes_what_a_whole_encoding_writes(
    tmp_path_factory: pytest.TempPathFactory, operations: list[str]
) -> None:
    path = tmp_path_factory.mktemp("splice") / "plan.json"
    make_small_plan(path, actions=5)
    store = PlanStore(path, user="ann")
    assert store.prepare_commits()
    for n, operation in enumerate(operations):
        data = store.read()
        actions = sorted(data.actions, key=int)
        if operation == "move" and actions:
            store.move_action(actions[0], [Status.DONE, Status.TODO][n % 2])
        elif operation == "edit" and actions:
            # Text that looks like the file's own lines: a newline, a quote, an id.
            text = f'{hostile(n, controls=False)}\n "101": {{"id":"101"}},\n"history": {{'
            store.save(replace(data.actions[actions[-1]], description=text))
        elif operation == "add":
            store.add(Action(id="", code=f"N{n}", objective=OBJECTIVE_ID, title=f"Nouvelle {n}"))
        elif operation == "delete" and len(actions) > 1:
            store.delete("actions", actions[1])
        elif operation == "last" and actions:
            store.move_action(actions[-1], [Status.BLOCKED, Status.TODO][n % 2])
        elif operation == "line" and actions:
            store.add(BudgetLine(id="", action=actions[n % len(actions)], amount=1000.0 + n,
                                 yearly=bool(n % 2), first_year=2026, last_year=2027))  # fmt: skip
        elif operation == "dates" and actions:
            late = replace(data.actions[actions[0]], start=TODAY - dt.timedelta(days=40 + n),
                           end=TODAY - dt.timedelta(days=n), skills=("soudure",))  # fmt: skip
            store.save(late)
        elif operation == "drop" and actions:
            store.move_action(actions[0], [Status.DROPPED, Status.TODO][n % 2])
        elif operation == "funder":
            store.add(Funder(id="", name=f"Région {n}", kind="region"))
        elif operation == "unfund" and data.funders:
            store.delete("funders", sorted(data.funders, key=int)[-1])
        elif operation == "undo":
            with contextlib.suppress(NothingToUndoError):
                store.undo()
        kept = store.read()  # figures to carry over or patch
        kept.actions_of(OBJECTIVE_ID)
        kept.actions_led_by("")
        kept.actions_mobilising("")
        kept.sorted_actions()
        _figures(kept)
        _on_disk_is_whole_encoding(path, store)
