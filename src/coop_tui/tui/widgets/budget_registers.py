"""The two registers of the Budget screen: budget lines (under the row of the plan in
focus) and funders. Rows only (cells as `Text`, user text cleaned); the screen wires them.

Both fit the pane of a 120-column terminal; narrower, they scroll sideways. A budget line
takes two lines: a cell says two things (amount and period, nature and what is in kind).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from coop_tui.domain import finance
from coop_tui.domain.model import BudgetLine, Funder
from coop_tui.domain.snapshot import natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets.budget_rows import SEPARATOR, BudgetView, row_of, text_cell
from coop_tui.tui.widgets.list_pane import LazyRows, Row

Columns = tuple[tuple[str, int], ...]
"""(column, width): the column's label is `budget.col.<column>`."""

LINE_COLUMNS: Columns = (
    ("action", 6),
    ("label", 29),
    ("nature", 20),
    ("amount", 17),
    ("total", 10),
    ("shares", 20),
)
LINE_HEIGHT = 2
"""Lines of a budget line's row."""
FUNDER_COLUMNS: Columns = (
    ("funder", 28),
    ("kind", 14),
    ("status", 23),
    ("amount", 10),
    ("paid", 11),
    ("finances", 13),
)


def columns(tr: Translator, which: Columns) -> tuple[list[str], list[int]]:
    """(labels, widths) of a register's columns."""
    return [tr.t(f"budget.col.{c}") for c, _ in which], [w for _, w in which]


def two_lines(parts: Sequence[str], width: int, separator: str = SEPARATOR) -> str:
    """`parts` joined on at most two lines of `width`, whole parts only; … when some are left
    (a part longer than the width is cut by the table)."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(separator) + len(part) <= width:
            lines[-1] += separator + part
        elif len(lines) < 2:
            lines.append(part)
        else:
            lines[-1] += " …"
            break
    return "\n".join(lines)


def period(view: BudgetView, line: BudgetLine) -> str:
    """When a line counts: its year, or each year of a span ('—' when it has none)."""
    t = view.tr.t
    years = finance.line_years(line, view.data.actions.get(line.action))
    if not years:
        return t("budget.period.yearly_none") if line.yearly else "—"
    if not line.yearly:
        return str(years[0])
    if len(years) == 1:
        return t("budget.period.yearly_one", year=years[0])
    return t("budget.period.yearly", first=years[0], last=years[-1])


def split(view: BudgetView, line: BudgetLine) -> list[str]:
    """Who carries the line: each organisation's part (the lead's organisation by default)."""
    tr = view.tr
    action = view.data.actions.get(line.action)
    lead = view.data.lead_organisation(action) if action else None
    parts = finance.shares_of(line, lead.id if lead else finance.UNASSIGNED)
    named = []
    for org_id, part in parts.items():
        name = view.short.get(org_id) or view.org_name(org_id)
        named.append(f"{name}\u00a0{tr.percent(part)}")
    return named or ["—"]


def line_rows(view: BudgetView, lines: Sequence[BudgetLine]) -> LazyRows:
    """Each line: its action, label, nature (and what it is in kind), amount and period,
    total over the project, and who carries it — made when the row shows (a plan may hold
    tens of thousands of lines)."""
    by_id = {line.id: line for line in lines}
    return LazyRows(
        list(by_id),
        lambda key: _line_cells(view, by_id[key]),
        lambda key: _line_search(view, by_id[key]),
    )


def _line_cells(view: BudgetView, line: BudgetLine) -> list[Text]:
    tr = view.tr
    width = dict(LINE_COLUMNS)
    action = view.data.actions.get(line.action)
    amount = tr.money(line.amount)
    if line.quantity != 1:
        amount = tr.t("budget.amount.times", amount=amount, count=tr.number(line.quantity, 2))
    nature = tr.t(f"nature.{line.nature}")
    if line.in_kind:
        provider = view.short.get(line.provider) or view.org_name(line.provider)
        kind = tr.t("budget.in_kind.by", what=tr.t(f"in_kind.{line.in_kind}"), org=provider)
        nature = f"{nature}\n{kind}"
    return [
        text_cell(action.code if action else "?"),
        Text(two_lines(clean(line.label).split(" "), width["label"], " ")),
        Text(clean(nature, multiline=True)),
        Text(f"{amount}\n{period(view, line)}", justify="right"),
        view.money(finance.line_total(line, action), dash=False),
        Text(two_lines(split(view, line), width["shares"])),
    ]


def _line_search(view: BudgetView, line: BudgetLine) -> str:
    """What the filter searches in a line's row: its cells and its action's title."""
    action = view.data.actions.get(line.action)
    return row_of(
        "", _line_cells(view, line), f"{action.title if action else ''} {clean(line.label)}"
    )[2]


def status_text(view: BudgetView, funder: Funder) -> str:
    """« Accordé le 20/05/2026 »: the status, with its date when there is one."""
    tr = view.tr
    status = tr.t(f"funder_status.{funder.status}")
    dates = {"requested": funder.requested_on, "granted": funder.granted_on}
    day = dates.get(funder.status, funder.paid_on)
    return tr.t("budget.status.on", status=status, date=tr.date(day)) if day else status


def finances(view: BudgetView, funder: Funder) -> str:
    """What a funder finances: the codes of its objectives and actions."""
    data = view.data
    objectives = [data.objectives[o] for o in funder.objectives if o in data.objectives]
    actions = [data.actions[a] for a in funder.actions if a in data.actions]
    codes = [o.code for o in sorted(objectives, key=lambda o: natural_key(o.code))]
    codes += [a.code for a in data.sorted_actions(actions)]
    return clean(", ".join(codes)) or "—"


def funder_rows(view: BudgetView) -> list[Row]:
    """Each funder: name, kind, status (and its date), amount, paid so far, what it finances."""
    tr = view.tr
    rows = []
    for funder in view.sorted_funders():
        org = view.data.organisations.get(funder.organisation)
        cells = [
            text_cell(funder.name),
            text_cell(tr.t(f"funder_kind.{funder.kind}")),
            text_cell(status_text(view, funder)),
            view.money(sum(funder.amounts.values()), dash=False),
            view.money(funder.paid or 0.0),
            text_cell(finances(view, funder)),
        ]
        search = " ".join([clean(funder.note), clean(org.name) if org else ""])
        rows.append(row_of(funder.id, cells, search=search))
    return rows
