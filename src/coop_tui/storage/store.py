"""`PlanStore`: the one door to a plan file, safe for many processes at once.

Every change is one transaction (SPEC §4): take the lock, read the file as it
is on disk now, apply the change through TinyDB on that fresh copy, bump the
revision, append a history entry, write atomically, release the lock. The last
version seen is reused only while the file's identity proves it is still what
is on disk, so no process ever writes back a stale copy. Readers never lock: a
renamed-in file is always whole.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from coop_tui.domain.model import ENTITY_TYPES, Action, Plan, Record, Status
from coop_tui.domain.snapshot import LazyRecords, PlanData
from coop_tui.storage import files, lines, schema
from coop_tui.storage.errors import (
    NothingToUndoError,
    PlanExistsError,
    PlanFileError,
    UndoConflictError,
)
from coop_tui.storage.files import FileToken
from coop_tui.storage.reading import (
    UNREADABLE,
    Change,
    HistoryEntry,
    data_from_document,
    gc_paused,
    verified_data,
)

if TYPE_CHECKING:
    from coop_tui.storage.transaction import Transaction

T = TypeVar("T")
R = TypeVar("R", bound=Record)


def current_user() -> str:
    """The OS login of this process (what history records as 'who')."""
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        import getpass

        return getpass.getuser()


def __getattr__(name: str) -> Any:
    """`Transaction` (and TinyDB with it) is imported on first use: reading needs neither."""
    if name == "Transaction":
        from coop_tui.storage.transaction import Transaction

        return Transaction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- the store ---------------------------------------------------------------------


class _Snapshot:
    """One version of the file as this process last saw it."""

    __slots__ = ("data", "document", "index", "raw", "token", "trusted")

    def __init__(
        self,
        token: FileToken,
        document: dict[str, Any],
        data: PlanData | None = None,
        trusted: bool = False,
        raw: bytes | None = None,
        index: lines.LineIndex | None = None,
    ) -> None:
        self.token = token
        self.document = document
        self.data = data
        """Every record built (so the file is known readable), or None: not built yet."""
        self.trusted = trusted
        """Known good without building: verified once, or written by this process."""
        self.raw = raw
        """The file's bytes, kept until its line index is made (see `line_index`)."""
        self.index = index

    def line_index(self) -> lines.LineIndex | None:
        """Each record line of this version -> its document, to read the next version
        by its changed lines only (None: not in the encoder's layout)."""
        index, raw = self.index, self.raw  # locals: two threads may ask at once
        if index is None and raw is not None:
            index = lines.index_of(raw, self.document)
            self.index, self.raw = index, None
        return index


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
            cached = self._cache
        snap = cached
        token = self.token()
        with gc_paused():
            if snap is None or snap.token != token:
                raw, token = files.read_bytes(self.path)
                snap = self._parse(raw, token, cached)
                if schema.schema_of(snap.document) < schema.CURRENT_SCHEMA:
                    if locked:
                        self._migrate_locked(raw)
                    else:
                        self.migrate()
                    return self._load(build=build, trust=trust, locked=locked)
            # Records of the version seen before are shared wherever their stored
            # document is unchanged: only what another process changed is built.
            before = cached.data if cached is not None and cached is not snap else None
            if trust and not snap.trusted:
                # From elsewhere: every record is built once, so a damaged one refuses the file.
                data = verified_data(snap.document, self.path, before)
                snap = _Snapshot(snap.token, snap.document, data, True, snap.raw, snap.index)
            elif build and snap.data is None:
                data = data_from_document(snap.document, self.path, before)
                snap = _Snapshot(
                    snap.token, snap.document, data, snap.trusted, snap.raw, snap.index
                )
        with self._cache_lock:
            self._cache = snap
        return snap

    def _parse(self, raw: bytes, token: FileToken, before: _Snapshot | None) -> _Snapshot:
        """A new version of the file, parsed by its changed lines when the one before is
        known (another process's commit changes a few lines of thousands), else whole."""
        index = before.line_index() if before is not None else None
        if index is not None:
            parsed = lines.parse_changed(raw, index, before.document)  # type: ignore[union-attr]
            if parsed is not None:
                # The same document the whole parse gives, so the same checks apply.
                document = schema.check(self.path, parsed[0])
                return _Snapshot(token, document, index=parsed[1])
        return _Snapshot(token, schema.parse(self.path, raw), raw=raw)

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
        from coop_tui.storage.transaction import Transaction

        # Read what others committed before taking the lock, so that the lock is held
        # for less time (readers need no lock: a renamed-in file is always whole). Under
        # the lock, the file's identity decides again, and anything newer is read then.
        # No cyclic GC meanwhile: with a big plan in memory, a full collection costs
        # more than the whole commit.
        with gc_paused():
            self._load(build=False, trust=True)
            with files.exclusive_lock(self.path):
                snap = self._load(build=False, trust=True, locked=True)
                files.remove_stray_temps(self.path)
                # A shallow copy: a transaction replaces whole tables and never edits the
                # cached ones in place, so readers holding the cached version stay safe.
                txn = Transaction(dict(snap.document), self.user, self.path, data=snap.data)
                result = change(txn)
                if txn.changes:
                    self._commit(txn, summary, snap)
                return result

    def _commit(self, txn: Transaction, summary: str, base: _Snapshot) -> None:
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
        key = str(txn.revision)
        history = document[schema.HISTORY_TABLE] = {**document[schema.HISTORY_TABLE], key: entry}
        meta = {**document[schema.META_TABLE][schema.META_ID], "revision": txn.revision}
        document[schema.META_TABLE] = {schema.META_ID: meta}
        try:
            # What this commit wrote, kept as any reader will parse it (orjson writes a
            # float NaN as null, say), so that the cached version is exactly the file.
            for c in txn.changes:
                table = document[c.table]
                if c.id in table:
                    table[c.id] = orjson.loads(orjson.dumps(table[c.id]))
            history[key] = orjson.loads(orjson.dumps(entry))
            payload, index = schema.encode_indexed(document, base.line_index(), base.document)
            files.write_atomic(self.path, payload)
        except BaseException:
            with self._cache_lock:
                self._cache = None
            raise
        token = self.token()
        # The new version shares every record the commit did not touch with the old one.
        data = data_from_document(document, self.path, txn.base_data)
        try:
            for name in ENTITY_TYPES:
                records = data.table(name)
                if isinstance(records, LazyRecords):
                    records.build_all()
        except UNREADABLE:  # pragma: no cover - records are checked before they are put
            token = None
        with self._cache_lock:
            self._cache = _Snapshot(token, document, data, True, index=index) if token else None

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
            self._migrate_locked(raw)

    def _migrate_locked(self, raw: bytes) -> None:
        # Parsed afresh: a migration edits the document in place, and a version read
        # by its changed lines shares documents with the version before.
        document = schema.parse(self.path, raw)
        old = schema.schema_of(document)
        if old >= schema.CURRENT_SCHEMA:
            return
        backup = self.path.with_name(f"{self.path.name}.schema{old}.bak")
        if not backup.exists():
            files.write_atomic(backup, raw, replace_existing=False)
        document = schema.migrate(document)
        files.write_atomic(self.path, schema.encode(document))
        with self._cache_lock:
            self._cache = None

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
            action = txn.record(Action, action_id)
            updates: dict[str, Any] = {}
            if status is not None:
                updates["status"] = status
            if order is not None:
                updates["order"] = order
            return txn.update(replace(action, **updates))

        return self.transact(change, "move action")

    def undo(self) -> HistoryEntry:
        """Revert this user's latest change that is not undone yet."""

        from coop_tui.storage.transaction import content_of

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
                if content_of(current) != content_of(c.after):
                    raise UndoConflictError(target.revision, c.table, c.id)
                txn.restore(c.table, c.id, c.before)
            txn.undoes = target.revision
            return target

        return self.transact(change, "undo")


__all__ = [
    "Change",
    "HistoryEntry",
    "PlanFileError",
    "PlanStore",
    "Transaction",
    "current_user",
]
