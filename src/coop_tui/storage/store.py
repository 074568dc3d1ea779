"""`PlanStore`: the one door to a plan file, safe for many processes at once.

Every change is one transaction (SPEC §4): take the lock (bounded wait), read
the file as it is on disk now, apply the change, bump the revision, append a
history entry, write atomically, release the lock. Just before writing, the
lock is checked to still be the real one and the plan to still be the version
read under it; otherwise the change is made again on what is there now. The
last version seen is reused only while the file's identity proves it is still
what is on disk. Readers never lock: a renamed-in file is always whole.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from coop_tui.domain.model import Action, Plan, Record, Status, replace
from coop_tui.domain.snapshot import PlanData
from coop_tui.storage import files, history, schema, splice
from coop_tui.storage.errors import (
    LockCancelledError,
    NothingToUndoError,
    PlanExistsError,
    UndoConflictError,
    WriteError,
)
from coop_tui.storage.history import Change, HistoryEntry, What

if TYPE_CHECKING:  # the transaction brings TinyDB: a quick read does not load it
    from coop_tui.storage.transaction import Transaction

T = TypeVar("T")
R = TypeVar("R", bound=Record)

ATTEMPTS = 5
"""Times a change is made again when the plan moved under a stolen lock."""
LABEL_MAX = 80


def current_user() -> str:
    """COOP_TUI_USER, else the OS login of this process (what history records as 'who')."""
    named = os.environ.get("COOP_TUI_USER", "").strip()
    if named:
        return named
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # pragma: no cover - a uid without a passwd entry (containers)
        return str(os.getuid())


class _Version(NamedTuple):
    """One version of the file as this process last saw it."""

    token: files.FileToken | None
    document: schema.Document
    data: PlanData
    canonical: bool = False
    """Whether the file's bytes are exactly `schema.encode(document)`: this process wrote
    them, or compared them (`prepare_commits`). A commit then encodes only what it changes."""


def _data_of(document: schema.Document) -> PlanData:
    return PlanData(document.plan, document.revision, **document.tables)


class PlanStore:
    """A plan file on disk, shared by every process that opens it.

    The last version seen is kept in memory, keyed by the file's identity (device,
    inode, modification time, size): every commit renames a new file in, so the
    identity changes with every change, whoever makes it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        user: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        session: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.user = user or current_user()
        self.session = session or os.urandom(6).hex()
        """This window or command: history records it, and `undo(session=…)` undoes its own."""
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._cache: _Version | None = None
        self._cache_lock = threading.Lock()
        self._committing = threading.Lock()
        """Held from a commit's write until its version is in the cache: a reader in
        another thread of this process waits for it rather than decode the file again."""
        self.cancel = threading.Event()
        """Set to give up every wait for the lock at once (the app is quitting)."""
        self.on_wait: Callable[[str], None] | None = None
        """Told who holds the lock when a commit has to wait for it."""
        self.lock_timeout: float | None = None
        """Seconds to wait for the lock (None: COOP_TUI_LOCK_TIMEOUT or 10 s)."""

    # --- reading -------------------------------------------------------------------

    def token(self) -> files.FileToken | None:
        """Cheap identity of the file's current version (one `stat`)."""
        return files.file_token(self.path)

    def exists(self) -> bool:
        return self.token() is not None

    def _load(self, *, locked: bool = False) -> _Version:
        """The file as it is now: from memory while its identity is unchanged."""
        with self._cache_lock:
            cached = self._cache
        if cached is not None and cached.token == self.token():
            return cached
        if not locked:
            with self._committing, self._cache_lock:  # a commit of ours may be landing
                cached = self._cache
            if cached is not None and cached.token == self.token():
                return cached
        raw, token = files.read_bytes(self.path)
        parsed = schema.parse(self.path, raw)
        if isinstance(parsed, int):  # an older schema: migrate, then read again
            if locked:
                self._migrate_locked()
            else:
                self.migrate()
            return self._load(locked=locked)
        version = _Version(token, parsed, _data_of(parsed))
        with self._cache_lock:
            self._cache = version
        return version

    def read(self) -> PlanData:
        """The whole plan as on disk now; cached until the file changes."""
        return self._load().data

    def document(self) -> schema.Document:
        """The typed file as on disk now (read-only: shared with the cache)."""
        return self._load().document

    def recent_history(self, limit: int | None = None) -> list[HistoryEntry]:
        """The latest history entries kept in the plan file, oldest first."""
        entries = list(self._load().document.history.values())
        return entries if limit is None else entries[-limit:]

    def history(self) -> list[HistoryEntry]:
        """Every committed change, archive included, oldest first."""
        recent = self.recent_history()
        return history.merged(history.read_archive(self.path), recent)

    # --- writing -------------------------------------------------------------------

    def _wait(self) -> files.LockWait:
        return files.LockWait(self.lock_timeout, self.cancel, self.on_wait, self.user)

    def transact(
        self, change: Callable[[Transaction], T], what: What | None = None, reason: str = ""
    ) -> T:
        """Run `change` on the plan as it is on disk now, and commit it atomically.

        `change` may run more than once (when the plan changed under a lock someone
        deleted): it must act only through the transaction.
        """
        from coop_tui.storage.transaction import Transaction

        for _ in range(ATTEMPTS):
            self._load()  # what others committed, read before taking the lock
            with files.exclusive_lock(self.path, self._wait()) as held:
                version = self._load(locked=True)
                files.remove_stray_temps(self.path)
                txn = Transaction(version.document, self.user, self.path, version.data)
                result = change(txn)
                if not txn.changes:
                    return result
                if self.cancel.is_set() and held.waited:
                    raise LockCancelledError(self.path)  # given up while it waited
                if not held.still_held() or self.token() != version.token:
                    continue  # the lock was stolen and the plan moved: again, on what is there
                self._commit(version, txn, what, reason)
                return result
        raise WriteError(self.path, "lock", "the plan kept changing under a deleted lock file")

    def _commit(self, version: _Version, txn: Transaction, what: What | None, reason: str) -> None:
        entry = HistoryEntry(
            rev=txn.revision,
            time=self._now(),
            user=self.user,
            what=_what(txn, what),
            reason=reason,
            session=self.session,
            changes=tuple(txn.changes),
            undoes=txn.undoes,
        )
        kept = {**txn.base.history, str(txn.revision): entry}
        spilled: list[HistoryEntry] = []
        if len(kept) >= history.KEEP + history.SPILL:
            for key in list(kept)[: len(kept) - history.KEEP]:
                spilled.append(kept.pop(key))
        meta = schema.MetaRecord(
            format=schema.FORMAT,
            schema=schema.CURRENT_SCHEMA,
            revision=txn.revision,
            next_id=txn.next_id,
        )
        document = schema.Document(meta, txn.plan, txn.tables, kept)
        payload = self._encode(version, document, txn)
        data = version.data.evolve(txn.plan, txn.revision, txn.tables, txn.changed_ids())
        with self._committing:
            try:
                # Archive first: a crash between the two leaves entries in both, read once.
                history.append_archive(self.path, spilled)
                files.write_atomic(self.path, payload)
            except BaseException:
                with self._cache_lock:
                    self._cache = None
                raise
            version = _Version(self.token(), document, data, canonical=True)
            with self._cache_lock:
                self._cache = version

    def _encode(
        self, version: _Version, document: schema.Document, txn: Transaction
    ) -> bytes | list[bytes | memoryview | bytearray]:
        """The new file: from the file on disk with only the changed records encoded, when
        it is in the encoder's own bytes (known, else compared now: one encoding, as the
        whole document would cost); else the whole document encoded, once the file is
        known to hold no key twice (a copy rewriting drops would be lost unseen)."""
        changed = txn.changed_ids()
        if version.canonical and changed is None:
            return schema.encode(document)  # the file's bytes would serve nothing
        raw, token = files.read_bytes(self.path)
        if token != version.token:  # written meanwhile by someone who ignores the lock
            return schema.encode(document)
        canonical = version.canonical or raw == schema.encode(version.document)
        if not canonical:
            schema.refuse_duplicate_keys(self.path, raw)
        elif changed is not None:
            payload = splice.encode_changed(document, version.document, raw, changed)
            if payload is not None:
                return payload
        return schema.encode(document)

    def prepare_commits(self) -> bool:
        """Compare the file with what the encoder writes for it, so that the next commit
        encodes only the records it changes. It costs one encoding of the whole plan: for a
        background thread, while the user reads. True when the file is in that form."""
        version = self._load()
        if version.canonical:
            return True
        raw, token = files.read_bytes(self.path)
        if token != version.token or raw != schema.encode(version.document):
            return False
        with self._cache_lock:  # the same bytes, whichever thread decoded them
            current = self._cache
            if current is not None and current.token == version.token:
                self._cache = current._replace(canonical=True)
        return True

    def preview(self, change: Callable[[Transaction], object]) -> PlanData | None:
        """The plan as `change` would leave it, made on the version in memory, without the
        lock and without writing: what a board shows at once while the commit runs. None
        when the file changed since that version was read, or the change is refused."""
        from coop_tui.storage.transaction import Transaction

        with self._cache_lock:
            cached = self._cache
        if cached is None or cached.token != self.token():
            return None
        txn = Transaction(cached.document, self.user, self.path, cached.data)
        try:
            change(txn)
        except Exception:  # refused, or worse: the commit runs it again and says why
            return None
        return txn.data if txn.changes else None

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def create(
        self,
        plan: Plan,
        records: Iterable[Record] = (),
        *,
        overwrite: bool = False,
        op: str = "create",
        next_id: int = 0,
    ) -> None:
        """Make a new plan file holding `plan` and `records` (already checked as a whole,
        ids given). Refuses if anything is at the path, unless `overwrite` (import --force)."""
        if not overwrite and (self.path.is_symlink() or self.path.exists()):
            raise PlanExistsError(self.path)
        with files.exclusive_lock(self.path, self._wait()):
            files.remove_stray_temps(self.path)
            document = schema.empty_document()
            revision = 1
            tables = document.tables
            highest = 0
            for record in records:
                tables[record.TABLE][record.id] = replace(record, rev=revision)
                highest = max(highest, int(record.id))
            entry = HistoryEntry(
                rev=revision, time=self._now(), user=self.user, what=What(op=op),
                session=self.session,
            )  # fmt: skip
            new = schema.Document(
                schema.MetaRecord(
                    format=schema.FORMAT,
                    schema=schema.CURRENT_SCHEMA,
                    revision=revision,
                    next_id=max(next_id, highest + 1),
                ),
                replace(plan, id=schema.PLAN_ID, rev=revision),
                tables,
                {str(revision): entry},
            )
            files.write_atomic(self.path, schema.encode(new), replace_existing=overwrite)
            with self._cache_lock:
                self._cache = None

    def migrate(self) -> None:
        """Bring an old file up to the current schema, keeping a backup of the original."""
        with files.exclusive_lock(self.path, self._wait()):
            self._migrate_locked()

    def _migrate_locked(self) -> None:
        from coop_tui.storage.migrations import migrate_file

        migrate_file(self.path, self.user, self._now(), self.session)
        with self._cache_lock:
            self._cache = None

    # --- the usual changes, one transaction each -------------------------------------

    def add(self, record: R, reason: str = "") -> R:
        return self.transact(lambda t: t.insert(record), reason=reason)

    def save(self, record: R, base_rev: int | None = None, reason: str = "") -> R:
        return self.transact(lambda t: t.update(record, base_rev), reason=reason)

    def force_save(self, record: R, reason: str = "") -> R:
        """Save over whatever is there now ("keep mine" after a conflict)."""

        def change(txn: Transaction) -> R:
            current = txn.current(record.TABLE or schema.PLAN_TABLE, record.id)
            if current is None:
                return txn.insert(record)
            return txn.update(record, current.rev)

        return self.transact(change, reason=reason)

    def delete(
        self, table: str, record_id: str, base_rev: int | None = None
    ) -> list[tuple[str, str]]:
        """Delete a record and its dependents in one transaction (one undo restores all)."""
        return self.transact(lambda t: t.delete_cascade(table, record_id, base_rev).deletes)

    def set_plan(self, plan: Plan) -> Plan:
        return self.transact(lambda t: t.set_plan(plan))

    def move_action(
        self, action_id: str, status: Status | None = None, order: float | None = None
    ) -> Action:
        """Change an action's status and/or board order, whatever its current copy."""

        def change(txn: Transaction) -> Action:
            action = txn.record(Action, action_id)
            updates: dict[str, object] = {}
            if status is not None:
                updates["status"] = status
            if order is not None:
                updates["order"] = order
            moved = txn.update(replace(action, **updates))
            if status is not None and status != action.status:
                txn.what = What(
                    op="move", table="actions", record=action.id, label=_label(action),
                    field="status", before=action.status.value, after=status.value,
                )  # fmt: skip
            return moved

        return self.transact(change)

    def undo(self, *, session: str | None = None) -> HistoryEntry:
        """Revert the latest change not undone yet: of this window (`session`), or of
        this user. Refused if someone changed one of its records since."""
        from coop_tui.storage.transaction import content_of

        def change(txn: Transaction) -> HistoryEntry:
            entries = list(txn.base.history.values())
            undone = {e.undoes for e in entries if e.undoes is not None}
            mine = [
                e
                for e in entries
                if (e.session == session if session else e.user == self.user)
                and e.undoes is None
                and e.changes
                and e.rev not in undone
            ]
            if not mine:
                raise NothingToUndoError(self.user)
            target = mine[-1]
            for c in reversed(target.changes):
                current = txn.get(c.table, c.id)
                if c.before is not None and c.after is not None:  # an edit: its fields only
                    if current is None or any(current.get(k) != v for k, v in c.after.items()):
                        raise UndoConflictError(target.rev, c.table, c.id)
                    txn.restore(c.table, c.id, {**current, **c.before})
                    continue
                if content_of(current) != content_of(c.after):
                    raise UndoConflictError(target.rev, c.table, c.id)
                txn.restore(c.table, c.id, c.before)
            txn.undoes = target.rev
            done = target.what or What(op="edit")
            txn.what = What(
                op="undo", table=done.table, record=done.record, label=done.label,
                field=done.op, before=str(target.rev), count=done.count,
            )  # fmt: skip
            return target

        return self.transact(change)


def _label(record: Record | dict[str, object]) -> str:
    """How history names a record: its code, name or title at the time."""
    get = record.get if isinstance(record, dict) else (lambda k, d="": getattr(record, k, d))
    for key in ("code", "name", "title", "label", "statement", "text"):
        value = get(key, "")
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
    return ""


def _what(txn: Transaction, given: What | None) -> What:
    count = len(txn.changes)
    what = given or txn.what
    if what is not None:
        return replace(what, count=count)
    first: Change = txn.changes[0]
    op = "add" if first.before is None else "delete" if first.after is None else "edit"
    # An edit keeps only the fields it changed: the record is named from its whole document.
    doc = first.before if first.after is None else txn.get(first.table, first.id) or first.after
    return What(op=op, table=first.table, record=first.id, label=_label(doc or {}), count=count)


__all__ = ["Change", "HistoryEntry", "PlanStore", "What", "current_user"]
