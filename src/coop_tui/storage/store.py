"""`PlanStore`: the one door to a plan file, safe for many processes at once.

Every change is one transaction (SPEC §4): take the lock, read the file as it
is on disk now, apply the change through TinyDB on that fresh copy, bump the
revision, append a history entry, write atomically, release the lock. Nothing
is cached across transactions, so no process ever writes back a stale copy.
Readers never lock: a renamed-in file is always whole.
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import os
import pwd
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from coop_tui.domain.cascade import plan_deletion
from coop_tui.domain.model import ENTITY_TYPES, Plan, Record, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import validate
from coop_tui.storage import files, schema
from coop_tui.storage.errors import (
    ConflictError,
    InvalidRecordError,
    NotFoundError,
    NothingToUndoError,
    PlanExistsError,
    PlanFileError,
    UndoConflictError,
)
from coop_tui.storage.files import FileToken

T = TypeVar("T")
R = TypeVar("R", bound=Record)


def current_user() -> str:
    """The OS login of this process (what history records as 'who')."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return getpass.getuser()


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


class _TinyDB(TinyDB):
    table_class = _Table
    default_table_name = schema.META_TABLE


@dataclass(frozen=True, slots=True)
class Change:
    """One record's before and after in a transaction (None: absent)."""

    table: str
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "id": self.id, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One committed transaction, as the history table keeps it."""

    revision: int
    time: str
    user: str
    summary: str
    changes: tuple[Change, ...]
    undoes: int | None = None

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> HistoryEntry:
        return cls(
            revision=int(doc["rev"]),
            time=str(doc.get("time", "")),
            user=str(doc.get("user", "")),
            summary=str(doc.get("summary", "")),
            changes=tuple(
                Change(c["table"], c["id"], c.get("before"), c.get("after"))
                for c in doc.get("changes", [])
            ),
            undoes=doc.get("undoes"),
        )


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

    @property
    def document(self) -> dict[str, Any]:
        return self._db.storage.document  # type: ignore[attr-defined, no-any-return]

    @property
    def data(self) -> PlanData:
        """The plan as it stands in this transaction (rebuilt after each change)."""
        if self._data is None:
            self._data = _data_from_document(self.document, self.path)
        return self._data

    # --- raw documents ---------------------------------------------------------

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        doc = self._tables[table].get(doc_id=record_id)  # type: ignore[arg-type]
        return dict(doc) if doc is not None else None

    def _put(self, table: str, record_id: str, doc: dict[str, Any] | None) -> None:
        before = self.get(table, record_id)
        if _content(before) == _content(doc):
            return  # nothing changes: no new revision, no history entry
        tinytable = self._tables[table]
        if doc is None:
            if before is not None:
                tinytable.remove(doc_ids=[record_id])  # type: ignore[list-item]
        else:
            if before is not None:
                tinytable.remove(doc_ids=[record_id])  # type: ignore[list-item]
            tinytable.insert(Document(doc, doc_id=record_id))  # type: ignore[arg-type]
        self.changes.append(Change(table, record_id, before, copy.deepcopy(doc)))
        self._data = None

    def new_id(self) -> str:
        """An id unused anywhere in the plan (allocated under the lock)."""
        while True:
            candidate = os.urandom(4).hex()
            if not any(candidate in self.document.get(t, {}) for t in ENTITY_TYPES):
                return candidate

    # --- records ---------------------------------------------------------------

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
        if _content(record.to_record()) == _content(current):
            return replace(record, rev=expected)  # nothing to change
        record = replace(record, rev=self.revision)
        self._check(record)
        self._put(record.TABLE, record.id, record.to_record())
        return record

    def delete(self, table: str, record_id: str, base_rev: int | None = None) -> None:
        current = self.get(table, record_id)
        if current is None:
            raise NotFoundError(table, record_id)
        if base_rev is not None and int(current.get("rev", 0)) != base_rev:
            raise ConflictError(table, record_id, current)
        self._put(table, record_id, None)

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


def _content(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """A document without its revision: what undo compares to see later edits."""
    return None if doc is None else {k: v for k, v in doc.items() if k != "rev"}


def _data_from_document(document: dict[str, Any], path: Path | None = None) -> PlanData:
    """Typed records from a parsed file; a record that cannot be read is a damaged file."""
    try:
        plan_doc = document.get(schema.PLAN_TABLE, {}).get(schema.PLAN_ID, {})
        plan = Plan.from_record(schema.PLAN_ID, plan_doc)
        revision = int(document[schema.META_TABLE][schema.META_ID]["revision"])
        return PlanData.from_tables(plan, revision, document)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        if path is None:
            raise
        table = next(
            (name for name in (schema.PLAN_TABLE, *ENTITY_TYPES) if not _readable(name, document)),
            schema.META_TABLE,
        )
        raise PlanFileError(
            path, f"the table {table!r} is damaged", "damaged", table=table
        ) from exc


def _verified_data(document: dict[str, Any], path: Path) -> PlanData:
    """Every record of the document built: a record that cannot be read refuses the file."""
    data = _data_from_document(document, path)
    for name in ENTITY_TYPES:
        records = data.table(name)
        try:
            for record_id in records:
                records[record_id]
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise PlanFileError(
                path, f"the table {name!r} is damaged", "damaged", table=name
            ) from exc
    return data


def _readable(table: str, document: dict[str, Any]) -> bool:
    entity = Plan if table == schema.PLAN_TABLE else ENTITY_TYPES[table]
    try:
        for rid, doc in document.get(table, {}).items():
            entity.from_record(rid, doc)
    except (ValueError, TypeError, AttributeError, KeyError):
        return False
    return True


# --- the store ---------------------------------------------------------------------


@dataclass(slots=True)
class _Snapshot:
    """One version of the file as this process last saw it."""

    token: FileToken
    document: dict[str, Any]
    data: PlanData | None = None
    """Every record built (so the file is known readable), or None: not built yet."""
    trusted: bool = False
    """Known good without building: verified once, or written by this process."""


class PlanStore:
    """A plan file on disk, shared by every process that opens it.

    The last version seen is kept in memory, keyed by the file's identity (device,
    inode, modification time, size): every commit renames a new file in, so the
    identity changes with every change, whoever makes it. While it is unchanged,
    neither readers nor writers parse the file again.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        user: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.user = user or current_user()
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._cache: _Snapshot | None = None
        self._cache_lock = threading.Lock()

    # --- reading -------------------------------------------------------------------

    def token(self) -> FileToken | None:
        """Cheap identity of the file's current version (one `stat`)."""
        return files.file_token(self.path)

    def exists(self) -> bool:
        return self.token() is not None

    def _load(self, *, build: bool, trust: bool, locked: bool = False) -> _Snapshot:
        """The file as it is now: from memory while its identity is unchanged.

        `build` asks for every record (a damaged one refuses the file); `trust`
        asks only that the file be known readable (a transaction needs no more).
        """
        with self._cache_lock:
            snap = self._cache
        token = self.token()
        if snap is None or snap.token != token:
            raw, token = files.read_bytes(self.path)
            document = schema.parse(self.path, raw)
            if schema.schema_of(document) < schema.CURRENT_SCHEMA:
                if locked:
                    self._migrate_locked(document, raw)
                else:
                    self.migrate()
                return self._load(build=build, trust=trust, locked=locked)
            snap = _Snapshot(token, document)
        if (build and snap.data is None) or (trust and not snap.trusted):
            data = _verified_data(snap.document, self.path)
            snap = _Snapshot(snap.token, snap.document, data, trusted=True)
        with self._cache_lock:
            self._cache = snap
        return snap

    def read_document(self) -> tuple[dict[str, Any], FileToken]:
        """The raw document as on disk now (migrated if old), without locking.

        Treat it as read-only: it is shared with this store's cache.
        """
        snap = self._load(build=False, trust=False)
        return snap.document, snap.token

    def read(self) -> PlanData:
        """The whole plan as on disk now; cached until the file changes."""
        data = self._load(build=True, trust=True).data
        assert data is not None
        return data

    def history(self) -> list[HistoryEntry]:
        """Every committed change, oldest first (readable even if a record is damaged)."""
        document, _ = self.read_document()
        entries = [HistoryEntry.from_json(d) for d in document[schema.HISTORY_TABLE].values()]
        return sorted(entries, key=lambda e: e.revision)

    # --- writing -------------------------------------------------------------------

    def transact(self, change: Callable[[Transaction], T], summary: str = "") -> T:
        """Run `change` on the plan as it is on disk now, and commit it atomically."""
        with files.exclusive_lock(self.path):
            snap = self._load(build=False, trust=True, locked=True)
            files.remove_stray_temps(self.path)
            # A shallow copy: a transaction replaces whole tables and never edits the
            # cached ones in place, so readers holding the cached version stay safe.
            txn = Transaction(dict(snap.document), self.user, self.path, data=snap.data)
            result = change(txn)
            if txn.changes:
                self._commit(txn, summary)
            return result

    def _commit(self, txn: Transaction, summary: str) -> None:
        document = txn.document
        entry: dict[str, Any] = {
            "rev": txn.revision,
            "time": self._clock().isoformat(timespec="seconds"),
            "user": txn.user,
            "summary": txn.summary or summary,
            "changes": [c.to_json() for c in txn.changes],
        }
        if txn.undoes is not None:
            entry["undoes"] = txn.undoes
        document[schema.HISTORY_TABLE] = {
            **document[schema.HISTORY_TABLE],
            str(txn.revision): entry,
        }
        meta = {**document[schema.META_TABLE][schema.META_ID], "revision": txn.revision}
        document[schema.META_TABLE] = {schema.META_ID: meta}
        try:
            files.write_atomic(self.path, schema.encode(document))
        except BaseException:
            with self._cache_lock:
                self._cache = None
            raise
        token = self.token()
        with self._cache_lock:
            self._cache = _Snapshot(token, document, trusted=True) if token else None

    def create(
        self, plan: Plan, records: Iterable[Record] = (), *, overwrite: bool = False
    ) -> None:
        """Make a new plan file holding `plan` and `records` (already checked as a whole).

        Refuses if anything is at the path, unless `overwrite` (import --force).
        """
        if not overwrite and (self.path.is_symlink() or self.path.exists()):
            raise PlanExistsError(self.path)
        with files.exclusive_lock(self.path):
            files.remove_stray_temps(self.path)
            document = schema.empty_document()
            revision = 1
            plan = replace(plan, id=schema.PLAN_ID, rev=revision)
            document[schema.PLAN_TABLE][schema.PLAN_ID] = plan.to_record()
            for record in records:
                document[record.TABLE][record.id] = replace(record, rev=revision).to_record()
            document[schema.HISTORY_TABLE][str(revision)] = {
                "rev": revision,
                "time": self._clock().isoformat(timespec="seconds"),
                "user": self.user,
                "summary": "create",
                "changes": [],
            }
            document[schema.META_TABLE][schema.META_ID]["revision"] = revision
            files.write_atomic(self.path, schema.encode(document), replace_existing=overwrite)
            with self._cache_lock:
                self._cache = None

    def migrate(self) -> None:
        """Bring an old file up to the current schema, keeping a backup of the original."""
        with files.exclusive_lock(self.path):
            raw, _ = files.read_bytes(self.path)
            document = schema.parse(self.path, raw)
            if schema.schema_of(document) < schema.CURRENT_SCHEMA:
                self._migrate_locked(document, raw)

    def _migrate_locked(self, document: dict[str, Any], raw: bytes | None = None) -> dict[str, Any]:
        old = schema.schema_of(document)
        if raw is None:
            raw, _ = files.read_bytes(self.path)
        backup = self.path.with_name(f"{self.path.name}.schema{old}.bak")
        if not backup.exists():
            files.write_atomic(backup, raw, replace_existing=False)
        document = schema.migrate(document)
        files.write_atomic(self.path, schema.encode(document))
        with self._cache_lock:
            self._cache = None
        return document

    # --- the usual changes, one transaction each -------------------------------------

    def add(self, record: R, summary: str = "") -> R:
        return self.transact(lambda t: t.insert(record), summary or f"add {record.TABLE}")

    def save(self, record: R, base_rev: int | None = None, summary: str = "") -> R:
        return self.transact(
            lambda t: t.update(record, base_rev), summary or f"edit {record.TABLE}"
        )

    def force_save(self, record: R, summary: str = "") -> R:
        """Save over whatever is there now ("keep mine" after a conflict)."""

        def change(txn: Transaction) -> R:
            current = txn.get(record.TABLE, record.id)
            if current is None:
                return txn.insert(record)
            return txn.update(record, int(current.get("rev", 0)))

        return self.transact(change, summary or f"edit {record.TABLE}")

    def delete(
        self, table: str, record_id: str, base_rev: int | None = None
    ) -> list[tuple[str, str]]:
        """Delete a record and its dependents in one transaction (one undo restores all)."""
        return self.transact(
            lambda t: t.delete_cascade(table, record_id, base_rev), f"delete {table}"
        )

    def set_plan(self, plan: Plan) -> Plan:
        return self.transact(lambda t: t.set_plan(plan), "edit plan")

    def move_action(
        self, action_id: str, status: Status | None = None, order: float | None = None
    ) -> Record:
        """Change an action's status and/or board order, whatever its current copy."""

        def change(txn: Transaction) -> Record:
            doc = txn.get("actions", action_id)
            if doc is None:
                raise NotFoundError("actions", action_id)
            action = ENTITY_TYPES["actions"].from_record(action_id, doc)
            updates: dict[str, Any] = {}
            if status is not None:
                updates["status"] = status
            if order is not None:
                updates["order"] = order
            return txn.update(replace(action, **updates))

        return self.transact(change, "move action")

    def undo(self) -> HistoryEntry:
        """Revert this user's latest change that is not undone yet."""

        def change(txn: Transaction) -> HistoryEntry:
            history = [
                HistoryEntry.from_json(d) for d in txn.document[schema.HISTORY_TABLE].values()
            ]
            undone = {e.undoes for e in history if e.undoes is not None}
            mine = [
                e
                for e in history
                if e.user == self.user and e.undoes is None and e.changes
                and e.revision not in undone
            ]
            if not mine:
                raise NothingToUndoError(self.user)
            target = max(mine, key=lambda e: e.revision)
            for c in reversed(target.changes):
                current = txn.get(c.table, c.id)
                if _content(current) != _content(c.after):
                    raise UndoConflictError(target.revision, c.table, c.id)
                txn.restore(c.table, c.id, c.before)
            txn.undoes = target.revision
            return target

        return self.transact(change, "undo")

    def iter_changes_since(self, revision: int) -> Iterator[HistoryEntry]:
        """History entries after `revision` (what others did since I last looked)."""
        return (e for e in self.history() if e.revision > revision)


def load_plan(path: str | os.PathLike[str]) -> PlanData:
    """Read a plan file once (for the quick CLI commands)."""
    return PlanStore(path).read()


__all__ = [
    "Change",
    "HistoryEntry",
    "PlanFileError",
    "PlanStore",
    "Transaction",
    "current_user",
    "load_plan",
]
