"""A parsed TOML document checked against the model before it becomes a plan.

Every key must be one the model knows, every value of the right type (msgspec
types each field, and its complaint is said in our words, with where it is),
every id usable and unique, every reference between records must resolve, and
each record must pass the same `validate` the app applies when saving. Problems
are collected with their TOML path (``actions[3].lead``) and reported
together, up to MAX_PROBLEMS. Ids are then renumbered the way the plan file
keeps them, references following.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec
import msgspec.inspect
from msgspec import Struct

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.upgrade import renumber, upgrade_v1
from coop_tui.domain.validation import validate
from coop_tui.interchange.toml_io import (
    FORMAT,
    MAX_ID,
    MAX_RECORDS,
    SCHEMAS,
    ImportedPlan,
    ImportProblem,
    TomlImportError,
    shown,
)

MAX_ITEMS = 1_000
"""Longest list (skills, partners…) or table (approvals) accepted in one field."""
MAX_PROBLEMS = 200
"""Past this many, a file is not worth listing more of what is wrong with it."""
MAX_OBJECTIVE_DEPTH = 8
"""Shared → operational is 2 levels; deeper chains only make every lookup slower."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")
_EXPECTED = re.compile(r"^Expected `([^`]+)`, got `([^`]+)`")
_MISSING = re.compile(r"^Object missing required field `([^`]+)`")
_AT = re.compile(r" - at `\$(.*)`$")

#: msgspec's name of an expected type -> our message key.
_EXPECTATIONS = {
    "str": "exports.import.expected_text",
    "int": "exports.import.expected_whole",
    "float": "exports.import.expected_number",
    "bool": "exports.import.expected_bool",
    "date": "exports.import.expected_date",
    "array": "exports.import.expected_list",
    "object": "exports.import.expected_table",
}
#: msgspec's name of what it found -> our name of a TOML value (see `_found`).
_FOUND = {
    "str": "string",
    "int": "integer",
    "float": "float",
    "bool": "boolean",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "array": "array",
    "object": "table",
}


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


def _msgspec_path(where: str, at: str) -> str:
    """`$.remedies[0].skill` (msgspec) below `actions[3]` -> `actions[3].remedies[0].skill`."""
    return where + re.sub(r"\[\.\.\.\]", "", at)


_TOML_NATIVE = (dt.date, dt.datetime, dt.time)
"""TOML has its own dates: text is never taken for one."""


def _convert(cls: type[Struct], value: dict[str, Any], where: str, problems: _Problems) -> Any:
    """`value` typed as `cls`, each wrong field reported; None if any was wrong."""
    wrong = _unknown_keys(msgspec.inspect.type_info(cls), value, where, problems)
    for key, item in value.items():
        if key not in cls.__struct_fields__:
            continue
        if _too_many(item):
            problems.add(_path(where, key), "exports.import.too_many_items", max=MAX_ITEMS)
            wrong = True
            continue
        try:
            msgspec.convert({key: item}, cls, builtin_types=_TOML_NATIVE)
        except msgspec.ValidationError as exc:
            _report(exc, where, problems)
            wrong = True
    if wrong:
        return None
    try:
        return msgspec.convert(value, cls, builtin_types=_TOML_NATIVE)
    except msgspec.ValidationError as exc:  # a required field missing
        _report(exc, where, problems)
        return None


def _unknown_keys(info: Any, value: Any, where: str, problems: _Problems) -> bool:
    """Report every key the model does not know, in nested tables too; True if any."""
    if isinstance(info, msgspec.inspect.StructType):
        if not isinstance(value, dict):
            return False
        fields = {f.name: f.type for f in info.fields}
        found = False
        for key, item in value.items():
            if key not in fields:
                problems.add(_path(where, key), "exports.import.unknown_key")
                found = True
            else:
                found |= _unknown_keys(fields[key], item, _path(where, key), problems)
        return found
    if isinstance(info, msgspec.inspect.UnionType):
        return any(_unknown_keys(t, value, where, problems) for t in info.types)
    if isinstance(info, msgspec.inspect.VarTupleType | msgspec.inspect.ListType) and isinstance(
        value, list
    ):
        return any(
            _unknown_keys(info.item_type, item, f"{where}[{n}]", problems)
            for n, item in enumerate(value)
        )
    if isinstance(info, msgspec.inspect.DictType) and isinstance(value, dict):
        return any(
            _unknown_keys(info.value_type, item, _path(where, key), problems)
            for key, item in value.items()
        )
    return False


def _too_many(value: Any) -> bool:
    if isinstance(value, list | dict):
        if len(value) > MAX_ITEMS:
            return True
        items = value.values() if isinstance(value, dict) else value
        return any(_too_many(v) for v in items)
    return False


def _report(exc: msgspec.ValidationError, where: str, problems: _Problems) -> None:
    """msgspec's complaint, said in our words at its place in the file."""
    text = str(exc)
    at = _AT.search(text)
    message = _AT.sub("", text)
    place = _msgspec_path(where, at.group(1)) if at else where
    if expected := _EXPECTED.match(message):
        wanted = expected.group(1).replace(" | null", "")
        found = _FOUND.get(expected.group(2), "table")
        key = _EXPECTATIONS.get(wanted)
        if key is not None:
            problems.add(place, key, found=found)
            return
    if missing := _MISSING.match(message):
        problems.add(_path(place, missing.group(1)), "problem.required")
        return
    if message.startswith("Invalid RFC3339"):
        problems.add(place, "exports.import.expected_date", found="string")
        return
    if message.startswith("Invalid enum value"):
        problems.add(place, "exports.import.expected_choice", choices=", ".join(Status))
        return
    problems.add(place, "exports.import.unusable")


def check_document(doc: dict[str, Any]) -> ImportedPlan:
    """The plan and records of a parsed document, or `TomlImportError` with every problem."""
    problems = _Problems()
    try:
        plan, records, where = _read_document(doc, problems)
        if not problems.items:
            _check_records(plan, records, where, problems)
    except _Enough:
        problems.items.append(ImportProblem("", "exports.import.too_many", {"max": MAX_PROBLEMS}))
    if problems.items:
        raise TomlImportError(problems.items)
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
    renumbered, next_id, ids = renumber(tables, keep_numbers=True)
    out = [r for table in renumbered.values() for r in table.values()]
    return ImportedPlan(plan, out, next_id, ids)


def _records_of(doc: dict[str, Any], problems: _Problems) -> dict[str, list[tuple[str, Any]]]:
    """Table -> (where, item) of each `[[table]]` entry."""
    out: dict[str, list[tuple[str, Any]]] = {}
    count = 0
    for name in ENTITY_TYPES:
        items = doc.get(name, [])
        if not isinstance(items, list):
            problems.add(name, "exports.import.expected_records", name=name)
            continue
        out[name] = []
        for index, item in enumerate(items):
            count += 1
            if count > MAX_RECORDS:
                problems.add(f"{name}[{index}]", "exports.import.too_many_records", max=MAX_RECORDS)
                return out
            out[name].append((f"{name}[{index}]", item))
    return out


Places = dict[tuple[str, str], str]
"""(table, id) -> where the record is in the file (`actions[3]`)."""


def _read_document(doc: dict[str, Any], problems: _Problems) -> tuple[Plan, list[Record], Places]:
    if doc.get("format") != FORMAT:
        problems.add("format", "exports.import.format", expected=FORMAT)
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema not in SCHEMAS:
        problems.add("schema", "exports.import.schema", expected=SCHEMAS[-1])
        return Plan(), [], {}
    allowed = {"format", "schema", "plan", *ENTITY_TYPES}
    for key in doc:
        if key not in allowed:
            problems.add(_path("", key), "exports.import.unknown_key")
    entries = _records_of(doc, problems)
    plan_doc = doc.get("plan", {})
    if not isinstance(plan_doc, dict):
        problems.add("plan", "exports.import.expected_table", found="array")
        plan_doc = {}
    where_of: Places = {}
    if schema == 1:
        plan_doc, entries = _upgrade(plan_doc, entries, problems)
    plan = _convert(Plan, {k: v for k, v in plan_doc.items() if k not in ("id", "rev")},
                    "plan", problems) or Plan()  # fmt: skip
    records: list[Record] = []
    for name, cls in ENTITY_TYPES.items():
        seen: dict[str, str] = {}
        for where, item in entries.get(name, []):
            if not isinstance(item, dict):
                problems.add(where, "exports.import.expected_table", found="array")
                continue
            rid = item.get("id")
            if rid is None or (isinstance(rid, str) and not rid.strip()):
                problems.add(f"{where}.id", "problem.required")
                continue
            if not isinstance(rid, str) or len(rid) > MAX_ID or not rid.isprintable():
                problems.add(f"{where}.id", "exports.import.bad_id", max=MAX_ID)
                continue
            if rid in seen:
                problems.add(f"{where}.id", "exports.import.duplicate_id", id=shown(rid),
                             other=seen[rid])  # fmt: skip
                continue
            seen[rid] = where
            where_of[(name, rid)] = where
            record = _convert(cls, {k: v for k, v in item.items() if k != "rev"}, where, problems)
            if record is not None:
                records.append(record)
    return plan, records, where_of


def _upgrade(
    plan_doc: dict[str, Any], entries: dict[str, list[tuple[str, Any]]], problems: _Problems
) -> tuple[dict[str, Any], dict[str, list[tuple[str, Any]]]]:
    """A schema-1 export in today's shape (its places in the file kept where they exist)."""
    tables: dict[str, dict[str, Any]] = {}
    places: dict[tuple[str, str], str] = {}
    for name, items in entries.items():
        tables[name] = {}
        for where, item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                tables[name][item["id"]] = {k: v for k, v in item.items() if k != "id"}
                places[(name, item["id"])] = where
    plan_doc, upgraded = upgrade_v1(plan_doc, tables)
    out: dict[str, list[tuple[str, Any]]] = {}
    for name, records in upgraded.items():
        out[name] = [
            (places.get((name, rid), f"plan.phases[{n}]" if name == "phases" else name),
             {"id": rid, **record})
            for n, (rid, record) in enumerate(records.items())
        ]  # fmt: skip
    return plan_doc, out


def _check_records(plan: Plan, records: list[Record], places: Places, problems: _Problems) -> None:
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
    data = PlanData(plan, 0, **tables)
    _check_objective_depth(data, places, problems)
    if problems.items:
        return
    for problem in validate(plan, data):
        problems.add(f"plan.{problem.field}", problem.key, **_shown_values(problem.values))
    for record in records:
        # One snapshot for every record: its code and name indexes are built once.
        for problem in validate(record, data):
            where = places.get((record.TABLE, record.id), record.TABLE)
            problems.add(f"{where}.{problem.field}", problem.key, **_shown_values(problem.values))


def _check_objective_depth(data: PlanData, places: Places, problems: _Problems) -> None:
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
            where = places.get(("objectives", start.id), "objectives")
            problems.add(f"{where}.parent", "exports.import.too_deep_objectives",
                         max=MAX_OBJECTIVE_DEPTH)  # fmt: skip
            return


def _shown_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: shown(v) if isinstance(v, str) else v for k, v in values.items()}


__all__ = ["MAX_ITEMS", "MAX_PROBLEMS", "check_document"]
