"""From a parsed plan file to typed records, and the history entries: all that reading needs.

Kept apart from the transaction (TinyDB, validation, cascade) so that a quick
`coop-tui status` imports none of that.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coop_tui.domain.frozen import frozen
from coop_tui.domain.model import ENTITY_TYPES, Plan
from coop_tui.domain.snapshot import LazyRecords, PlanData
from coop_tui.storage import schema
from coop_tui.storage.errors import PlanFileError

#: What a record that cannot be read raises (a damaged file is not data).
UNREADABLE = (ValueError, TypeError, AttributeError, KeyError)


@frozen
class Change:
    """One record's before and after in a transaction (None: absent)."""

    table: str
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "id": self.id, "before": self.before, "after": self.after}


@frozen
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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a whole plan is parsed and built.

    That allocates some 100,000 objects which all live on: the collector would
    walk them again and again for nothing (parsing the 5k plan: 24 -> 14 ms).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def data_from_document(
    document: dict[str, Any], path: Path | None = None, previous: PlanData | None = None
) -> PlanData:
    """Typed records from a parsed file, built as they are used (sharing `previous`'s
    records where unchanged); an unreadable plan record is a damaged file."""
    try:
        plan_doc = document.get(schema.PLAN_TABLE, {}).get(schema.PLAN_ID, {})
        plan = Plan.from_record(schema.PLAN_ID, plan_doc)
        revision = int(document[schema.META_TABLE][schema.META_ID]["revision"])
        return PlanData.from_tables(plan, revision, document, previous)
    except UNREADABLE as exc:
        if path is None:
            raise
        table = next(
            (name for name in (schema.PLAN_TABLE, *ENTITY_TYPES) if not _readable(name, document)),
            schema.META_TABLE,
        )
        raise PlanFileError(
            path, f"the table {table!r} is damaged", "damaged", table=table
        ) from exc


def verified_data(
    document: dict[str, Any], path: Path, previous: PlanData | None = None
) -> PlanData:
    """Every record of the document checked: a record that cannot be read refuses the file.

    `previous`: an earlier version. Loading is a pure function of the stored
    document, so a record already built there from the very same document object
    is known good and shared, not checked again (see `lines`: a file changed by
    another process keeps the parsed documents of its unchanged lines).
    """
    data = data_from_document(document, path, previous)
    for name in ENTITY_TYPES:
        records = data.table(name)
        try:
            if isinstance(records, LazyRecords):
                records.build_all()
            else:  # pragma: no cover - from_tables always gives LazyRecords
                for record_id in records:
                    records[record_id]
        except UNREADABLE as exc:
            raise PlanFileError(
                path, f"the table {name!r} is damaged", "damaged", table=name
            ) from exc
    return data


def _readable(table: str, document: dict[str, Any]) -> bool:
    entity = Plan if table == schema.PLAN_TABLE else ENTITY_TYPES[table]
    try:
        for rid, doc in document.get(table, {}).items():
            entity.from_record(rid, doc)
    except UNREADABLE:
        return False
    return True
