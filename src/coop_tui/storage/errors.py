"""What can go wrong with a plan file, as exceptions that carry an i18n key.

Each error has `key` (``error.<name>`` in the catalogs) and `values` so the CLI
and the app can say it in the user's language; `str()` gives English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StorageError(Exception):
    """Base of every storage failure."""

    key = "error.storage"

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.values: dict[str, Any] = values


class PlanFileError(StorageError):
    """The file is not a plan this version can use; it is left untouched."""

    key = "error.plan_file"

    def __init__(self, path: Path, problem: str, problem_key: str, **values: Any) -> None:
        super().__init__(f"{path}: {problem}", path=str(path), problem_key=problem_key, **values)
        self.path = path
        self.problem_key = problem_key


class PlanMissingError(StorageError):
    key = "error.plan_missing"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such plan file", path=str(path))
        self.path = path


class PlanExistsError(StorageError):
    key = "error.plan_exists"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: a file is already there; it was left as it is", path=str(path))
        self.path = path


class UnsafePathError(StorageError):
    """A symlink (or something that is not a regular file) where the plan or lock should be."""

    key = "error.unsafe_path"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: is a symbolic link or not a regular file; refusing to use it",
            path=str(path),
        )
        self.path = path


class AccessError(StorageError):
    """The plan or its lock cannot be opened (permissions, a read-only disk…)."""

    key = "error.access"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}", path=str(path), reason=reason)
        self.path = path


class WriteError(StorageError):
    """A commit failed; the plan file holds its previous state."""

    key = "error.write"

    def __init__(self, path: Path, step: str, reason: str) -> None:
        super().__init__(
            f"{path}: could not save ({step}: {reason}); the change was not applied",
            path=str(path),
            step=step,
            reason=reason,
        )
        self.path = path
        self.step = step


class NotFoundError(StorageError):
    key = "error.not_found"

    def __init__(self, table: str, record_id: str) -> None:
        super().__init__(f"no record {record_id!r} in {table}", table=table, id=record_id)
        self.table = table
        self.record_id = record_id


class ConflictError(StorageError):
    """Someone else changed the record since the copy this save was based on."""

    key = "error.conflict"

    def __init__(self, table: str, record_id: str, theirs: dict[str, Any] | None) -> None:
        super().__init__(
            f"{table}/{record_id} was changed by someone else meanwhile",
            table=table,
            id=record_id,
        )
        self.table = table
        self.record_id = record_id
        self.theirs = theirs
        """Their current document (None: they deleted it)."""


class InvalidRecordError(StorageError):
    """The record has problems (see `domain.validation`); nothing was saved."""

    key = "error.invalid"

    def __init__(self, table: str, problems: list[Any]) -> None:
        text = "; ".join(f"{p.field}: {p.code}" for p in problems)
        super().__init__(f"{table}: {text}", table=table, details=text)
        self.table = table
        self.problems = problems


class NothingToUndoError(StorageError):
    key = "error.nothing_to_undo"

    def __init__(self, user: str) -> None:
        super().__init__(f"{user} has no change left to undo", user=user)


class UndoConflictError(StorageError):
    """A record the undo would restore was changed since by someone else."""

    key = "error.undo_conflict"

    def __init__(self, revision: int, table: str, record_id: str) -> None:
        super().__init__(
            f"cannot undo change {revision}: {table}/{record_id} was changed since",
            revision=revision,
            table=table,
            id=record_id,
        )


class LockTimeoutError(StorageError):
    """Someone held the plan's lock longer than we may wait; nothing was changed."""

    key = "error.lock_timeout"

    def __init__(self, path: Path, seconds: float, holder: str) -> None:
        super().__init__(
            f"{path}: still locked after {seconds:g} s" + (f" by {holder}" if holder else ""),
            path=str(path),
            seconds=f"{seconds:g}",
            holder=holder,
        )
        self.path = path
        self.holder = holder
        if holder:
            self.key = "error.lock_timeout_by"


class LockCancelledError(StorageError):
    """The wait for the lock was given up (the app is quitting); nothing was changed."""

    key = "error.lock_cancelled"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: gave up waiting for the lock", path=str(path))
        self.path = path
