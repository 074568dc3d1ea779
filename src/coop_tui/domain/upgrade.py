"""From the first plan layout (schema 1) to today's, and ids renumbered.

Schema 1 kept phases inside the plan, an approval as a bare date, one budget
amount and one remedy per action. `upgrade_v1` turns such records (plain dicts,
from a JSON plan file or a TOML export, ids as they were) into today's shape;
`renumber` gives records TinyDB's whole-number ids and makes every reference
follow. Pure: the storage and the TOML import both use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

import msgspec

from coop_tui.domain import refs
from coop_tui.domain.approvals import approved_target
from coop_tui.domain.model import ENTITY_TYPES, Indicator, Record
from coop_tui.text import search_key

Docs = dict[str, dict[str, dict[str, Any]]]
"""Table -> id -> plain document."""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def upgrade_v1(
    plan: dict[str, Any], tables: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any], Docs]:
    """Schema-1 plan and tables (plain documents) in today's shape (still plain)."""
    plan = dict(plan)
    out: Docs = {name: {} for name in ENTITY_TYPES}
    for name in ENTITY_TYPES:
        for rid, doc in (tables.get(name) or {}).items():
            if isinstance(doc, dict):
                out[name][str(rid)] = dict(doc)
    for order, phase in enumerate(plan.pop("phases", None) or []):
        if isinstance(phase, dict) and phase.get("id"):
            pid = str(phase["id"])
            out["phases"][pid] = {k: v for k, v in phase.items() if k != "id"} | {"order": order}

    indicators: dict[str, list[Indicator]] = {}
    for iid, doc in out["indicators"].items():
        if doc.get("kind") == "qualitative" and doc.get("target") is not None:
            doc["kind"] = "quantitative"  # a score: schema 1 had numbers only
        try:
            indicator = msgspec.convert({**doc, "id": iid}, Indicator)
        except msgspec.ValidationError:
            continue  # left for the typed check to name
        indicators.setdefault(indicator.objective, []).append(indicator)
    for oid, doc in out["objectives"].items():
        approvals = doc.get("approvals")
        if isinstance(approvals, dict):
            targets = {
                i.id: msgspec.to_builtins(approved_target(i), builtin_types=(dt.date,))
                for i in indicators.get(oid, [])
            }
            doc["approvals"] = {
                org: {
                    "date": when,
                    "statement": doc.get("statement", ""),
                    "deadline": doc.get("deadline"),
                    "targets": targets,
                }
                for org, when in approvals.items()
                if _date(when) is not None
            }
            if doc.get("deadline") is None:
                for approval in doc["approvals"].values():
                    approval.pop("deadline")

    held = {
        search_key(str(skill))
        for org in out["organisations"].values()
        for skill in (org.get("skills") or [])
    }
    for aid, doc in out["actions"].items():
        resources = doc.get("resources")
        if isinstance(resources, dict) and "budget" in resources:
            resources = dict(resources)
            budget = resources.pop("budget")
            doc["resources"] = resources
            if isinstance(budget, int | float) and not isinstance(budget, bool) and budget:
                start = _date(doc.get("start"))
                out["budget_lines"][f"{aid}~budget"] = {
                    "action": aid,
                    "amount": float(budget),
                    "nature": "other",
                    **({"first_year": start.year} if start else {}),
                }
        remedy = doc.pop("remedy", "")
        note = doc.pop("remedy_note", "")
        if remedy or note:
            missing = [s for s in doc.get("skills") or [] if search_key(str(s)) not in held]
            doc["remedies"] = [{"skill": s, "kind": remedy, "note": note} for s in missing]
    return plan, out


class Renumbered(NamedTuple):
    tables: dict[str, dict[str, Record]]
    next_id: int
    ids: dict[tuple[str, str], str]
    """(table, id it had) -> the id it has now."""


def renumber(
    tables: Mapping[str, Mapping[str, Record]], *, keep_numbers: bool = False, start: int = 1
) -> Renumbered:
    """Every record given a whole-number id, unique in the plan, references following.

    With `keep_numbers`, an id that is already a whole number and not taken keeps
    it (a TOML export imported again gives back the same ids).
    """
    mapping: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    if keep_numbers:
        for name, records in tables.items():
            for rid in records:
                if rid.isdecimal() and len(rid) <= 18 and str(int(rid)) == rid and rid not in taken:
                    mapping[(name, rid)] = rid
                    taken.add(rid)
    next_id = max([start - 1, *(int(r) for r in taken)]) + 1
    for name, records in tables.items():
        for rid in records:
            if (name, rid) not in mapping:
                mapping[(name, rid)] = str(next_id)
                next_id += 1

    def mapper(table: str, ref: str) -> str | None:
        return mapping.get((table, ref), ref)

    out: dict[str, dict[str, Record]] = {}
    for name, records in tables.items():
        renamed: dict[str, Record] = {}
        for rid, record in records.items():
            new_id = mapping[(name, rid)]
            moved = refs.remap(record, mapper)
            renamed[new_id] = msgspec.structs.replace(moved, id=new_id)
        out[name] = renamed
    return Renumbered(out, next_id, mapping)
