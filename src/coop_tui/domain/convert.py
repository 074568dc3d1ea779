"""Between records and their JSON documents: checked loading and dumping.

Reading a plan of 5,000 actions loads every stored document once, so the loader
is the hot path of every read. For each class it is compiled once, from the
field types: straight-line code that checks each value's type inline and fills
the record's slots directly. A value of the wrong type raises TypeError or
ValueError (a damaged file is not data); unknown keys are ignored; a missing
key takes the field's default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

Loader = Callable[..., Any]

_LOADERS: dict[type, Loader] = {}
_DATES: dict[str, dt.date] = {}
"""ISO text -> date: a plan repeats the same few hundred dates thousands of times."""


def loader(cls: type, *, keyed: bool) -> Loader:
    """The compiled loader of dataclass `cls`.

    `keyed`: a stored record, called as `load(record_id, doc)`: the id is the
    table's key, not a field of the document. Otherwise (a value nested in a
    record) called as `load(value)`, which must be a JSON object.
    """
    load = _LOADERS.get(cls)
    if load is None:
        load = _LOADERS[cls] = _compile(cls, keyed)
    return load


def dump(value: Any) -> Any:
    """A dataclass value as JSON-ready data (enums by value, dates in ISO)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


# --- the checks the compiled code calls --------------------------------------------


def _bad(expected: str, value: Any) -> TypeError:
    return TypeError(f"expected {expected}, found {type(value).__name__}")


def _whole(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad("a whole number", value)
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad("a number", value)
    return float(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        date = _DATES.get(value)
        if date is None:
            date = dt.date.fromisoformat(value)
            if len(_DATES) < 20_000:
                _DATES[value] = date
        return date
    return dt.date.fromisoformat(value)  # raises TypeError, as before


def _list(value: Any) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise _bad("a list", value)
    return value


def _table(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise _bad("a table", value)
    return value


def _converter(hint: Any) -> Callable[[Any], Any]:
    """A function turning one JSON value into a value of type `hint` (for nested values)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(_not_none(hint))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        return lambda v: tuple([item(x) for x in _list(v)])
    if origin is dict:
        value_of = _converter(typing.get_args(hint)[1])
        return lambda v: {str(k): value_of(x) for k, x in _table(v).items()}
    simple = _SIMPLE.get(hint)
    if simple is not None:
        return simple
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return loader(hint, keyed=False)
    return _identity


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _bad("text", value)
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _bad("true or false", value)
    return value


def _identity(value: Any) -> Any:
    return value


_SIMPLE: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    int: _whole,
    float: _number,
    bool: _flag,
    dt.date: _date,
}


def _not_none(hint: Any) -> Any:
    return next(a for a in typing.get_args(hint) if a is not type(None))


# --- compiling a loader ------------------------------------------------------------


def _check(hint: Any, env: dict[str, Any], tag: str) -> list[str]:
    """Statements that check (and convert) `v` in place as a value of type `hint`."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _check(_not_none(hint), env, tag)
        return ["if v is not None:", *("    " + line for line in inner)]
    if hint is str:
        return ["if not isinstance(v, str): raise _bad('text', v)"]
    if hint is bool:
        return ["if v.__class__ is not bool: raise _bad('true or false', v)"]
    if hint is int:
        return ["if v.__class__ is not int: v = _whole(v)"]
    if hint is float:
        return ["if v.__class__ is not float: v = _number(v)"]
    if hint is dt.date:
        return [
            "if v.__class__ is not _date_type:",
            "    d = _known_date(v) if v.__class__ is str else None",
            "    v = _date(v) if d is None else d",
        ]
    if origin is tuple and typing.get_args(hint)[0] is str:
        return [
            "if v.__class__ is not list: v = _list(v)",
            "v = tuple(v)",
            "for x in v:",
            "    if not isinstance(x, str): raise _bad('text', x)",
        ]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        env[f"_members_{tag}"] = hint._value2member_map_
        env[f"_enum_{tag}"] = hint
        return [
            "try:",
            f"    v = _members_{tag}[v]",
            "except (KeyError, TypeError):",
            f"    v = _enum_{tag}(v)",
        ]
    env[f"_convert_{tag}"] = _converter(hint)
    return [f"v = _convert_{tag}(v)"]


def _compile(cls: type, keyed: bool) -> Loader:
    env: dict[str, Any] = {
        "_cls": cls,
        "_new": object.__new__,
        "_missing": dataclasses.MISSING,
        "_bad": _bad,
        "_whole": _whole,
        "_number": _number,
        "_date": _date,
        "_date_type": dt.date,
        "_known_date": _DATES.get,
        "_list": _list,
        "_table": _table,
    }
    hints = typing.get_type_hints(cls)
    if keyed:
        lines = ["def load(record_id, doc, /):", "    new = _new(_cls)"]
    else:
        lines = [
            "def load(doc, /):",
            "    if doc.__class__ is not dict: _table(doc)",
            "    new = _new(_cls)",
        ]
    for i, f in enumerate(dataclasses.fields(cls)):
        env[f"_set{i}"] = _setter(cls, f.name)
        if keyed and f.name == "id":
            lines.append(f"    _set{i}(new, record_id)")
            continue
        if f.default is not dataclasses.MISSING:
            env[f"_default{i}"] = f.default
            missing = f"v = _default{i}"
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory{i}"] = f.default_factory
            missing = f"v = _factory{i}()"
        else:
            missing = f"raise TypeError('missing {f.name}')"
        lines += [
            "    try:",
            f"        v = doc[{f.name!r}]",
            "    except KeyError:",
            f"        {missing}",
            "    else:",
            *("        " + line for line in _check(hints[f.name], env, str(i))),
            f"    _set{i}(new, v)",
        ]
    lines.append("    return new")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), env, namespace)  # noqa: S102 - our own code, from the field types
    return namespace["load"]  # type: ignore[no-any-return]


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The fastest way to fill field `name` of a new instance, frozen or not."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, types.MemberDescriptorType):
            return slot.__set__
    return lambda obj, value: object.__setattr__(obj, name, value)
