"""What the Budget screen shows: the financing plan in four views, the balance, and the
budget lines under a row of the plan (its drill-down).

Every figure comes from domain/finance (`financing_plan`, one per year, kept by the plan
snapshot); this module only lays it out. User text goes through `clean` into `Text`
cells: shown as typed, never parsed. A row's key says what it stands for (`nature:personnel`,
`org:12`, `funder:7`, `objective:3`, `action:40`, or a summary: `total`, `gap`…), and
`lines_under(key)` gives the budget lines behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.content import Content

from coop_tui.domain import finance, line_order
from coop_tui.domain.model import (
    BUDGET_NATURES,
    FUNDER_STATUSES,
    Action,
    BudgetLine,
    Funder,
    Status,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets import budget_funding as funding
from coop_tui.tui.widgets.list_pane import Row
from coop_tui.tui.widgets.stake_matrix import short_names
from coop_tui.tui.widgets.stake_rows import sorted_orgs

VIEWS: tuple[str, ...] = ("year", "partner", "funder", "objective")
"""The views of the financing plan, in the order of their keys."""
SEPARATOR = " · "
EPSILON = 0.005
"""Less than half a cent: nothing."""


def row_of(key: str, cells: Sequence[Text], search: str = "") -> Row:
    """A list row whose filter searches its cells and `search`."""
    return key, cells, " ".join([search, *(c.plain for c in cells)])


def text_cell(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style, no_wrap=True, overflow="ellipsis")


class BudgetView:
    """The financing plan of one plan revision, for the whole project or one year."""

    def __init__(self, data: PlanData, tr: Translator, year: str = "") -> None:
        self.data = data
        self.tr = tr
        self.year = year
        self.plan = self.plan_of(year)
        whole = self.plan_of("")
        funded = {y for f in data.funders.values() for y in f.amounts}
        self.years = sorted({*whole.by_year, *funded} - {finance.UNASSIGNED})
        """The years of charges or financing, in order."""
        self.undated = whole.by_year.get(finance.UNASSIGNED, 0.0)
        """Euros of lines that have no year at all (neither theirs nor their action's)."""
        self.funders = funding.sorted_funders(data)
        self.orgs = [org.id for org in sorted_orgs(data)]
        self.short = dict(
            zip(self.orgs, short_names([data.organisations[o] for o in self.orgs]), strict=True)
        )

    def plan_of(self, year: str) -> finance.FinancingPlan:
        """The financing plan of `year` ('' for the whole project), once per snapshot."""
        return finance.financing_plan(self.data, year)

    # --- words ------------------------------------------------------------------------

    def scope(self, year: str | None = None) -> str:
        year = self.year if year is None else year
        return year or self.tr.t("budget.year.all")

    def money(self, value: float, style: str = "", *, dash: bool = True) -> Text:
        """Euros, right-aligned; '—' for nothing (`dash`)."""
        shown = "—" if dash and abs(value) < EPSILON else self.tr.money(round(value, 2))
        return Text(shown, style=style, justify="right", no_wrap=True)

    def org_name(self, org_id: str) -> str:
        org = self.data.organisations.get(org_id)
        return clean(org.name) if org else self.tr.t("budget.row.unassigned")

    def _name(self, key: str, style: str = "") -> Text:
        return text_cell(self.tr.t(key), style)

    # --- the four views -----------------------------------------------------------------

    def columns(self, view: str) -> tuple[list[str], list[int | None]]:
        """(labels, widths) of a view's columns: the first as wide as it needs, or cut
        where names are long; the years with the one chosen marked."""
        t = self.tr.t
        years = [*self.years, *([t("budget.year.none")] if self.undated else [])]
        marked = [f"▸{y}" if y == self.year else y for y in years]
        if view == "year":
            labels = [t("budget.col.costs_and_funding"), *marked, t("budget.col.total")]
            return labels, []
        if view == "funder":
            labels = [t("budget.col.funder"), t("budget.col.status"), *marked]
            return [*labels, t("budget.col.total"), t("budget.col.paid")], [28]
        if view == "partner":
            heads = ("organisation", "share", "percent", "fte", "days", "in_kind")
            return [t(f"budget.col.{h}") for h in heads], [28]
        columns = ("objective", "costs", "percent", "funded_by")
        return [t(f"budget.col.{c}") for c in columns], [50, None, None, 30]

    def title(self, view: str) -> str:
        return self.tr.t(f"budget.view.{view}", scope=self.scope())

    def rows(self, view: str) -> list[Row]:
        if view == "year":
            return self.year_rows()
        if view == "funder":
            return self.funder_view_rows()
        if view == "partner":
            return self.partner_rows()
        return self.objective_rows()

    def _years_and_total(self, pick: str, style: str = "", *, dash: bool = True) -> list[Text]:
        """One figure of the plan (its path: `total`, `by_nature.personnel`) in each year,
        without a year (the rest, if any line has none), then in all. `+gap` / `-gap`: the
        gap where it is a need / a surplus."""
        path = pick.lstrip("+-")
        values = [_figure(self.plan_of(y), path) for y in self.years]
        whole = _figure(self.plan_of(""), path)
        if self.undated:
            values.append(whole - sum(values))
        values.append(whole)
        if pick.startswith(("+", "-")):
            sign = 1 if pick[0] == "+" else -1
            values = [max(sign * v, 0.0) for v in values]
        return [self.money(v, style, dash=dash) for v in values]

    def _yearly(self, key: str, name: str, pick: str, style: str = "", dash: bool = True) -> Row:
        """A row of one figure by year: its name (a catalog key), then `_years_and_total`."""
        return row_of(
            key, [self._name(name, style), *self._years_and_total(pick, style, dash=dash)]
        )

    def _summary_rows(self, *, funding_detail: bool) -> list[Row]:
        """Charges against financing, year by year: what is secured, only requested, missing.

        With `funding_detail` (the funder view): financing by status, in kind, its total, and
        the charges; else (the year view, under the charges): secured and requested.
        """
        if funding_detail:
            rows = [
                self._yearly(f"status:{status}", f"budget.row.of_which.{status}",
                             f"funding.by_status.{status}")
                for status in reversed(FUNDER_STATUSES)
            ]  # fmt: skip
            rows.append(self._yearly("in_kind", "budget.row.in_kind_funding", "in_kind"))
            rows.append(self._yearly("funding", "budget.row.funding", "funding.total", "bold"))
            rows.append(self._yearly("total", "budget.row.total", "total"))
        else:
            rows = [
                self._yearly("secured", "budget.row.secured", "secured"),
                self._yearly("requested", "budget.row.requested", "funding.by_status.requested"),
            ]
        rows.append(self._yearly("gap", "budget.row.gap", "+gap", "bold", dash=False))
        surplus = self._yearly("surplus", "budget.row.surplus", "-gap")
        if any(cell.plain != "—" for cell in surplus[1][1:]):
            rows.append(surplus)
        return rows

    def year_rows(self) -> list[Row]:
        """Charges by nature and year, their total, then how they are financed."""
        natures = self.plan_of("").by_nature
        rows = [
            self._yearly(f"nature:{nature}", f"nature.{nature}", f"by_nature.{nature}")
            for nature in BUDGET_NATURES
            if nature in natures
        ]
        rows.append(self._yearly("total", "budget.row.total", "total", "bold", dash=False))
        rows.append(self._yearly("in_kind", "budget.row.in_kind", "in_kind", "italic"))
        return rows + self._summary_rows(funding_detail=False)

    def funder_view_rows(self) -> list[Row]:
        """Each funder's status and amounts by year, what it has paid; then the totals."""
        tr, rows = self.tr, []
        for funder in self.sorted_funders():
            keys = [*self.years, *([finance.UNASSIGNED] if self.undated else [])]
            amounts = [self.money(funder.amounts.get(y, 0.0)) for y in keys]
            rows.append(row_of(f"funder:{funder.id}", [
                text_cell(funder.name), text_cell(tr.t(f"funder_status.{funder.status}")), *amounts,
                self.money(sum(funder.amounts.values()), "bold"),
                self.money(funder.paid or 0.0)]))  # fmt: skip
        for key, cells, hay in self._summary_rows(funding_detail=True):
            rows.append((key, [cells[0], text_cell(""), *cells[1:], text_cell("")], hay))
        return rows

    def partner_rows(self) -> list[Row]:
        """Each partner organisation's share of the charges, working time and in kind."""
        plan, tr = self.plan, self.tr
        in_kind = self.in_kind_by_partner()
        keys = [
            *self.orgs,
            *([finance.UNASSIGNED] if finance.UNASSIGNED in plan.by_partner else []),
        ]
        rows = []
        for org_id in keys:
            share = plan.by_partner.get(org_id, 0.0)
            ratio = share / plan.total if plan.total else None
            rows.append(row_of(f"org:{org_id}", [
                text_cell(self.org_name(org_id)), self.money(share),
                Text(tr.percent(ratio) if share else "—", justify="right"),
                self._number(plan.partner_fte.get(org_id), 2),
                self._number(plan.partner_days.get(org_id), 1),
                self.money(in_kind.get(org_id, 0.0))]))  # fmt: skip
        rows.append(row_of("total", [
            self._name("budget.row.total", "bold"), self.money(plan.total, "bold", dash=False),
            Text(tr.percent(1.0) if plan.total else "—", justify="right", style="bold"),
            self._number(sum(plan.partner_fte.values()), 2, "bold"),
            self._number(sum(plan.partner_days.values()), 1, "bold"),
            self.money(plan.in_kind, "bold")]))  # fmt: skip
        return rows

    def _number(self, value: float | None, decimals: int, style: str = "") -> Text:
        shown = self.tr.number(value, decimals) if value else "—"
        return Text(shown, style=style, justify="right", no_wrap=True)

    def objective_rows(self) -> list[Row]:
        """Each operational objective's charges, then those of its actions, and who funds them."""
        data, plan, tr = self.data, self.plan, self.tr
        rows = []
        for objective in data.operational_objectives():
            amount = plan.by_objective.get(objective.id, 0.0)
            ratio = amount / plan.total if plan.total and amount else None
            funders = funding.funder_names(
                funding.funders_of_objective(data, self.funders, objective.id)
            )
            rows.append(row_of(f"objective:{objective.id}", [
                text_cell(f"{objective.code} {objective.statement}", "bold"),
                self.money(amount, "bold"),
                Text(tr.percent(ratio) if ratio else "—", justify="right"),
                text_cell(funders)]))  # fmt: skip
            for action in data.sorted_actions(data.actions_of(objective.id)):
                if action.status is Status.DROPPED:
                    continue
                rows.append(row_of(f"action:{action.id}", [
                    text_cell(f"  {action.code} {action.title}"),
                    self.money(self.action_amount(action)), text_cell(""),
                    text_cell(funding.funder_names(
                        funding.funders_of_action(data, self.funders, action)))]))  # fmt: skip
        if finance.UNASSIGNED in plan.by_objective:
            rows.append(row_of("objective:", [self._name("budget.row.unassigned"),
                             self.money(plan.by_objective[finance.UNASSIGNED]), text_cell(""), text_cell("")]))  # fmt: skip
        rows.append(row_of("total", [self._name("budget.row.total", "bold"),
                                   self.money(plan.total, "bold", dash=False), text_cell(""), text_cell("")]))  # fmt: skip
        return rows

    # --- what is under a row ------------------------------------------------------------

    def action_amount(self, action: Action) -> float:
        lines = self.data.budget_lines_of(action.id)
        if not self.year:
            return sum(finance.line_total(line, action) for line in lines)
        return sum(finance.by_year(line, action).get(self.year, 0.0) for line in lines)

    def in_kind_by_partner(self) -> dict[str, float]:
        """Euros contributed in kind by each organisation (its provider), in the year."""
        out: dict[str, float] = {}
        for line, action in zip(*self.counted(), strict=True):
            if line.in_kind:
                amount = self._in_year(line, action)
                out[line.provider] = out.get(line.provider, 0.0) + amount
        return out

    def counted(self) -> line_order.Ordered:
        """The lines the plan counts, of the year if one is chosen, in list order, each
        with its action."""
        ordered = line_order.ordered_lines(self.data)
        if not self.year:
            return ordered
        # A year of `by_year`'s keys is str(an int): "02026" is none of them.
        year = (
            int(self.year) if self.year.isdecimal() and str(int(self.year)) == self.year else None
        )
        kept = [
            (line, action)
            for line, action in zip(*ordered, strict=True)
            if _counts_in(line, action, year)
        ]
        return line_order.Ordered([line for line, _ in kept], [action for _, action in kept])

    def _in_year(self, line: BudgetLine, action: Action | None) -> float:
        if self.year:
            return finance.by_year(line, action).get(self.year, 0.0)
        return finance.line_total(line, action)

    def lines_under(self, key: str) -> list[BudgetLine]:
        """The budget lines behind a row of the plan ('' or a summary row: every line), in
        action-code order (see domain/line_order): one pass, no sort."""
        lines, actions = self.counted()
        under = self._under(key)
        if under is None:
            return list(lines)
        return [line for line, action in zip(lines, actions, strict=True) if under(line, action)]

    def _under(self, key: str) -> Callable[[BudgetLine, Action | None], bool] | None:
        """Whether a line is behind the row `key` (None: every line is)."""
        kind, _, value = key.partition(":")
        data = self.data
        if kind == "nature":
            return lambda line, action: line.nature == value
        if kind == "org":

            def carried(line: BudgetLine, action: Action | None) -> bool:
                lead = data.lead_organisation(action) if action else None
                return value in finance.shares_of(line, lead.id if lead else finance.UNASSIGNED)

            return carried
        if kind == "objective":
            return lambda line, action: (action.objective if action else "") == value
        if kind == "action":
            return lambda line, action: line.action == value
        if kind == "funder":
            funder = data.funders.get(value)
            funded = {a.id for a in funding.actions_funded_by(data, funder)} if funder else set()
            return lambda line, action: line.action in funded
        if kind == "in_kind":
            return lambda line, action: bool(line.in_kind)
        return None

    def under_what(self, key: str) -> str:
        """What a row stands for, in the title of its lines."""
        kind, _, value = key.partition(":")
        data, t = self.data, self.tr.t
        if kind == "nature":
            what = t(f"nature.{value}")
        elif kind == "org":
            what = self.org_name(value)
        elif kind == "funder" and value in data.funders:
            what = clean(data.funders[value].name)
        elif kind == "objective" and value in data.objectives:
            what = clean(data.objectives[value].code) or t("budget.row.unassigned")
        elif kind == "action" and value in data.actions:
            action = data.actions[value]
            what = clean(f"{action.code} {action.title}")
        elif kind == "in_kind":
            what = t("budget.row.in_kind_funding")
        else:
            what = t("budget.lines.all")
        return t("budget.lines.title", what=what, scope=self.scope())

    def sorted_funders(self) -> list[Funder]:
        """Paid, granted, then requested; the largest first."""
        return list(self.funders)


def _counts_in(line: BudgetLine, action: Action | None, year: int | None) -> bool:
    """Whether a line counts in `year` (as `finance.by_year` has it, without its dict)."""
    years = finance.line_years(line, action)
    if year is None or not years:
        return False
    return year in years if line.yearly else years[0] == year


def _figure(plan: finance.FinancingPlan, path: str) -> float:
    """A figure of a financing plan by its path: `total`, `by_nature.personnel`,
    `funding.by_status.paid` (nothing where a table has no such key)."""
    value: object = plan
    for part in path.split("."):
        value = value.get(part, 0.0) if isinstance(value, dict) else getattr(value, part)
    return float(value)  # type: ignore[arg-type]


def balance(view: BudgetView) -> Content:
    """Charges against financing for the chosen year: secured, only requested, still missing."""
    tr, plan = view.tr, view.plan
    t, money = tr.t, tr.money
    requested = plan.funding.by_status.get("requested", 0.0)
    first = Content.assemble(
        (t("budget.balance.scope", scope=view.scope()), "bold"),
        " ",
        t("budget.balance.charges", total=money(plan.total), in_kind=money(plan.in_kind))
        if plan.in_kind
        else t("budget.balance.cash", total=money(plan.total)),
    )
    parts: list[Content] = [
        Content.assemble((t("budget.balance.secured", amount=money(plan.secured)), "$success")),
        Content(t("budget.balance.requested", amount=money(requested))),
    ]
    if plan.gap > EPSILON:
        parts.append(
            Content.assemble((t("budget.balance.gap", amount=money(plan.gap)), "bold $warning"))
        )
    elif plan.gap < -EPSILON:
        parts.append(Content(t("budget.balance.surplus", amount=money(-plan.gap))))
    else:
        parts.append(Content.assemble((t("budget.balance.balanced"), "$success")))
    return Content("\n").join([first, Content(SEPARATOR).join(parts)])
