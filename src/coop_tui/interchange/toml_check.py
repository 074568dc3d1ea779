"""A parsed TOML document checked against the model before it becomes a plan.

Every key must be one the model knows, every value of the right type and
length, every id usable and unique, every reference between records must
resolve, and each record must pass the same `validate` the app applies when
saving. Problems are collected with their TOML path (``actions[3].lead``) and
reported together, up to MAX_PROBLEMS.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
import types
import typing
from typing import Any

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import MAX_TEXT, validate
from coop_tui.i18n import LANGUAGES
from coop_tui.interchange.toml_io import (
    FORMAT,
    MAX_ID,
    MAX_RECORDS,
    SCHEMA,
    ImportedPlan,
    ImportProblem,
    TomlImportError,
    shown,
)

MAX_ITEMS = 1_000
"""Longest list (skills, partners…) or table (approvals) accepted in one field."""
MAX_NUMBER = 1e15
MAX_PROBLEMS = 200
"""Past this many, a file is not worth listing more of what is wrong with it."""
MAX_OBJECTIVE_DEPTH = 8
"""Shared → operational is 2 levels; deeper chains only make every lookup slower."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")


class _Enough(Exception):
    """MAX_PROBLEMS reached: stop looking."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[ImportProblem] = []

    def add(self, where: str, key: str, **values: Any) -> None:
        self.items.append(ImportProblem(where, key, values))
        if len(self.items) >= MAX_PROBLEMS:
            raise _Enough


def _path(where: str, key: Any) -> str:
    """`where.key`, the key quoted (and shortened) when it is not a plain word."""
    name = str(key)
    part = name if _BARE_KEY.fullmatch(name) else '"' + shown(name) + '"'
    return f"{where}.{part}" if where else part


def _found(value: Any) -> str:
    """The TOML name of a value's type (translated by `ImportProblem.text`)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, list):
        return "array"
    return "table"


def _convert(hint: Any, value: Any, where: str, problems: _Problems) -> Any:
    """Check `value` against the type `hint`; return the typed value (or None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value, where, problems)
    if origin is tuple:
        if not isinstance(value, list):
            problems.add(where, "exports.import.expected_list", found=_found(value))
            return ()
        if len(value) > MAX_ITEMS:
            problems.add(where, "exports.import.too_many_items", max=MAX_ITEMS)
            return ()
        inner_hint = typing.get_args(hint)[0]
        return tuple(
            _convert(inner_hint, v, f"{where}[{i}]", problems) for i, v in enumerate(value)
        )
    if origin is dict:
        if not isinstance(value, dict):
            problems.add(where, "exports.import.expected_table", found=_found(value))
            return {}
        if len(value) > MAX_ITEMS:
            problems.add(where, "exports.import.too_many_items", max=MAX_ITEMS)
            return {}
        _, inner_hint = typing.get_args(hint)
        return {k: _convert(inner_hint, v, _path(where, k), problems) for k, v in value.items()}
    if hint is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        problems.add(where, "exports.import.expected_date", found=_found(value))
        return None
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.add(where, "exports.import.expected_number", found=_found(value))
            return None
        if value != value or abs(value) > MAX_NUMBER:
            problems.add(where, "exports.import.out_of_range", max="10^15")
            return None
        return float(value)
    if hint is bool:
        if not isinstance(value, bool):
            problems.add(where, "exports.import.expected_bool", found=_found(value))
            return None
        return value
    if hint is str:
        if not isinstance(value, str):
            problems.add(where, "exports.import.expected_text", found=_found(value))
            return ""
        if len(value) > MAX_TEXT:
            problems.add(where, "problem.too_long", max=MAX_TEXT)
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(where, "exports.import.expected_whole", found=_found(value))
            return 0
        if abs(value) > MAX_NUMBER:
            problems.add(where, "exports.import.out_of_range", max="10^15")
            return 0
        return value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            choices = ", ".join(m.value for m in hint)
            problems.add(where, "exports.import.expected_choice", choices=choices)
            return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, where, problems, skip=())
    problems.add(where, "exports.import.unusable")  # pragma: no cover
    return None


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """Type hints and fields of a dataclass, worked out once (get_type_hints is slow)."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def _build(cls: type, value: Any, where: str, problems: _Problems, skip: tuple[str, ...]) -> Any:
    """An instance of the dataclass `cls` from a TOML table, or None."""
    if not isinstance(value, dict):
        problems.add(where, "exports.import.expected_table", found=_found(value))
        return None
    hints, all_fields = _shape(cls)
    fields = {name: f for name, f in all_fields.items() if name not in skip}
    for key in value:
        if key not in fields:
            problems.add(_path(where, key), "exports.import.unknown_key")
    missing = False
    for name, f in fields.items():
        no_default = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if no_default and name not in value:
            problems.add(_path(where, name), "problem.required")
            missing = True
    kwargs = {
        key: _convert(hints[key], val, _path(where, key), problems)
        for key, val in value.items()
        if key in fields
    }
    if missing:
        return None
    kwargs = {k: v for k, v in kwargs.items() if v is not None or k == "realistic"}
    return cls(**kwargs)


def check_document(doc: dict[str, Any]) -> ImportedPlan:
    """The plan and records of a parsed document, or `TomlImportError` with every problem."""
    problems = _Problems()
    try:
        plan, records = _read_document(doc, problems)
        if not problems.items:
            _check_references(plan, records, problems)
    except _Enough:
        problems.items.append(ImportProblem("", "exports.import.too_many", {"max": MAX_PROBLEMS}))
    if problems.items:
        raise TomlImportError(problems.items)
    return ImportedPlan(plan, records)


def _read_document(doc: dict[str, Any], problems: _Problems) -> tuple[Plan, list[Record]]:
    if doc.get("format") != FORMAT:
        problems.add("format", "exports.import.format", expected=FORMAT)
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema != SCHEMA:
        problems.add("schema", "exports.import.schema", expected=SCHEMA)
    allowed = {"format", "schema", "plan", *ENTITY_TYPES}
    for key in doc:
        if key not in allowed:
            problems.add(_path("", key), "exports.import.unknown_key")
    plan = _build(Plan, doc.get("plan", {}), "plan", problems, skip=("id", "rev")) or Plan()
    if plan.language not in ("", *LANGUAGES):
        problems.add("plan.language", "exports.import.expected_choice", choices="fr, en")
    phase_ids: set[str] = set()
    for index, phase in enumerate(plan.phases):
        if phase is not None and phase.id in phase_ids:
            problems.add(f"plan.phases[{index}].id", "exports.import.duplicate_phase",
                         id=shown(phase.id))  # fmt: skip
        phase_ids.add(phase.id if phase is not None else "")
    records: list[Record] = []
    seen: dict[str, str] = {}
    count = 0
    for name, cls in ENTITY_TYPES.items():
        items = doc.get(name, [])
        if not isinstance(items, list):
            problems.add(name, "exports.import.expected_records", name=name)
            continue
        for index, item in enumerate(items):
            where = f"{name}[{index}]"
            count += 1
            if count > MAX_RECORDS:
                problems.add(where, "exports.import.too_many_records", max=MAX_RECORDS)
                return plan, records
            record = _build(cls, item, where, problems, skip=("rev",))
            if record is None:
                continue
            if not isinstance(record.id, str) or not record.id.strip():
                problems.add(f"{where}.id", "problem.required")
                continue
            if len(record.id) > MAX_ID or not record.id.isprintable():
                problems.add(f"{where}.id", "exports.import.bad_id", max=MAX_ID)
                continue
            if record.id in seen:
                problems.add(f"{where}.id", "exports.import.duplicate_id",
                             id=shown(record.id), other=seen[record.id])  # fmt: skip
                continue
            seen[record.id] = where
            records.append(record)
    return plan, records


def _check_references(plan: Plan, records: list[Record], problems: _Problems) -> None:
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    where: dict[str, str] = {}
    index = {name: 0 for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
        where[record.id] = f"{record.TABLE}[{index[record.TABLE]}]"
        index[record.TABLE] += 1
    data = PlanData(plan=plan, **tables)  # type: ignore[arg-type]
    _check_objective_depth(data, where, problems)
    if problems.items:
        return
    for problem in validate(plan, data):
        problems.add(f"plan.{problem.field}", problem.key, **_shown_values(problem.values))
    for record in records:
        # One snapshot for every record: its code and name indexes are built once.
        for problem in validate(record, data):
            problems.add(
                f"{where[record.id]}.{problem.field}", problem.key, **_shown_values(problem.values)
            )


def _check_objective_depth(data: PlanData, where: dict[str, str], problems: _Problems) -> None:
    """Refuse parent chains deeper than MAX_OBJECTIVE_DEPTH, in one pass (cycles stop it)."""
    depth: dict[str, int] = {}
    for start in data.objectives.values():
        chain: list[str] = []
        current = start
        while current.id not in depth and current.id not in chain:
            chain.append(current.id)
            parent = data.objectives.get(current.parent) if current.parent else None
            if parent is None:
                break
            current = parent
        base = depth.get(current.id, 0) if current.id not in chain else 0
        for offset, oid in enumerate(reversed(chain)):
            depth[oid] = base + offset + 1
        if depth[start.id] > MAX_OBJECTIVE_DEPTH:
            problems.add(f"{where[start.id]}.parent", "exports.import.too_deep_objectives",
                         max=MAX_OBJECTIVE_DEPTH)  # fmt: skip
            return


def _shown_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: shown(v) if isinstance(v, str) else v for k, v in values.items()}


__all__ = ["MAX_ITEMS", "MAX_PROBLEMS", "check_document"]
