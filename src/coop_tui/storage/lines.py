"""A new version of the plan file, read by its changed lines only.

Our encoder (schema.encode) writes one record a line. When another process
commits, a few lines change (a record, the revision, a history entry) among
thousands. With the previous version's lines at hand, each unchanged line
gives back the very document parsed from it before: nothing to parse, and,
since loading a record is a pure function of its document, nothing to check
again (see reading.verified_data). Only new lines are parsed.

The result is exactly what parsing the whole file gives, or None: any file not
laid out line for line as the encoder writes it (edited by hand, reformatted,
damaged, duplicate keys) is left to the full parser, which also says what is
wrong with it.
"""

from __future__ import annotations

from typing import Any

import orjson

Row = tuple[str, str, dict[str, Any]]
"""A record line's table, record id and parsed document."""

LineIndex = dict[bytes, Row]
"""Every record line of one version of the file (with its trailing comma, if any)."""

_COMMA = ord(",")


def _table_head(line: bytes) -> tuple[str, bool, bytes] | None:
    """('name', empty, closing) for a table's first line: `"name": {`, `"name": {}` or
    `"name": {},`; None for anything else."""
    if line.endswith(b": {"):
        name, empty, closing = line[:-3], False, b""
    elif line.endswith(b": {}"):
        name, empty, closing = line[:-4], True, b"}"
    elif line.endswith(b": {},"):
        name, empty, closing = line[:-5], True, b"},"
    else:
        return None
    if not name.startswith(b'"'):
        return None
    try:
        text = orjson.loads(name)
    except orjson.JSONDecodeError:
        return None
    return (text, empty, closing) if isinstance(text, str) else None


def _parse_row(table: str, line: bytes) -> Row | None:
    if not line:
        return None
    body = line[:-1] if line[-1] == _COMMA else line
    try:
        member = orjson.loads(b"{" + body + b"}")
    except orjson.JSONDecodeError:
        return None
    if len(member) != 1:
        return None
    ((record_id, doc),) = member.items()
    return (table, record_id, doc) if isinstance(doc, dict) else None


def parse_changed(raw: bytes, index: LineIndex) -> tuple[dict[str, Any], LineIndex] | None:
    """The document in `raw` and its line index, parsing only lines not in `index`.

    None when `raw` is not laid out as our encoder writes it.
    """
    return _walk(raw, index, None)


def index_of(raw: bytes, document: dict[str, Any]) -> LineIndex | None:
    """The line index of `raw`, whose parsed document is `document` (pairs, not parses)."""
    walked = _walk(raw, None, document)
    return walked[1] if walked is not None else None


def _walk(
    raw: bytes, index: LineIndex | None, document: dict[str, Any] | None
) -> tuple[dict[str, Any], LineIndex] | None:
    """Check the encoder's layout line by line and give each record line its document:
    from `index` or parsed (reading), or the next one of `document` (pairing)."""
    lines = raw.split(b"\n")
    last = len(lines) - 2  # the closing brace; after it, the empty end of the final newline
    if last < 1 or lines[0] != b"{" or lines[last] != b"}" or lines[-1] != b"":
        return None
    out: dict[str, Any] = {}
    new_index: LineIndex = {}
    i = 1
    while i < last:
        head = _table_head(lines[i])
        if head is None or head[0] in out:
            return None
        name, empty, closing = head
        table: dict[str, Any] = {}
        out[name] = table
        i += 1
        if empty:
            if (closing == b"}") != (i == last):
                return None
            continue
        if document is not None:
            source = document.get(name)
            if not isinstance(source, dict):
                return None
            pairs = iter(source.items())
        while True:
            if i >= last:
                return None
            line = lines[i]
            if document is not None:
                pair = next(pairs, None)
                if pair is None or not line.startswith(b" " + orjson.dumps(pair[0]) + b": "):
                    return None
                row: Row | None = (name, pair[0], pair[1])
            else:
                row = index.get(line) if index is not None else None
                if row is None or row[0] != name:
                    row = _parse_row(name, line)
                    if row is None:
                        return None
            record_id = row[1]  # type: ignore[index]
            if record_id in table:
                return None
            table[record_id] = row[2]  # type: ignore[index]
            new_index[line] = row  # type: ignore[assignment]
            i += 1
            if not line or line[-1] != _COMMA:
                break
        if document is not None and next(pairs, None) is not None:
            return None
        if i >= last or lines[i] not in (b"}", b"},") or (lines[i] == b"}") != (i + 1 == last):
            return None
        i += 1
    if document is not None and len(out) != len(document):
        return None
    return out, new_index
