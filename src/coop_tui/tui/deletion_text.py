"""What the delete confirmation says goes or changes with a record, before anything does.

`domain.cascade.plan_deletion` works out every record deleted with the one
asked and every record that only loses a reference to them; this puts it in
words, grouped by kind, with counts and names (« 3 personnes : Inès Coulibaly,
Nadia Benali, Thomas Girard »), so that deleting an organisation never
silently removes or changes eleven records.
"""

from __future__ import annotations

from collections.abc import Iterable

from coop_tui.domain.cascade import Key, plan_deletion
from coop_tui.domain.model import ENTITY_TYPES, Record, Stake
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.record_fields import record_label
from coop_tui.tui.widgets.line_keys import fit

NAMES_SHOWN = 4
"""Names listed per kind of record; the others are counted."""
NAME_WIDTH = 32
"""A name longer than this is cut with an ellipsis."""


def _groups(data: PlanData, keys: Iterable[Key]) -> list[tuple[str, list[Record]]]:
    """The records of `keys` by table, in the worksheet's order."""
    by_table: dict[str, list[Record]] = {}
    for table, record_id in keys:
        record = data.table(table).get(record_id)
        if record is not None:
            by_table.setdefault(table, []).append(record)
    return [(table, by_table[table]) for table in ENTITY_TYPES if table in by_table]


def _name(data: PlanData, tr: Translator, record: Record) -> str:
    """A short name: an individual stake by its statement (its organisation is said
    already), anything else as titles name it."""
    text = record.statement if isinstance(record, Stake) else record_label(data, tr, record)
    return fit(clean(text), NAME_WIDTH).rstrip()


def _line(data: PlanData, tr: Translator, table: str, records: list[Record]) -> str:
    names = [_name(data, tr, r) for r in records]
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + tr.t("delete.and_more", count=len(names) - NAMES_SHOWN)
    count = tr.t(f"delete.count.{table}", count=len(records))
    return tr.t("delete.group", what=count, names=shown)


def deletion_detail(data: PlanData, tr: Translator, record: Record) -> str:
    """The confirmation's detail: what else goes, what changes, and that `u` undoes it."""
    plan = plan_deletion(data, record.TABLE, record.id)
    lines: list[str] = []
    gone = _groups(data, plan.deletes[1:])
    if gone:
        lines.append(tr.t("delete.also_deleted", count=sum(len(r) for _, r in gone)))
        lines += [_line(data, tr, table, records) for table, records in gone]
    changed = _groups(data, plan.updates)
    if changed:
        lines.append(tr.t("delete.changed", count=sum(len(r) for _, r in changed)))
        lines += [_line(data, tr, table, records) for table, records in changed]
    if not lines:
        lines.append(tr.t("delete.nothing_else"))
    lines.append(tr.t("confirm.delete_detail"))
    return "\n".join(lines)


__all__ = ["deletion_detail"]
