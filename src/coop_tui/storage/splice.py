"""A commit's new file made from the file on disk, only the changed records encoded.

A commit changes a few records of a plan that may hold 100,000: encoding them all again
would make every key's cost grow with the plan. When the file on disk is known to be
exactly `schema.encode` of the version the change started from (this process wrote it, or
compared it), `encode_changed` copies that file's bytes and encodes only the records
the transaction changed: in this layout a newline is never inside a string, so the line
that starts with `\\n "id": ` in a table's block is that record's, whole.
"""

from __future__ import annotations

import itertools

from coop_tui.domain.model import Record
from coop_tui.storage import schema


def encode_changed(
    doc: schema.Document, base: schema.Document, raw: bytes, changed: dict[str, set[str]]
) -> list[bytes | memoryview | bytearray] | None:
    """`encode(doc)` in pieces (to write one after the other), made from `raw` — which is `encode(base)` — where `doc` differs from
    `base` only in its meta, plan, history and the records `changed` (table -> ids). None
    when a change does not keep its table's shape simple (a table that was or becomes
    empty, its last line removed, a record put back after being removed): the caller
    encodes the whole document."""
    view = memoryview(raw)
    out = bytearray(b"{\n")
    schema.write_section(out, schema.META_TABLE, {schema.META_ID: doc.meta})
    schema.write_section(out, schema.PLAN_TABLE, {schema.PLAN_ID: doc.plan})
    names = [*doc.tables, schema.HISTORY_TABLE]
    pieces: list[bytes | memoryview | bytearray] = []
    pos = raw.find(b'\n"' + names[0].encode() + b'": {') + 1
    for name, following in itertools.pairwise(names):
        head = b'"' + name.encode() + b'": {'
        end = raw.find(b'\n"' + following.encode() + b'": {', pos) + 1
        if pos <= 0 or end <= 0 or not raw.startswith(head, pos):
            return None
        ids = changed.get(name)
        if not ids:
            pieces.append(view[pos:end])
        elif not _splice(pieces, view, raw, pos, end, ids, base.tables[name], doc.tables[name]):
            return None
        pos = end
    history = schema.history_pieces(bytearray(), doc)
    return [out, *pieces, *history]


def _splice(
    pieces: list[bytes | memoryview | bytearray],
    view: memoryview,
    raw: bytes,
    start: int,
    end: int,
    ids: set[str],
    before: dict[str, Record],
    after: dict[str, Record],
) -> bool:
    """One table's block, with the lines of `ids` changed, added or removed, as pieces."""
    if not before or not after:
        return False
    added = [rid for rid in ids if rid not in before]
    if added and set(itertools.islice(reversed(after), len(added))) != set(added):
        return False  # new records come last, in the order they were added
    edits: list[tuple[int, int, str | None, bool]] = []
    for rid in ids:
        if rid not in before:
            continue
        at = raw.find(b'\n "' + rid.encode() + b'": ', start, end)
        stop = raw.find(b"\n", at + 1)
        comma = raw[stop - 1] == ord(",")
        if at < 0 or (not comma and rid not in after):
            return False  # the last line removed: the line before loses its comma
        edits.append((at, stop, rid if rid in after else None, comma))
    edits.sort()
    cursor = start
    for at, stop, kept, comma in edits:
        pieces.append(view[cursor:at])
        if kept is not None:
            line = bytearray(b'\n "' + kept.encode() + b'": ')
            schema.encode_record_into(after[kept], line)
            pieces.append(line + b"," if comma else line)
        cursor = stop
    body_end = end - len(b"\n},\n")
    tail = bytearray()
    for rid in itertools.islice(after, len(after) - len(added), None):
        tail += b',\n "' + rid.encode() + b'": '
        schema.encode_record_into(after[rid], tail)
    pieces += (view[cursor:body_end], tail, b"\n},\n")
    return True
