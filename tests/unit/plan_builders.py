"""Small plans built in memory for the pure-core tests (no file, no storage)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Plan,
    Record,
    Resources,
    SharedStake,
    Stake,
    Status,
)
from coop_tui.domain.snapshot import PlanData

D = dt.date


def data_of(*records: Record, plan: Plan | None = None, revision: int = 1) -> PlanData:
    """A PlanData holding exactly `records` (placed in their tables by type)."""
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        assert record.id not in tables[record.TABLE], f"duplicate id {record.id}"
        tables[record.TABLE][record.id] = record
    return PlanData(plan=plan or Plan(title="Plan"), revision=revision, **tables)  # type: ignore[arg-type]


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
    budget: float | None = None,
    days: float | None = None,
    **kw: object,
) -> Action:
    return Action(
        id=aid,
        code=code,
        objective=objective_id,
        title=f"Action {code}",
        status=status,
        start=start,
        end=end,
        resources=Resources(budget=budget, working_days=days),
        **kw,  # type: ignore[arg-type]
    )


def indicator(iid: str, objective_id: str, baseline: float | None, target: float | None,
              **kw: object) -> Indicator:
    return Indicator(
        id=iid, objective=objective_id, name=f"Indicateur {iid}", baseline=baseline,
        target=target, **kw,  # type: ignore[arg-type]
    )


def measurements(indicator_id: str, values: Iterable[tuple[dt.date, float | None]]) -> list[Measurement]:
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
    "objective", "indicator", "lead", "parent", "shared_stake", "phase", "status",
}  # fmt: skip


def hostile(n: int) -> str:
    from tests.helpers import HOSTILE

    return "".join(HOSTILE) + "".join(EXTRA_HOSTILE) + f" #{n}"


def hostile_plan() -> tuple[Plan, list[Record]]:
    """A valid plan where every free-text field, code and skill is hostile text."""
    from coop_tui.domain.model import ExternalPartner, Phase

    counter = iter(range(1, 10_000))

    def h() -> str:
        return hostile(next(counter))

    ph, o1, o2 = "ph-[b]é🚀", "org-1 [bold]é", "org-2 $x {y}"
    plan = Plan(title=h(), description=h(), territory=h(), start=D(2025, 1, 1),
                end=D(2027, 12, 31), mode="phased",
                phases=(Phase(id=ph, name=h(), start=D(2025, 1, 1), end=D(2027, 12, 31)),))
    records: list[Record] = [
        Organisation(id=o1, name=h(), kind="ACI", role="lead", contact=h(), skills=(h(), h()),
                     phase=ph, diagnosis=h()),
        Organisation(id=o2, name=h(), kind="EI", contact=h(), skills=(h(),), diagnosis=h()),
        Person(id="p-[/]", name=h(), organisation=o1, contact=h(), role=h()),
        Stake(id="s-1", organisation=o1, category="revenue", statement=h(), risk=h(), gain=h()),
        Stake(id="s-2", organisation=o2, category="revenue", statement=h(), risk=h(), gain=h()),
        SharedStake(id="e-1", code=h(), title=h(), statement=h(), stakes=("s-1", "s-2")),
        Objective(id="ob-1", code=h(), shared_stake="e-1", statement=h(), expected_results=h(),
                  deadline=D(2027, 6, 30), phase=ph,
                  approvals={o1: D(2025, 3, 1), o2: D(2025, 3, 2)}, realistic=True,
                  realistic_note=h()),
        Objective(id="ob-2", code=h(), parent="ob-1", statement=h(), expected_results=h(),
                  deadline=D(2026, 12, 31), approvals={o1: D(2025, 3, 1)}, realistic=False,
                  realistic_note=h()),
        Indicator(id="i-1", objective="ob-2", name=h(), kind="quantitative", unit=h(),
                  baseline=0.0, target=10.0, target_date=D(2026, 12, 31)),
        Measurement(id="m-1", indicator="i-1", date=D(2026, 1, 15), value=3.5, note=h(),
                    author=h()),
        ExternalPartner(id="x-1", name=h(), kind="funder", brings=h(), expects=h(),
                        contact=h()),
        Action(id="a-late", code=h(), objective="ob-2", title=h(), description=h(),
               skills=(h(),), resources=Resources(budget=1234.5, working_days=2.5, places=h(),
                                                  equipment=h(), other=h()),
               partners=("x-1",), start=D(2026, 1, 5), end=D(2026, 2, 27), lead="p-[/]",
               status=Status.IN_PROGRESS, order=1.5, phase=ph, remedy="training",
               remedy_note=h()),
        Action(id="a-blocked", code=h(), objective="ob-2", title=h(), description=h(),
               resources=Resources(places=h(), equipment=h(), other=h()),
               start=D(2026, 2, 1), end=D(2026, 4, 30), status=Status.BLOCKED,
               depends_on=("a-late",), remedy_note=h()),
    ]
    return plan, records


def text_fields(value: object) -> list[tuple[str, str]]:
    """(name, text) of every free-text field of a record, nested ones included."""
    import dataclasses

    out: list[tuple[str, str]] = []
    for f in dataclasses.fields(value):  # type: ignore[arg-type]
        item = getattr(value, f.name)
        if f.name in STRUCTURAL:
            continue
        if isinstance(item, str):
            out.append((f.name, item))
        elif dataclasses.is_dataclass(item):
            out += [(f"{f.name}.{n}", t) for n, t in text_fields(item)]
        elif isinstance(item, tuple):
            for n, element in enumerate(item):
                if isinstance(element, str) and f.name not in ("stakes", "partners", "depends_on"):
                    out.append((f"{f.name}[{n}]", element))
                elif dataclasses.is_dataclass(element):
                    out += [(f"{f.name}[{n}].{k}", t) for k, t in text_fields(element)]
    return out
