"""One transaction on a fresh copy of the plan, through TinyDB.

`PlanStore.transact` reads the file under the lock and hands a `Transaction`
to the change; the change reads and writes records on that copy only, and the
store writes the result back atomically. Every change is kept (before/after)
for the history and for undo.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from coop_tui.domain.cascade import plan_deletion
from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import validate
from coop_tui.storage import schema
from coop_tui.storage.errors import ConflictError, InvalidRecordError, NotFoundError
from coop_tui.storage.reading import Change, data_from_document

R = TypeVar("R", bound=Record)


# --- TinyDB on a transaction's fresh copy ------------------------------------------


class _TransactionStorage(Storage):
    """TinyDB storage over the document read under the lock; writes stay staged.

    The store writes the staged document to disk once, atomically, when the
    transaction ends; TinyDB never touches the file itself.
    """

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def read(self) -> dict[str, dict[str, Any]]:
        return self.document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.document = data


class _Table(Table):
    """Tables keyed by string ids; no query cache (it would outlive a change)."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> Any:  # pragma: no cover - ids are always given
        raise RuntimeError("coop-tui allocates ids itself")

    def _update_table(self, updater: Callable[[dict[Any, Any]], None]) -> None:
        """TinyDB's table update without its two whole-table id conversions (our ids are
        strings already): one copy of the table, which the cached version still holds."""
        tables = self._storage.read()
        table = dict(tables.get(self.name, {}))
        updater(table)
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()

    def put(self, doc_id: str, doc: dict[str, Any] | None) -> None:
        """Remove document `doc_id`, then add `doc` (unless None) at the table's end."""

        def updater(table: dict[Any, Any]) -> None:
            table.pop(doc_id, None)
            if doc is not None:
                table[doc_id] = dict(doc)

        self._update_table(updater)


class _TinyDB(TinyDB):
    table_class = _Table
    default_table_name = schema.META_TABLE


class Transaction:
    """The change being made: reads and writes go to the fresh copy under the lock."""

    def __init__(
        self,
        document: dict[str, Any],
        user: str,
        path: Path | None = None,
        data: PlanData | None = None,
    ) -> None:
        self.path = path
        """The plan file (named in the error if a record on disk is damaged)."""
        self._db = _TinyDB(storage=_TransactionStorage, document=document)
        self._tables = {name: self._db.table(name, cache_size=0) for name in schema.TABLES}
        self.user = user
        self.revision = int(document[schema.META_TABLE][schema.META_ID]["revision"]) + 1
        """The revision this transaction will commit as."""
        self.changes: list[Change] = []
        self.undoes: int | None = None
        """The revision this transaction reverts, when it is an undo."""
        self.summary = ""
        """What the change did, when only the change itself can say (it wins over the
        caller's summary): a move knows its true 'from' status only under the lock."""
        self._data: PlanData | None = data
        self.base_data = data
        """The plan as read when the transaction began (its records are reused)."""

    @property
    def document(self) -> dict[str, Any]:
        return self._db.storage.document  # type: ignore[attr-defined, no-any-return]

    @property
    def data(self) -> PlanData:
        """The plan as it stands in this transaction (rebuilt after each change)."""
        if self._data is None:
            self._data = data_from_document(self.document, self.path, self.base_data)
        return self._data

    # --- raw documents ---------------------------------------------------------

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        doc = self._tables[table].get(doc_id=record_id)  # type: ignore[arg-type]
        return dict(doc) if doc is not None else None

    def _put(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        before = self.get(table, record_id)
        if content_of(before) == content_of(doc):
            return  # nothing changes: no new revision, no history entry
        self._tables[table].put(record_id, doc)
        self.changes.append(Change(table, record_id, before, copy.deepcopy(doc)))
        self._data = None

    def new_id(self) -> str:
        """An id unused anywhere in the plan (allocated under the lock)."""
        while True:
            candidate = os.urandom(4).hex()
            if not any(candidate in self.document.get(t, {}) for t in ENTITY_TYPES):
                return candidate

    # --- records ---------------------------------------------------------------

    def record(self, cls: type[R], record_id: str) -> R:
        """One record as it is on disk now (never the caller's possibly stale copy)."""
        doc = self.get(cls.TABLE, record_id)
        if doc is None:
            raise NotFoundError(cls.TABLE, record_id)
        return cls.from_record(record_id, doc)

    def modify(self, cls: type[R], record_id: str, edit: Callable[[R], R]) -> R:
        """Change one record: `edit` receives the copy on disk now and returns the new one."""
        return self.update(edit(self.record(cls, record_id)))

    def insert(self, record: R) -> R:
        """Add a new record; an empty id gets a fresh one."""
        record_id = record.id or self.new_id()
        if self.get(record.TABLE, record_id) is not None:
            raise ConflictError(record.TABLE, record_id, self.get(record.TABLE, record_id))
        record = replace(record, id=record_id, rev=self.revision)
        self._check(record)
        self._put(record.TABLE, record_id, record.to_record())
        return record

    def update(self, record: R, base_rev: int | None = None) -> R:
        """Replace a record; refused if it changed since `base_rev` (default: its own rev)."""
        current = self.get(record.TABLE, record.id)
        expected = record.rev if base_rev is None else base_rev
        if current is None:
            raise ConflictError(record.TABLE, record.id, None)
        if int(current.get("rev", 0)) != expected:
            raise ConflictError(record.TABLE, record.id, current)
        if content_of(record.to_record()) == content_of(current):
            return replace(record, rev=expected)  # nothing to change
        record = replace(record, rev=self.revision)
        self._check(record)
        self._put(record.TABLE, record.id, record.to_record())
        return record

    def delete_cascade(
        self, table: str, record_id: str, base_rev: int | None = None
    ) -> list[tuple[str, str]]:
        """Delete a record with what depends on it and drop references to it."""
        current = self.get(table, record_id)
        if current is None:
            raise NotFoundError(table, record_id)
        if base_rev is not None and int(current.get("rev", 0)) != base_rev:
            raise ConflictError(table, record_id, current)
        plan = plan_deletion(self.data, table, record_id)
        for record in plan.updates.values():
            self._put(record.TABLE, record.id, replace(record, rev=self.revision).to_record())
        for name, rid in plan.deletes:
            self._put(name, rid, None)
        return plan.deletes

    def set_plan(self, plan: Plan) -> Plan:
        plan = replace(plan, id=schema.PLAN_ID, rev=self.revision)
        self._check(plan)
        self._put(schema.PLAN_TABLE, schema.PLAN_ID, plan.to_record())
        return plan

    def _check(self, record: Record) -> None:
        problems = validate(record, self.data)
        if problems:
            raise InvalidRecordError(record.TABLE or schema.PLAN_TABLE, problems)

    def restore(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        """Put a raw document back as it was (undo); no validation, new revision."""
        if doc is not None:
            doc = {**doc, "rev": self.revision}
        self._put(table, record_id, doc)


def content_of(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """A document without its revision: what undo compares to see later edits."""
    return None if doc is None else {k: v for k, v in doc.items() if k != "rev"}
