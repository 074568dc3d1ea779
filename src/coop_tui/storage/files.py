"""Low-level file safety: the sidecar lock, safe reads and crash-proof writes.

A commit writes a randomly named temp file in the plan's folder (O_EXCL and
O_NOFOLLOW, mode 0660 whatever the umask), fsyncs it, renames it over the
plan and fsyncs the folder. A crash at any instant leaves the old file or the
new one. A failed fsync is reported, never retried: after a failed fsync the
kernel may have dropped the dirty pages, so a retry could claim a success that
never reached the disk.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

from coop_tui.domain.frozen import frozen
from coop_tui.storage.errors import (
    AccessError,
    PlanExistsError,
    PlanMissingError,
    UnsafePathError,
    WriteError,
)

FILE_MODE = 0o660
"""Plan and lock files: group-readable and group-writable, never world-anything."""

#: The system calls a commit makes, behind one indirection so tests can fail each.
ops = SimpleNamespace(write=os.write, fsync=os.fsync, replace=os.replace)

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@frozen
class FileToken:
    """Identity of one version of the plan file, read with one `stat`."""

    device: int
    inode: int
    mtime_ns: int
    size: int


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def temp_prefix_for(path: Path) -> str:
    return f".{path.name}.tmp-"


def file_token(path: Path) -> FileToken | None:
    """The current version's identity, or None when there is no file."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return FileToken(st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def _thread_lock(path: Path) -> threading.Lock:
    key = os.path.abspath(path)
    with _thread_locks_guard:
        lock = _thread_locks.get(key)
        if lock is None:
            # Not re-entrant: a nested transaction must fail at once, not hang on flock.
            lock = _thread_locks[key] = threading.Lock()
        return lock


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold the plan's lock: a thread lock, then `flock` on the sidecar lock file.

    The lock file is opened without following links and without truncation,
    and is never replaced or deleted, so every process locks the same inode.
    """
    lock_path = lock_path_for(path)
    with _thread_lock(path):
        try:
            fd = os.open(
                lock_path,
                os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                FILE_MODE,
            )
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePathError(lock_path) from exc
            if exc.errno == errno.ENOENT:
                raise PlanMissingError(path.parent) from exc
            raise AccessError(lock_path, exc.strerror or str(exc)) from exc
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UnsafePathError(lock_path)
            if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != FILE_MODE:
                os.fchmod(fd, FILE_MODE)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def read_bytes(path: Path) -> tuple[bytes, FileToken]:
    """The plan file's bytes and the identity of that version; links are refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise PlanMissingError(path) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(path) from exc
        raise AccessError(path, exc.strerror or str(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(path)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks), FileToken(st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
    finally:
        os.close(fd)


def remove_stray_temps(path: Path) -> None:
    """Delete temp files left by a writer that crashed (call under the lock)."""
    prefix = temp_prefix_for(path)
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def write_atomic(path: Path, payload: bytes, *, replace_existing: bool = True) -> None:
    """Put `payload` at `path` whole or not at all (call under the lock)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(path)
        if not replace_existing:
            raise PlanExistsError(path)
    tmp = path.parent / f"{temp_prefix_for(path)}{os.urandom(8).hex()}"
    try:
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE
        )
    except OSError as exc:
        raise WriteError(path, "create", exc.strerror or str(exc)) from exc
    step = "write"
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            if st is not None and st.st_gid != os.getegid():
                # Keep the shared group of the plan, when we are allowed to.
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, st.st_gid)
            view = memoryview(payload)
            while view:
                written = ops.write(fd, view)
                view = view[written:]
            step = "fsync"
            ops.fsync(fd)
        finally:
            os.close(fd)
        step = "replace"
        ops.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(path, step, exc.strerror or str(exc)) from exc
    try:
        _fsync_folder(path.parent)
    except OSError as exc:
        raise WriteError(path, "fsync-folder", exc.strerror or str(exc)) from exc


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        ops.fsync(fd)
    finally:
        os.close(fd)
