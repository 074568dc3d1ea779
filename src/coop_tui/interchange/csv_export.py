"""The actions as CSV, one row each, for spreadsheets (SPEC §8).

Every field of an action with its objective (code and statement) and shared
stake (code and title); people, partners and dependencies by name or code.

In French, the file a French spreadsheet (LibreOffice, Excel) opens in columns
on a double-click: `;` between cells, a decimal comma (1500,5), dates as
15/03/2026, the glossary's column names and status words, lists joined with ", "
(as the forms take them). In English, the stable form the CLI and JSON use:
`,` between cells, ISO dates, plain numbers (1500.5), column names such as
`working_days`, status words such as `in_progress`, lists joined with "; ".
Numbers are always bare numbers (no thousands separator, no unit), so they stay
numbers. No UI imports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from coop_tui.domain import finance
from coop_tui.domain.checks import held_skills, normalise_skill
from coop_tui.domain.model import Action
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
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
"""The stable column names: the keys of the header in the catalogs
(`exports.csv.col.<name>`), and the English header itself."""
LIST_SEPARATOR = "; "
"""Between the items of a list in one cell, in English."""


class Dialect:
    """How one language writes cells: separators, numbers, dates and words."""

    def __init__(self, language: str) -> None:
        self.tr = Translator(language)
        self.french = self.tr.language == "fr"
        self.delimiter = ";" if self.french else ","
        self.list_separator = ", " if self.french else LIST_SEPARATOR

    def header(self) -> list[str]:
        return [self.tr.t(f"exports.csv.col.{name}") for name in COLUMNS]

    def number(self, value: float | None) -> str:
        plain = number(value)
        return plain.replace(".", ",") if self.french else plain

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d/%m/%Y") if self.french else value.isoformat()

    def word(self, prefix: str, value: str) -> str:
        """A status or remedy: the stable word in English, the glossary's in French."""
        if not self.french or not value:
            return value
        return self.tr.t(f"{prefix}.{value}")

    def joined(self, items: list[str]) -> str:
        return text(self.list_separator.join(items))


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


def _row(data: PlanData, action: Action, held: set[str], dialect: Dialect) -> list[str]:
    objective = data.objectives.get(action.objective)
    parent = data.objectives.get(objective.parent) if objective and objective.parent else None
    stake = data.shared_stake_of(objective) if objective else None
    person = data.people.get(action.lead)
    org = data.lead_organisation(action)
    phases = {p.id: p.name for p in data.phases.values()}
    phase = action.phase or (objective.phase if objective else "")
    missing = [s for s in action.skills if s.strip() and normalise_skill(s) not in held]
    partners = [data.partners[p].name if p in data.partners else p for p in action.partners]
    depends = [(data.actions[d].code or d) if d in data.actions else d for d in action.depends_on]
    res = action.resources
    budget = finance.action_budget(data, action) if data.budget_lines_of(action.id) else None
    return [
        text(action.id),
        text(action.code),
        text(action.title),
        text(action.description),
        dialect.word("status", action.status.value),
        text(objective.code if objective else ""),
        text(objective.statement if objective else ""),
        text(parent.code if parent else ""),
        text(stake.code if stake else ""),
        text(stake.title if stake else ""),
        text(phases.get(phase, phase)),
        dialect.date(action.start),
        dialect.date(action.end),
        text(person.name if person else ""),
        text(org.name if org else ""),
        dialect.joined(list(action.skills)),
        dialect.joined(missing),
        dialect.joined([dialect.word("remedy", r.kind) for r in action.remedies if r.kind]),
        dialect.joined([r.note for r in action.remedies if r.note]),
        dialect.number(budget),
        dialect.number(res.working_days),
        text(res.places),
        text(res.equipment),
        text(res.other),
        dialect.joined(partners),
        dialect.joined(depends),
    ]


def to_csv(data: PlanData, language: str = "en") -> str:
    """Every action, in objective then board order, as CSV text starting with a BOM,
    written the way `language`'s spreadsheets read it."""
    ordered: list[Action] = []
    for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
        ordered.extend(data.actions_of(objective.id))
    listed = {a.id for a in ordered}
    ordered.extend(a for a in data.sorted_actions() if a.id not in listed)
    out = io.StringIO()
    dialect = Dialect(language)
    writer = csv.writer(
        out, delimiter=dialect.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow(dialect.header())
    held = held_skills(data)
    for action in ordered:
        writer.writerow(_row(data, action, held, dialect))
    return BOM + out.getvalue()


__all__ = ["BOM", "COLUMNS", "LIST_SEPARATOR", "Dialect", "number", "text", "to_csv"]
