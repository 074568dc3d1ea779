"""What the forms of money ask for: a budget line and a funder (`FieldSpec` lists for the
`RecordForm`, registered in record_fields.FIELDS).

A budget line's shares and a funder's amounts per year are grids (tui/widgets/money_grids.py):
one row per partner organisation, one row per year of the project.
"""

from __future__ import annotations

from typing import Any

from coop_tui.domain import finance
from coop_tui.domain import model as m
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.tui.form_values import FieldError, FieldSpec
from coop_tui.tui.widgets.money_grids import SharesGrid, YearAmountsGrid
from coop_tui.tui.widgets.stake_rows import sorted_orgs


def _choices(tr: Translator, prefix: str, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((tr.t(f"{prefix}.{v}"), v) for v in values)


def organisation_choices(data: PlanData) -> tuple[tuple[str, str], ...]:
    """Partner organisations, the lead first, then by name (as on the stakes screen)."""
    return tuple((o.name, o.id) for o in sorted_orgs(data))


def _year(value: float | None, _old: Any) -> int | None:
    """A year typed in a number field: a whole number (its range is the domain's)."""
    if value is None:
        return None
    if not float(value).is_integer():
        raise FieldError("not_a_year")
    return int(value)


def _yearly_to_widget(value: bool) -> str:
    return "yearly" if value else "once"


def _yearly_from_widget(value: str | None, _old: Any) -> bool:
    return value == "yearly"


def _or(default: float) -> Any:
    """An empty number field means the model's default (0 €, once)."""

    def convert(value: float | None, _old: Any) -> float:
        return default if value is None else value

    return convert


def budget_line_fields(
    data: PlanData, tr: Translator, line: m.BudgetLine | None = None
) -> list[FieldSpec]:
    t = tr.t
    current = line.action if line else ""
    actions = tuple(
        (f"{a.code} {a.title}", a.id)
        for a in data.sorted_actions()
        if a.status is not m.Status.DROPPED or a.id == current
    )
    orgs = organisation_choices(data)
    pairs = [(org_id, name) for name, org_id in orgs]

    def shares_grid(value: Any, widget_id: str) -> SharesGrid:
        return SharesGrid(value or (), pairs, tr, id=widget_id)

    return [
        FieldSpec("action", t("budget.field.action"), "choice", actions, False),
        FieldSpec("label", t("budget.field.label")),
        FieldSpec("nature", t("budget.field.nature"), "choice",
                  _choices(tr, "nature", m.BUDGET_NATURES), False),
        FieldSpec("amount", t("budget.field.amount"), "number",
                  to_widget=lambda value: value or None, from_widget=_or(0.0)),
        FieldSpec("quantity", t("budget.field.quantity"), "number", from_widget=_or(1.0)),
        FieldSpec("yearly", t("budget.field.yearly"), "choice",
                  ((t("budget.once"), "once"), (t("budget.yearly"), "yearly")), False,
                  to_widget=_yearly_to_widget, from_widget=_yearly_from_widget),
        FieldSpec("first_year", t("budget.field.first_year"), "number", from_widget=_year),
        FieldSpec("last_year", t("budget.field.last_year"), "number", from_widget=_year),
        FieldSpec("shares", t("budget.field.shares"), "grid", grid=shares_grid),
        FieldSpec("in_kind", t("budget.field.in_kind"), "choice",
                  _choices(tr, "in_kind", m.IN_KIND), False),
        FieldSpec("provider", t("budget.field.provider"), "choice", orgs),
    ]  # fmt: skip


def project_years(data: PlanData) -> list[str]:
    """The years of the project: its dates, its actions' and its budget lines'."""
    years: set[int] = set()
    plan = data.plan
    if plan.start and plan.end and plan.end >= plan.start:
        years.update(range(plan.start.year, plan.end.year + 1))
    for action in data.actions.values():
        years.update(day.year for day in (action.start, action.end) if day)
    charges = finance.financing_plan(data).by_year
    years.update(int(y) for y in charges if y.isdecimal())
    return [str(y) for y in sorted(years)]


def funder_fields(
    data: PlanData, tr: Translator, funder: m.Funder | None = None
) -> list[FieldSpec]:
    t = tr.t
    years = project_years(data)
    actions = tuple((f"{a.code} {a.title}", a.id) for a in data.sorted_actions())
    objectives = tuple(
        (f"{o.code} {o.statement}", o.id)
        for o in sorted(data.objectives.values(), key=lambda o: (natural_key(o.code), o.id))
    )

    def amounts_grid(value: Any, widget_id: str) -> YearAmountsGrid:
        return YearAmountsGrid(value or {}, years, tr, id=widget_id)

    return [
        FieldSpec("name", t("budget.field.funder_name")),
        FieldSpec("kind", t("budget.field.funder_kind"), "choice",
                  _choices(tr, "funder_kind", m.FUNDER_KINDS), False),
        FieldSpec("amounts", t("budget.field.amounts"), "grid", grid=amounts_grid),
        FieldSpec("status", t("budget.field.status"), "choice",
                  _choices(tr, "funder_status", m.FUNDER_STATUSES), False),
        FieldSpec("requested_on", t("budget.field.requested_on"), "date"),
        FieldSpec("granted_on", t("budget.field.granted_on"), "date"),
        FieldSpec("paid_on", t("budget.field.paid_on"), "date"),
        FieldSpec("paid", t("budget.field.paid"), "number"),
        FieldSpec("objectives", t("budget.field.objectives"), "multi", objectives),
        FieldSpec("actions", t("budget.field.actions"), "multi", actions),
        FieldSpec("organisation", t("budget.field.own_funds_of"), "choice",
                  organisation_choices(data)),
        FieldSpec("note", t("budget.field.note"), "long"),
    ]  # fmt: skip


def partner_funder_field(data: PlanData, tr: Translator) -> FieldSpec:
    """The external partner's funder entry (for a financial partner)."""
    funders = tuple((f.name, f.id) for f in sorted(data.funders.values(), key=lambda f: f.name))
    return FieldSpec("funder", tr.t("budget.field.partner_funder"), "choice", funders)
