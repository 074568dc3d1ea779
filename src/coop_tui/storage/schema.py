"""The plan file's layout, its schema version and the migrations between versions.

The file is TinyDB's JSON layout, one table per entity::

    {"_meta": {"meta": {"format": "coop-tui-plan", "schema": 1, "revision": 7}},
     "plan": {"plan": {"title": ..., "rev": 7}},
     "organisations": {"3f2a9c1e": {"name": ..., "rev": 2}}, ...,
     "history": {"1": {"rev": 1, "time": ..., "user": ..., "changes": [...]}}}
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from coop_tui.domain.model import ENTITY_TYPES
from coop_tui.storage.errors import PlanFileError

FORMAT = "coop-tui-plan"
CURRENT_SCHEMA = 1
META_TABLE = "_meta"
META_ID = "meta"
PLAN_TABLE = "plan"
PLAN_ID = "plan"
HISTORY_TABLE = "history"
TABLES: tuple[str, ...] = (META_TABLE, PLAN_TABLE, *ENTITY_TYPES, HISTORY_TABLE)

#: Migrations: MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def empty_document() -> dict[str, Any]:
    doc: dict[str, Any] = {name: {} for name in TABLES}
    doc[META_TABLE][META_ID] = {"format": FORMAT, "schema": CURRENT_SCHEMA, "revision": 0}
    return doc


def parse(path: Path, raw: bytes) -> dict[str, Any]:
    """Decode and check a plan file's bytes; raise `PlanFileError` saying what is wrong."""
    if not raw or raw.isspace():
        raise PlanFileError(path, "the file is empty", "empty")
    try:
        doc = orjson.loads(raw)  # refuses any byte that is not UTF-8, too
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as not_text:
            raise PlanFileError(path, "the file is not UTF-8 text", "not_text") from not_text
        raise PlanFileError(
            path,
            f"not valid JSON, truncated or damaged (line {exc.lineno}, column {exc.colno})",
            "bad_json",
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    return check(path, doc)


def check(path: Path, doc: Any) -> dict[str, Any]:
    """Check a parsed plan file's layout: format, schema version, tables, revision."""
    meta_table = doc.get(META_TABLE) if isinstance(doc, dict) else None
    meta = meta_table.get(META_ID) if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise PlanFileError(path, "the schema version is missing or wrong", "bad_schema")
    if schema > CURRENT_SCHEMA:
        raise PlanFileError(
            path,
            f"made by a newer coop-tui (schema {schema}; this version reads up to "
            f"{CURRENT_SCHEMA}): update coop-tui",
            "newer_schema",
            schema=schema,
            current=CURRENT_SCHEMA,
        )
    if schema < CURRENT_SCHEMA and any(n not in MIGRATIONS for n in range(schema, CURRENT_SCHEMA)):
        raise PlanFileError(path, f"schema {schema} cannot be migrated", "bad_schema")
    for name in TABLES:
        table = doc.setdefault(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise PlanFileError(path, f"the table {name!r} is damaged", "damaged", table=name)
    if not isinstance(meta.get("revision"), int):
        raise PlanFileError(path, "the revision number is missing", "damaged", table=META_TABLE)
    return doc  # type: ignore[no-any-return]


def schema_of(doc: dict[str, Any]) -> int:
    return int(doc[META_TABLE][META_ID]["schema"])


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed document up to the current schema."""
    version = schema_of(doc)
    while version < CURRENT_SCHEMA:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc[META_TABLE][META_ID]["schema"] = version
    return doc


def encode(doc: dict[str, Any]) -> bytes:
    """Human-readable, diff-able JSON: one table a block, one record a line.

    Each record is encoded on its own (orjson, in C), which keeps a commit of a
    5,000-action plan fast; a change to one record changes one line of the file.
    """
    return encode_indexed(doc)[0]


def encode_indexed(
    doc: dict[str, Any],
    known: dict[str, dict[bytes, tuple[str, Any]]] | None = None,
    base: dict[str, Any] | None = None,
) -> tuple[bytes, dict[str, dict[bytes, tuple[str, Any]]]]:
    """`encode(doc)`, and its line index (see `lines`): table -> record line -> (id,
    record), with which the next version of the file is read by its changed lines.

    `known` and `base`: the line index and the document of the version `doc` was
    made from. A transaction replaces what it changes, never edits it in place, so a
    table that is the very same object there keeps its lines, and a record that is
    the very same object keeps its line, instead of being encoded again.
    """
    dumps = orjson.dumps
    known = known or {}
    base = base or {}
    out = [b"{"] if doc else [b"{", b""]
    index: dict[str, dict[bytes, tuple[str, Any]]] = {}
    last = len(doc) - 1
    for n, (name, table) in enumerate(doc.items()):
        head = dumps(name) + b": {"
        end = b"}" if n == last else b"},"
        if not table:
            out.append(head + end)
            index[name] = {}
            continue
        out.append(head)
        before = known.get(name)
        if before is not None and base.get(name) is table and len(before) == len(table):
            out.extend(before)  # the same table: the same lines, commas and all
            out.append(end)
            index[name] = before
            continue
        reuse = {id(row[1]): line for line, row in before.items()} if before else {}
        rows: dict[bytes, tuple[str, Any]] = {}
        for rid, rec in table.items():
            line = reuse.get(id(rec))
            row = before.get(line) if line is not None and before is not None else None
            if row is not None and row[1] is rec and row[0] == rid:
                if not line.endswith(b","):  # type: ignore[union-attr]
                    line += b","  # type: ignore[operator]
            else:
                line = b"".join((b" ", dumps(str(rid)), b": ", dumps(rec), b","))
                row = (rid, rec)
            out.append(line)  # type: ignore[arg-type]
            rows[line] = row  # type: ignore[index]
        line = out[-1]
        row = rows.pop(line)
        out[-1] = line = line[:-1]  # no comma after a table's last record
        rows[line] = row
        out.append(end)
        index[name] = rows
    out.append(b"}\n")
    return b"\n".join(out), index
