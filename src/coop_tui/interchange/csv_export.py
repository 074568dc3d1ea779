"""The actions as CSV, one row each, for spreadsheets (SPEC §8).

Every field of an action with its objective (code and statement) and shared
stake (code and title); people, partners and dependencies by name or code,
lists joined with "; ". Dates are ISO (2026-03-15) and numbers plain (3600,
1500.5) so any spreadsheet reads them whatever its locale; the column names
and status words are the stable ones the CLI and JSON use. No UI imports.
"""

from __future__ import annotations

import csv
import io

from coop_tui.domain import finance
from coop_tui.domain.checks import held_skills, normalise_skill
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.text import clean

BOM = "\ufeff"
"""LibreOffice and Excel guess a CSV file's encoding; without this byte-order mark
they often take UTF-8 for Latin-1 and show "rÃ©fÃ©rentÂ·e". With it, accents
open intact. The `csv` module and Python's "utf-8-sig" codec skip it on reading."""

COLUMNS: tuple[str, ...] = (
    "id",
    "code",
    "title",
    "description",
    "status",
    "objective_code",
    "objective",
    "shared_objective_code",
    "shared_stake_code",
    "shared_stake",
    "phase",
    "start",
    "end",
    "lead",
    "lead_organisation",
    "required_skills",
    "missing_skills",
    "remedy",
    "remedy_note",
    "budget",
    "working_days",
    "places",
    "equipment",
    "other_resources",
    "external_partners",
    "depends_on",
)
LIST_SEPARATOR = "; "

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheets run a cell that starts with one of these as a formula (CSV injection):
a title such as ``=HYPERLINK("http://…")`` must stay text."""


def text(value: str) -> str:
    """A text cell: control characters made visible (newlines kept), never a formula."""
    value = "\n".join(clean(line) for line in value.replace("\r\n", "\n").split("\n"))
    if value.startswith(_FORMULA_START):
        # The apostrophe is the spreadsheets' own "this is text" mark.
        value = "'" + value
    return value


def number(value: float | None) -> str:
    """A plain number: 3600, 1500.5, or empty when unknown."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _joined(items: list[str]) -> str:
    return text(LIST_SEPARATOR.join(items))


def _row(data: PlanData, action: Action, held: set[str]) -> list[str]:
    objective = data.objectives.get(action.objective)
    parent = data.objectives.get(objective.parent) if objective and objective.parent else None
    stake = data.shared_stake_of(objective) if objective else None
    person = data.people.get(action.lead)
    org = data.lead_organisation(action)
    phases = {p.id: p.name for p in data.phases.values()}
    phase = action.phase or (objective.phase if objective else "")
    missing = [s for s in action.skills if s.strip() and normalise_skill(s) not in held]
    partners = [data.partners[p].name if p in data.partners else p for p in action.partners]
    depends = [
        (data.actions[d].code or d) if d in data.actions else d for d in action.depends_on
    ]
    res = action.resources
    return [
        text(action.id),
        text(action.code),
        text(action.title),
        text(action.description),
        action.status.value,
        text(objective.code if objective else ""),
        text(objective.statement if objective else ""),
        text(parent.code if parent else ""),
        text(stake.code if stake else ""),
        text(stake.title if stake else ""),
        text(phases.get(phase, phase)),
        action.start.isoformat() if action.start else "",
        action.end.isoformat() if action.end else "",
        text(person.name if person else ""),
        text(org.name if org else ""),
        _joined(list(action.skills)),
        _joined(missing),
        _joined([r.kind for r in action.remedies if r.kind]),
        _joined([r.note for r in action.remedies if r.note]),
        number(finance.action_budget(data, action) if data.budget_lines_of(action.id) else None),
        number(res.working_days),
        text(res.places),
        text(res.equipment),
        text(res.other),
        _joined(partners),
        _joined(depends),
    ]


def to_csv(data: PlanData) -> str:
    """Every action, in objective then board order, as CSV text starting with a BOM."""
    ordered: list[Action] = []
    for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
        ordered.extend(data.actions_of(objective.id))
    listed = {a.id for a in ordered}
    ordered.extend(a for a in data.sorted_actions() if a.id not in listed)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    held = held_skills(data)
    for action in ordered:
        writer.writerow(_row(data, action, held))
    return BOM + out.getvalue()


__all__ = ["BOM", "COLUMNS", "LIST_SEPARATOR", "number", "text", "to_csv"]
