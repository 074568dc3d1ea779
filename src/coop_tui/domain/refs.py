"""References between records, read from one table (`model.REFERENCES`).

Three things walk them: deleting a record (what points at it must let go),
importing or migrating a plan (ids are renumbered, references follow), and
checking that every reference resolves. One description, one walker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from msgspec import Struct

from coop_tui.domain.model import FROZEN_REFERENCES, REFERENCES, Record, replace

Mapper = Callable[[str, str], str | None]
"""(table, id) -> the id to put instead, or None to drop the reference."""


def references(record: Record, *, frozen: bool = False) -> Iterator[tuple[str, str, str]]:
    """Every (field path, table, id) the record refers to (empty ids left out);
    the references that record the past only with `frozen`."""
    for path, table in REFERENCES.get(record.TABLE, {}).items():
        if not frozen and (record.TABLE, path) in FROZEN_REFERENCES:
            continue
        for ref in _values(record, path.split(".")):
            if ref:
                yield path, table, ref


def _values(value: Any, parts: list[str]) -> Iterator[str]:
    head, rest = parts[0], parts[1:]
    if head == "*key":
        yield from value
        return
    inner = getattr(value, head)
    if not rest:
        if isinstance(inner, str):
            yield inner
        else:
            yield from inner
        return
    if isinstance(inner, dict) and rest[0] == "*key":
        yield from inner
        return
    for item in _items(inner):
        yield from _values(item, rest)


def _items(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, tuple | list):
        return list(value)
    return [value]


def remap(record: Record, mapper: Mapper, *, frozen: bool = True) -> Record:
    """The record with each reference mapped (None drops it); the same object if
    nothing changes. Without `frozen`, the references that record the past stay."""
    out: Any = record
    for path, table in REFERENCES.get(record.TABLE, {}).items():
        if not frozen and (record.TABLE, path) in FROZEN_REFERENCES:
            continue
        out = _remap(out, path.split("."), table, mapper)
    return out  # type: ignore[no-any-return]


def _remap(value: Any, parts: list[str], table: str, mapper: Mapper) -> Any:
    head, rest = parts[0], parts[1:]
    inner = getattr(value, head)
    if not rest:
        new = _map_leaf(inner, table, mapper)
    elif rest == ["*key"]:
        new = _map_keys(inner, table, mapper)
    elif isinstance(inner, dict):
        new = {k: _remap(v, rest, table, mapper) for k, v in inner.items()}
    elif isinstance(inner, tuple):
        new = tuple(_remap(v, rest, table, mapper) for v in inner)
    elif isinstance(inner, Struct):
        new = _remap(inner, rest, table, mapper)
    else:  # pragma: no cover - REFERENCES names a field of another shape
        raise TypeError(f"cannot follow {head!r} in {type(value).__name__}")
    if new == inner:
        return value
    return replace(value, **{head: new})


def _map_leaf(inner: Any, table: str, mapper: Mapper) -> Any:
    if isinstance(inner, str):
        if not inner:
            return inner
        mapped = mapper(table, inner)
        return "" if mapped is None else mapped
    kept = (mapper(table, v) if v else v for v in inner)
    return tuple(v for v in kept if v is not None)


def _map_keys(inner: dict[str, Any], table: str, mapper: Mapper) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in inner.items():
        mapped = mapper(table, key)
        if mapped is not None:
            out[mapped] = value
    return out
