"""Random sequences of changes by two users, checked against a tiny model of the store.

The model keeps partners as {id: name} and the history as a list of
transactions. Adds, renames, stale saves, deletes and undos by two users are
applied to both; after every step the file must hold exactly the model's
partners, a revision equal to the number of committed transactions, and one
history entry per revision. Stale saves and unsafe undos must be refused
without changing a byte.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from coop_tui.domain.model import ExternalPartner, replace
from coop_tui.storage.errors import ConflictError, NothingToUndoError, UndoConflictError
from coop_tui.storage.store import PlanStore
from tests.unit.storage_workers import make_small_plan

USERS = ("alice", "bob")
NAMES = st.text(alphabet="abcdéèxyz", min_size=1, max_size=6)


@dataclass
class Entry:
    """One committed transaction in the model: who, and (id, before, after) names."""

    user: str
    changes: list[tuple[str, str | None, str | None]]
    is_undo: bool = False
    undone: bool = False


@dataclass
class Model:
    partners: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def commit(self, entry: Entry) -> None:
        for pid, _, after in entry.changes:
            if after is None:
                self.partners.pop(pid, None)
            else:
                self.partners[pid] = after
        self.entries.append(entry)

    def undo_target(self, user: str) -> Entry | None:
        mine = [e for e in self.entries if e.user == user and not e.is_undo and not e.undone]
        return mine[-1] if mine else None


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(USERS), NAMES),
        st.tuples(st.just("rename"), st.sampled_from(USERS), st.integers(0, 9), NAMES),
        st.tuples(st.just("rename"), st.sampled_from(USERS), st.integers(0, 9), NAMES),
        st.tuples(st.just("stale"), st.sampled_from(USERS), st.integers(0, 9), NAMES),
        st.tuples(st.just("delete"), st.sampled_from(USERS), st.integers(0, 9)),
        st.tuples(st.just("undo"), st.sampled_from(USERS)),
        st.tuples(st.just("undo"), st.sampled_from(USERS)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(ops=OPS)
@example(ops=[("add", "alice", "a"), ("rename", "bob", 0, "b"), ("undo", "alice")])
@example(ops=[("add", "alice", "a"), ("delete", "bob", 0), ("undo", "alice"), ("undo", "bob")])
@example(ops=[("add", "bob", "a"), ("rename", "bob", 0, "a"), ("undo", "bob"), ("undo", "bob")])
def test_random_changes_match_the_model(ops: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        base = make_small_plan(path, actions=1).read().revision
        stores = {user: PlanStore(path, user=user) for user in USERS}
        model = Model()
        for op in ops:
            _apply(op, stores, model, path)
            data = PlanStore(path).read()
            assert {pid: p.name for pid, p in data.partners.items()} == model.partners
            assert data.revision == base + len(model.entries)
            history = PlanStore(path).history()
            assert [e.revision for e in history] == list(range(1, data.revision + 1))


def _pick(model: Model, index: object) -> str | None:
    ids = sorted(model.partners)
    return ids[int(index) % len(ids)] if ids else None  # type: ignore[call-overload]


def _apply(op: tuple[object, ...], stores: dict[str, PlanStore], model: Model, path: Path) -> None:
    kind, user = op[0], str(op[1])
    store = stores[user]
    before = path.read_bytes()
    if kind == "add":
        name = str(op[2])
        added = store.add(ExternalPartner(name=name))
        assert added.id not in model.partners
        model.commit(Entry(user, [(added.id, None, name)]))
    elif kind in ("rename", "stale"):
        pid = _pick(model, op[2])
        if pid is None:
            return
        current = store.read().partners[pid]
        name = str(op[3])
        if kind == "stale":
            try:
                store.save(replace(current, name=name), base_rev=current.rev - 1)
            except ConflictError as exc:
                assert exc.theirs is not None and exc.theirs["name"] == model.partners[pid]
                assert path.read_bytes() == before
                return
            raise AssertionError("a save based on an old revision was accepted")
        store.save(replace(current, name=name))
        if name != model.partners[pid]:  # saving what is already there commits nothing
            model.commit(Entry(user, [(pid, model.partners[pid], name)]))
        else:
            assert path.read_bytes() == before
    elif kind == "delete":
        pid = _pick(model, op[2])
        if pid is None:
            return
        store.delete("partners", pid)
        model.commit(Entry(user, [(pid, model.partners[pid], None)]))
    else:
        _undo(user, store, model, path, before)


def _undo(user: str, store: PlanStore, model: Model, path: Path, before: bytes) -> None:
    target = model.undo_target(user)
    if target is None:
        try:
            store.undo()
        except NothingToUndoError:
            assert path.read_bytes() == before
            return
        raise AssertionError("undo found a change the model does not have")
    safe = all(model.partners.get(pid) == after for pid, _, after in target.changes)
    if not safe:
        try:
            store.undo()
        except UndoConflictError:
            assert path.read_bytes() == before
            event("undo refused: changed since")
            return
        raise AssertionError("undo went through over someone else's later change")
    store.undo()
    event("undo applied")
    target.undone = True
    model.commit(Entry(user, [(pid, a, b) for pid, b, a in reversed(target.changes)], is_undo=True))
