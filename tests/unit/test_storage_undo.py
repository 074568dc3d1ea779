"""Promise 7: undo takes back one's own last change, and only when it is safe.

Undo reverts the latest change of the user asking (never someone else's),
repeated undo walks further back, an undo whose records were changed since
by someone else is refused with `UndoConflictError` and changes nothing, and
undoing a cascade delete brings every deleted record and every cleaned
reference back. Each undo is itself a transaction in the history.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coop_tui.domain.model import ENTITY_TYPES, Action, Status, replace
from coop_tui.storage.errors import NothingToUndoError, UndoConflictError
from coop_tui.storage.store import PlanStore
from tests.helpers import frozen_clock
from tests.unit.storage_workers import OBJECTIVE_ID, make_small_plan

X, Y = "101", "102"


def _content(path: Path) -> dict[str, Any]:
    """Every record of the plan as on disk, without revisions (what undo restores)."""
    doc = json.loads(path.read_bytes())
    return {
        table: {
            rid: {k: v for k, v in rec.items() if k != "rev"} for rid, rec in doc[table].items()
        }
        for table in ("plan", *ENTITY_TYPES)
    }


@pytest.fixture
def path(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.json"
    make_small_plan(plan)
    return plan


def _store(path: Path, user: str) -> PlanStore:
    return PlanStore(path, user=user, clock=frozen_clock)


def test_undo_reverts_only_my_last_change(path: Path) -> None:
    alice, bob = _store(path, "alice"), _store(path, "bob")
    alice.save(replace(alice.read().actions[X], title="Alice's"))
    bob.move_action(Y, Status.DONE)
    revision = alice.read().revision

    undone = alice.undo()

    data = PlanStore(path).read()
    assert data.actions[X].title == "Action 1"
    assert data.actions[Y].status is Status.DONE  # bob's later change stays
    assert data.revision == revision + 1
    last = PlanStore(path).history()[-1]
    assert (last.user, last.undoes, last.what.op) == ("alice", undone.revision, "undo")
    assert undone.user == "alice"


def test_repeated_undo_walks_back_then_stops(path: Path) -> None:
    alice, bob = _store(path, "alice"), _store(path, "bob")
    start = _content(path)
    alice.save(replace(alice.read().actions[X], title="First"))
    added = alice.add(Action(objective=OBJECTIVE_ID, title="Added by Alice"))
    bob.save(replace(bob.read().actions[Y], title="Bob's"))
    after_bob = _content(path)
    alice.move_action(X, Status.BLOCKED)

    alice.undo()
    assert _content(path) == after_bob
    alice.undo()
    assert added.id not in PlanStore(path).read().actions
    alice.undo()
    expected = dict(start)
    expected["actions"] = {**start["actions"], Y: after_bob["actions"][Y]}
    assert _content(path) == expected  # everything of alice's gone, bob's stays

    before = path.read_bytes()
    with pytest.raises(NothingToUndoError):
        alice.undo()
    assert path.read_bytes() == before
    # Bob still has his own change to undo, untouched by alice's undos.
    bob.undo()
    assert _content(path) == start


def test_undo_refused_when_someone_changed_the_same_field_since(path: Path) -> None:
    alice, bob = _store(path, "alice"), _store(path, "bob")
    alice.save(replace(alice.read().actions[X], title="Alice's"))
    bob.save(replace(bob.read().actions[X], title="Bob's"))
    before = path.read_bytes()

    with pytest.raises(UndoConflictError) as caught:
        alice.undo()
    assert caught.value.values["table"] == "actions" and caught.value.values["id"] == X
    assert path.read_bytes() == before

    # Once bob takes his change back, alice's undo is safe again.
    bob.undo()
    alice.undo()
    assert PlanStore(path).read().actions[X].title == "Action 1"


def test_undo_of_an_edit_keeps_what_someone_changed_in_other_fields(path: Path) -> None:
    alice, bob = _store(path, "alice"), _store(path, "bob")
    alice.save(replace(alice.read().actions[X], title="Alice's"))
    bob.move_action(X, Status.DONE)

    alice.undo()
    action = PlanStore(path).read().actions[X]
    assert (action.title, action.status) == ("Action 1", Status.DONE)


def test_history_of_an_edit_keeps_only_the_fields_that_changed(path: Path) -> None:
    alice = _store(path, "alice")
    alice.move_action(X, Status.DONE)
    change = alice.history()[-1].changes[-1]
    assert change.before is not None and change.after is not None
    assert set(change.after) == set(change.before) <= {"status", "done_on", "position"}
    assert change.after["status"] == Status.DONE.value


def test_undo_refused_when_someone_deleted_the_record_since(path: Path) -> None:
    alice, bob = _store(path, "alice"), _store(path, "bob")
    alice.move_action(X, Status.IN_PROGRESS)
    bob.delete("actions", X)
    before = path.read_bytes()
    with pytest.raises(UndoConflictError):
        alice.undo()
    assert path.read_bytes() == before


def test_undo_of_a_cascade_delete_brings_everything_back(demo_path: Path) -> None:
    bob = _store(demo_path, "bob")
    data = bob.read()
    doomed = next(o for o in data.objectives.values() if o.code == "O1")
    subs = data.children(doomed.id)
    indicators = [i for o in subs for i in data.indicators_of(o.id)]
    measurements = [m for i in indicators for m in data.measurements_of(i.id)]
    actions = [a for o in subs for a in data.actions_of(o.id)]
    lines = [b for a in actions for b in data.budget_lines_of(a.id)]
    assert subs and indicators and measurements and actions
    # An action that stays depends on one that goes: the delete cleans the reference.
    survivor = next(a for a in data.actions.values() if a.objective not in {o.id for o in subs})
    bob.save(replace(survivor, depends_on=(actions[0].id,)))
    before = _content(demo_path)

    alice = _store(demo_path, "alice")
    deleted = alice.delete("objectives", doomed.id)
    gone = PlanStore(demo_path).read()
    assert len(deleted) == (
        1 + len(subs) + len(indicators) + len(measurements) + len(actions) + len(lines)
    )
    assert doomed.id not in gone.objectives and not gone.measurements_of(indicators[0].id)
    assert gone.actions[survivor.id].depends_on == ()

    alice.undo()
    assert _content(demo_path) == before
    back = PlanStore(demo_path).read()
    assert back.actions[survivor.id].depends_on == (actions[0].id,)
    assert {m.id for m in back.measurements.values()} >= {m.id for m in measurements}


def test_an_edit_is_named_from_the_whole_record_not_its_changed_fields(path: Path) -> None:
    alice = _store(path, "alice")
    alice.save(replace(alice.read().actions[X], title="Nouveau titre"))
    entry = alice.recent_history(1)[-1]
    assert entry.what is not None and entry.what.label == "A1"
    assert entry.changes[-1].after == {"title": "Nouveau titre"}
