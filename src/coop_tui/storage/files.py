"""Low-level file safety: the sidecar lock, safe reads and crash-proof writes.

A commit writes a randomly named temp file in the plan's folder (O_EXCL and
O_NOFOLLOW), fsyncs it, renames it over the plan and fsyncs the folder. A
crash at any instant leaves the old file or the new one. A failed fsync is
reported, never retried: after a failed fsync the kernel may have dropped the
dirty pages, so a retry could claim a success that never reached the disk.

The lock is `flock` on `PLAN.lock`, a file that is never replaced. Waiting for
it is bounded and can be given up; once held, the lock is checked to still be
the file at `PLAN.lock` (someone may have deleted it meanwhile), and the holder
writes who it is into it so that a waiting process can say who it waits for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from coop_tui.storage.errors import (
    AccessError,
    LockCancelledError,
    LockTimeoutError,
    PlanExistsError,
    PlanFileError,
    PlanMissingError,
    UnsafePathError,
    WriteError,
)

FILE_MODE = 0o660
"""Plan, lock and archive files: group-readable and group-writable, never world-anything."""
MAX_PLAN_BYTES = 64 * 1024 * 1024
"""A plan of 5,000 actions with its recent history is a few MB; far past that is refused."""
LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for the lock by default (COOP_TUI_LOCK_TIMEOUT)."""
LOCK_POLL = 0.02
"""Longest pause between two tries for the lock (the first ones are much shorter: most
waits are for another process's commit of a few milliseconds)."""
WAIT_NOTICE = 0.3
"""After this long waiting, the waiter is told who holds the lock."""

#: The system calls a commit makes, behind one indirection so tests can fail each.
ops = SimpleNamespace(write=os.write, fsync=os.fsync, replace=os.replace)

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


class FileToken(NamedTuple):
    """Identity of one version of a file, read with one `stat`."""

    device: int
    inode: int
    mtime_ns: int
    size: int


def _token(st: os.stat_result) -> FileToken:
    return FileToken(st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def temp_prefix_for(path: Path) -> str:
    return f".{path.name}.tmp-"


def file_token(path: Path) -> FileToken | None:
    """The current version's identity, or None when there is no file."""
    try:
        return _token(os.lstat(path))
    except FileNotFoundError:
        return None


def lock_timeout() -> float:
    """COOP_TUI_LOCK_TIMEOUT (seconds) or LOCK_TIMEOUT."""
    raw = os.environ.get("COOP_TUI_LOCK_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return LOCK_TIMEOUT
    return value if 0 <= value < 24 * 3600 else LOCK_TIMEOUT


# --- the lock ----------------------------------------------------------------------


class LockWait(NamedTuple):
    """How a writer waits for the lock."""

    timeout: float | None = None
    """Seconds (None: COOP_TUI_LOCK_TIMEOUT or LOCK_TIMEOUT)."""
    cancel: threading.Event | None = None
    """Set it to give up at once (the app is quitting)."""
    waiting: Callable[[str], None] | None = None
    """Called once, after WAIT_NOTICE, with who holds the lock ('' if unknown)."""
    who: str = ""
    """Written into the lock file while held, for others to read."""


def _open_lock(lock_path: Path, plan: Path) -> int:
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
            raise PlanMissingError(plan.parent) from exc
        raise AccessError(lock_path, exc.strerror or str(exc)) from exc
    try:
        st = os.fstat(fd)
        # A hard link planted here would let us chmod someone else's file: refuse it.
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
            raise UnsafePathError(lock_path)
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def lock_is_current(fd: int, lock_path: Path) -> bool:
    """Whether the locked file is still the one at `lock_path` (not deleted or replaced)."""
    try:
        here = os.lstat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (
        stat.S_ISREG(here.st_mode)
        and here.st_nlink == 1
        and (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
    )


def lock_holder(lock_path: Path) -> str:
    """Who says they hold the lock, and since when ('' if nobody said)."""
    try:
        fd = os.open(lock_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return ""
    try:
        raw = os.read(fd, 512)
    finally:
        os.close(fd)
    import json  # (a lock's holder only: a quick command that reads never loads it)

    try:
        info = json.loads(raw.decode("utf-8"))
        user = str(info["user"])[:64]
        since = dt.datetime.fromisoformat(str(info["since"])).strftime("%H:%M:%S")
        return f"{user} (pid {int(info['pid'])}, {since})"
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return ""


def _say_who(fd: int, who: str) -> None:
    import json

    info = {"user": who, "pid": os.getpid(), "since": dt.datetime.now().isoformat("T", "seconds")}
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8") + b"\n", 0)


class _Deadline:
    def __init__(self, path: Path, wait: LockWait) -> None:
        self.path = path
        self.wait = wait
        self.seconds = lock_timeout() if wait.timeout is None else wait.timeout
        self.start = time.monotonic()
        self.told = False
        self.step = 0.001

    def pause(self, *, cancellable: bool = True) -> None:
        """Wait a little more, or give up: on timeout, and on cancel (the user quits) unless
        what is waited for is a change of this very process, which ends on its own and
        whose own change the user has seen made (the next card move, queued behind it)."""
        cancel = self.wait.cancel if cancellable else None
        if cancel is not None and cancel.is_set():
            raise LockCancelledError(self.path)
        waited = time.monotonic() - self.start
        if waited >= self.seconds:
            raise LockTimeoutError(self.path, self.seconds, lock_holder(lock_path_for(self.path)))
        if not self.told and waited >= WAIT_NOTICE and self.wait.waiting is not None:
            self.told = True
            self.wait.waiting(lock_holder(lock_path_for(self.path)))
        if cancel is not None:
            cancel.wait(self.step)
        else:
            time.sleep(self.step)
        self.step = min(self.step * 2, LOCK_POLL)


def _thread_lock(path: Path) -> threading.Lock:
    key = os.path.abspath(path)
    with _thread_locks_guard:
        lock = _thread_locks.get(key)
        if lock is None:
            # Not re-entrant: a nested transaction must fail, not wait for itself.
            lock = _thread_locks[key] = threading.Lock()
        return lock


class HeldLock:
    """The plan's lock, held: `still_held()` says whether it is still the real one."""

    def __init__(self, fd: int, lock_path: Path, waited: bool = False) -> None:
        self.fd = fd
        self.lock_path = lock_path
        self.waited = waited
        """Whether another process held it first (a change that waited for it is given
        up when the user quits meanwhile, even if the lock came free at that moment)."""

    def still_held(self) -> bool:
        return lock_is_current(self.fd, self.lock_path)


@contextlib.contextmanager
def exclusive_lock(path: Path, wait: LockWait | None = None) -> Iterator[HeldLock]:
    """Hold the plan's lock: a thread lock, then `flock` on the sidecar lock file.

    Waiting is bounded (LockTimeoutError) and can be cancelled (LockCancelledError).
    The lock file is opened without following links and never replaced or deleted;
    if it was deleted or replaced while we waited, we lock the new one instead.
    """
    wait = wait or LockWait()
    deadline = _Deadline(path, wait)
    lock_path = lock_path_for(path)
    thread_lock = _thread_lock(path)
    while not thread_lock.acquire(blocking=False):
        deadline.pause(cancellable=False)  # another change of this process, under way
    waited = False
    try:
        while True:
            fd = _open_lock(lock_path, path)
            try:
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        waited = True
                        deadline.pause()
                if not lock_is_current(fd, lock_path):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    continue  # deleted or replaced meanwhile: lock what is there now
                _say_who(fd, wait.who)
                try:
                    yield HeldLock(fd, lock_path, waited)
                finally:
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, 0)
                    fcntl.flock(fd, fcntl.LOCK_UN)
                return
            finally:
                os.close(fd)
    finally:
        thread_lock.release()


# --- reading -----------------------------------------------------------------------


GIVE_BACK_FROM = 1 << 20
"""From this size, a plan's bytes are read into a block the system takes back once
decoded (`coop_tui.memory`); below it, neither the block nor the module's loading is
worth it (a quick command on the demo plan)."""


def read_bytes(path: Path, limit: int = MAX_PLAN_BYTES) -> tuple[bytes, FileToken]:
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
        if st.st_size > limit:
            raise PlanFileError(
                path,
                f"the file is too large ({st.st_size // 2**20} MB; at most {limit // 2**20} MB)",
                "too_large",
                size=st.st_size // 2**20,
                max=limit // 2**20,
            )
        if st.st_size >= GIVE_BACK_FROM:
            from coop_tui.memory import give_back_big_blocks

            give_back_big_blocks()  # before the big block is asked for (once per process)
        chunks = []
        total = 0
        while chunk := os.read(fd, max(1 << 20, st.st_size + 1)):  # one read, as a rule
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while we read
                raise PlanFileError(path, "the file is too large", "too_large",
                                    size=total // 2**20, max=limit // 2**20)  # fmt: skip
        return b"".join(chunks), _token(st)
    finally:
        os.close(fd)


def remove_stray_temps(path: Path) -> None:
    """Delete temp files left by a writer that crashed (call under the lock)."""
    prefix = temp_prefix_for(path)
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# --- writing -----------------------------------------------------------------------


def _create_temp(path: Path, mode: int | None) -> tuple[Path, int]:
    """A new temp file beside `path` with an unpredictable name (O_EXCL: never an
    existing file, link or folder planted there)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for attempt in range(8):
        tmp = path.parent / f"{temp_prefix_for(path)}{os.urandom(8).hex()}"
        try:
            return tmp, os.open(tmp, flags, FILE_MODE if mode is None else 0o666)
        except FileExistsError:
            if attempt == 7:
                raise
        except OSError as exc:
            raise WriteError(path, "create", exc.strerror or str(exc)) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def write_atomic(
    path: Path,
    payload: bytes | Sequence[bytes | bytearray | memoryview],
    *,
    replace_existing: bool = True,
    shared: bool = True,
) -> None:
    """Put `payload` (bytes, or pieces written one after the other) at `path` whole or not
    at all (call under the lock for a plan).

    `shared`: a plan file, made 0660 whatever the umask and kept in the plan's group;
    otherwise (an export) the file follows the user's umask.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(path)
        if not replace_existing:
            raise PlanExistsError(path)
    try:
        tmp, fd = _create_temp(path, None if shared else 0o666)
    except FileExistsError as exc:
        raise WriteError(path, "create", exc.strerror or str(exc)) from exc
    step = "write"
    try:
        try:
            if shared:
                os.fchmod(fd, FILE_MODE)
                if st is not None and st.st_gid != os.getegid():
                    # Keep the shared group of the plan, when we are allowed to.
                    with contextlib.suppress(OSError):
                        os.fchown(fd, -1, st.st_gid)
            for piece in [payload] if isinstance(payload, bytes) else payload:
                view = memoryview(piece)
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
        fsync_folder(path.parent)
    except OSError as exc:
        raise WriteError(path, "fsync-folder", exc.strerror or str(exc)) from exc


def append_shared(path: Path, payload: bytes) -> None:
    """Append lines to a shared file (the history archive) and fsync it; links refused.

    Call under the plan's lock. A new file is made 0660 and its folder fsynced. A last line
    left without its newline (an append cut short by a crash, whose transaction therefore
    never committed) is cut off first, so that the new lines start on a line of their own.
    """
    created = not os.path.lexists(path)
    try:
        fd = os.open(
            path,
            os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
            FILE_MODE,
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(path) from exc
        raise WriteError(path, "create", exc.strerror or str(exc)) from exc
    step = "write"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
            raise UnsafePathError(path)
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
        step = "truncate"
        _cut_torn_line(fd, st.st_size)
        step = "write"
        view = memoryview(payload)
        while view:
            view = view[ops.write(fd, view) :]
        step = "fsync"
        ops.fsync(fd)
    except OSError as exc:
        raise WriteError(path, step, exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)


def _cut_torn_line(fd: int, size: int) -> None:
    """Cut the file back to just after its last newline, when it does not end with one."""
    if not size or os.pread(fd, 1, size - 1) == b"\n":
        return
    end = size
    while end > 0:
        start = max(0, end - (1 << 16))
        at = os.pread(fd, end - start, start).rfind(b"\n")
        if at >= 0:
            os.ftruncate(fd, start + at + 1)
            return
        end = start
    os.ftruncate(fd, 0)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        ops.fsync(fd)
    finally:
        os.close(fd)


def folder_is_shared(folder: Path) -> bool:
    """Whether files made in `folder` go to a group others can share: setgid and
    group-writable (see the README: chgrp, chmod 2770)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and bool(mode & stat.S_IWGRP)
