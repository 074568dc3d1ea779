"""domain/codes (E1, O1.2, A3) and domain/cascade (what goes with a deleted record)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.cascade import plan_deletion
from coop_tui.domain.codes import next_action_code, next_objective_code, next_shared_stake_code
from coop_tui.domain.model import ExternalPartner, SharedStake, Stake, replace
from coop_tui.domain.snapshot import PlanData, natural_key
from tests.unit.plan_builders import (
    D,
    action,
    data_of,
    indicator,
    measurements,
    objective,
    two_orgs,
)

# --- codes -------------------------------------------------------------------------


def test_first_codes_of_an_empty_plan() -> None:
    empty = data_of()
    assert next_shared_stake_code(empty) == "E1"
    assert next_objective_code(empty) == "O1"
    assert next_action_code(empty) == "A1"


def test_next_code_follows_the_highest_not_the_count() -> None:
    data = data_of(
        *[r for r in two_orgs() if r.TABLE != "shared_stakes"],
        SharedStake(id="e1", code="E1", title="x", stakes=("s1", "s2")),
        SharedStake(id="e5", code="E5", title="x", stakes=("s1", "s2")),
        SharedStake(id="ex", code="E5b", title="x", stakes=("s1", "s2")),
        action("a1", "A2"),
        action("a2", "A10"),
        action("a3", "Z99"),
        action("a4", "A"),
        action("a5", "B12"),
    )
    assert next_shared_stake_code(data) == "E6"
    assert next_action_code(data) == "A11"


def test_objective_codes_under_a_parent() -> None:
    data = data_of(
        *two_orgs(),
        objective("r1", "O1"),
        objective("r3", "O3"),
        objective("c1", "O1.1", parent="r1"),
        objective("c3", "O1.3", parent="r1"),
        objective("g", "O1.3.7", parent="c3"),
        objective("n", "", parent="r3"),
    )
    assert next_objective_code(data) == "O4"  # O1.1 is not O<n>
    assert next_objective_code(data, "r1") == "O1.4"
    assert next_objective_code(data, "r3") == "O3.1"
    assert next_objective_code(data, "c3") == "O1.3.8"
    assert next_objective_code(data, "n") == "O4"  # a parent without code: a fresh O<n>
    assert next_objective_code(data, "missing") == "O4"


def test_codes_made_of_other_digits_do_not_break_numbering() -> None:
    """A code typed as 'A²' (a superscript, not a decimal digit) must not crash the next code."""
    data = data_of(action("a1", "A²"), action("a2", "A3"), action("a3", "A٤"))
    assert next_action_code(data) == "A5"  # '٤' is the Arabic-Indic four: a decimal digit


def test_natural_order_of_codes() -> None:
    codes = ["A10", "A2", "a1", "O1.10", "O1.2", "O1", "", "A²", "x", "²"]
    assert sorted(codes, key=natural_key) == [
        "",
        "a1",
        "A2",
        "A10",
        "A²",
        "O1",
        "O1.2",
        "O1.10",
        "x",
        "²",
    ]


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), max_size=8))
def test_any_codes_sort_and_number_without_error(codes: list[str]) -> None:
    sorted(codes, key=natural_key)
    data = data_of(*[action(f"a{n}", code) for n, code in enumerate(codes)])
    assert next_action_code(data).startswith("A")
    data.sorted_actions()


# --- cascade -----------------------------------------------------------------------


def full() -> PlanData:
    return data_of(
        *two_orgs(),
        ExternalPartner(id="x1", name="DDETS", kind="funder"),
        objective("r1", "O1", approvals={"o1": D(2026, 1, 1), "o2": None}),
        objective("c1", "O1.1", parent="r1", approvals={"o2": D(2026, 1, 2)}),
        objective("c2", "O1.2", parent="r1"),
        indicator("i1", "c1", 0, 2),
        *measurements("i1", [(D(2026, 1, 1), 1)]),
        indicator("i2", "c2", 0, 2),
        action("a1", "A1", "c1", lead="p1", partners=("x1",)),
        action("a2", "A2", "c2", lead="p2", depends_on=("a1",), partners=("x1",)),
        action("a3", "A3", "c2", depends_on=("a2", "a1")),
    )


def test_deleting_an_objective_takes_its_tree() -> None:
    result = plan_deletion(full(), "objectives", "c1")
    assert result.deletes[0] == ("objectives", "c1")
    assert set(result.deletes) == {
        ("objectives", "c1"),
        ("indicators", "i1"),
        ("measurements", "i1-m0"),
        ("actions", "a1"),
    }
    assert set(result.updates) == {("actions", "a2"), ("actions", "a3")}
    assert result.updates[("actions", "a2")].depends_on == ()  # type: ignore[attr-defined]
    assert result.updates[("actions", "a3")].depends_on == ("a2",)  # type: ignore[attr-defined]


def test_deleting_a_shared_stake_takes_every_objective_below() -> None:
    result = plan_deletion(full(), "shared_stakes", "e1")
    assert result.deletes[0] == ("shared_stakes", "e1")
    gone = {rid for _, rid in result.deletes}
    assert gone == {"e1", "r1", "c1", "c2", "i1", "i1-m0", "i2", "a1", "a2", "a3"}
    assert len(result.deletes) == len(set(result.deletes))
    assert result.updates == {}


def test_deleting_an_organisation_cleans_every_reference_to_it() -> None:
    data = full()
    result = plan_deletion(data, "organisations", "o2")
    assert set(result.deletes) == {("organisations", "o2"), ("stakes", "s2"), ("people", "p2")}
    up = result.updates
    assert up[("shared_stakes", "e1")] == replace(data.shared_stakes["e1"], stakes=("s1",))
    assert ("objectives", "r1") not in up  # o2 had not approved it
    assert up[("objectives", "c1")].approvals == {}  # type: ignore[attr-defined]
    assert up[("actions", "a2")].lead == ""  # type: ignore[attr-defined]
    assert ("actions", "a1") not in up  # led by p1, untouched
    for record in up.values():
        assert record.id and record.rev == data.table(record.TABLE)[record.id].rev


def test_deleting_an_external_partner_or_a_stake_only_unlinks_it() -> None:
    result = plan_deletion(full(), "partners", "x1")
    assert result.deletes == [("partners", "x1")]
    assert {k: v.partners for k, v in result.updates.items()} == {  # type: ignore[attr-defined]
        ("actions", "a1"): (),
        ("actions", "a2"): (),
    }
    result = plan_deletion(full(), "stakes", "s1")
    assert result.deletes == [("stakes", "s1")]
    assert result.updates[("shared_stakes", "e1")].stakes == ("s2",)  # type: ignore[attr-defined]


def test_deleting_a_leaf_touches_nothing_else() -> None:
    result = plan_deletion(full(), "measurements", "i1-m0")
    assert (result.deletes, result.updates) == ([("measurements", "i1-m0")], {})
    data = full()
    lone = data_of(*data.organisations.values(), Stake(id="s9", organisation="o1", statement="x"))
    assert plan_deletion(lone, "stakes", "s9").updates == {}
