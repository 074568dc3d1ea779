"""Older plan files brought up to today's schema, a backup of the original kept.

Schema 1 → 2: records get TinyDB's whole-number ids (references follow),
phases become records of their own, an approval keeps what it approved, each
action's budget becomes a budget line and its remedy one answer per missing
skill (see `domain.upgrade`). The old history speaks of the old ids: it moves to
the archive (still read by `history`, no longer undone), and one entry says the
file was migrated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.domain.upgrade import renumber, upgrade_v1
from coop_tui.storage import files, history, schema
from coop_tui.storage.errors import PlanFileError
from coop_tui.storage.history import HistoryEntry, What


def migrate_file(path: Path, user: str, now: str, session: str) -> None:
    """Migrate the plan at `path` (call under its lock); nothing to do if it is current."""
    raw, _ = files.read_bytes(path)
    doc = msgspec.json.decode(raw)
    version = schema.parse(path, raw)
    if not isinstance(version, int):
        return
    if version != 1:  # pragma: no cover - only schema 1 existed before
        raise PlanFileError(path, f"schema {version} cannot be migrated", "bad_schema")
    backup = path.with_name(f"{path.name}.schema{version}.bak")
    if not backup.exists():
        files.write_atomic(backup, raw, replace_existing=False)
    document, old_history = from_v1(path, doc, user, now, session)
    history.append_archive(path, old_history)
    files.write_atomic(path, schema.encode(document))


def from_v1(
    path: Path, doc: dict[str, Any], user: str, now: str, session: str
) -> tuple[schema.Document, list[HistoryEntry]]:
    """A schema-1 file (parsed JSON) as a schema-2 document, and its old history."""
    meta = doc[schema.META_TABLE][schema.META_ID]
    plan_doc = (doc.get(schema.PLAN_TABLE) or {}).get(schema.PLAN_ID) or {}
    plan_doc, tables = upgrade_v1(plan_doc, {name: doc.get(name) or {} for name in ENTITY_TYPES})
    typed: dict[str, dict[str, Record]] = {}
    for name, cls in ENTITY_TYPES.items():
        typed[name] = {}
        for rid, record in tables[name].items():
            try:
                typed[name][rid] = msgspec.convert({**record, "id": rid}, cls)
            except msgspec.ValidationError as exc:
                raise PlanFileError(
                    path, f"the record {rid!r} of the table {name!r} is damaged ({exc})",
                    "damaged_record", table=name, record=rid, reason=str(exc),
                ) from None  # fmt: skip
    try:
        plan = msgspec.convert({**plan_doc, "id": schema.PLAN_ID}, Plan)
        old_history = [
            msgspec.convert(entry, HistoryEntry)
            for entry in (doc.get(schema.HISTORY_TABLE) or {}).values()
        ]
    except msgspec.ValidationError as exc:
        raise PlanFileError(path, f"the file is damaged ({exc})", "damaged",
                            table=schema.PLAN_TABLE) from None  # fmt: skip
    renumbered, next_id, _ = renumber(typed)
    revision = int(meta.get("revision", 0)) + 1
    entry = HistoryEntry(
        rev=revision, time=now, user=user, session=session,
        what=What(op="migrate", before="1", after=str(schema.CURRENT_SCHEMA)),
    )  # fmt: skip
    document = schema.Document(
        schema.MetaRecord(
            format=schema.FORMAT, schema=schema.CURRENT_SCHEMA, revision=revision, next_id=next_id
        ),
        plan,
        renumbered,
        {str(revision): entry},
    )
    return document, sorted(old_history, key=lambda e: e.rev)
