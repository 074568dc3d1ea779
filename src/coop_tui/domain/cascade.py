"""What else goes when a record is deleted, so nothing is left pointing at nothing.

Deleting an objective takes its operational objectives, indicators (with their
measurements) and actions (with their budget lines) with it; deleting a stake
removes it from the shared stakes that pooled it. The storage applies the whole
plan in one transaction, so one undo brings everything back, and the confirmation
lists it first. Baselines and approvals keep what they froze.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from msgspec import Struct

from coop_tui.domain import refs
from coop_tui.domain.model import REFERENCES, Record
from coop_tui.domain.snapshot import PlanData

Key = tuple[str, str]
"""(table, id) of a record."""


class DeletionPlan(Struct, frozen=True):
    deletes: list[Key]
    """Every record to delete, the asked one first."""
    updates: dict[Key, Record]
    """Records that stay, with their references to deleted ones removed."""


def _dependents(data: PlanData) -> dict[str, Callable[[str], Iterable[Key]]]:
    return {
        "organisations": lambda rid: [
            *(("stakes", s.id) for s in data.stakes.values() if s.organisation == rid),
            *(("people", p.id) for p in data.people.values() if p.organisation == rid),
        ],
        "phases": lambda rid: [("milestones", m.id) for m in data.milestones_of(rid)],
        "shared_stakes": lambda rid: [("objectives", o.id) for o in data.objectives_of_stake(rid)],
        "objectives": lambda rid: [
            *(("objectives", o.id) for o in data.children(rid)),
            *(("indicators", i.id) for i in data.indicators_of(rid)),
            *(("actions", a.id) for a in data.actions_of(rid)),
        ],
        "indicators": lambda rid: [("measurements", m.id) for m in data.measurements_of(rid)],
        "actions": lambda rid: [("budget_lines", b.id) for b in data.budget_lines_of(rid)],
        "reviews": lambda rid: [("decisions", d.id) for d in data.decisions_of(rid)],
    }


def plan_deletion(data: PlanData, table: str, record_id: str) -> DeletionPlan:
    """What deleting one record does to the plan."""
    dependents = _dependents(data)
    deletes: list[Key] = []
    gone: set[Key] = set()
    pending: list[Key] = [(table, record_id)]
    while pending:
        key = pending.pop(0)
        if key in gone:
            continue
        gone.add(key)
        deletes.append(key)
        follow = dependents.get(key[0])
        if follow is not None:
            pending.extend(follow(key[1]))

    gone_tables = {t for t, _ in gone}

    def mapper(ref_table: str, ref: str) -> str | None:
        return None if (ref_table, ref) in gone else ref

    updates: dict[Key, Record] = {}
    for name, paths in REFERENCES.items():
        if not gone_tables.intersection(paths.values()):
            continue
        for record in data.table(name).values():
            if (name, record.id) in gone:
                continue
            cleaned = refs.remap(record, mapper, frozen=False)
            if cleaned is not record:
                updates[(name, record.id)] = cleaned
    return DeletionPlan(deletes, updates)
