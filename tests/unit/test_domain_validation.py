"""domain/validation: every problem a record can have, said with the right code and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coop_tui.domain import validation
from coop_tui.domain.model import (
    Action,
    Approval,
    ExternalPartner,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Phase,
    Plan,
    Record,
    Remedy,
    Resources,
    SharedStake,
    Stake,
    replace,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import MAX_SHORT, MAX_TEXT, Problem, validate
from coop_tui.i18n import CATALOGS
from tests.unit.plan_builders import D, action, data_of, indicator, objective, two_orgs


@pytest.fixture
def data() -> PlanData:
    return data_of(
        *two_orgs(),
        objective("ob0", "O1", expected_results="2 marchés"),
        objective("ob1", "O1.1", parent="ob0"),
        objective("ob2", "O1.1.1", parent="ob1"),
        indicator("i1", "ob1", 0, 2),
        action("a1", "A1", "ob1"),
        ExternalPartner(id="x1", name="DDETS", kind="funder"),
    )


def codes(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}


def test_a_valid_record_of_every_kind_has_no_problem(data: PlanData) -> None:
    for table in (
        "organisations",
        "people",
        "stakes",
        "shared_stakes",
        "objectives",
        "indicators",
        "actions",
        "partners",
    ):
        for record in data.table(table).values():
            assert validate(record, data) == [], record
    assert validate(Measurement(indicator="i1", date=D(2026, 1, 1), value=1.0), data) == []
    assert validate(Plan(title="Coop"), data) == []


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Plan(title="  "), "title"),
        (Organisation(name=""), "name"),
        (Person(name=" ", organisation="o1"), "name"),
        (Stake(organisation="o1", category="revenue", statement=" \n "), "statement"),
        (SharedStake(title="", stakes=("s1", "s2")), "title"),
        (Objective(statement="", shared_stake="e1"), "statement"),
        (Indicator(name="", objective="ob1", target=1.0), "name"),
        (ExternalPartner(name="", kind="funder"), "name"),
        (Action(title="\t", objective="ob1"), "title"),
    ],
)
def test_empty_required_text_is_refused(data: PlanData, record: Record, field: str) -> None:
    assert (field, "required") in codes(validate(record, data))


def test_missing_required_references_and_values(data: PlanData) -> None:
    assert ("organisation", "required") in codes(validate(Person(name="X"), data))
    assert ("organisation", "required") in codes(validate(Stake(statement="X"), data))
    assert ("shared_stake", "required") in codes(validate(Objective(statement="X"), data))
    assert ("objective", "required") in codes(validate(Action(title="X"), data))
    assert ("target", "required") in codes(validate(Indicator(name="X", objective="ob1"), data))
    got = codes(validate(Measurement(indicator="i1"), data))
    assert {("date", "required"), ("value", "required")} <= got


def test_end_before_start(data: PlanData) -> None:
    plan = Plan(title="P", start=D(2026, 5, 1), end=D(2026, 4, 30))
    assert codes(validate(plan, data)) == {("end", "end_before_start")}
    late = action("a9", "A9", "ob1", start=D(2026, 5, 1), end=D(2026, 4, 30))
    assert codes(validate(late, data)) == {("end", "end_before_start")}
    same_day = action("a9", "A9", "ob1", start=D(2026, 5, 1), end=D(2026, 5, 1))
    assert validate(same_day, data) == []


def test_phase_ending_before_it_starts(data: PlanData) -> None:
    ok = Phase(id="ph1", name="Lancement", start=D(2026, 1, 1), end=D(2026, 6, 30))
    assert validate(ok, data) == []
    late = Phase(id="ph2", name="Essaimage", start=D(2026, 7, 1), end=D(2026, 6, 1))
    assert codes(validate(late, data)) == {("end", "end_before_start")}


def test_target_equal_to_baseline(data: PlanData) -> None:
    assert codes(validate(indicator("i9", "ob1", 5, 5), data)) == {
        ("target", "target_equals_baseline")
    }
    assert validate(indicator("i9", "ob1", 5, 3), data) == []  # falling target is fine
    assert validate(indicator("i9", "ob1", None, 3), data) == []


def test_shared_stake_must_pool_two_organisations(data: PlanData) -> None:
    one_org = SharedStake(id="e9", title="Seul", stakes=("s1",))
    (problem,) = validate(one_org, data)
    assert (problem.field, problem.code, problem.values) == (
        "stakes",
        "too_few_organisations",
        {"count": 1},
    )
    more = data_of(
        *data.stakes.values(),
        *data.organisations.values(),
        Stake(id="s3", organisation="o1", category="skills", statement="RH"),
    )
    two_of_one_org = SharedStake(id="e9", title="Seul", stakes=("s1", "s3"))
    assert codes(validate(two_of_one_org, more)) == {("stakes", "too_few_organisations")}
    empty = SharedStake(id="e9", title="Vide")
    assert validate(empty, data)[0].values == {"count": 0}


def test_shared_stake_with_unknown_stakes(data: PlanData) -> None:
    got = validate(SharedStake(id="e9", title="T", stakes=("s1", "s2", "nope")), data)
    assert [(p.code, p.values) for p in got] == [("unknown_reference", {"value": "nope"})]


@pytest.mark.parametrize(
    ("record", "table_code"),
    [
        (SharedStake(id="e9", code="E1", title="T", stakes=("s1", "s2")), "E1"),
        (objective("ob9", "O1.1", parent="ob0"), "O1.1"),
        (action("a9", "A1", "ob1"), "A1"),
    ],
)
def test_code_taken(data: PlanData, record: Record, table_code: str) -> None:
    problems = [p for p in validate(record, data) if p.code == "code_taken"]
    assert [(p.field, p.values) for p in problems] == [("code", {"code": table_code})]
    # the record itself keeps its own code when edited
    own = data.table(record.TABLE)
    mine = next(r for r in own.values() if getattr(r, "code", None) == table_code)
    assert not [p for p in validate(mine, data) if p.code == "code_taken"]


def test_code_taken_ignores_case_and_spaces(data: PlanData) -> None:
    """`coop-tui move PLAN a1` finds actions by code whatever the case: codes must not clash."""
    problems = validate(action("a9", " a1 ", "ob1"), data)
    assert ("code", "code_taken") in codes(problems)


def test_organisation_name_taken_case_insensitively(data: PlanData) -> None:
    assert ("name", "name_taken") in codes(validate(Organisation(name=" les jardins "), data))
    assert validate(replace(data.organisations["o1"], contact="x"), data) == []


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (Person(name="X", organisation="o-none"), "organisation", "o-none"),
        (Stake(organisation="o-none", statement="X"), "organisation", "o-none"),
        (Objective(statement="X", shared_stake="e-none"), "shared_stake", "e-none"),
        (Objective(statement="X", parent="ob-none"), "parent", "ob-none"),
        (
            Objective(
                statement="X", shared_stake="e1", approvals={"o-none": Approval(date=D(2026, 1, 1))}
            ),
            "approvals",
            "o-none",
        ),
        (Indicator(name="X", objective="ob-none", target=1.0), "objective", "ob-none"),
        (Measurement(indicator="i-none", date=D(2026, 1, 1), value=1.0), "indicator", "i-none"),
        (Action(title="X", objective="ob-none"), "objective", "ob-none"),
        (Action(title="X", objective="ob1", lead="p-none"), "lead", "p-none"),
        (Action(title="X", objective="ob1", partners=("x1", "x-none")), "partners", "x-none"),
        (Action(title="X", objective="ob1", depends_on=("a-none",)), "depends_on", "a-none"),
    ],
)
def test_unknown_references(data: PlanData, record: Record, field: str, value: str) -> None:
    assert [(p.field, p.code, p.values) for p in validate(record, data)] == [
        (field, "unknown_reference", {"value": value})
    ]


def test_parent_cycle(data: PlanData) -> None:
    itself = replace(data.objectives["ob1"], parent="ob1")
    assert ("parent", "parent_cycle") in codes(validate(itself, data))
    under_grandchild = replace(data.objectives["ob0"], parent="ob2", shared_stake="")
    assert codes(validate(under_grandchild, data)) == {("parent", "parent_cycle")}
    new_leaf = objective("", "O1.1.2", parent="ob2")
    assert validate(new_leaf, data) == []


def test_action_depending_on_itself(data: PlanData) -> None:
    a = replace(data.actions["a1"], depends_on=("a1",))
    assert codes(validate(a, data)) == {("depends_on", "depends_on_itself")}


def test_negative_working_days(data: PlanData) -> None:
    a = action("a9", "A9", "ob1", days=-0.5)
    assert codes(validate(a, data)) == {("working_days", "negative")}
    zero = action("a9", "A9", "ob1", days=0.0)
    assert validate(zero, data) == []


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Organisation(name="X", kind="SCOP"), "kind"),
        (Organisation(name="X", role="boss"), "role"),
        (Stake(organisation="o1", category="money", statement="X"), "category"),
        (Indicator(name="X", objective="ob1", kind="vibes", target=1.0), "kind"),
        (ExternalPartner(name="X", kind="friend"), "kind"),
        (
            Action(
                title="X",
                objective="ob1",
                skills=("CRM",),
                remedies=(Remedy(skill="CRM", kind="magic"),),
            ),
            "remedies",
        ),
        (Plan(title="X", mode="agile"), "mode"),
    ],
)
def test_unknown_choice(data: PlanData, record: Record, field: str) -> None:
    assert [(p.field, p.code) for p in validate(record, data)] == [(field, "unknown_choice")]


def test_too_long_text(data: PlanData) -> None:
    short = Action(title="x" * (MAX_SHORT + 1), objective="ob1")
    assert [(p.field, p.code, p.values) for p in validate(short, data)] == [
        ("title", "too_long", {"max": MAX_SHORT})
    ]
    fits = Action(title="x" * MAX_SHORT, description="y" * MAX_TEXT, objective="ob1")
    assert validate(fits, data) == []
    long = Organisation(name="X", diagnosis="y" * (MAX_TEXT + 1))
    assert [(p.field, p.code, p.values) for p in validate(long, data)] == [
        ("diagnosis", "too_long", {"max": MAX_TEXT})
    ]


def test_every_problem_code_has_a_message_in_both_languages() -> None:
    source = Path(validation.__file__).read_text("utf-8")
    found = set(re.findall(r'Problem\(\s*[^,]+,\s*"([a-z_]+)"', source))
    found |= set(re.findall(r'Problem\(name, "([a-z_]+)"', source))
    assert {"required", "too_long", "code_taken", "parent_cycle", "negative"} <= found
    for lang, catalog in CATALOGS.items():
        missing = sorted(code for code in found if f"problem.{code}" not in catalog)
        assert missing == [], lang


def test_problem_key_is_the_catalog_key() -> None:
    assert Problem("title", "required").key == "problem.required"


def test_resources_default_is_valid(data: PlanData) -> None:
    assert validate(Action(title="X", objective="ob1", resources=Resources()), data) == []
