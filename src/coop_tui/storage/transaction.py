"""One transaction on the plan as it is on disk now, through TinyDB.

`PlanStore.transact` reads the file under the lock and hands a `Transaction`
to the change; the change reads and writes records on that copy only, and the
store writes the result back atomically. Every write goes through `_put`: the
TinyDB table (stock TinyDB, public API, documents keyed by their whole-number
ids) and the typed records the checks read stay one and the same change, and
each change is kept (before/after) for the history and for undo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from coop_tui.domain.cascade import DeletionPlan, plan_deletion
from coop_tui.domain.model import ENTITY_TYPES, Plan, Record, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import Problem, validate
from coop_tui.storage import schema
from coop_tui.storage.errors import ConflictError, InvalidRecordError, NotFoundError
from coop_tui.storage.history import Change, What

R = TypeVar("R", bound=Record)


class _Staged(Storage):
    """TinyDB storage over the documents this transaction works on; nothing reaches disk.

    TinyDB's storage reads and writes whole tables, and TinyDB copies a whole table for
    every change it makes. So the storage holds, per table, only the documents of the
    records this transaction reads or changes, each made from its typed record just
    before TinyDB touches it (`Transaction._document`): moving one card of 50,000 hands
    TinyDB one document, not 50,000. The transaction reaches TinyDB by document id only
    (`get`, `update`, `remove`, `insert` of a `Document`), never by query, so TinyDB
    never needs the others.
    """

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, Any]] = {}

    def read(self) -> dict[str, dict[str, Any]]:
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._tables = data


class Transaction:
    """The change being made: reads and writes go to the fresh copy under the lock."""

    def __init__(
        self,
        document: schema.Document,
        user: str,
        path: Path | None = None,
        data: PlanData | None = None,
    ) -> None:
        self.path = path
        self.base = document
        self.user = user
        self.revision = document.revision + 1
        """The revision this transaction will commit as."""
        self.next_id = max(document.meta.next_id, 1)
        self.plan = document.plan
        self.tables: dict[str, dict[str, Record]] = dict(document.tables)
        """Table -> id -> record as they stand in this transaction."""
        self._copied: set[str] = set()
        self._db = TinyDB(storage=_Staged)
        self.changes: list[Change] = []
        self.undoes: int | None = None
        """The revision this transaction reverts, when it is an undo."""
        self.what: What | None = None
        """What the change did, when it can say it better than its records (a move)."""
        self._base_data = data
        """The document's `PlanData`, when the caller has it: `data` grows from it."""
        self._data: PlanData | None = None
        self._removed: set[tuple[str, str]] = set()
        self._reshaped = False
        """A record removed, then put back: its line moves to its table's end."""

    @property
    def data(self) -> PlanData:
        """The plan as it stands in this transaction."""
        if self._data is None:
            base = self._base_data
            if base is None:
                self._data = PlanData(self.plan, self.revision, **self.tables)
            else:
                changed = self.changed_ids()
                self._data = base.evolve(self.plan, self.revision, self.tables, changed)
        return self._data

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    # --- reading -----------------------------------------------------------------

    def current(self, table: str, record_id: str) -> Record | None:
        """A record as it is now in this transaction (None: absent)."""
        if table == schema.PLAN_TABLE:
            return self.plan
        return self.tables[table].get(record_id)

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        """A record's stored document as it is now (None: absent)."""
        if table == schema.PLAN_TABLE:
            return schema.to_doc(self.plan)
        if not record_id.isdecimal() or record_id not in self.tables[table]:
            return None
        self._document(table, record_id)
        doc = self._table(table).get(doc_id=int(record_id))
        return dict(doc) if doc is not None else None

    def _document(self, table: str, record_id: str) -> None:
        """Make the TinyDB document of a record that TinyDB is about to read or change."""
        tables = self._db.storage.read()
        assert tables is not None  # the staged storage always holds its tables
        docs = tables.setdefault(table, {})
        if record_id not in docs:
            record = self.tables[table].get(record_id)
            if record is not None:
                docs[record_id] = schema.to_doc(record)

    def record(self, cls: type[R], record_id: str) -> R:
        """One record as it is on disk now (never the caller's possibly stale copy)."""
        record = self.tables[cls.TABLE].get(record_id)
        if record is None:
            raise NotFoundError(cls.TABLE, record_id)
        assert isinstance(record, cls)
        return record

    def new_id(self) -> str:
        """An id never used in the plan (allocated under the lock, never reused)."""
        highest = max((int(r) for t in self.tables.values() for r in t if r.isdecimal()), default=0)
        self.next_id = max(self.next_id, highest + 1) + 1
        return str(self.next_id - 1)

    def changed_ids(self) -> dict[str, set[str]] | None:
        """Table -> ids of the records this transaction changed, added or removed (the
        plan record aside); None when a record was removed and put back."""
        if self._reshaped:
            return None
        changed: dict[str, set[str]] = {}
        for change in self.changes:
            if change.table != schema.PLAN_TABLE:
                changed.setdefault(change.table, set()).add(change.id)
        return changed

    # --- writing -----------------------------------------------------------------

    def _put(self, table: str, record_id: str, record: Record | None) -> None:
        """Make `record` (None: nothing) the record `table/record_id`, in TinyDB and typed."""
        before = self.current(table, record_id)
        after_doc = schema.to_doc(record) if record is not None else None
        if record is not None:
            # Typed as a reader of the file will type it (a list given for a tuple,
            # an int for a float): the records kept are the records on disk.
            record = schema.decode_record(type(record), after_doc or {}, record_id)
        if before is not None and record is not None and _content(before) == _content(record):
            return  # nothing changes: no new revision, no history entry
        if before is None and record is None:
            return
        before_doc = schema.to_doc(before) if before is not None else None
        if table == schema.PLAN_TABLE:
            assert isinstance(record, Plan)
            self.plan = record
        else:
            tinydb_table, doc_id = self._table(table), int(record_id)
            self._document(table, record_id)
            if record is None:
                tinydb_table.remove(doc_ids=[doc_id])
            elif before is None:
                tinydb_table.insert(Document(after_doc or {}, doc_id=doc_id))
            else:
                tinydb_table.update(after_doc or {}, doc_ids=[doc_id])
            if table not in self._copied:
                self.tables[table] = dict(self.tables[table])
                self._copied.add(table)
            if record is None:
                del self.tables[table][record_id]
                self._removed.add((table, record_id))
            else:
                self._reshaped |= before is None and (table, record_id) in self._removed
                self.tables[table][record_id] = record
        self.changes.append(_change(table, record_id, before_doc, after_doc))
        self._data = None

    def insert(self, record: R) -> R:
        """Add a new record; an empty id gets a fresh one."""
        record_id = record.id or self.new_id()
        if not record_id.isdecimal():
            raise InvalidRecordError(record.TABLE, [Problem("id", "bad_id")])
        existing = self.tables[record.TABLE].get(record_id)
        if existing is not None:
            raise ConflictError(record.TABLE, record_id, schema.to_doc(existing))
        record = replace(record, id=record_id, rev=self.revision)
        self._check(record)
        self._put(record.TABLE, record_id, record)
        return record

    def update(self, record: R, base_rev: int | None = None) -> R:
        """Replace a record; refused if it changed since `base_rev` (default: its own rev)."""
        current = self.current(record.TABLE or schema.PLAN_TABLE, record.id)
        expected = record.rev if base_rev is None else base_rev
        if current is None:
            raise ConflictError(record.TABLE, record.id, None)
        if current.rev != expected:
            raise ConflictError(record.TABLE, record.id, schema.to_doc(current))
        if _content(record) == _content(current):
            return replace(record, rev=expected)  # nothing to change
        record = replace(record, rev=self.revision)
        self._check(record, current)
        self._put(record.TABLE or schema.PLAN_TABLE, record.id, record)
        return record

    def modify(self, cls: type[R], record_id: str, edit: Callable[[R], R]) -> R:
        """Change one record: `edit` receives the copy on disk now and returns the new one."""
        return self.update(edit(self.record(cls, record_id)))

    def set_plan(self, plan: Plan) -> Plan:
        plan = replace(plan, id=schema.PLAN_ID, rev=self.revision)
        self._check(plan, self.plan)
        self._put(schema.PLAN_TABLE, schema.PLAN_ID, plan)
        return plan

    def delete_cascade(
        self, table: str, record_id: str, base_rev: int | None = None
    ) -> DeletionPlan:
        """Delete a record with what depends on it, and drop references to them."""
        current = self.tables[table].get(record_id)
        if current is None:
            raise NotFoundError(table, record_id)
        if base_rev is not None and current.rev != base_rev:
            raise ConflictError(table, record_id, schema.to_doc(current))
        plan = plan_deletion(self.data, table, record_id)
        for (name, rid), record in plan.updates.items():
            self._put(name, rid, replace(record, rev=self.revision))
        for name, rid in plan.deletes:
            self._put(name, rid, None)
        return plan

    def restore(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        """Put a stored document back as it was (undo); no validation, new revision."""
        if doc is None:
            self._put(table, record_id, None)
            return
        cls = Plan if table == schema.PLAN_TABLE else ENTITY_TYPES[table]
        record = schema.decode_record(cls, {**doc, "rev": self.revision}, record_id)
        self._put(table, record_id, record)

    def _check(self, record: Record, current: Record | None = None) -> None:
        """Refuse the problems this change brings; those the record already had on disk
        (a file written by hand) do not stop, say, moving its card."""
        problems = validate(record, self.data, current)
        if current is not None and problems:
            known = {(p.field, p.code) for p in validate(current, self.data)}
            problems = [p for p in problems if (p.field, p.code) not in known]
        if problems:
            raise InvalidRecordError(record.TABLE or schema.PLAN_TABLE, problems)


def _content(record: Record) -> Record:
    """A record without its revision: what tells a real change from none."""
    return replace(record, rev=0)


def _change(
    table: str, record_id: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> Change:
    """What history keeps of one record's change: the whole document when it appears or
    goes, only the fields that changed when it is edited (a card move is two fields, not the
    whole action twice: a plan's recent history stays small)."""
    if before is None or after is None:
        return Change(table=table, id=record_id, before=before, after=after)
    fields = [k for k in {**before, **after} if k != "rev" and before.get(k) != after.get(k)]
    return Change(
        table=table,
        id=record_id,
        before={k: before.get(k) for k in fields},
        after={k: after.get(k) for k in fields},
    )


def content_of(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """A document without its revision: what undo compares to see later edits."""
    return None if doc is None else {k: v for k, v in doc.items() if k != "rev"}
