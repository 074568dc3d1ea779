"""History entries: who changed what, when, as structured data, and their archive.

An entry says what was done (`What`: an operation on a record, with the field
and its values before and after where that says it best) and keeps every
record's before/after for undo. It is written in the reader's language only
when shown (see `i18n.history`). The plan file keeps the latest `KEEP`
entries; older ones move, in the same transaction, to an append-only archive
beside the plan (`PLAN.history`, one JSON entry a line) that `history` reads on
demand.
"""

# No `from __future__ import annotations`: msgspec reads these annotations when a decoder is
# built, and string ones it must compile and evaluate one by one (6 ms of every command).

import contextlib
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from coop_tui.storage import files
from coop_tui.storage.errors import PlanFileError

KEEP = 200
"""History entries kept in the plan file itself: enough for undo and the recent changes,
few enough that a plan changed 20,000 times is written about as fast as a fresh one (every
commit writes and syncs the whole file, and its cost grows with the bytes)."""
SPILL = 50
"""Entries moved to the archive at once, so that a commit rarely touches it."""


class Change(Struct, frozen=True, kw_only=True, gc=False):
    """One record's before and after in a transaction (None: absent).

    A record added or deleted keeps its whole document; an edited one only the fields
    that changed, before and after.
    """

    table: str
    id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class What(Struct, frozen=True, kw_only=True, gc=False):
    """What a transaction did, in words a catalog can say in any language.

    `op` is one of: create, import, migrate, add, edit, delete, move, undo,
    baseline, backplan, approve; `table` and `record` name the main record, `label`
    is its code or name at the time, `count` how many records changed in all.
    """

    op: str
    table: str = ""
    record: str = ""
    label: str = ""
    field: str = ""
    before: str = ""
    after: str = ""
    count: int = 1


class HistoryEntry(Struct, frozen=True, kw_only=True, gc=False):
    """One committed transaction, as the history table keeps it."""

    rev: Annotated[int, Meta(ge=1)]
    time: str
    user: str = ""
    what: What | None = None
    summary: str = ""
    """Free text of entries written before `what` existed (schema 1)."""
    reason: str = ""
    """Why, when the person said it."""
    session: str = ""
    """The window (app instance) or command that made it: `u` undoes one window's own."""
    changes: tuple[Change, ...] = ()
    undoes: int | None = None

    @property
    def revision(self) -> int:
        return self.rev


def archive_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".history")


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(HistoryEntry)


def append_archive(path: Path, entries: list[HistoryEntry]) -> None:
    """Append entries to the plan's archive (under the plan's lock)."""
    if entries:
        payload = b"".join(_encoder.encode(e) + b"\n" for e in entries)
        files.append_shared(archive_path_for(path), payload)


def read_archive(path: Path) -> list[HistoryEntry]:
    """The archived entries, oldest first; a damaged line is named, never skipped — but a
    last line without its newline is an append a crash cut short: the archive is written
    before the plan, so its transaction never committed, and its entries are still in the
    plan (the next append cuts it off)."""
    archive = archive_path_for(path)
    if not archive.exists() and not archive.is_symlink():
        return []
    raw, _ = files.read_bytes(archive, limit=1 << 30)
    lines = raw.split(b"\n")
    torn = lines.pop()  # b"" when the file ends with its newline
    out: list[HistoryEntry] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(_decoder.decode(line))
        except msgspec.DecodeError as exc:
            raise PlanFileError(
                archive,
                f"line {number} of the history archive is damaged ({exc})",
                "damaged_archive",
                line=number,
            ) from exc
    if torn.strip():
        with contextlib.suppress(msgspec.DecodeError):  # whole, only its newline missing
            out.append(_decoder.decode(torn))
    return out


def merged(archived: list[HistoryEntry], recent: list[HistoryEntry]) -> list[HistoryEntry]:
    """Archive and plan history as one list, oldest first (an entry both hold — a
    crash between the two writes — counted once)."""
    by_rev = {e.rev: e for e in archived}
    by_rev.update((e.rev, e) for e in recent)
    return [by_rev[rev] for rev in sorted(by_rev)]
