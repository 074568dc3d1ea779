"""A plan with more in every `status` section than status shows, written so that the worst
items are not the first in code order; and its hostile twin. Ids are numbers as text, as
`PlanStore.create` wants them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from coop_tui.domain.model import (
    Action,
    Decision,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Plan,
    Record,
    Remedy,
    Review,
    Stake,
    Status,
)

TODAY = dt.date(2026, 3, 2)
PLAN = Plan(title="Plan chargé", start=dt.date(2025, 1, 1), end=dt.date(2028, 12, 31))


def _day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


#: Days before today that actions A1…A12 ended: the worst are A4, A9, A6, A12, A2.
OVERDUE = (5, 40, 12, 300, 1, 77, 18, 2, 150, 33, 9, 60)
#: Ends of the blocked A13…A20 (None: no end): the worst are A17, A15, A19, A20, A14.
BLOCKED = (None, 100, 20, None, 5, 300, 45, 60)
#: Ends of A21…A27, due soon; with the blocked A17 (+5) and A15 (+20) the worst are A24,
#: A22, A17, A26, A23.
SOON = (25, 3, 14, 0, 29, 7, 20)
#: Skills of A28…A34 that no partner holds; A29 and A31 have an answer.
GAPS = ("soudure", "CACES R489", "paie", "RGPD", "menuiserie", "CRM", "comptabilité")
#: A35…A41 end `n` days before they start: the furthest apart are A38, A41, A36, A39, A40.
BACKWARDS = (3, 30, 1, 90, 14, 7, 60)
#: The latest measurement of the indicators of O1.1…O1.9 (from 0 to 100, due 2027-01-01):
#: the path expects ~58 by now, so the worst are those of O1.6, O1.1, O1.9, O1.4, O1.8.
MEASURED = (10.0, 80.0, 55.0, 30.0, 95.0, 5.0, 60.0, 45.0, 20.0)
#: Deadlines of O1.1…O1.9, days from today: the nearest are O1.4, O1.2, O1.8, O1.6, O1.3.
DEADLINES = (400, 30, 200, 10, 700, 90, 365, 60, 500)
#: Decisions due, days from today: the soonest are those due -40, -10, -3, 0 and 5.
DECISIONS = (-10, 5, -40, 20, 0, 28, -3)


def crowded_plan(text: Callable[[str], str] = str) -> tuple[Plan, list[Record]]:
    """The plan, each free text passed through `text` (the hostile twin makes them hostile)."""
    ids = (str(n) for n in itertools.count(1))
    o1, o2, p1, p2 = next(ids), next(ids), next(ids), next(ids)
    out: list[Record] = [
        Organisation(
            id=o1, name=text("Les Jardins"), kind="ACI", role="lead", skills=("transport",)
        ),
        Organisation(id=o2, name=text("Cycl'Avenir"), kind="EI", skills=("logistique",)),
        Person(id=p1, name=text("Nadia Benali"), organisation=o1),
        Person(id=p2, name=text("Julien Perrin"), organisation=o2),
        Stake(id=next(ids), organisation=o1, category="revenue", statement=text("CA")),
    ]
    root = next(ids)
    out.append(Objective(id=root, code="O1", statement=text("Objectif partagé"),
                         deadline=dt.date(2028, 6, 30), realistic=True))  # fmt: skip
    children = []
    for n, offset in enumerate(DEADLINES, start=1):
        oid = next(ids)
        children.append(oid)
        # O1.1–O1.4 lack only approvals; O1.5–O1.7 are not judged realistic either;
        # O1.8 and O1.9 also lack expected results: the most incomplete.
        out.append(Objective(
            id=oid, code=f"O1.{n}", parent=root, statement=text(f"Objectif O1.{n}"),
            expected_results="" if n >= 8 else text("Des résultats"),
            realistic=True if n <= 4 else None, deadline=_day(offset),
        ))  # fmt: skip
        iid = next(ids)
        out.append(Indicator(id=iid, objective=oid, name=text(f"Indicateur {n}"), baseline=0.0,
                             target=100.0, target_date=dt.date(2027, 1, 1), unit="h"))  # fmt: skip
        out.append(Measurement(id=next(ids), indicator=iid, date=_day(-1),
                               value=MEASURED[n - 1]))  # fmt: skip
    home = children[0]

    def action(code: int, status: Status = Status.TODO, **kw: object) -> Action:
        return Action(id=next(ids), code=f"A{code}", objective=home, lead=p1,
                      title=text(f"Action A{code}"), status=status, **kw)  # type: ignore[arg-type]  # fmt: skip

    for n, late in enumerate(OVERDUE, start=1):
        out.append(action(n, Status.IN_PROGRESS, start=_day(-late - 10), end=_day(-late)))
    for n, end in enumerate(BLOCKED, start=13):
        out.append(action(n, Status.BLOCKED, end=None if end is None else _day(end)))
    for n, end in enumerate(SOON, start=21):
        out.append(action(n, end=_day(end)))
    for n, skill in enumerate(GAPS, start=28):
        answers = (Remedy(skill=skill, kind="training" if n == 29 else "expert"),)
        out.append(action(n, skills=(skill,), remedies=answers if n in (29, 31) else ()))
    for n, days in enumerate(BACKWARDS, start=35):
        out.append(action(n, start=_day(200 + days), end=_day(200)))
    out.append(action(42, Status.DONE, end=_day(-3)))
    out.append(action(43, Status.DROPPED, end=_day(-3)))
    review = next(ids)
    out.append(Review(id=review, title=text("COPIL 3"), date=_day(-30)))
    for n, due in enumerate(DECISIONS, start=1):
        out.append(Decision(id=next(ids), review=review, text=text(f"Décision {n}"), owner=p2,
                            due=_day(due)))  # fmt: skip
    return PLAN, out
