"""domain/checks: the SMART check, shared-stake candidates and skill gaps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.checks import (
    Candidate,
    normalise_skill,
    shared_stake_candidates,
    skill_gaps,
    smart_check,
    smart_ok,
    stake_matrix,
)
from coop_tui.domain.model import (
    STAKE_CATEGORIES,
    Objective,
    Organisation,
    Phase,
    Plan,
    SharedStake,
    Stake,
    Status,
    replace,
)
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import CATALOGS
from tests.unit.plan_builders import D, action, data_of, indicator, objective, two_orgs

APPROVED = {"o1": D(2026, 1, 10), "o2": D(2026, 1, 12)}


def smart_objective(**kw: object) -> Objective:
    """An objective that passes every letter unless `kw` says otherwise."""
    base: dict[str, object] = {
        "expected_results": "2 marchés remportés",
        "approvals": dict(APPROVED),
        "realistic": True,
        "deadline": D(2026, 12, 31),
    }
    base.update(kw)
    return objective("ob1", "O1", **base)


def letters(
    obj: Objective, *extra: object, plan: Plan | None = None, with_indicator: bool = True
) -> dict[str, tuple[bool, str, dict[str, object]]]:
    records = [*two_orgs(), obj, *extra]
    if with_indicator:
        records.append(indicator("i1", obj.id, 0, 2))
    data = data_of(*records, plan=plan or Plan(title="P", end=D(2027, 12, 31)))  # type: ignore[arg-type]
    return {
        s.letter: (s.ok, s.reason, s.values) for s in smart_check(data, data.objectives[obj.id])
    }


def failing(obj: Objective, *extra: object, **kw: object) -> dict[str, str]:
    got = letters(obj, *extra, **kw)  # type: ignore[arg-type]
    return {k: reason for k, (ok, reason, _) in got.items() if not ok}


def test_all_five_letters_pass() -> None:
    result = letters(smart_objective())
    assert list(result) == ["S", "M", "A", "R", "T"]
    assert all(ok and reason == "" for ok, reason, _ in result.values())
    data = data_of(*two_orgs(), smart_objective(), indicator("i1", "ob1", 0, 2))
    assert smart_ok(smart_check(data, data.objectives["ob1"]))


@pytest.mark.parametrize(
    ("changes", "letter", "reason"),
    [
        ({"statement": "  "}, "S", "smart.no_statement"),
        ({"expected_results": ""}, "S", "smart.no_results"),
        ({"realistic": None}, "R", "smart.not_judged"),
        ({"realistic": False}, "R", "smart.judged_unrealistic"),
        ({"deadline": None}, "T", "smart.no_deadline"),
        ({"deadline": D(2028, 1, 1)}, "T", "smart.after_plan_end"),
    ],
)
def test_one_letter_fails_with_its_reason(
    changes: dict[str, object], letter: str, reason: str
) -> None:
    assert failing(smart_objective(**changes)) == {letter: reason}


def test_deadline_on_plan_end_day_passes() -> None:
    assert failing(smart_objective(deadline=D(2027, 12, 31))) == {}
    assert failing(smart_objective(deadline=D(2030, 1, 1)), plan=Plan(title="open-ended")) == {}


def test_measurable_needs_an_indicator_with_a_real_target() -> None:
    obj = smart_objective()
    assert failing(obj, with_indicator=False) == {"M": "smart.no_indicator"}
    flat = indicator("i1", "ob1", 3, 3)
    no_target = indicator("i2", "ob1", 3, None)
    assert failing(obj, flat, no_target, with_indicator=False) == {"M": "smart.no_target"}
    falling = indicator("i3", "ob1", 5, 3)
    assert failing(obj, flat, falling, with_indicator=False) == {}


def test_a_shared_objective_leaves_smart_to_its_operational_objectives() -> None:
    root = smart_objective(approvals={})
    child = objective("ob2", "O1.1", parent="ob1")
    assert letters(root, child, indicator("i9", "ob2", 0, 4), with_indicator=False) == {}
    data = data_of(*two_orgs(), root, child)
    assert smart_ok(smart_check(data, data.objectives["ob1"]))
    assert not smart_ok(smart_check(data, data.objectives["ob2"]))


def test_approval_missing_for_one_organisation_names_it() -> None:
    result = letters(smart_objective(approvals={"o1": D(2026, 1, 10), "o2": None}))
    assert result["A"] == (False, "smart.not_approved", {"names": "Cycl'Avenir"})
    result = letters(smart_objective(approvals={}))
    assert result["A"] == (False, "smart.not_approved", {"names": "Les Jardins, Cycl'Avenir"})


def test_no_partner_organisation_at_all() -> None:
    obj = smart_objective(approvals={})
    data = data_of(obj, indicator("i1", "ob1", 0, 2), plan=Plan(title="P"))
    a = next(s for s in smart_check(data, data.objectives[obj.id]) if s.letter == "A")
    assert (a.ok, a.reason) == (False, "smart.no_partner")


def phased_plan() -> Plan:
    return Plan(title="P", mode="phased")


PHASES = (Phase(id="ph1", name="Amorçage", order=0), Phase(id="ph2", name="Essaimage", order=1))


def test_organisation_joining_in_a_later_phase_need_not_approve_earlier_objectives() -> None:
    late = Organisation(id="o3", name="GEIQ BTP", kind="GEIQ", phase="ph2")
    early = smart_objective(phase="ph1")
    assert failing(early, late, *PHASES, plan=phased_plan()) == {}
    later = smart_objective(phase="ph2")
    assert letters(later, late, *PHASES, plan=phased_plan())["A"] == (
        False,
        "smart.not_approved",
        {"names": "GEIQ BTP"},
    )
    no_phase = smart_objective()
    assert failing(no_phase, late, *PHASES, plan=phased_plan()) == {"A": "smart.not_approved"}


def test_every_smart_reason_is_in_both_catalogs() -> None:
    reasons = {
        "smart.no_statement",
        "smart.no_results",
        "smart.no_indicator",
        "smart.no_target",
        "smart.no_partner",
        "smart.not_approved",
        "smart.not_judged",
        "smart.judged_unrealistic",
        "smart.no_deadline",
        "smart.after_plan_end",
    }
    for catalog in CATALOGS.values():
        assert reasons <= set(catalog)


# --- shared-stake candidates -------------------------------------------------------


def stakes_data(*extra: object, pooled: tuple[str, ...] = ()) -> PlanData:
    orgs = [r for r in two_orgs() if r.TABLE in ("organisations",)]
    records = [
        *orgs,
        Organisation(id="o3", name="Tremplin", kind="ETTI"),
        Stake(id="s1", organisation="o1", category="revenue", statement="CA"),
        Stake(id="s2", organisation="o2", category="revenue", statement="Marchés"),
        Stake(id="s2b", organisation="o2", category="revenue", statement="Clients"),
        Stake(id="s3", organisation="o3", category="skills", statement="Encadrement"),
        Stake(id="s4", organisation="o1", category="skills", statement="CRM"),
        Stake(id="s5", organisation="o3", category="working_time", statement="Heures"),
        *extra,
    ]
    if pooled:
        records.append(SharedStake(id="e1", code="E1", title="T", stakes=pooled))
    return data_of(*records)  # type: ignore[arg-type]


def test_stake_matrix_rows_are_every_category_then_organisations() -> None:
    matrix = stake_matrix(stakes_data())
    assert list(matrix) == list(STAKE_CATEGORIES)
    assert matrix["revenue"] == {"o1": ["s1"], "o2": ["s2", "s2b"]}
    assert matrix["working_time"] == {"o3": ["s5"]}
    assert matrix["activities"] == {}


def test_candidates_are_categories_held_by_two_organisations() -> None:
    got = shared_stake_candidates(stakes_data())
    assert got == [
        Candidate("revenue", ("o1", "o2"), ("s1", "s2", "s2b"), pooled=False),
        Candidate("skills", ("o1", "o3"), ("s4", "s3"), pooled=False),
    ]


def test_candidate_is_pooled_only_when_all_its_stakes_are() -> None:
    partly = {
        c.category: c.pooled for c in shared_stake_candidates(stakes_data(pooled=("s1", "s2")))
    }
    assert partly == {"revenue": False, "skills": False}
    whole = {
        c.category: c.pooled
        for c in shared_stake_candidates(stakes_data(pooled=("s1", "s2", "s2b")))
    }
    assert whole == {"revenue": True, "skills": False}


def test_two_stakes_of_one_organisation_are_no_candidate() -> None:
    data = data_of(
        Organisation(id="o1", name="A"),
        Stake(id="s1", organisation="o1", category="other", statement="x"),
        Stake(id="s2", organisation="o1", category="other", statement="y"),
    )
    assert shared_stake_candidates(data) == []


# --- skill gaps --------------------------------------------------------------------


def skills_data(
    *actions: object, held: tuple[str, ...] = ("Informatique ", "étude de marché")
) -> PlanData:
    return data_of(
        Organisation(id="o1", name="A", skills=held),
        Organisation(id="o2", name="B", skills=("  Négociation  commerciale",)),
        objective("ob1", "O1"),
        *actions,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "required",
    [
        "informatique",
        "INFORMATIQUE",
        " Informatique",
        "Etude de Marche",
        "étude  de\tmarché",
        "ÉTUDE DE MARCHÉ",
        "negociation commerciale",
    ],
)
def test_held_skill_matches_whatever_the_accents_case_and_spaces(required: str) -> None:
    data = skills_data(action("a1", "A1", skills=(required,)))
    assert skill_gaps(data) == []


def test_gaps_of_open_actions_in_code_order_with_their_remedy() -> None:
    data = skills_data(
        action("a10", "A10", skills=("CRM", "informatique"), remedy="training"),
        action("a2", "A2", status=Status.BLOCKED, skills=("comptabilité", " ")),
        action("a3", "A3", status=Status.DONE, skills=("soudure",)),
        action("a4", "A4", status=Status.DROPPED, skills=("menuiserie",)),
        action("a5", "A5", status=Status.IN_PROGRESS, skills=("paie",), remedy="expert"),
    )
    got = [
        (data.actions[g.action].code, g.skill, g.remedy.kind if g.remedy else "")
        for g in skill_gaps(data)
    ]
    assert got == [("A2", "comptabilité", ""), ("A5", "paie", "expert"), ("A10", "CRM", "training")]


def test_a_skill_held_by_nobody_is_a_gap_until_someone_holds_it() -> None:
    data = skills_data(action("a1", "A1", skills=("CRM",)), held=())
    assert [g.skill for g in skill_gaps(data)] == ["CRM"]
    org = replace(data.organisations["o1"], skills=("crm",))
    data = data_of(
        *[r for r in data.organisations.values() if r.id != "o1"],
        org,
        *data.objectives.values(),
        *data.actions.values(),
    )
    assert skill_gaps(data) == []


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_normalise_skill_is_idempotent_and_ignores_case_and_padding(skill: str) -> None:
    once = normalise_skill(skill)
    assert normalise_skill(once) == once
    assert normalise_skill(f"  {skill.upper()}\t") == normalise_skill(skill.upper())
    assert once == once.strip()


def test_gaps_without_the_closest_partner_are_the_same_gaps() -> None:
    data = skills_data(
        action("a1", "A1", skills=("CRM", "informatique", "CRM")),
        action("a2", "A2", skills=("comptabilite analytique",), remedy="training"),
    )
    bare = skill_gaps(data, closest=False)
    assert [(g.action, g.skill, g.remedy) for g in bare] == [
        (g.action, g.skill, g.remedy) for g in skill_gaps(data)
    ]
    assert {g.closest for g in bare} == {""}
