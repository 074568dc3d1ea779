"""A new version of the plan file, read by its changed lines only.

Our encoder (schema.encode) writes one record a line. When another process
commits, a few lines change (a record, the revision, a history entry) among
thousands. With the previous version's lines at hand, each unchanged line
gives back the very document parsed from it before: nothing to parse, and,
since loading a record is a pure function of its document, nothing to check
again (see reading.verified_data). Only new lines are parsed, and a table
whose lines are all unchanged is the previous table itself.

The result is exactly what parsing the whole file gives, or None: any file not
laid out line for line as the encoder writes it (edited by hand, reformatted,
damaged, duplicate keys) is left to the full parser, which also says what is
wrong with it.
"""

from __future__ import annotations

from typing import Any

import orjson

Row = tuple[str, dict[str, Any]]
"""A record line's record id and parsed document."""

LineIndex = dict[str, dict[bytes, Row]]
"""Table -> each record line of one version of the file (with its trailing comma,
if any) -> its row, in the file's order."""


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


def _parse_row(line: bytes) -> Row | None:
    if not line:
        return None
    body = line[:-1] if line.endswith(b",") else line
    try:
        member = orjson.loads(b"{" + body + b"}")
    except orjson.JSONDecodeError:
        return None
    if len(member) != 1:
        return None
    ((record_id, doc),) = member.items()
    return (record_id, doc) if isinstance(doc, dict) else None


def parse_changed(
    raw: bytes, index: LineIndex, previous: dict[str, Any] | None = None
) -> tuple[dict[str, Any], LineIndex] | None:
    """The document in `raw` and its line index, parsing only lines not in `index`
    (the index of `previous`, whose unchanged tables are taken as they are).

    None when `raw` is not laid out as our encoder writes it.
    """
    return _walk(raw, index, previous, None)


def index_of(raw: bytes, document: dict[str, Any]) -> LineIndex | None:
    """The line index of `raw`, whose parsed document is `document` (pairs, not parses)."""
    walked = _walk(raw, None, None, document)
    return walked[1] if walked is not None else None


def _walk(
    raw: bytes,
    index: LineIndex | None,
    previous: dict[str, Any] | None,
    document: dict[str, Any] | None,
) -> tuple[dict[str, Any], LineIndex] | None:
    """Check the encoder's layout table by table, and give each record line its row:
    from `index` or parsed (reading), or the next one of `document` (pairing).

    The layout: `{`, then per table a head line and its record lines, each but the
    last ending with a comma, then `}` or `},` (`}` after the last table only), and
    a last `}` and newline. Lines are split and searched in C, not walked one by one.
    """
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
        i += 1
        if empty:
            if (closing == b"}") != (i == last):
                return None
            out[name] = {}
            new_index[name] = {}
            continue
        try:
            j = lines.index(b"},", i, last)
        except ValueError:
            j = last
        try:
            j = lines.index(b"}", i, j)  # "}" ends the last table only
        except ValueError:
            pass
        if j >= last or j == i or (lines[j] == b"}") != (j + 1 == last):
            return None
        rows_lines = lines[i:j]
        i = j + 1
        if rows_lines[-1].endswith(b","):
            return None  # a comma after a table's last record
        if document is not None:
            table = _paired(rows_lines, document.get(name))
            if table is None:
                return None
            out[name] = table
            new_index[name] = dict(zip(rows_lines, table.items(), strict=True))
            continue
        known = index.get(name, {}) if index is not None else {}
        get = known.get
        rows = [get(line) for line in rows_lines]
        if previous is not None and name in previous and rows == list(known.values()):
            out[name] = previous[name]  # every line as before: the very same table
            new_index[name] = known
            continue
        # A known line has the comma it had; only the one that ended the table then
        # has none, and it may not stand before the end now. New lines are checked.
        ended = next(reversed(known), None)
        if ended is not None:
            try:
                rows_lines.index(ended, 0, len(rows) - 1)
            except ValueError:
                pass
            else:
                return None
        if None in rows:
            for k, row in enumerate(rows):
                if row is None:
                    line = rows_lines[k]
                    row = _parse_row(line)
                    if row is None or (k < len(rows) - 1 and not line.endswith(b",")):
                        return None
                    rows[k] = row
        table = dict(rows)
        if len(table) != len(rows):
            return None  # the same record id twice
        out[name] = table
        new_index[name] = dict(zip(rows_lines, rows, strict=True))
    if document is not None and len(out) != len(document):
        return None
    return out, new_index


def _paired(rows_lines: list[bytes], table: Any) -> dict[str, Any] | None:
    """`table` itself when its records are, in order, the ids on `rows_lines`."""
    if not isinstance(table, dict) or len(table) != len(rows_lines):
        return None
    if not all(line.endswith(b",") for line in rows_lines[:-1]):
        return None
    dumps = orjson.dumps
    for line, record_id in zip(rows_lines, table, strict=True):
        if not line.startswith(b" " + dumps(record_id) + b": "):
            return None
    return table
