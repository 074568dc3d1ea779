"""Money: budget lines by year, nature, partner and objective, and the financing plan.

A budget line counts once (one-off) or once a year over a span of years; it is
shared between partner organisations by percentage or amount, or falls to the
lead person's organisation when it says nothing. The financing plan sets the
charges (every line, contributions in kind valued) against the financing:
funders by status, contributions in kind, and says the gap (charges minus all
financing). Pure: no UI, no storage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from msgspec import Struct

from coop_tui.domain.model import Action, BudgetLine, Funder, Status
from coop_tui.domain.snapshot import PlanData, id_key

UNASSIGNED = ""
"""The key of money no organisation, objective or year could be given."""


def line_years(line: BudgetLine, action: Action | None) -> list[int]:
    """The years a line counts in: its own, else its action's."""
    start = action.start.year if action and action.start else None
    end = action.end.year if action and action.end else start
    first = line.first_year or start
    if not line.yearly:
        return [first] if first else []
    last = line.last_year or (end if end and first and end >= first else first)
    if first is None or last is None:
        return []
    return list(range(first, last + 1))


def line_total(line: BudgetLine, action: Action | None) -> float:
    """Euros over the whole project: amount × quantity, once or each year."""
    each = line.amount * line.quantity
    if not line.yearly:
        return each
    return each * max(1, len(line_years(line, action)))


def by_year(line: BudgetLine, action: Action | None) -> dict[str, float]:
    """Year -> euros of one line ('' when it has no year at all)."""
    each = line.amount * line.quantity
    years = line_years(line, action)
    if not years:
        return {UNASSIGNED: each}
    if not line.yearly:
        return {str(years[0]): each}
    return {str(y): each for y in years}


def shares_of(line: BudgetLine, lead_org: str) -> dict[str, float]:
    """Organisation -> its share (0..1) of a line: percentages, amounts, or the provider
    of something in kind, or the lead person's organisation."""
    if line.in_kind and line.provider:
        return {line.provider: 1.0}
    each = line.amount * line.quantity
    out: dict[str, float] = {}
    for share in line.shares:
        if share.percent is not None:
            out[share.organisation] = out.get(share.organisation, 0.0) + share.percent / 100
        elif share.amount is not None and each:
            out[share.organisation] = out.get(share.organisation, 0.0) + share.amount / each
    rest = 1.0 - sum(out.values())
    if rest > 1e-9:
        out[lead_org or UNASSIGNED] = out.get(lead_org or UNASSIGNED, 0.0) + rest
    return out


def action_budget(data: PlanData, action: Action) -> float:
    """Euros of an action's budget lines over the whole project."""
    return sum(line_total(line, action) for line in data.budget_lines_of(action.id))


def _lead_org(data: PlanData, action: Action | None) -> str:
    org = data.lead_organisation(action) if action else None
    return org.id if org else UNASSIGNED


# --- the financing plan ------------------------------------------------------------------


class Funding(Struct, frozen=True, kw_only=True):
    """Financing, by funder, status and year."""

    total: float
    by_funder: dict[str, float]
    by_status: dict[str, float]
    """'requested', 'granted', 'paid' (what is paid is also granted: counted once, as paid)."""
    by_year: dict[str, float]
    in_kind: float
    """Contributions in kind, valued: financing that balances their charge."""


class FinancingPlan(Struct, frozen=True, kw_only=True):
    """Charges against financing, for the whole project or one year."""

    year: str
    """'' for the whole project."""
    total: float
    """Charges: every line not of a dropped action, in kind included."""
    by_year: dict[str, float]
    by_nature: dict[str, float]
    by_partner: dict[str, float]
    by_objective: dict[str, float]
    """Operational objective id -> euros."""
    in_kind: float
    funding: Funding
    secured: float
    """Granted or paid, plus contributions in kind."""
    gap: float
    """Charges minus all financing (requested included); > 0: still to find."""
    unsecured_gap: float
    """Charges minus what is secured."""
    partner_days: dict[str, float]
    partner_fte: dict[str, float]


def _add(into: dict[str, float], key: str, value: float) -> None:
    into[key] = into.get(key, 0.0) + value


def counted_lines(data: PlanData) -> Iterable[tuple[BudgetLine, Action | None]]:
    """Budget lines with their action, those of dropped actions left out."""
    for line in data.budget_lines.values():
        action = data.actions.get(line.action)
        if action is not None and action.status is Status.DROPPED:
            continue
        yield line, action


def funder_years(funder: Funder, year: str = "") -> dict[str, float]:
    return {y: v for y, v in funder.amounts.items() if not year or y == year}


class Balance(Struct, frozen=True, kw_only=True):
    """The financing plan's bottom line for the whole project, as `financing_plan` says it."""

    total: float
    """Charges: every line not of a dropped action, in kind included."""
    funded: float
    """All financing: funders (requested included) and contributions in kind."""
    secured: float
    """Granted or paid, plus contributions in kind."""

    @property
    def gap(self) -> float:
        """Charges minus all financing; > 0: still to find."""
        return self.total - self.funded


def balance(data: PlanData) -> Balance:
    """`financing_plan(data)`'s total, financing, secured part and gap, without its
    breakdowns by year, nature, partner and objective: one pass over the lines, none of
    them split by year or partner (what `coop-tui status` prints, at a fraction of the cost)."""
    total = in_kind = 0.0
    actions, dropped = data.actions, Status.DROPPED
    for line in data.budget_lines.values():  # counted_lines, written out: 100,000 calls fewer
        action = actions.get(line.action)
        if action is not None and action.status is dropped:
            continue
        amount = line_total(line, action)
        total += amount
        if line.in_kind:
            in_kind += amount
    funded = secured = 0.0
    for funder in data.funders.values():
        amount = sum(funder.amounts.values())
        funded += amount
        if funder.status in ("granted", "paid"):
            secured += amount
    return Balance(total=total, funded=funded + in_kind, secured=secured + in_kind)


def financing_plan(data: PlanData, year: str = "") -> FinancingPlan:
    """The financing plan of the whole project (`year` ''), or of one year: worked out
    once per snapshot (the dashboard, the Budget screen and the exports ask again)."""
    return data.memo(f"financing_plan:{year}", lambda: _financing_plan(data, year))  # type: ignore[no-any-return]


_READS = frozenset({"budget_lines", "people", "organisations"})
"""What an objective's charges read besides its actions (see `PlanData.per_objective`)."""


class _Charges:
    """Charges of some budget lines in one year (or all), by every key."""

    def __init__(self) -> None:
        self.total = self.in_kind = 0.0
        self.years: dict[str, float] = {}
        self.natures: dict[str, float] = {}
        self.partners: dict[str, float] = {}
        self.objectives: dict[str, float] = {}
        self.days: dict[str, float] = {}
        self.fte: dict[str, float] = {}

    def count(self, data: PlanData, line: BudgetLine, action: Action | None, year: str) -> None:
        if action is not None and action.status is Status.DROPPED:
            return
        split = shares_of(line, _lead_org(data, action))
        self.add(line, action, by_year(line, action), split, year)

    def add(
        self,
        line: BudgetLine,
        action: Action | None,
        amounts: dict[str, float],
        split: dict[str, float],
        year: str,
    ) -> None:
        """A line (its amounts by year, its split between partners), in `year` or all."""
        counts = False
        for when, amount in amounts.items():
            if year and when != year:
                continue
            counts = True
            self.total += amount
            _add(self.years, when, amount)
            _add(self.natures, line.nature, amount)
            _add(self.objectives, action.objective if action else UNASSIGNED, amount)
            for org, part in split.items():
                _add(self.partners, org, amount * part)
            if line.in_kind:
                self.in_kind += amount
        if not counts:
            return  # working time of a year the line does not count in
        for share in line.shares:
            if share.days:
                _add(self.days, share.organisation, share.days)
            if share.fte:
                _add(self.fte, share.organisation, share.fte)

    def merge(self, other: _Charges) -> None:
        self.total += other.total
        self.in_kind += other.in_kind
        for mine, theirs in (
            (self.years, other.years), (self.natures, other.natures),
            (self.partners, other.partners), (self.objectives, other.objectives),
            (self.days, other.days), (self.fte, other.fte),
        ):  # fmt: skip
            for key, value in theirs.items():
                _add(mine, key, value)


def _objective_charges(data: PlanData, actions: list[Action]) -> dict[str, _Charges]:
    """An objective's charges in every year ('': the whole project), in one pass."""
    charges: dict[str, _Charges] = {"": _Charges()}
    for action in actions:
        if action.status is Status.DROPPED:
            continue
        lead = _lead_org(data, action)
        for line in data.budget_lines_of(action.id):
            amounts, split = by_year(line, action), shares_of(line, lead)
            charges[""].add(line, action, amounts, split, "")
            for when in amounts:
                if when == UNASSIGNED:  # no year: in the whole project's, not a year's
                    continue
                into = charges.get(when)
                if into is None:
                    into = charges[when] = _Charges()
                into.add(line, action, amounts, split, when)
    return charges


BLOCK = 32
"""Objectives whose charges are summed together first (see `_charges`)."""


def _charges(data: PlanData, year: str) -> _Charges:
    """Every line's charges in `year` ('': all): each objective's (kept by the snapshot
    while its actions do not change), then the lines of no known action.

    The objectives are summed in blocks of BLOCK, in the order of their ids, and each
    block's sum is kept while its objectives' parts are the very same: after a card move,
    one block is summed again, then the blocks (about 60 merges, not 1,000). The order of
    the sums does not depend on the history of the snapshot: the same plan gives the same
    figures, to the last cent's last bit."""
    objectives = sorted(data.objectives_with_actions(), key=id_key)
    parts = [
        data.per_objective(
            "charges", objective_id, _READS, lambda actions: _objective_charges(data, actions)
        )
        for objective_id in objectives
    ]
    kept = data.carried(f"charges:{year}")
    charges = _Charges()
    for start in range(0, len(parts), BLOCK):
        block = tuple(parts[start : start + BLOCK])
        cached = kept.get(start)
        if (
            cached is None
            or len(cached[0]) != len(block)
            or any(a is not b for a, b in zip(cached[0], block, strict=True))
        ):
            total = _Charges()
            for part in block:
                if year in part:
                    total.merge(part[year])
            cached = kept[start] = (block, total)
        charges.merge(cached[1])
    for start in [s for s in kept if s >= len(parts)]:
        del kept[start]
    for action_id in unknown_actions(data):
        for line in data.budget_lines_of(action_id):
            charges.count(data, line, None, year)
    return charges


def unknown_actions(data: PlanData) -> list[str]:
    """Ids of the actions budget lines name that the plan does not hold (an import, a
    hand-edited file), once per snapshot. Usually none, which is known without looking at
    every line: when the objectives' actions hold every line (counts kept per objective)."""

    def find() -> list[str]:
        held = sum(
            data.per_objective("line_count", objective_id, _READS, _line_count(data))
            for objective_id in list(data.objectives_with_actions())
        )
        return _unknown(data, held)

    return data.memo("unknown_actions", find)  # type: ignore[no-any-return]


def _unknown(data: PlanData, held: int) -> list[str]:
    """`unknown_actions`, given how many lines the plan's actions hold."""
    if held == len(data.budget_lines):
        return []
    return sorted(set(data.actions_with_lines()).difference(data.actions), key=id_key)


def _line_count(data: PlanData) -> Callable[[list[Action]], int]:
    def count(actions: list[Action]) -> int:
        return sum(len(data.budget_lines_of(action.id)) for action in actions)

    return count


def _funding(data: PlanData, year: str, in_kind: float) -> Funding:
    """The financing of `year` ('': all) against charges holding `in_kind` in kind."""
    by_funder: dict[str, float] = {}
    by_status: dict[str, float] = {"requested": 0.0, "granted": 0.0, "paid": 0.0}
    funding_years: dict[str, float] = {}
    for funder in data.funders.values():
        amounts = funder_years(funder, year)
        amount = sum(amounts.values())
        if not amount:
            continue
        by_funder[funder.id] = amount
        _add(by_status, funder.status, amount)
        for when, value in amounts.items():
            _add(funding_years, when, value)
    funded = sum(by_funder.values())
    return Funding(
        total=funded + in_kind,
        by_funder=by_funder,
        by_status=by_status,
        by_year=funding_years,
        in_kind=in_kind,
    )


def _financing_plan(data: PlanData, year: str) -> FinancingPlan:
    charges = _charges(data, year)
    total, in_kind = charges.total, charges.in_kind
    funding = _funding(data, year, in_kind)
    status = funding.by_status
    secured = status["granted"] + status["paid"] + in_kind
    return FinancingPlan(
        year=year,
        total=total,
        by_year=charges.years,
        by_nature=charges.natures,
        by_partner=charges.partners,
        by_objective=charges.objectives,
        in_kind=in_kind,
        funding=funding,
        secured=secured,
        gap=total - funding.total,
        unsecured_gap=total - secured,
        partner_days=charges.days,
        partner_fte=charges.fte,
    )


# --- the bottom line alone ------------------------------------------------------------


class FinancingTotals(Struct, frozen=True, kw_only=True):
    """The financing plan of the whole project without its breakdowns: the very figures
    `financing_plan(data)` gives (summed in the same order, to the last bit)."""

    total: float
    """Charges: every line not of a dropped action, in kind included."""
    in_kind: float
    funding: Funding
    secured: float
    """Granted or paid, plus contributions in kind."""
    gap: float
    """Charges minus all financing (requested included); > 0: still to find."""
    unsecured_gap: float
    """Charges minus what is secured."""


def financing_totals(data: PlanData) -> FinancingTotals:
    """`financing_plan(data)`'s charges, financing, secured part and gaps (the dashboard's
    figures), without splitting a line by year, nature, partner or objective: the charges
    of each objective (kept while its actions do not change) are summed in the order
    `_charges` sums them, so the figures are those of the Budget screen, bit for bit."""

    def compute() -> FinancingTotals:
        total, in_kind = _charge_totals(data)
        funding = _funding(data, "", in_kind)
        status = funding.by_status
        secured = status["granted"] + status["paid"] + in_kind
        return FinancingTotals(
            total=total,
            in_kind=in_kind,
            funding=funding,
            secured=secured,
            gap=total - funding.total,
            unsecured_gap=total - secured,
        )

    return data.memo("financing_totals", compute)  # type: ignore[no-any-return]


def _charge_totals(data: PlanData) -> tuple[float, float]:
    """`_charges(data, "")`'s total and in-kind part, added in its order: each objective's
    line by line and year by year (`_Charges.add`), the objectives in blocks of BLOCK in
    id order, then the blocks, then the lines of no known action. Each objective's comes
    from the pass that sums its totals (`totals.charges_of`): one walk over the actions."""
    from coop_tui.domain.totals import charges_of  # totals imports this module

    parts = [
        charges_of(data, objective_id)
        for objective_id in sorted(data.objectives_with_actions(), key=id_key)
    ]
    total = in_kind = 0.0
    for start in range(0, len(parts), BLOCK):
        block_total = block_in_kind = 0.0
        for part in parts[start : start + BLOCK]:
            block_total += part[0]
            block_in_kind += part[1]
        total += block_total
        in_kind += block_in_kind
    held = sum(part[2] for part in parts)
    unknown = data.memo("unknown_actions", lambda: _unknown(data, held))
    for action_id in unknown:
        for line in data.budget_lines_of(action_id):
            each = line.amount * line.quantity
            times = max(1, len(line_years(line, None))) if line.yearly else 1
            for _ in range(times):
                total += each
                if line.in_kind:
                    in_kind += each
    return total, in_kind
