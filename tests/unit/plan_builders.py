"""Small plans built in memory for the pure-core tests (no file, no storage)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    Approval,
    BudgetLine,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Plan,
    Record,
    Remedy,
    Resources,
    SharedStake,
    Stake,
    Status,
    replace,
)
from coop_tui.domain.snapshot import PlanData

D = dt.date


def data_of(*records: Record, plan: Plan | None = None, revision: int = 1) -> PlanData:
    """A PlanData holding exactly `records` (placed in their tables by type).

    An objective's approvals may be given as dates (`{"o1": D(2026, 1, 10), "o2": None}`):
    they become approvals of what the objective says in this plan (None: not approved).
    """
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        assert record.id not in tables[record.TABLE], f"duplicate id {record.id}"
        tables[record.TABLE][record.id] = record
    data = PlanData(plan=plan or Plan(title="Plan"), revision=revision, **tables)  # type: ignore[arg-type]
    from coop_tui.domain.approvals import approval_now
    from coop_tui.domain.model import replace

    for oid, obj in list(data.objectives.items()):
        if any(not isinstance(a, Approval) for a in obj.approvals.values()):
            approvals = {
                org: a if isinstance(a, Approval) else approval_now(data, obj, a)
                for org, a in obj.approvals.items()
                if a is not None
            }
            data.objectives[oid] = replace(obj, approvals=approvals)
    return data


def with_records(data: PlanData, *records: Record) -> PlanData:
    """`data` with `records` added or replaced."""
    current: dict[str, Record] = {}
    for name in ENTITY_TYPES:
        for rid, rec in data.table(name).items():
            current[f"{name}/{rid}"] = rec
    for rec in records:
        current[f"{rec.TABLE}/{rec.id}"] = rec
    return data_of(*current.values(), plan=data.plan, revision=data.revision)


def two_orgs() -> list[Record]:
    """Two organisations, one person each, one revenue stake each, pooled in E1."""
    return [
        Organisation(id="o1", name="Les Jardins", kind="ACI", role="lead", skills=("transport",)),
        Organisation(id="o2", name="Cycl'Avenir", kind="EI", skills=("logistique",)),
        Person(id="p1", name="Nadia", organisation="o1"),
        Person(id="p2", name="Julien", organisation="o2"),
        Stake(id="s1", organisation="o1", category="revenue", statement="CA"),
        Stake(id="s2", organisation="o2", category="revenue", statement="Marchés"),
        SharedStake(id="e1", code="E1", title="Marchés publics", stakes=("s1", "s2")),
    ]


def objective(oid: str, code: str, **kw: object) -> Objective:
    defaults: dict[str, object] = {"statement": f"Objectif {code}", "shared_stake": "e1"}
    if kw.get("parent"):
        defaults["shared_stake"] = ""
    defaults.update(kw)
    return Objective(id=oid, code=code, **defaults)  # type: ignore[arg-type]


def action(
    aid: str,
    code: str,
    objective_id: str = "ob1",
    status: Status = Status.TODO,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    days: float | None = None,
    remedy: str = "",
    **kw: object,
) -> Action:
    """An action; `remedy` answers each of its skills (those held are ignored by checks)."""
    if remedy:
        skills = kw.get("skills", ())
        kw["remedies"] = tuple(Remedy(skill=s, kind=remedy) for s in skills)  # type: ignore[union-attr]
    return Action(
        id=aid,
        code=code,
        objective=objective_id,
        title=f"Action {code}",
        status=status,
        start=start,
        end=end,
        resources=Resources(working_days=days),
        **kw,  # type: ignore[arg-type]
    )


def budget_line(lid: str, action_id: str, amount: float, **kw: object) -> BudgetLine:
    """A one-off line of `amount` euros for an action (keywords: yearly, years, shares…)."""
    return BudgetLine(id=lid, action=action_id, amount=amount, **kw)  # type: ignore[arg-type]


def approved(*orgs: str, day: dt.date = dt.date(2025, 3, 1)) -> dict[str, Approval]:
    """Approvals by these organisations of whatever the objective says (see `approve`)."""
    return {org: Approval(date=day) for org in orgs}


def approve(
    data: PlanData, objective: Objective, *orgs: str, day: dt.date = dt.date(2025, 3, 1)
) -> Objective:
    """`objective` approved by `orgs` as it stands in `data` (so the approvals hold)."""
    from coop_tui.domain.approvals import approval_now
    from coop_tui.domain.model import replace

    approvals = {**objective.approvals, **{o: approval_now(data, objective, day) for o in orgs}}
    return replace(objective, approvals=approvals)


def indicator(
    iid: str, objective_id: str, baseline: float | None, target: float | None, **kw: object
) -> Indicator:
    return Indicator(
        id=iid,
        objective=objective_id,
        name=f"Indicateur {iid}",
        baseline=baseline,
        target=target,
        **kw,  # type: ignore[arg-type]
    )


def measurements(
    indicator_id: str, values: Iterable[tuple[dt.date, float | None]]
) -> list[Measurement]:
    return [
        Measurement(id=f"{indicator_id}-m{n}", indicator=indicator_id, date=day, value=value)
        for n, (day, value) in enumerate(values)
    ]


# --- a plan whose every text field is hostile -------------------------------------------

#: Added to tests/conftest.py HOSTILE: controls, bidi, quotes, newlines, backslashes.
EXTRA_HOSTILE = [
    "\x1b[2J",
    "\u202e",
    "🚀🎉👩🏽‍🔧",
    "àéïôù ÀÉ çœ Ÿ",
    "quotes ' \" ''' \"\"\" «»",
    "new\nline\r\nend",
    "back\\slash \\n \\x1b \\u0000 C:\\dir\\",
    "\ttab",
    "\x00nul \x7fdel \x9bcsi",
    "  padded  ",
]

#: Fields that hold an id or a fixed choice, not free text.
STRUCTURAL = {
    "id", "kind", "role", "category", "mode", "language", "remedy", "organisation",
    "objective", "indicator", "lead", "parent", "shared_stake", "phase", "status", "skill",
    "action", "nature", "in_kind", "provider", "funder", "review", "owner", "outcome",
    "objectives", "actions", "organisations", "people", "indicators", "level",
    "baseline_level", "target_level",
}  # fmt: skip


def hostile(n: int, controls: bool = True) -> str:
    """Every hostile sample in one text; without `controls`, only what a form, the CLI
    or an import accepts (markup, emoji, right-to-left letters, quotes, backslashes…)."""
    from coop_tui.text import forbidden_char
    from tests.helpers import HOSTILE

    samples = [*HOSTILE, *EXTRA_HOSTILE]
    if not controls:
        samples = [t for t in samples if forbidden_char(t) is None]
    return "".join(samples) + f" #{n}"


def hostile_plan(controls: bool = True) -> tuple[Plan, list[Record]]:
    """A plan where every free-text field, code and skill is hostile text.

    With `controls`, written with `PlanStore.create` (which trusts its records): the file
    then holds what no write path accepts, as a file written by hand may.
    """
    from coop_tui.domain.model import (
        BaseAction,
        BaseIndicator,
        Baseline,
        BaseObjective,
        BudgetLine,
        Decision,
        ExternalPartner,
        Funder,
        Milestone,
        Phase,
        Review,
        Share,
    )

    counter = iter(range(1, 10_000))

    def h() -> str:
        return hostile(next(counter), controls)

    ph, o1, o2, p1 = "1", "2", "3", "4"
    plan = Plan(
        title=h(),
        description=h(),
        territory=h(),
        start=D(2025, 1, 1),
        end=D(2027, 12, 31),
        mode="phased",
    )
    records: list[Record] = [
        Phase(id=ph, name=h(), start=D(2025, 1, 1), end=D(2027, 12, 31), description=h()),
        Organisation(
            id=o1,
            name=h(),
            kind="ACI",
            role="lead",
            contact=h(),
            skills=(h(), h()),
            phase=ph,
            diagnosis=h(),
        ),
        Organisation(id=o2, name=h(), kind="EI", contact=h(), skills=(h(),), diagnosis=h()),
        Person(id=p1, name=h(), organisation=o1, contact=h(), role=h()),
        Stake(id="5", organisation=o1, category="revenue", statement=h(), risk=h(), gain=h()),
        Stake(id="6", organisation=o2, category="revenue", statement=h(), risk=h(), gain=h()),
        SharedStake(id="7", code=h(), title=h(), statement=h(), stakes=("5", "6")),
        Objective(
            id="8",
            code=h(),
            shared_stake="7",
            statement=h(),
            expected_results=h(),
            deadline=D(2027, 6, 30),
            phase=ph,
            approvals={o1: Approval(date=D(2025, 3, 1)), o2: Approval(date=D(2025, 3, 2))},
            realistic=True,
            realistic_note=h(),
        ),
        Objective(
            id="9",
            code=h(),
            parent="8",
            statement=h(),
            expected_results=h(),
            deadline=D(2026, 12, 31),
            approvals={o1: Approval(date=D(2025, 3, 1))},
            realistic=False,
            realistic_note=h(),
        ),
        Indicator(
            id="10",
            objective="9",
            name=h(),
            kind="quantitative",
            unit=h(),
            baseline=0.0,
            target=10.0,
            target_date=D(2026, 12, 31),
        ),
        Measurement(id="11", indicator="10", date=D(2026, 1, 15), value=3.5, note=h(), author=h()),
        ExternalPartner(id="12", name=h(), kind="funder", brings=h(), expects=h(), contact=h()),
        Action(
            id="13",
            code=h(),
            objective="9",
            title=h(),
            description=h(),
            skills=(h(),),
            resources=Resources(working_days=2.5, places=h(), equipment=h(), other=h()),
            partners=("12",),
            start=D(2026, 1, 5),
            end=D(2026, 2, 27),
            lead=p1,
            status=Status.IN_PROGRESS,
            order=1.5,
            phase=ph,
        ),
        Action(
            id="14",
            code=h(),
            objective="9",
            title=h(),
            description=h(),
            resources=Resources(places=h(), equipment=h(), other=h()),
            start=D(2026, 2, 1),
            end=D(2026, 4, 30),
            status=Status.BLOCKED,
            depends_on=("13",),
        ),
        BudgetLine(
            id="15",
            action="13",
            label=h(),
            amount=1234.5,
            shares=(Share(organisation=o1, percent=60.0), Share(organisation=o2, percent=40.0)),
        ),
        Indicator(
            id="16",
            objective="9",
            name=h(),
            kind="qualitative",
            unit=h(),
            scale=(h(), h(), h()),
            target_date=D(2026, 12, 31),
        ),
        Milestone(id="17", phase=ph, name=h(), date=D(2026, 6, 30), criteria=h(), note=h()),
        Funder(
            id="18",
            name=h(),
            kind="region",
            amounts={"2026": 5000.0},
            status="granted",
            actions=("13",),
            note=h(),
        ),
        Review(
            id="19",
            kind="copil",
            title=h(),
            date=D(2026, 1, 20),
            organisations=(o1,),
            people=(p1,),
            guests=h(),
            notes=h(),
        ),
        Decision(id="20", review="19", text=h(), actions=("13",), owner=p1, due=D(2026, 2, 1)),
        Baseline(
            id="21",
            name=h(),
            review="19",
            date=D(2026, 1, 20),
            objectives={"9": BaseObjective(code=h(), statement=h(), deadline=D(2026, 12, 31))},
            indicators={"10": BaseIndicator(objective="9", name=h(), target=10.0)},
            actions={"13": BaseAction(code=h(), title=h(), objective="9", budget=1234.5)},
        ),
    ]
    indicator_16 = records[-6]
    assert isinstance(indicator_16, Indicator)
    scale = indicator_16.scale
    records[-6] = replace(indicator_16, baseline_level=scale[0], target_level=scale[2])
    records.append(
        Measurement(
            id="22", indicator="16", date=D(2026, 2, 1), level=scale[1], note=h(), author=h()
        )
    )
    action = records[12]
    assert isinstance(action, Action)
    records[12] = replace(action, remedies=(Remedy(skill=action.skills[0], kind="training",
                                                   note=h()),))  # fmt: skip
    return plan, records


def text_fields(value: object) -> list[tuple[str, str]]:
    """(name, text) of every free-text field of a record, nested ones included."""
    from msgspec import Struct

    out: list[tuple[str, str]] = []
    for name in value.__struct_fields__:  # type: ignore[attr-defined]
        item = getattr(value, name)
        if name in STRUCTURAL:
            continue
        if isinstance(item, str):
            out.append((name, item))
        elif isinstance(item, Struct):
            out += [(f"{name}.{n}", t) for n, t in text_fields(item)]
        elif isinstance(item, tuple):
            for n, element in enumerate(item):
                if isinstance(element, str) and name not in ("stakes", "partners", "depends_on"):
                    out.append((f"{name}[{n}]", element))
                elif isinstance(element, Struct):
                    out += [(f"{name}[{n}].{k}", t) for k, t in text_fields(element)]
    return out
