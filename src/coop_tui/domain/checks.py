"""Derived facts about a plan, computed by pure functions (SPEC §3).

SMART check, shared-stake candidates, skill gaps, progress, overdue and
due-soon items, totals and dates that contradict each other. Everything takes
a `PlanData` (and a `today` where time matters) and returns plain values.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from msgspec import Struct

from coop_tui.domain import indicators, phases
from coop_tui.domain.approvals import approval_lapsed, partners_expected
from coop_tui.domain.gather import (
    FIRST,
    by_action,
    gathered,
    in_order,
    in_order_keyed,
    keyed_runs,
)
from coop_tui.domain.model import (
    STAKE_CATEGORIES,
    Action,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Remedy,
    Status,
)
from coop_tui.domain.snapshot import PlanData, code_order, natural_key
from coop_tui.text import search_key

T = TypeVar("T")

DUE_SOON_DAYS = 30
"""How far ahead "due soon" looks."""


# --- SMART -------------------------------------------------------------------


class SmartLetter(Struct, frozen=True):
    """One letter of the SMART check: passed, or why not (an i18n key)."""

    letter: str
    ok: bool
    reason: str = ""
    values: dict[str, Any] = {}


def smart_check(
    data: PlanData, objective: Objective, *, expected: list[Organisation] | None = None
) -> list[SmartLetter]:
    """The five SMART letters for one operational objective, each with the reason it fails.

    A shared objective broken down into operational objectives has none of its own (the
    worksheet asks SMART of the operational ones): [] — it would otherwise look incomplete
    whenever its parts are not, and be listed twice. `expected`: `partners_expected` of
    the objective, when the caller knows it (the same for every objective of a phase).
    """
    if is_shared(data, objective):
        return []
    indicators = _indicators_in_scope(data, objective)
    letters: list[SmartLetter] = []

    if not objective.statement.strip():
        letters.append(SmartLetter("S", False, "smart.no_statement"))
    elif not objective.expected_results.strip():
        letters.append(SmartLetter("S", False, "smart.no_results"))
    else:
        letters.append(SmartLetter("S", True))

    measurable = [i for i in indicators if has_target(i)]
    if not indicators:
        letters.append(SmartLetter("M", False, "smart.no_indicator"))
    elif not measurable:
        letters.append(SmartLetter("M", False, "smart.no_target"))
    else:
        letters.append(SmartLetter("M", True))

    if expected is None:
        expected = partners_expected(data, objective)
    missing = [o.name for o in expected if o.id not in objective.approvals]
    lapsed = [
        o.name
        for o in expected
        if o.id in objective.approvals
        and approval_lapsed(data, objective, objective.approvals[o.id])
    ]
    if not data.organisations:
        letters.append(SmartLetter("A", False, "smart.no_partner"))
    elif missing:
        letters.append(SmartLetter("A", False, "smart.not_approved", {"names": ", ".join(missing)}))
    elif lapsed:
        letters.append(SmartLetter("A", False, "smart.to_renew", {"names": ", ".join(lapsed)}))
    else:
        letters.append(SmartLetter("A", True))

    if objective.realistic is None:
        letters.append(SmartLetter("R", False, "smart.not_judged"))
    elif not objective.realistic:
        letters.append(SmartLetter("R", False, "smart.judged_unrealistic"))
    else:
        letters.append(SmartLetter("R", True))

    if objective.deadline is None:
        letters.append(SmartLetter("T", False, "smart.no_deadline"))
    elif data.plan.end and objective.deadline > data.plan.end:
        letters.append(SmartLetter("T", False, "smart.after_plan_end"))
    else:
        letters.append(SmartLetter("T", True))
    return letters


SMART_READS = frozenset({"objectives", "indicators", "organisations", "phases", "plan"})
"""What the SMART check reads: not the actions, so a card move keeps it."""


def smart_failures(data: PlanData) -> list[tuple[Objective, list[SmartLetter]]]:
    """Every objective (in code order) that fails the SMART check, with the letters it
    fails: worked out again only when what the check reads changes (`SMART_READS`)."""

    def failures() -> list[tuple[Objective, list[SmartLetter]]]:
        out = []
        by_phase: dict[str, list[Organisation]] = {}  # partners_expected, once per phase
        for objective in sorted(data.objectives.values(), key=lambda o: natural_key(o.code)):
            expected = by_phase.get(objective.phase)
            if expected is None:
                expected = by_phase[objective.phase] = partners_expected(data, objective)
            letters = smart_check(data, objective, expected=expected)
            missing = [x for x in letters if not x.ok]
            if missing:
                out.append((objective, missing))
        return out

    return data.memo_reading("smart_failures", SMART_READS, failures)  # type: ignore[no-any-return]


def is_shared(data: PlanData, objective: Objective) -> bool:
    """A shared objective that is broken down into operational objectives."""
    return bool(data.children(objective.id))


def smart_ok(letters: Iterable[SmartLetter]) -> bool:
    return all(letter.ok for letter in letters)


def _indicators_in_scope(data: PlanData, objective: Objective) -> list[Indicator]:
    """An objective's own indicators, or else those of its operational objectives."""
    own = data.indicators_of(objective.id)
    if own:
        return own
    return [i for child in data.children(objective.id) for i in data.indicators_of(child.id)]


def has_target(indicator: Indicator) -> bool:
    """Whether an indicator says what it must reach (a number, a word, or a date)."""
    if indicator.kind == "qualitative":
        return bool(indicator.target_level) and indicator.target_level != indicator.baseline_level
    if indicator.target is not None:
        return indicator.target != indicator.baseline
    return indicator.kind == "time_based" and indicator.target_date is not None


# --- shared stakes ------------------------------------------------------------


class Candidate(Struct, frozen=True):
    """A category in which two or more organisations hold a stake."""

    category: str
    organisations: tuple[str, ...]
    stakes: tuple[str, ...]
    pooled: bool
    """Whether a shared stake already pools all these stakes."""


def stake_matrix(data: PlanData) -> dict[str, dict[str, list[str]]]:
    """Category -> organisation id -> ids of its stakes in that category."""
    matrix: dict[str, dict[str, list[str]]] = {c: {} for c in STAKE_CATEGORIES}
    for stake in data.stakes.values():
        row = matrix.setdefault(stake.category, {})
        row.setdefault(stake.organisation, []).append(stake.id)
    return matrix


def shared_stake_candidates(data: PlanData) -> list[Candidate]:
    """Categories where at least two organisations hold a stake."""
    pooled_sets = [set(s.stakes) for s in data.shared_stakes.values()]
    out: list[Candidate] = []
    for category, row in stake_matrix(data).items():
        orgs = [o for o in data.organisations if row.get(o)]
        if len(orgs) < 2:
            continue
        stakes = tuple(sid for o in orgs for sid in row[o])
        covered = {sid for pooled in pooled_sets for sid in pooled}
        out.append(Candidate(category, tuple(orgs), stakes, set(stakes) <= covered))
    return out


# --- skills -------------------------------------------------------------------


def normalise_skill(skill: str) -> str:
    """Case-, accent- and spacing-insensitive form used to match skills."""
    return search_key(skill)


class SkillGap(Struct, frozen=True):
    """A skill an action requires that no partner organisation holds."""

    action: str
    skill: str
    remedy: Remedy | None
    """The answer chosen for it, if any."""
    closest: str = ""
    """The organisation whose skills come closest ('' if none comes near)."""


def held_skills(data: PlanData) -> set[str]:
    return {normalise_skill(s) for org in data.organisations.values() for s in org.skills}


def skill_gaps(data: PlanData, *, closest: bool = True) -> list[SkillGap]:
    """Gaps of the actions still to carry out, in action-code order (once per snapshot).

    `closest=False` leaves each gap's `closest` empty: finding the nearest partner compares
    the skill with every skill every partner holds (difflib), work wasted on a reader that
    never shows it (`coop-tui status`)."""
    if not closest:
        return data.memo("skill_gaps:bare", lambda: _skill_gaps(data, closest=False))  # type: ignore[no-any-return]
    return data.memo("skill_gaps", lambda: _skill_gaps(data))  # type: ignore[no-any-return]


def remedy_for(action: Action, skill: str) -> Remedy | None:
    key = normalise_skill(skill)
    return next((r for r in action.remedies if normalise_skill(r.skill) == key), None)


def closest_partner(data: PlanData, skill: str) -> str:
    """The organisation holding the skill nearest to `skill` (by its words), or ''."""
    import difflib  # here: only a skill no partner holds word for word needs it

    wanted = normalise_skill(skill)
    best, best_score = "", 0.0
    for org in data.organisations.values():
        for held in org.skills:
            score = difflib.SequenceMatcher(None, wanted, normalise_skill(held)).ratio()
            if score > best_score:
                best, best_score = org.id, score
    return best if best_score >= 0.6 else ""


def _skill_gaps(data: PlanData, closest: bool = True) -> list[SkillGap]:
    held = held_skills(data)
    # Whether each skill, as written, is missing: a plan writes the same few skills on
    # thousands of actions, so each is normalised once.
    missing: dict[str, bool] = {}
    closed = (Status.DONE, Status.DROPPED)  # not Status.is_open: no call per action

    def of(actions: list[Action]) -> list[SkillGap]:
        gaps: list[SkillGap] = []
        for action in actions:
            if not action.skills or action.status in closed:
                continue
            for skill in action.skills:
                gap = missing.get(skill)
                if gap is None:
                    gap = bool(skill.strip()) and normalise_skill(skill) not in held
                    missing[skill] = gap
                if gap:
                    near = closest_partner(data, skill) if closest else ""
                    gaps.append(SkillGap(action.id, skill, remedy_for(action, skill), near))
        return gaps

    name = "skill_gaps" if closest else "skill_gaps:bare"
    return in_order(data, name, frozenset({"organisations"}), of, by_action(data, _gap_action))


def _gap_action(gap: SkillGap) -> str:
    return gap.action


# --- progress -----------------------------------------------------------------


def latest_measurement(data: PlanData, indicator: Indicator) -> Measurement | None:
    return indicators.latest_measurement(data, indicator)


def indicator_progress(data: PlanData, indicator: Indicator) -> float | None:
    """Share of the way from baseline to target reached by the latest measurement (0..1);
    None where progress would be invented (see `indicators`)."""
    return indicators.progress(data, indicator)


def done_count(actions: Iterable[Action]) -> tuple[int, int]:
    """(actions done, actions counted): dropped ones are not counted."""
    statuses = [a.status for a in actions]
    return statuses.count(Status.DONE), len(statuses) - statuses.count(Status.DROPPED)


def action_progress(actions: Iterable[Action]) -> float | None:
    """Share of the actions done, dropped ones left out."""
    done, counted = done_count(actions)
    return done / counted if counted else None


def objective_progress(data: PlanData, objective: Objective) -> float | None:
    """Mean indicator progress; else share of actions done; shared objectives average children."""
    values = [
        p
        for i in data.indicators_of(objective.id)
        if (p := indicator_progress(data, i)) is not None
    ]
    if values:
        return sum(values) / len(values)
    children = [
        p for c in data.children(objective.id) if (p := objective_progress(data, c)) is not None
    ]
    if children:
        return sum(children) / len(children)
    done, counted = done_of(data, objective.id)
    return done / counted if counted else None


def overall_progress(data: PlanData) -> float | None:
    """Share of the plan's actions done (dropped ones left out)."""
    return action_progress(data.actions.values())


# --- time ---------------------------------------------------------------------


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.status.is_open and action.end is not None and action.end < today


def overdue_actions(data: PlanData, today: dt.date) -> list[Action]:
    """Open actions whose end is past, oldest end first."""

    def of(actions: list[Action]) -> list[Action]:
        return [a for a in actions if a.end is not None and a.end < today and a.status.is_open]

    return in_order(data, f"overdue:{today}", frozenset(), of, _end_then_code)


def _end_then_code(action: Action) -> tuple[Any, ...]:
    return action.end, natural_key(action.code)


def is_due_soon(action: Action, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    """Open, and ending between today and `days` from now."""
    end = action.end
    return (
        end is not None
        and today <= end <= today + dt.timedelta(days=days)
        and action.status.is_open
    )


def due_soon_actions(data: PlanData, today: dt.date, days: int = DUE_SOON_DAYS) -> list[Action]:
    """Open actions ending between today and `days` from now."""
    horizon = today + dt.timedelta(days=days)

    def of(actions: list[Action]) -> list[Action]:
        return [
            a
            for a in actions
            if a.end is not None and today <= a.end <= horizon and a.status.is_open
        ]

    return in_order(data, f"due_soon:{today}:{days}", frozenset(), of, _end_then_code)


def blocked_actions(data: PlanData) -> list[Action]:
    def of(actions: list[Action]) -> list[Action]:
        return [a for a in actions if a.status is Status.BLOCKED]

    return in_order(data, "blocked", frozenset(), of, code_order)


class Watch(Struct, frozen=True):
    """What the dashboard watches of the plan's actions, in one pass over them."""

    done: int
    counted: int
    """`plan_done_count`."""
    rows: list[tuple[str, Action]]
    """The first of the overdue actions (`overdue_actions`' order), then of the blocked
    ones (`blocked_actions`'), then of those due soon (`due_soon_actions`'), each action
    once, flagged 'overdue', 'blocked' or 'due_soon'."""
    count: int
    """How many actions are overdue, blocked or due soon, each counted once."""


def watch(data: PlanData, today: dt.date, limit: int) -> Watch:
    """The dashboard's count of actions done and its `limit` first watched actions, with
    how many there are: each objective's actions looked at once (and kept while they do
    not change), and only the few actions shown put in order (`first_by`), not the
    thousands of a large plan."""

    def compute() -> Watch:
        scan = _watch_scan(today)
        parts = [
            data.per_objective(f"watch:{today}", objective_id, frozenset(), scan)
            for objective_id in list(data.objectives_with_actions())
        ]
        overdue = [action for part in parts for action in part[2]]
        rows = [("overdue", a) for a in first_by(overdue, limit, _end, _code)]
        if len(rows) < limit:  # the blocked not overdue: those were all shown above
            blocked = [a for part in parts for a in part[3] if not (a.end and a.end < today)]
            rows += [("blocked", a) for a in heapq.nsmallest(limit - len(rows), blocked,
                                                              key=code_order)]  # fmt: skip
        if len(rows) < limit:  # due soon, not blocked: those were all met above
            soon = [a for part in parts for a in part[4] if a.status is not Status.BLOCKED]
            rows += [("due_soon", a) for a in first_by(soon, limit - len(rows), _end, _code)]
        return Watch(
            done=sum(part[0] for part in parts),
            counted=sum(part[1] for part in parts),
            rows=rows,
            count=sum(part[5] for part in parts),
        )

    return data.memo(f"watch:{today}:{limit}", compute)  # type: ignore[no-any-return]


_WatchPart = tuple[int, int, tuple[Action, ...], tuple[Action, ...], tuple[Action, ...], int]


def _watch_scan(today: dt.date) -> Callable[[list[Action]], _WatchPart]:
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    done_status, dropped, blocked_status = Status.DONE, Status.DROPPED, Status.BLOCKED

    def scan(actions: list[Action]) -> _WatchPart:
        """(done, counted, overdue, blocked, due soon, how many of those) of an
        objective's actions, in their board order: the rules of `done_count`,
        `overdue_actions`, `blocked_actions` and `due_soon_actions`, written out."""
        done = counted = watched = 0
        overdue: list[Action] = []
        blocked: list[Action] = []
        soon: list[Action] = []
        for action in actions:
            status = action.status
            if status is dropped:
                continue
            counted += 1
            if status is done_status:
                done += 1
                continue
            seen = False  # still open from here on
            if status is blocked_status:
                blocked.append(action)
                seen = True
            end = action.end
            if end is not None:
                if end < today:
                    overdue.append(action)
                    seen = True
                elif end <= horizon:
                    soon.append(action)
                    seen = True
            watched += seen
        return done, counted, tuple(overdue), tuple(blocked), tuple(soon), watched

    return scan


_end = operator.attrgetter("end")


def _code(action: Action) -> tuple[Any, ...]:
    return natural_key(action.code)


def first_by(
    items: list[T], limit: int, key: Callable[[T], Any], then: Callable[[T], Any]
) -> list[T]:
    """The `limit` first of `items` sorted (stably) by `key` then `then`: `then` (a code's
    natural order, a regular expression per code) is worked out only for the items that
    do not come after the last one kept by `key` alone, not for thousands."""
    if limit <= 0:
        return []
    first = heapq.nsmallest(limit, items, key=key)
    if not first:
        return first
    edge = key(first[-1])
    close = [item for item in items if key(item) <= edge]
    return sorted(close, key=lambda item: (key(item), then(item)))[:limit]


def plan_done_count(data: PlanData) -> tuple[int, int]:
    """`done_count` of every action of the plan, objective by objective."""
    done = counted = 0
    for objective_id in list(data.objectives_with_actions()):
        d, c = done_of(data, objective_id)
        done += d
        counted += c
    return done, counted


def done_of(data: PlanData, objective_id: str) -> tuple[int, int]:
    """`done_count` of an objective's actions (kept while they do not change), from
    what `phase_counts` adds up (`phases.status_counts`)."""
    counts = phases.status_counts(data, objective_id).values()
    if len(counts) == 1:
        return next(iter(counts))
    return sum(done for done, _ in counts), sum(counted for _, counted in counts)


class Deadline(Struct, frozen=True):
    """An objective's deadline or an indicator's target date still ahead."""

    date: dt.date
    kind: str
    """'objective' or 'indicator'."""
    id: str


def next_deadlines(data: PlanData, today: dt.date, limit: int = 5) -> list[Deadline]:
    """The coming objective deadlines, nearest first."""
    items = [
        Deadline(o.deadline, "objective", o.id)
        for o in data.objectives.values()
        if o.deadline is not None and o.deadline >= today
    ]
    items.sort(key=lambda d: (d.date, natural_key(data.objectives[d.id].code)))
    return items[:limit]


def overdue_objectives(data: PlanData, today: dt.date) -> list[Objective]:
    """Objectives past their deadline that are not reached."""
    out = []
    for o in data.objectives.values():
        if o.deadline is not None and o.deadline < today:
            progress = objective_progress(data, o)
            if progress is None or progress < 1.0:
                out.append(o)
    return sorted(out, key=lambda o: natural_key(o.code))


# --- contradictions -------------------------------------------------------------


class Contradiction(Struct, frozen=True):
    """Two dates that cannot both be right."""

    kind: str
    """An i18n key: contradiction.<kind>."""
    record: str
    other: str = ""
    days: int = 0
    """How many days apart the two dates are: how far one must move to agree with the other."""


def _record(item: Contradiction) -> str:
    return item.record


def _with_dependencies(actions: dict[str, Action], found: Contradiction) -> list[Contradiction]:
    """A contradiction found, or for a marker the action's starts before what it depends
    on ends (those depend on other objectives' actions: worked out on each snapshot)."""
    if found.kind:
        return [found]
    action = actions[found.record]
    start = action.start
    assert start is not None  # only dated actions get a marker
    out = []
    for dep_id in action.depends_on:
        dep = actions.get(dep_id)
        if dep and dep.end and start < dep.end:
            out.append(Contradiction("starts_before_dependency", action.id, dep.id,
                                     (dep.end - start).days))  # fmt: skip
    return out


_CONTRADICTION_READS = frozenset({"objectives", "plan"})
"""What an objective's actions' contradictions read besides them: its deadline, the plan's dates."""


def date_contradictions(data: PlanData, *, ordered: bool = True) -> list[Contradiction]:
    """Dates that contradict each other: the actions' in action-code order, then the
    objectives' in objective-code order; `ordered=False` leaves them in the plan file's
    order (for a caller that picks a few and would sort thousands for nothing)."""
    of, reads = _action_contradictions(data), _CONTRADICTION_READS
    if ordered:  # in action-code order, each objective's sorted once (see `in_order`)
        found = in_order_keyed(data, "contradictions", reads, of, by_action(data, _record))
    else:
        found = [(None, item) for item in gathered(data, "contradictions", reads, of)]
    out = [item for pair in found for item in _with_dependencies(data.actions, pair[1])]
    return out + _objective_contradictions(data, ordered=ordered)


def first_contradictions(data: PlanData, limit: int) -> tuple[list[Contradiction], int]:
    """`date_contradictions(data)[:limit]` and how many it gives, without putting them
    all in order: the actions' `limit` first by `heapq.nsmallest` over each objective's
    run of keyed findings (a large plan has thousands); the objectives' sorted only when
    those are fewer than `limit`."""

    def compute() -> tuple[list[Contradiction], int]:
        actions = data.actions
        of, key = _action_contradictions(data), by_action(data, _record)
        # Each objective's with their keys, kept (as `date_contradictions` keeps them):
        # after a change, the objectives it touched are keyed again, not the thousands.
        pairs: list[tuple[Any, Contradiction]] = []
        for pair in keyed_runs(data, "contradictions", _CONTRADICTION_READS, of, key):
            if pair[1].kind:
                pairs.append(pair)
            else:  # what it depends on: another objective's, maybe changed
                pairs += [(pair[0], item) for item in _with_dependencies(actions, pair[1])]
        count = len(pairs) + len(_objective_contradictions(data, ordered=False))
        first = [item for _, item in heapq.nsmallest(limit, pairs, key=FIRST)]
        if len(first) < limit:
            first += _objective_contradictions(data, ordered=True)[: limit - len(first)]
        return first, count

    return data.memo(f"first_contradictions:{limit}", compute)  # type: ignore[no-any-return]


def _action_contradictions(data: PlanData) -> Callable[[list[Action]], list[Contradiction]]:
    plan = data.plan
    plan_start, plan_end = plan.start, plan.end
    objectives = data.objectives

    def of(found_in: list[Action]) -> list[Contradiction]:
        """An objective's actions' own contradictions (not those with what they depend
        on, which may be another objective's: a marker says to look again)."""
        out: list[Contradiction] = []
        objective = objectives.get(found_in[0].objective) if found_in else None
        deadline = objective.deadline if objective else None
        objective_id = objective.id if objective else ""
        for action in found_in:
            start, end = action.start, action.end
            if start and end and end < start:
                out.append(Contradiction("action_end_before_start", action.id,
                                         days=(start - end).days))  # fmt: skip
            if end and deadline and end > deadline:
                out.append(Contradiction("action_after_deadline", action.id, objective_id,
                                         (end - deadline).days))  # fmt: skip
            if plan_start and start and start < plan_start:
                out.append(
                    Contradiction("action_before_plan", action.id, days=(plan_start - start).days)
                )
            if plan_end and end and end > plan_end:
                out.append(
                    Contradiction("action_after_plan", action.id, days=(end - plan_end).days)
                )
            if start and action.depends_on:
                out.append(Contradiction("", action.id))
        return out

    return of


def _objective_contradictions(data: PlanData, *, ordered: bool) -> list[Contradiction]:
    """The objectives' deadlines after their parent's or the plan's end: in objective-code
    order, or (`ordered=False`) in the plan file's."""
    objectives, plan_end = data.objectives, data.plan.end
    out: list[Contradiction] = []
    every = objectives.values()
    for objective in sorted(every, key=lambda o: natural_key(o.code)) if ordered else every:
        parent = objectives.get(objective.parent)
        deadline = objective.deadline
        if parent and parent.deadline and deadline and deadline > parent.deadline:
            out.append(Contradiction("objective_after_parent", objective.id, parent.id,
                                     (deadline - parent.deadline).days))  # fmt: skip
        if plan_end and deadline and deadline > plan_end:
            out.append(Contradiction("objective_after_plan", objective.id,
                                     days=(deadline - plan_end).days))  # fmt: skip
    return out
