"""A generator of big, valid plans for scale tests and benchmarks.

`make_big_plan(path, objectives=100, actions_per_objective=50)` writes a phased
plan of 5,000 actions (by default) in one `PlanStore.create`: no transaction per
record, so it takes a second or two rather than minutes. The content is
deterministic (a seeded random generator) and dated around `today`, so overdue,
due-soon, done and blocked actions all occur. Pure Python: no textual.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from coop_tui.domain.model import (
    ENTITY_TYPES,
    STAKE_CATEGORIES,
    Action,
    Approval,
    ApprovedTarget,
    BudgetLine,
    ExternalPartner,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Phase,
    Plan,
    Record,
    Resources,
    SharedStake,
    Stake,
    Status,
)
from coop_tui.domain.upgrade import renumber
from coop_tui.storage.store import PlanStore

_ORGS: tuple[tuple[str, str], ...] = (
    ("Les Jardins de la Vernière", "ACI"),
    ("Vernière Emploi Services", "AI"),
    ("Cycl'Avenir", "EI"),
    ("Tremplin Intérim Dômes", "ETTI"),
    ("Atelier des Puys", "EA"),
    ("GEIQ Logistique Auvergne", "GEIQ"),
)
_FIRST = ("Claire", "Inès", "Julien", "Nadia", "Sophie", "Thomas", "Karim", "Léa", "Marc", "Zoé")
_LAST = ("Moreau", "Coulibaly", "Perrin", "Benali", "Lambert", "Girard", "Roux", "Faure")
_SKILLS = (
    "logistique", "réponse aux marchés publics", "paie", "comptabilité", "CACES R489",
    "menuiserie", "relation entreprises", "animation de réseau", "RGPD", "formation",
)  # fmt: skip
_VERBS = (
    "Cartographier", "Rédiger", "Organiser", "Former", "Recruter", "Lancer", "Évaluer",
    "Mutualiser", "Préparer", "Suivre", "Négocier", "Animer",
)  # fmt: skip
_THINGS = (
    "les achats publics", "la convention de GME", "un atelier de réemploi", "les tournées",
    "la paie commune", "un job dating", "le COPIL", "les fiches de poste", "la base entreprises",
    "un parcours qualifiant", "l'étude de marché", "le petit-déjeuner des acheteurs",
)  # fmt: skip
#: Status weights: mostly to do, a good share in progress or done, a few blocked or dropped.
_STATUS_WEIGHTS: tuple[tuple[Status, int], ...] = (
    (Status.TODO, 45),
    (Status.IN_PROGRESS, 20),
    (Status.BLOCKED, 7),
    (Status.DONE, 23),
    (Status.DROPPED, 5),
)


def big_plan_records(
    objectives: int = 100,
    actions_per_objective: int = 50,
    today: dt.date | None = None,
    seed: int = 4,
) -> tuple[Plan, list[Record]]:
    """The plan and its records (every one valid), without touching the disk."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    start = today - dt.timedelta(days=365)
    end = today + dt.timedelta(days=3 * 365)
    span = (end - start).days
    third = span // 3
    phases = tuple(
        Phase(
            id=f"ph{i + 1}",
            name=f"Phase {i + 1}",
            start=start + dt.timedelta(days=i * third),
            end=start + dt.timedelta(days=(i + 1) * third - 1) if i < 2 else end,
            order=float(i),
        )
        for i in range(3)
    )
    plan = Plan(
        title=f"Grand plan de test ({objectives * actions_per_objective} actions)",
        description="Plan généré pour les tests de charge et les mesures de vitesse.",
        territory="Pays de Vernière",
        start=start,
        end=end,
        mode="phased",
        language="fr",
    )
    records: list[Record] = [*phases]

    orgs = [
        Organisation(
            id=f"org{i + 1}",
            name=name,
            kind=kind,
            role="lead" if i == 0 else "partner",
            skills=tuple(_SKILLS[j % len(_SKILLS)] for j in range(i * 2, i * 2 + 3)),
            phase=phases[min(i // 2, 2)].id if i >= 4 else "",
            diagnosis=f"État des lieux de {name}.",
        )
        for i, (name, kind) in enumerate(_ORGS)
    ]
    records += orgs
    people = [
        Person(
            id=f"p{i + 1}",
            name=f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}",
            organisation=orgs[i % len(orgs)].id,
            contact=f"personne{i + 1}@example.org",
        )
        for i in range(24)
    ]
    records += people
    stakes = [
        Stake(
            id=f"st{i + 1}",
            organisation=orgs[i % len(orgs)].id,
            category=STAKE_CATEGORIES[(i // 2) % len(STAKE_CATEGORIES)],
            statement=f"Enjeu individuel {i + 1}",
            risk="Perdre des marchés.",
            gain="Gagner en visibilité.",
        )
        for i in range(12)
    ]
    records += stakes
    n_shared = max(1, min(6, (objectives + 9) // 10))
    shared = [
        SharedStake(
            id=f"es{i + 1}",
            code=f"E{i + 1}",
            title=f"Enjeu partagé {i + 1}",
            statement="Ce que les structures gagnent ensemble.",
            stakes=(stakes[(2 * i) % 12].id, stakes[(2 * i + 1) % 12].id),
        )
        for i in range(n_shared)
    ]
    records += shared
    partners = [
        ExternalPartner(id=f"ext{i + 1}", name=f"Partenaire extérieur {i + 1}", kind="funder")
        for i in range(5)
    ]
    records += partners

    roots: list[Objective] = []
    per_root = 10
    n_roots = max(1, (objectives + per_root - 1) // per_root)
    approved_on = today - dt.timedelta(days=200)

    def approvals(
        statement: str, deadline: dt.date, targets: dict[str, ApprovedTarget]
    ) -> dict[str, Approval]:
        """Every organisation's approval of exactly this (so none is "to renew")."""
        one = Approval(date=approved_on, statement=statement, deadline=deadline, targets=targets)
        return {o.id: one for o in orgs}

    for r in range(n_roots):
        statement = f"Objectif partagé {r + 1}"
        roots.append(
            Objective(
                id=f"o{r + 1}",
                code=f"O{r + 1}",
                shared_stake=shared[r % n_shared].id,
                statement=statement,
                expected_results="Des résultats mesurables.",
                deadline=end,
                approvals=approvals(statement, end, {}),
                realistic=True,
            )
        )
    records += roots

    action_number = 0
    statuses = [s for s, _ in _STATUS_WEIGHTS]
    weights = [w for _, w in _STATUS_WEIGHTS]
    for k in range(objectives):
        root = roots[k // per_root]
        phase = phases[k % 3]
        deadline = today + dt.timedelta(days=rng.randint(-60, 3 * 365 - 30))
        statement = f"Objectif opérationnel {k + 1} : {_THINGS[k % len(_THINGS)]}"
        targets = {f"ind{k + 1}": ApprovedTarget(value=1000.0, date=deadline)} if k % 2 == 0 else {}
        objective = Objective(
            id=f"o{k // per_root + 1}-{k % per_root + 1}",
            code=f"{root.code}.{k % per_root + 1}",
            parent=root.id,
            statement=statement,
            expected_results="Un résultat attendu par trimestre.",
            deadline=deadline,
            phase=phase.id,
            approvals=approvals(statement, deadline, targets) if k % 4 else {},
            realistic=True if k % 5 else None,
        )
        records.append(objective)
        if k % 2 == 0:
            indicator = Indicator(
                id=f"ind{k + 1}",
                objective=objective.id,
                name=f"Heures d'insertion {k + 1}",
                unit="h",
                baseline=0.0,
                target=1000.0,
                target_date=deadline,
            )
            records.append(indicator)
            for m in range(3):
                records.append(
                    Measurement(
                        id=f"m{k + 1}-{m + 1}",
                        indicator=indicator.id,
                        date=today - dt.timedelta(days=90 * (3 - m)),
                        value=float(rng.randint(0, 300) * (m + 1)),
                        author=people[m].name,
                    )
                )
        for j in range(actions_per_objective):
            action_number += 1
            status = rng.choices(statuses, weights)[0]
            begin = today + dt.timedelta(days=rng.randint(-330, 600))
            finish = begin + dt.timedelta(days=rng.randint(7, 240))
            has_dates = action_number % 17 != 0
            records.append(
                Action(
                    id=f"a{action_number}",
                    code=f"A{action_number}",
                    objective=objective.id,
                    title=f"{rng.choice(_VERBS)} {rng.choice(_THINGS)} ({action_number})",
                    description="Action générée.",
                    skills=tuple(rng.sample(_SKILLS, rng.randint(0, 2))),
                    resources=Resources(working_days=float(rng.randint(0, 30))),
                    partners=(partners[action_number % 5].id,) if action_number % 3 == 0 else (),
                    start=begin if has_dates else None,
                    end=finish if has_dates else None,
                    lead=people[rng.randrange(len(people))].id if action_number % 11 else "",
                    status=status,
                    order=float(j + 1),
                    phase=phase.id,
                )
            )
            amount = float(rng.randint(0, 40) * 250)
            if amount:
                records.append(
                    BudgetLine(id=f"b{action_number}", action=f"a{action_number}", amount=amount)
                )
    return plan, records


def make_big_plan(
    path: str | Path,
    objectives: int = 100,
    actions_per_objective: int = 50,
    today: dt.date | None = None,
    *,
    user: str | None = None,
    seed: int = 4,
) -> Path:
    """Write a big valid plan at `path` (which must not exist) and return the path."""
    plan, records = big_plan_records(objectives, actions_per_objective, today, seed)
    tables: dict[str, dict[str, Record]] = {name: {} for name in ENTITY_TYPES}
    for record in records:
        tables[record.TABLE][record.id] = record
    numbered, next_id, _ = renumber(tables)
    every = [r for table in numbered.values() for r in table.values()]
    PlanStore(path, user=user).create(plan, every, next_id=next_id)
    return Path(path)


__all__ = ["big_plan_records", "make_big_plan"]
