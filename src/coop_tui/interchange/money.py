"""The money a funder reads first: « Budget prévisionnel » and « Plan de financement ».

The projected budget sets the charges by year and by nature (personnel,
prestations, achats…), with the contributions in kind valued and shown apart.
The financing plan lists each funder with its kind, its amounts by year, how
far it has gone (sollicité, accordé, versé, with the dates and what is paid so
far) and what it finances: what is secured comes apart from what is only
requested, and the balance says what is left to find (« reste à financer »).
Then each partner organisation's contribution (€, ETP, days, in kind).

Every figure comes from `domain.finance`; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterable

from coop_tui.domain import finance
from coop_tui.domain.model import BUDGET_NATURES, Funder
from coop_tui.interchange.document import (
    Block,
    Heading,
    Paragraph,
    Span,
    Spans,
    Table,
    plain,
    spans,
)
from coop_tui.interchange.sheet import NONE, Sheet

SECURED = ("granted", "paid")


def years_of(sheet: Sheet) -> list[str]:
    """The years the budget or the funders count in, in order ('' last: no year)."""
    plan = finance.financing_plan(sheet.data)
    years = set(plan.by_year) | {y for f in sheet.data.funders.values() for y in f.amounts}
    return sorted(years, key=lambda y: (y == "", y))


def _year_header(sheet: Sheet, year: str) -> str:
    """A year as a column title (a funder's years are keys typed in the plan: data too)."""
    return plain(year) or sheet.t("documents.no_year")


def _amounts(
    sheet: Sheet, values: Iterable[float], *, bold: bool = False, zero: str = ""
) -> list[Spans]:
    """Amounts as cells; `zero` stands for nothing at all (a dash by default)."""
    return [(Span(sheet.money(v) if abs(v) > 0.005 or not zero else zero, bold=bold),)
            for v in values]  # fmt: skip


# --- budget prévisionnel --------------------------------------------------------------


def budget(sheet: Sheet) -> list[Block]:
    """Charges by year × nature with totals; contributions in kind shown apart."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("documents.budget.title"))]
    if not data.budget_lines:
        return [*blocks, Paragraph(spans(t("documents.budget.none")))]
    whole = finance.financing_plan(data)
    years = [y for y in years_of(sheet) if y in whole.by_year]
    by_year = {y: finance.financing_plan(data, y) for y in years if y}
    natures = sorted(whole.by_nature, key=lambda n: (BUDGET_NATURES.index(n)
                                                     if n in BUDGET_NATURES else 99, n))  # fmt: skip

    def cell(year: str, nature: str) -> float:
        if year:
            return by_year[year].by_nature.get(nature, 0.0)
        # money no year could be given: what the whole has beyond the years'
        return whole.by_nature.get(nature, 0.0) - sum(p.by_nature.get(nature, 0.0)
                                                      for p in by_year.values())  # fmt: skip

    headers = [t("documents.col.nature"), *(_year_header(sheet, y) for y in years),
               t("documents.col.total")]  # fmt: skip
    rows: list[list[str | Spans]] = []
    for nature in natures:
        values = [cell(y, nature) for y in years]
        rows.append([sheet.word("nature", nature), *_amounts(sheet, values, zero=NONE),
                     *_amounts(sheet, [whole.by_nature[nature]])])  # fmt: skip
    rows.append([sheet.bold(t("documents.budget.total")),
                 *_amounts(sheet, [whole.by_year.get(y, 0.0) for y in years], bold=True),
                 *_amounts(sheet, [whole.total], bold=True)])  # fmt: skip
    if whole.in_kind:
        kind_years = [by_year[y].in_kind if y else 0.0 for y in years]
        rows.append([t("documents.budget.of_which_in_kind"), *_amounts(sheet, kind_years, zero=NONE),
                     *_amounts(sheet, [whole.in_kind])])  # fmt: skip
    widths = (3, *(1.4 for _ in years), 1.6)
    blocks.append(sheet.table(headers, rows, widths))
    return [*blocks, *in_kind(sheet)]


def in_kind(sheet: Sheet) -> list[Block]:
    """Contributions in kind, valued: what, of which kind, by whom, for which action."""
    t = sheet.t
    lines = [(line, action) for line, action in finance.counted_lines(sheet.data) if line.in_kind]
    if not lines:
        return []
    headers = [t("documents.col.contribution"), t("documents.col.in_kind"),
               t("documents.col.provider"), t("exports.md.col.action"),
               t("documents.col.valued")]  # fmt: skip
    rows = []
    for line, action in sorted(lines, key=lambda la: (sheet.action_code(la[0].action), la[0].id)):
        total = sheet.money(finance.line_total(line, action))
        valued = f"{total}\n{sheet.by_year(finance.by_year(line, action))}"
        rows.append((sheet.or_none(line.label), sheet.word("in_kind", line.in_kind),
                     sheet.org_name(line.provider) if line.provider else "",
                     sheet.action_code(line.action), valued))  # fmt: skip
    return [
        Heading(2, t("documents.budget.in_kind")),
        sheet.table(headers, rows, (4, 2, 2.5, 1, 2.5)),
    ]


# --- plan de financement ------------------------------------------------------------


def financing(sheet: Sheet) -> list[Block]:
    """Funders secured, funders only requested, then the balance and the gap."""
    t, data = sheet.t, sheet.data
    blocks: list[Block] = [Heading(1, t("documents.financing.title"))]
    if not data.funders and not data.budget_lines:
        return [*blocks, Paragraph(spans(t("documents.financing.none")))]
    funders = sorted(data.funders.values(), key=lambda f: (-sum(f.amounts.values()), f.name))
    secured = [f for f in funders if f.status in SECURED]
    requested = [f for f in funders if f.status not in SECURED]
    for title, group in (("documents.financing.secured", secured),
                         ("documents.financing.requested", requested)):  # fmt: skip
        if group:
            blocks += [Heading(2, t(title)), funders_table(sheet, group)]
    return [*blocks, Heading(2, t("documents.financing.balance")), balance_table(sheet),
            *gap_sentence(sheet)]  # fmt: skip


def funders_table(sheet: Sheet, funders: list[Funder]) -> Table:
    """Each funder: kind, what it finances, amounts by year and in all, its status."""
    t = sheet.t
    years = years_of(sheet)
    headers = [t("documents.col.funder"), t("field.kind"), t("documents.col.finances"),
               *(_year_header(sheet, y) for y in years), t("documents.col.total"),
               t("field.status")]  # fmt: skip
    rows: list[list[str | Spans]] = []
    for f in funders:
        finances = [*(sheet.objective_code(o) for o in f.objectives),
                    *(sheet.action_code(a) for a in f.actions)]  # fmt: skip
        if f.organisation:
            finances.append(sheet.org_name(f.organisation))
        amounts = [f.amounts.get(y) for y in years]
        rows.append([sheet.bold(f.name), sheet.word("funder_kind", f.kind), ", ".join(finances),
                     *(sheet.money(a) if a is not None else "" for a in amounts),
                     sheet.money(sum(f.amounts.values())), funder_status(sheet, f)])  # fmt: skip
    return sheet.table(headers, rows, (3, 1.6, 1.6, *(1.3 for _ in years), 1.4, 3))


def funder_status(sheet: Sheet, funder: Funder) -> Spans:
    """The status in bold, then its dates and what is paid so far, one a line."""
    t = sheet.t
    lines = [t(f"documents.funder.{step}", date=sheet.date(day))
             for step, day in (("requested_on", funder.requested_on),
                               ("granted_on", funder.granted_on), ("paid_on", funder.paid_on))
             if day is not None]  # fmt: skip
    if funder.paid is not None:
        lines.append(t("documents.funder.paid", amount=sheet.money(funder.paid)))
    word = Span(sheet.word("funder_status", funder.status), bold=True)
    return spans(word, *("\n" + line for line in lines))


def balance_table(sheet: Sheet) -> Table:
    """Charges against financing, by year and in all: secured, in kind, requested, the gap."""
    t, data = sheet.t, sheet.data
    years = [y for y in years_of(sheet) if y]
    plans = [*(finance.financing_plan(data, y) for y in years), finance.financing_plan(data)]
    headers = ["", *(_year_header(sheet, y) for y in years), t("documents.col.total")]

    def row(key: str, values: list[float], bold: bool = False) -> list[str | Spans]:
        label: Spans = (Span(t(key), bold=bold),)
        return [label, *_amounts(sheet, values, bold=bold)]

    rows = [
        row("documents.balance.charges", [p.total for p in plans], bold=True),
        row("documents.balance.secured",
            [p.funding.by_status["granted"] + p.funding.by_status["paid"] for p in plans]),
        row("documents.balance.in_kind", [p.in_kind for p in plans]),
        row("documents.balance.unsecured_gap", [p.unsecured_gap for p in plans]),
        row("documents.balance.requested", [p.funding.by_status["requested"] for p in plans]),
        row("documents.balance.gap", [p.gap for p in plans], bold=True),
    ]  # fmt: skip
    return sheet.table(headers, rows, (4, *(1.4 for _ in years), 1.6))


def gap_sentence(sheet: Sheet) -> list[Block]:
    """The gap in one sentence: what is left to find, or that the plan balances."""
    plan = finance.financing_plan(sheet.data)
    if plan.gap > 0.005:
        text = sheet.t("documents.financing.gap", amount=sheet.money(plan.gap),
                       unsecured=sheet.money(max(plan.unsecured_gap, 0.0)))  # fmt: skip
    else:
        text = sheet.t("documents.financing.balanced", surplus=sheet.money(-plan.gap))
    return [Paragraph((Span(text, bold=True),))]


# --- contributions des structures ----------------------------------------------------


def contributions(sheet: Sheet) -> list[Block]:
    """Each partner organisation's share of the charges, in kind, ETP and days."""
    t, data = sheet.t, sheet.data
    if not data.budget_lines:
        return []
    plan = finance.financing_plan(data)
    given: dict[str, float] = {}
    for line, action in finance.counted_lines(data):
        if line.in_kind and line.provider:
            given[line.provider] = given.get(line.provider, 0.0) + finance.line_total(line, action)
    headers = [t("documents.approvals.organisation"), t("documents.col.share"),
               t("documents.col.of_which_in_kind"), t("documents.col.fte"),
               t("field.working_days")]  # fmt: skip
    orgs = [o.id for o in sheet.organisations()]
    keys = [*orgs, *sorted(k for k in plan.by_partner if k not in orgs)]
    rows = []
    for key in keys:
        fte, days = plan.partner_fte.get(key), plan.partner_days.get(key)
        name = sheet.org_name(key) if key else t("documents.unassigned")
        rows.append((sheet.bold(name), sheet.money(plan.by_partner.get(key, 0.0)),
                     sheet.money(given[key]) if key in given else "",
                     sheet.number(fte) if fte else "", sheet.number(days) if days else ""))  # fmt: skip
    note = Paragraph((Span(t("documents.contributions.note"), italic=True),))
    return [Heading(2, t("documents.contributions.title")),
            sheet.table(headers, rows, (4, 2, 2, 1.2, 1.5)), note]  # fmt: skip


__all__ = [
    "balance_table",
    "budget",
    "contributions",
    "financing",
    "funder_status",
    "funders_table",
    "gap_sentence",
    "years_of",
]
