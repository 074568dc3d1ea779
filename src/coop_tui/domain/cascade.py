"""What else goes when a record is deleted, so nothing is left pointing at nothing.

Deleting an objective takes its indicators, their measurements, its
operational objectives and its actions with it; deleting a stake removes it
from the shared stakes that pooled it. The storage applies the whole plan in
one transaction, so one undo brings everything back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import PlanData


@dataclass(slots=True)
class DeletionPlan:
    deletes: list[tuple[str, str]] = field(default_factory=list)
    """(table, id) of every record to delete, the asked one first."""
    updates: dict[tuple[str, str], Record] = field(default_factory=dict)
    """Records that stay, with references to deleted ones removed."""


def plan_deletion(data: PlanData, table: str, record_id: str) -> DeletionPlan:
    out = DeletionPlan()
    gone: set[tuple[str, str]] = set()

    def drop(t: str, rid: str) -> None:
        if (t, rid) in gone:
            return
        gone.add((t, rid))
        out.deletes.append((t, rid))
        for child in _dependents(data, t, rid):
            drop(*child)

    drop(table, record_id)
    gone_ids = {rid for _, rid in gone}
    for name in ("shared_stakes", "objectives", "actions", "organisations"):
        for record in data.table(name).values():
            if (name, record.id) in gone:
                continue
            cleaned = _without_references(record, gone_ids)
            if cleaned is not record:
                out.updates[(name, record.id)] = cleaned
    return out


def _dependents(data: PlanData, table: str, rid: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if table == "organisations":
        out += [("stakes", s.id) for s in data.stakes.values() if s.organisation == rid]
        out += [("people", p.id) for p in data.people.values() if p.organisation == rid]
    elif table == "shared_stakes":
        out += [("objectives", o.id) for o in data.children("") if o.shared_stake == rid]
    elif table == "objectives":
        out += [("objectives", o.id) for o in data.children(rid)]
        out += [("indicators", i.id) for i in data.indicators_of(rid)]
        out += [("actions", a.id) for a in data.actions_of(rid)]
    elif table == "indicators":
        out += [("measurements", m.id) for m in data.measurements_of(rid)]
    return out


def _without_references(record: Record, gone: set[str]) -> Record:
    changes: dict[str, object] = {}
    for name in ("stakes", "partners", "depends_on"):
        value = getattr(record, name, None)
        if isinstance(value, tuple) and gone.intersection(value):
            changes[name] = tuple(v for v in value if v not in gone)
    approvals = getattr(record, "approvals", None)
    if isinstance(approvals, dict) and gone.intersection(approvals):
        changes["approvals"] = {k: v for k, v in approvals.items() if k not in gone}
    lead = getattr(record, "lead", None)
    if isinstance(lead, str) and lead in gone:
        changes["lead"] = ""
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[arg-type]
