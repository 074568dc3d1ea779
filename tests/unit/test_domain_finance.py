"""domain/finance and the budget line's validation: working time counted in the years its
line counts in, and shares in euros never beyond their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coop_tui.domain import finance
from coop_tui.domain.model import BudgetLine, Share
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import validate
from tests.unit.plan_builders import D, action, budget_line, data_of, objective, two_orgs


def _plan(*lines: BudgetLine) -> PlanData:
    return data_of(
        *two_orgs(),
        objective("ob0", "O1"),
        objective("ob1", "O1.1", parent="ob0"),
        action("a1", "A1", start=D(2026, 1, 1), end=D(2027, 12, 31)),
        *lines,
    )


def test_working_time_counts_only_in_the_years_of_its_line() -> None:
    post = budget_line(
        "l1", "a1", 48_000, yearly=True, first_year=2027, last_year=2027,
        shares=(Share(organisation="o1", percent=50, fte=0.5, days=20),
                Share(organisation="o2", percent=50, fte=0.5)),
    )  # fmt: skip
    data = _plan(post)
    whole = finance.financing_plan(data)
    assert whole.partner_fte == {"o1": 0.5, "o2": 0.5}
    assert whole.partner_days == {"o1": 20}
    in_2027 = finance.financing_plan(data, "2027")
    assert (in_2027.partner_fte, in_2027.partner_days) == (whole.partner_fte, whole.partner_days)
    in_2026 = finance.financing_plan(data, "2026")
    assert (in_2026.total, in_2026.partner_fte, in_2026.partner_days) == (0.0, {}, {})


def test_shares_in_euros_beyond_their_line_are_refused() -> None:
    def problems(*shares: Share, amount: float = 3_000, quantity: float = 1) -> list[str]:
        line = budget_line("l9", "a1", amount, quantity=quantity, shares=shares)
        return [p.code for p in validate(line, _plan())]

    assert (
        problems(Share(organisation="o1", amount=1_500), Share(organisation="o2", amount=1_500))
        == []
    )
    assert problems(
        Share(organisation="o1", amount=2_000), Share(organisation="o2", amount=1_500)
    ) == ["shares_over_amount"]
    # Euros and a percentage together: 50 % of 3 000 € plus 2 000 € is more than the line.
    assert problems(
        Share(organisation="o1", percent=50), Share(organisation="o2", amount=2_000)
    ) == ["shares_over_amount"]
    # The amount of a line is its amount times its quantity (two job datings a year).
    assert problems(Share(organisation="o1", amount=4_000), quantity=2) == []
    # Over 100 % is said once, as a percentage.
    assert problems(Share(organisation="o1", percent=120)) == ["shares_over_100"]


def test_the_balance_is_the_financing_plans_bottom_line(demo_path: Path) -> None:
    from coop_tui.domain.totals import totals
    from coop_tui.storage.store import PlanStore

    demo = PlanStore(demo_path).read()
    whole = finance.financing_plan(demo)
    got = finance.balance(demo)
    assert got.total == pytest.approx(whole.total)
    assert got.funded == pytest.approx(whole.funding.total)
    assert got.secured == pytest.approx(whole.secured)
    assert got.gap == pytest.approx(whole.gap) and got.gap > 0
    # every line belongs to an action: the same charges the totals count
    assert got.total == pytest.approx(totals(demo).overall.budget)


def test_a_line_of_no_year_counts_once_in_the_whole_project() -> None:
    """A line whose action has no dates and that names no year falls in no year (its
    key is '', like the whole project's): counted once, not twice."""
    data = data_of(
        *two_orgs(),
        objective("ob0", "O1"),
        objective("ob1", "O1.1", parent="ob0"),
        action("a1", "A1"),
        action("a2", "A2", start=D(2026, 1, 1), end=D(2026, 6, 30)),
        budget_line("l1", "a1", 3_250),
        budget_line("l2", "a2", 1_000),
    )
    whole = finance.financing_plan(data)
    assert whole.total == 4_250 == finance.balance(data).total
    assert whole.by_year == {"": 3_250, "2026": 1_000}
    assert whole.by_objective == {"ob1": 4_250}
    assert finance.financing_plan(data, "2026").total == 1_000


def test_the_dashboards_figures_are_the_financing_plans(demo_path: Path) -> None:
    from coop_tui.storage.store import PlanStore

    whole = finance.financing_plan(PlanStore(demo_path).read())
    got = finance.financing_totals(PlanStore(demo_path).read())
    assert (got.total, got.in_kind, got.funding, got.secured, got.gap, got.unsecured_gap) == (
        whole.total, whole.in_kind, whole.funding, whole.secured, whole.gap, whole.unsecured_gap
    )  # fmt: skip
