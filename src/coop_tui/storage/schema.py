"""The plan file's layout, its schema version, and its one typed decoder.

The file is TinyDB's JSON layout, one table per entity, one record a line::

    {
    "_meta": {
     "meta": {"format":"coop-tui-plan","schema":2,"revision":7,"next_id":40}
    },
    "plan": {
     "plan": {"id":"plan","rev":7,"title":...}
    },
    "actions": {
     "12": {"id":"12","rev":5,"code":"A3",...}
    },
    ...
    "history": {
     "7": {"rev":7,"time":...,"user":...,"what":{...},"changes":[...]}
    }
    }

Record ids are TinyDB document ids (whole numbers), so stock TinyDB reads and
writes the tables too. One msgspec decoder turns the whole file into typed,
frozen records; every byte is untrusted, so anything it cannot type refuses the
file, with the damaged record named.
"""

from __future__ import annotations

import collections
import itertools
import operator
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.storage.errors import PlanFileError
from coop_tui.storage.history import HistoryEntry

FORMAT = "coop-tui-plan"
CURRENT_SCHEMA = 2
META_TABLE = "_meta"
META_ID = "meta"
PLAN_TABLE = "plan"
PLAN_ID = "plan"
HISTORY_TABLE = "history"
TABLES: tuple[str, ...] = (META_TABLE, PLAN_TABLE, *ENTITY_TYPES, HISTORY_TABLE)


class MetaRecord(Struct, kw_only=True, gc=False):
    format: str
    schema: Annotated[int, Meta(ge=1)]
    revision: Annotated[int, Meta(ge=0)]
    next_id: Annotated[int, Meta(ge=0)] = 0
    """The next record id to give (ids are never reused: undo and history name them)."""


class _FormatOnly(Struct, kw_only=True, gc=False):
    format: str = ""
    schema: Any = None


_PlanFile: Any = msgspec.defstruct(
    "_PlanFile",
    [
        ("meta", dict[str, MetaRecord], msgspec.field(name=META_TABLE, default_factory=dict)),
        ("plan", dict[str, Plan], msgspec.field(default_factory=dict)),
        *(
            (name, dict[str, cls], msgspec.field(default_factory=dict))  # type: ignore[valid-type]
            for name, cls in ENTITY_TYPES.items()
        ),
        ("history", dict[str, HistoryEntry], msgspec.field(default_factory=dict)),
    ],
    kw_only=True,
    gc=False,
)
_decoder = msgspec.json.Decoder(_PlanFile)
_SHARED: tuple[tuple[str, str], ...] = (("budget_lines", "nature"),)
"""Fields whose equal values become one string once decoded (a line's nature: a word of
six, on every line). The strings freed, like the ids' (see `_parse`), make room the
dashboard's first computation takes instead of asking the system for more: 2 MB less at
first paint at 50,000 actions for ~10 ms. Sharing more fields was measured to gain
nothing there (the room freed already exceeds what is taken)."""
_SET_ID = Record.__dict__["id"].__set__
"""Sets a record's `id`, frozen or not, as `msgspec.structs.force_setattr` does (in C, in
`map`: 100,000 records in a few milliseconds)."""
_entry_decoder = msgspec.json.Decoder(HistoryEntry)
_encoder = msgspec.json.Encoder()


class Document:
    """One version of a plan file, typed: what the storage reads and writes."""

    __slots__ = ("history", "meta", "plan", "tables")

    def __init__(
        self,
        meta: MetaRecord,
        plan: Plan,
        tables: dict[str, dict[str, Record]],
        history: dict[str, HistoryEntry],
    ) -> None:
        self.meta = meta
        self.plan = plan
        self.tables = tables
        """Table name -> id -> record, for every entity table."""
        self.history = history
        """Revision (as text) -> entry, oldest first."""

    @property
    def revision(self) -> int:
        return self.meta.revision


def empty_document() -> Document:
    meta = MetaRecord(format=FORMAT, schema=CURRENT_SCHEMA, revision=0, next_id=1)
    return Document(meta, Plan(id=PLAN_ID), {name: {} for name in ENTITY_TYPES}, {})


# --- reading -------------------------------------------------------------------------


def parse(path: Path, raw: bytes) -> Document | int:
    """Decode and check a plan file's bytes.

    Returns the document, or the file's schema version when it is older than
    this one (the caller migrates it). Raises `PlanFileError` saying what is
    wrong with anything else; the file is never written to.
    """
    if not raw or raw.isspace():
        raise PlanFileError(path, "the file is empty", "empty")
    at = _history_at(raw)
    body = _history_block(raw, at) if at >= 0 else b""
    if at >= 0:
        history = _known_history(body)
        if history is not None:
            # The file without its history entries: a copy, made only here (copying a
            # 30 MB plan costs a fifth of decoding it).
            document = _parse(path, raw[: at - 1] + b"\n}\n", trimmed=True)
            if isinstance(document, int):
                return document
            if not document.history:
                document.history = history
                return document
    document = _parse(path, raw)
    if at >= 0 and isinstance(document, Document):
        _Recent.remember(body, document.history, own=False)
    return document


def _parse(path: Path, raw: bytes, *, trimmed: bool = False) -> Document | int:
    """The whole file through the one typed decoder (`trimmed`: the copy `parse` makes,
    without the history block)."""
    try:
        decoded = _decoder.decode(raw)
    except msgspec.ValidationError:
        return _explain(path, raw)
    except msgspec.DecodeError as exc:
        raise _malformed(path, raw, exc) from None
    except RecursionError:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan") from None
    meta = decoded.meta.get(META_ID)
    if meta is None or meta.format != FORMAT:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan")
    if meta.schema != CURRENT_SCHEMA:
        return _schema_verdict(path, meta.schema)
    tables: dict[str, dict[str, Record]] = {}
    for name in ENTITY_TYPES:
        tables[name] = table = getattr(decoded, name)
        if not _whole_numbers(table):
            rid = next(r for r in table if not _whole_numbers((r,)))
            raise _damaged(path, name, rid, "the id must be a whole number")
        # Each record's id is its key, the very string (a record without its id, or with
        # another one, takes its key's): the copy the decoder made is freed.
        collections.deque(map(_SET_ID, table.values(), table), maxlen=0)
    for name, field in _SHARED:
        _share(ENTITY_TYPES[name], tables[name], field)
    plans = decoded.plan
    plan = plans.get(PLAN_ID, Plan())
    if plan.id != PLAN_ID:
        msgspec.structs.force_setattr(plan, "id", PLAN_ID)
    for key, entry in decoded.history.items():
        if key != str(entry.rev):
            raise _damaged(path, HISTORY_TABLE, key, "rev must be the entry's own number")
    document = Document(meta, plan, tables, decoded.history)
    sizes = [len(decoded.meta), len(plans), *map(len, tables.values())]
    if raw.count(b"\n") != _newlines(sizes, len(decoded.history), trimmed):
        refuse_duplicate_keys(path, raw)
    return document


def _newlines(sizes: list[int], history: int, trimmed: bool) -> int:
    """How many newlines the encoder's layout (`encode`) gives tables of these sizes and
    this many history entries: one after the opening brace; for each table, its header's,
    one per record and its closing line's (an empty table is one line); then the history
    block's (`history_pieces`), or the closing brace's in `parse`'s copy without it.

    A file with as many (one byte each, counted in C: 9 ms for 30 MB, where counting the
    record lines' three bytes took 24) has no record line more than the records decoded:
    a record written twice on a line of its own leaves one newline too many, and the
    exact check (`refuse_duplicate_keys`) finds it, as it checks any other layout. A
    second copy on the first one's line adds none: read as one record, as JSON readers
    read it, it is never rewritten away (`PlanStore._encode`)."""
    lines = 1 + sum(n + 2 if n else 1 for n in sizes)
    if trimmed:
        return lines + 1
    return lines + (history + 3 if history else 2)


def _whole_numbers(ids: Collection[str]) -> bool:
    """Whether every id is a TinyDB document id as `str(int)` writes it: ASCII digits, no
    leading zero, at most 18 of them (checked in C over a whole table). "012" or "١٢"
    would be a second key for the document 12 (TinyDB keys documents by `int(id)`)."""
    return (
        all(map(str.isdecimal, ids))
        and all(map(str.isascii, ids))
        and not any(map(_LEADING_ZERO, ids))
        and max(map(len, ids), default=0) <= 18
    )


_LEADING_ZERO = operator.methodcaller("startswith", "0")


def _share(cls: type[Record], table: dict[str, Record], field: str) -> None:
    """One string for each value of `field` over `table`'s records (see `_SHARED`), set in
    C through the field's slot, as `msgspec.structs.force_setattr` does."""
    records = list(table.values())
    values = list(map(operator.attrgetter(field), records))
    one: dict[str, str] = {}
    setter = getattr(cls, field).__set__
    collections.deque(map(setter, records, map(one.setdefault, values, values)), maxlen=0)


# The history is most of a long-lived plan's bytes, and a commit only adds an entry at its
# end (and, one commit in a hundred, moves the oldest to the archive). So the history block
# of the plan this process last read or wrote is kept with its entries: a file in this
# module's own layout whose history block starts with those very bytes has only its new
# lines decoded, and writing entries that start with those very entries copies their bytes.
# Anything else — another layout, older entries gone, a line out of place — takes the whole
# file through the one decoder, which also words every error.

_HISTORY_HEAD = b'\n"' + HISTORY_TABLE.encode() + b'": {\n'
_HISTORY_TAIL = b"\n}\n}\n"
_LINE_END = b",\n"


class _Recent:
    """The history block last read or written in this process, and its entries."""

    body: bytes = b""
    """The block's lines, ` "rev": {...}` joined by `,\\n`, exactly as in the file."""
    entries: dict[str, HistoryEntry] = {}  # noqa: RUF012 - replaced whole, never changed
    own: bool = False
    """Whether `body` is exactly what `encode` writes for `entries`."""

    @classmethod
    def remember(cls, body: bytes, entries: dict[str, HistoryEntry], *, own: bool) -> None:
        # One tuple assignment: a thread reading meanwhile sees all old or all new.
        cls.body, cls.entries, cls.own = body, entries, own

    @classmethod
    def state(cls) -> tuple[bytes, dict[str, HistoryEntry], bool]:
        return cls.body, cls.entries, cls.own


def _history_at(raw: bytes) -> int:
    """Where the history block starts, in this module's layout; -1 in any other."""
    at = raw.rfind(_HISTORY_HEAD)
    if at < 2 or not raw.endswith(_HISTORY_TAIL) or raw[at - 2 : at] != b"},":
        return -1
    return at


def _history_block(raw: bytes, at: int) -> bytes:
    """The history block's lines (see `_Recent.body`), from `_history_at`."""
    return raw[at + len(_HISTORY_HEAD) : -len(_HISTORY_TAIL)]


def _known_history(body: bytes) -> dict[str, HistoryEntry] | None:
    """The entries of a history block that starts with the one last seen; None otherwise."""
    seen, entries, own = _Recent.state()
    if not seen:
        return None
    if body == seen:
        return dict(entries)
    if not body.startswith(seen) or body[len(seen) : len(seen) + 2] != _LINE_END:
        return None
    history = dict(entries)
    for line in body[len(seen) + 2 :].split(_LINE_END):
        end = line.find(b'": ', 2)
        key, value = line[2:end], line[end + 3 :]
        if not line.startswith(b' "') or not key.isdigit() or len(key) > 18:
            return None
        try:
            entry = _entry_decoder.decode(value)
        except (msgspec.DecodeError, RecursionError):
            return None
        rid = key.decode()
        if rid in history or rid != str(entry.rev):
            return None
        history[rid] = entry
        own = own and _encoder.encode(entry) == value
    _Recent.remember(body, history, own=own)
    return history


def _schema_verdict(path: Path, schema: int) -> int:
    if schema > CURRENT_SCHEMA:
        raise PlanFileError(
            path,
            f"made by a newer coop-tui (schema {schema}; this version reads up to "
            f"{CURRENT_SCHEMA}): update coop-tui",
            "newer_schema",
            schema=schema,
            current=CURRENT_SCHEMA,
        )
    return schema


def _malformed(path: Path, raw: bytes, exc: msgspec.DecodeError) -> PlanFileError:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return PlanFileError(path, "the file is not UTF-8 text", "not_text")
    offset = min(_byte_offset(str(exc), len(raw)), len(raw))
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return PlanFileError(
        path,
        f"not valid JSON, truncated or damaged (line {line}, column {column})",
        "bad_json",
        line=line,
        column=column,
    )


def _byte_offset(message: str, default: int) -> int:
    """Where msgspec says the JSON went wrong ("… (byte 1234)"); a cut file: its end."""
    marker = message.rfind("(byte ")
    digits = message[marker + 6 :].rstrip(")") if marker >= 0 else ""
    return int(digits) if digits.isdecimal() else default


def _explain(path: Path, raw: bytes) -> int:
    """The typed decoder refused the file: say which part, or find it is an older schema."""
    try:
        doc = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise _malformed(path, raw, exc) from None
    except RecursionError:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan") from None
    meta = doc.get(META_TABLE) if isinstance(doc, dict) else None
    meta = meta.get(META_ID) if isinstance(meta, dict) else None
    try:
        head = msgspec.convert(meta, _FormatOnly)
    except msgspec.ValidationError:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan") from None
    if head.format != FORMAT:
        raise PlanFileError(path, "not a coop-tui plan file", "not_plan")
    if not isinstance(head.schema, int) or isinstance(head.schema, bool) or head.schema < 1:
        raise PlanFileError(path, "the schema version is missing or wrong", "bad_schema")
    if head.schema != CURRENT_SCHEMA:
        return _schema_verdict(path, head.schema)
    try:
        msgspec.convert(meta, MetaRecord)
    except msgspec.ValidationError as exc:
        raise _damaged(path, META_TABLE, META_ID, _reason(exc)) from None
    types: dict[str, type] = {PLAN_TABLE: Plan, **ENTITY_TYPES, HISTORY_TABLE: HistoryEntry}
    for name, cls in types.items():
        table = doc.get(name, {})
        if not isinstance(table, dict):
            raise PlanFileError(path, f"the table {name!r} is damaged", "damaged", table=name)
        for rid, record in table.items():
            try:
                msgspec.convert(record, cls)
            except msgspec.ValidationError as exc:
                raise _damaged(path, name, rid, _reason(exc)) from None
    raise PlanFileError(path, "the file is damaged", "damaged", table=META_TABLE)


def _reason(exc: msgspec.ValidationError) -> str:
    """msgspec's words, made shorter: "start: Expected `date`, got `str`"."""
    text = str(exc)
    message, _, where = text.partition(" - at `$")
    where = where.rstrip("`").lstrip(".")
    return f"{where}: {message}" if where else message


def _damaged(path: Path, table: str, record: str, reason: str) -> PlanFileError:
    shown = record if len(record) <= 40 else record[:39] + "…"
    return PlanFileError(
        path,
        f"the record {shown!r} of the table {table!r} is damaged ({reason})",
        "damaged_record",
        table=table,
        record=shown,
        reason=reason,
    )


def refuse_duplicate_keys(path: Path, raw: bytes) -> None:
    """Check that a file has no key twice, which JSON readers settle differently (most
    keep the last copy, some the first): reading, when it is not one record a line
    (another program wrote it, or a person); committing, when it is not in the
    encoder's own bytes (`PlanStore._encode`), since a second copy on a record's own
    line gets past the newline count, and rewriting the file would drop one unseen."""
    import json  # here: `status` and the app read their plans without it

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _Duplicate(key)
            out[key] = value
        return out

    try:
        json.loads(raw, object_pairs_hook=pairs)
    except _Duplicate as dup:
        raise PlanFileError(
            path, f"the key {dup.key!r} appears twice: the file is damaged", "duplicate_key",
            key=dup.key[:40],
        ) from None  # fmt: skip
    except (ValueError, RecursionError):  # pragma: no cover - msgspec parsed it already
        raise PlanFileError(path, "the file is damaged", "damaged", table=META_TABLE) from None


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# --- writing -------------------------------------------------------------------------


def encode(doc: Document) -> bytes:
    """Human-readable, diff-able JSON: one table a block, one record a line."""
    out = bytearray(b"{\n")
    write_section(out, META_TABLE, {META_ID: doc.meta})
    write_section(out, PLAN_TABLE, {PLAN_ID: doc.plan})
    for name, records in doc.tables.items():
        write_section(out, name, records)
    return _with_history(out, doc)


def write_section(out: bytearray, name: str, records: dict[str, Any]) -> None:
    """One table's block, as `encode` writes it."""
    out += b'"' + name.encode() + b'": {'
    if records:
        out += b"\n"
        for rid, record in records.items():
            # Keys need no escaping: ids are whole numbers (checked on reading), the
            # others "meta", "plan" and revisions.
            out += b' "' + rid.encode() + b'": '
            _encoder.encode_into(record, out, -1)
            out += _LINE_END
        del out[-2]  # no comma after a table's last record
    out += b"},\n"


def _with_history(out: bytearray, doc: Document) -> bytes:
    return b"".join(history_pieces(out, doc))  # one copy of the long part


def history_pieces(out: bytearray, doc: Document) -> list[bytes | memoryview | bytearray]:
    """`out` followed by the history block."""
    if not doc.history:
        return [out, _HISTORY_HEAD[1:-1], b"}\n}\n"]
    body = _history_body(doc.history)
    _Recent.remember(body, doc.history, own=True)
    return [out, _HISTORY_HEAD[1:], body, _HISTORY_TAIL]


def _history_body(history: dict[str, HistoryEntry]) -> bytes:
    """The history's lines: the block last read or written, as is, when these entries start
    with its very entries (the same objects), followed by the others encoded."""
    seen, entries, own = _Recent.state()
    start = len(entries)
    if not (own and entries and len(history) >= start and _starts_with(history, entries)):
        seen, start = b"", 0
    new = bytearray()
    for rid, entry in itertools.islice(history.items(), start, None):
        new += b' "' + rid.encode() + b'": '
        _encoder.encode_into(entry, new, -1)
        new += _LINE_END
    if not new:
        return seen
    del new[-2:]
    return b"".join((seen, _LINE_END, new)) if seen else bytes(new)


def _starts_with(history: dict[str, HistoryEntry], entries: dict[str, HistoryEntry]) -> bool:
    """Whether `history`'s first entries are `entries`, same keys and same objects."""
    n = len(entries)
    keys = list(itertools.islice(history, n))
    values = itertools.islice(history.values(), n)
    return keys == list(entries) and all(map(operator.is_, values, entries.values()))


def encode_record_into(record: Any, out: bytearray) -> None:
    """A record's JSON at the end of `out`, as `encode` writes it."""
    _encoder.encode_into(record, out, -1)


def decode_record(cls: type[Record], doc: dict[str, Any], record_id: str) -> Record:
    """A record from a stored document (a TinyDB document, an undo's before/after)."""
    record = msgspec.convert(doc, cls)
    if record.id != record_id:
        msgspec.structs.force_setattr(record, "id", record_id)
    return record


def to_doc(record: Record) -> dict[str, Any]:
    """A record's document exactly as the file holds it (lists, ISO dates), as a TinyDB
    document and a history entry keep it."""
    return msgspec.json.decode(_encoder.encode(record))  # type: ignore[no-any-return]


def to_docs(records: dict[str, Record]) -> dict[str, dict[str, Any]]:
    """`to_doc` of a whole table at once."""
    return msgspec.json.decode(_encoder.encode(records))  # type: ignore[no-any-return]
