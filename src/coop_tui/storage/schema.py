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
    doc: dict[str, Any], known: dict[bytes, tuple[str, str, Any]] | None = None
) -> tuple[bytes, dict[bytes, tuple[str, str, Any]]]:
    """`encode(doc)`, and each record line -> (table, id, record): the line index with
    which the next version of the file is read by its changed lines (see `lines`).

    `known`: the line index of the version `doc` was made from. A record that is the
    very same object there (a transaction replaces what it changes, never edits it in
    place) keeps its line as it is, instead of being encoded again.
    """
    dumps = orjson.dumps
    reuse = {id(row[2]): (line, row) for line, row in known.items()} if known else {}
    out = [b"{"] if doc else [b"{", b""]
    index: dict[bytes, tuple[str, str, Any]] = {}
    last = len(doc) - 1
    for n, (name, table) in enumerate(doc.items()):
        head = dumps(name) + b": {"
        end = b"}" if n == last else b"},"
        if not table:
            out.append(head + end)
            continue
        out.append(head)
        for rid, rec in table.items():
            hit = reuse.get(id(rec))
            if hit is not None and hit[1][2] is rec and hit[1][0] == name and hit[1][1] == rid:
                line, row = hit
                if line[-1] != _COMMA:
                    line += b","
            else:
                line = b"".join((b" ", dumps(str(rid)), b": ", dumps(rec), b","))
                row = (name, rid, rec)
            out.append(line)
            index[line] = row
        line = out[-1]
        row = index.pop(line)
        out[-1] = line = line[:-1]  # no comma after a table's last record
        index[line] = row
        out.append(end)
    out.append(b"}\n")
    return b"\n".join(out), index


_COMMA = ord(",")
