"""TOML: the complete, human-editable interchange format of a plan.

Export then import gives back the same plan, ids included, and exporting that
again gives the same text. Import treats the file as hostile: size capped
before parsing, every key and type checked against the model, references
between records checked; every problem is reported with where it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import tomllib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import tomli_w

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.domain.validation import MAX_TEXT, validate

FORMAT = "coop-tui-plan"
SCHEMA = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""A plan of 5,000 actions is about 2 MB of TOML; anything far past that is refused."""
MAX_RECORDS = 50_000
MAX_ID = 64


class TomlImportError(Exception):
    """The TOML file cannot be imported; `problems` says what and where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:20]) + (" …" if len(problems) > 20 else ""))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportedPlan:
    plan: Plan
    records: list[Record]


# --- export ----------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """TOML-ready value: no None (TOML has no null), empty values left out."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    return value


def _fields(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        if value is None or value == "" or value == () or value == {}:
            continue
        cleaned = _clean(value)
        if cleaned == {}:
            continue
        out[f.name] = cleaned
    return out


def to_toml(data: PlanData) -> str:
    """The whole plan as TOML, records in a stable order."""
    doc: dict[str, Any] = {"format": FORMAT, "schema": SCHEMA}
    doc["plan"] = _fields(data.plan, skip=("id", "rev"))
    for name in ENTITY_TYPES:
        records = list(data.table(name).values())
        records.sort(key=lambda r: (natural_key(getattr(r, "code", "")), r.id))
        if records:
            doc[name] = [{"id": r.id, **_fields(r, skip=("id", "rev"))} for r in records]
    return tomli_w.dumps(doc)


# --- import ----------------------------------------------------------------------


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(hint) if a is not type(None))
    if origin is tuple:
        return f"list of {_type_name(typing.get_args(hint)[0])}"
    if origin is dict:
        return "table"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of " + ", ".join(m.value for m in hint)
    return {str: "text", float: "number", bool: "true/false", dt.date: "date"}.get(
        hint, getattr(hint, "__name__", str(hint))
    )


def _convert(hint: Any, value: Any, where: str, problems: list[str]) -> Any:
    """Check `value` against the type `hint`; return the typed value (or None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value, where, problems)
    if origin is tuple:
        inner_hint = typing.get_args(hint)[0]
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list, found {type(value).__name__}")
            return ()
        return tuple(_convert(inner_hint, v, f"{where}[{i}]", problems) for i, v in enumerate(value))
    if origin is dict:
        _, inner_hint = typing.get_args(hint)
        if not isinstance(value, dict):
            problems.append(f"{where}: expected a table, found {type(value).__name__}")
            return {}
        return {
            str(k): _convert(inner_hint, v, f"{where}.{k}", problems) for k, v in value.items()
        }
    if hint is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        problems.append(f"{where}: expected a date like 2026-03-15")
        return None
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{where}: expected a number")
            return None
        if abs(value) > 1e15 or value != value:
            problems.append(f"{where}: number out of range")
            return None
        return float(value)
    if hint is bool:
        if not isinstance(value, bool):
            problems.append(f"{where}: expected true or false")
            return None
        return value
    if hint is str:
        if not isinstance(value, str):
            problems.append(f"{where}: expected text, found {type(value).__name__}")
            return ""
        if len(value) > MAX_TEXT:
            problems.append(f"{where}: text longer than {MAX_TEXT} characters")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 1e15:
            problems.append(f"{where}: expected a whole number")
            return 0
        return value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            problems.append(f"{where}: expected {_type_name(hint)}")
            return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, where, problems, skip=())
    problems.append(f"{where}: unsupported value")  # pragma: no cover
    return None


def _build(cls: type, value: Any, where: str, problems: list[str], skip: tuple[str, ...]) -> Any:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a table, found {type(value).__name__}")
        return None
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.name not in skip]
    for key in value:
        if key not in names:
            problems.append(f"{where}.{key}: unknown key")
    kwargs = {
        key: _convert(hints[key], val, f"{where}.{key}", problems)
        for key, val in value.items()
        if key in names
    }
    kwargs = {k: v for k, v in kwargs.items() if v is not None or k in ("realistic",)}
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        problems.append(f"{where}: {exc}")
        return None


def parse_toml(text: str | bytes) -> ImportedPlan:
    """Parse and check a TOML plan; raise `TomlImportError` listing every problem."""
    if isinstance(text, str):
        text = text.encode("utf-8")
    if len(text) > MAX_IMPORT_BYTES:
        raise TomlImportError([f"file larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB"])
    try:
        doc = tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise TomlImportError(["the file is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise TomlImportError([f"not valid TOML: {exc}"]) from None
    except (RecursionError, ValueError) as exc:
        raise TomlImportError([f"not a usable TOML file: {type(exc).__name__}"]) from None
    return _check_document(doc)


def _check_document(doc: dict[str, Any]) -> ImportedPlan:
    problems: list[str] = []
    if doc.get("format") != FORMAT:
        problems.append(f"format: expected {FORMAT!r}")
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema != SCHEMA:
        problems.append(f"schema: expected {SCHEMA}")
    allowed = {"format", "schema", "plan", *ENTITY_TYPES}
    for key in doc:
        if key not in allowed:
            problems.append(f"{key}: unknown key")
    plan = _build(Plan, doc.get("plan", {}), "plan", problems, skip=("id", "rev"))
    if plan is None:
        plan = Plan()
    records: list[Record] = []
    seen: dict[str, str] = {}
    count = 0
    for name, cls in ENTITY_TYPES.items():
        items = doc.get(name, [])
        if not isinstance(items, list):
            problems.append(f"{name}: expected an array of tables ([[{name}]])")
            continue
        for index, item in enumerate(items):
            count += 1
            where = f"{name}[{index}]"
            if count > MAX_RECORDS:
                problems.append(f"{where}: more than {MAX_RECORDS} records")
                break
            record = _build(cls, item, where, problems, skip=("rev",))
            if record is None:
                continue
            if not isinstance(record.id, str) or not record.id.strip():
                problems.append(f"{where}.id: required")
                continue
            if len(record.id) > MAX_ID or not record.id.isprintable():
                problems.append(f"{where}.id: not a usable id")
                continue
            if record.id in seen:
                problems.append(f"{where}.id: duplicate id {record.id!r} (also {seen[record.id]})")
                continue
            seen[record.id] = where
            records.append(record)
    if problems:
        raise TomlImportError(problems)
    _check_references(plan, records, problems)
    if problems:
        raise TomlImportError(problems)
    return ImportedPlan(plan, records)


def _check_references(plan: Plan, records: list[Record], problems: list[str]) -> None:
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
    data = PlanData(plan=plan, **tables)  # type: ignore[arg-type]
    index = {name: 0 for name in ENTITY_TYPES}
    for problem in validate(plan, data):
        problems.append(f"plan.{problem.field}: {problem.code}")
    for record in records:
        where = f"{record.TABLE}[{index[record.TABLE]}]"
        index[record.TABLE] += 1
        for problem in validate(record, data):
            detail = problem.values.get("value", "")
            suffix = f" ({detail})" if detail else ""
            problems.append(f"{where}.{problem.field}: {problem.code}{suffix}")


__all__ = ["ImportedPlan", "TomlImportError", "parse_toml", "to_toml"]
