"""`PlanData`: one consistent, read-only view of a whole plan, with lookups."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    Baseline,
    BudgetLine,
    Decision,
    ExternalPartner,
    Funder,
    Indicator,
    Measurement,
    Milestone,
    Objective,
    Organisation,
    Person,
    Phase,
    Plan,
    Record,
    Review,
    SharedStake,
    Stake,
)

T = TypeVar("T")

_NUMBERS = re.compile(r"(\d+)")
_LETTERS_NUMBER = re.compile(r"([A-Za-z]+)([0-9]+)")
"""The usual code ("A12"): its key in one match (see `natural_key`)."""
_FAR = dt.date.max
"""Sorts records without a date last."""


_KEYS: dict[str, tuple[Any, ...]] = {}
"""Code -> its natural key: a plan's codes are sorted again and again."""
_KEYS_MAX = 65536
"""Codes kept at most: the keys are forgotten all at once beyond (a plan has as many)."""
_WORDS: dict[str, str] = {}
"""The text parts of keys, one string each ("a", ".", "o"): a plan's codes have few."""


def natural_key(code: str) -> tuple[Any, ...]:
    """Sort key so that A2 < A10 and O1.2 < O1.10.

    Kept in a plain dict, its text parts shared: at 50,000 actions that holds ~2.5 MB
    less than `functools.lru_cache` (its list of entries and a string per part)."""
    key = _KEYS.get(code)
    if key is None:
        key = _parts_key(code)
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
            _WORDS.clear()
        _KEYS[code] = key
    return key


def _parts_key(code: str) -> tuple[Any, ...]:
    """`_split_key`, with a shortcut for the usual code (half the time at 50,000 actions)."""
    usual = _LETTERS_NUMBER.fullmatch(code)
    if usual is not None:  # ASCII letters, then digits: the split below, in one match
        letters = usual[1].lower()
        return (_WORDS.setdefault(letters, letters), int(usual[2]), "")
    return _split_key(code)


def _split_key(code: str) -> tuple[Any, ...]:
    """The key by the general rule: text parts folded, numbers as numbers."""
    parts: list[Any] = []
    for part in _NUMBERS.split(code):
        if part.isdecimal():
            parts.append(int(part))
        else:
            folded = part.casefold()
            parts.append(_WORDS.setdefault(folded, folded))
    return tuple(parts)


def id_key(record_id: str) -> tuple[int, str]:
    """Ids are whole numbers as text: "9" before "10"."""
    return (int(record_id), "") if record_id.isdecimal() else (1 << 62, record_id)


def board_order(action: Action) -> tuple[Any, ...]:
    """An objective's actions in their board order, then by code."""
    return (action.order, natural_key(action.code), id_key(action.id))


_RELATIONS: dict[str, set[str]] = {
    "_sorted_phases": {"phases"},
    "_children": {"objectives"},
    "_actions_by_objective": {"actions"},
    "_actions_by_lead": {"actions"},
    "_actions_by_partner": {"actions"},
    "_sorted_actions": {"actions"},
    "_indicators_by_objective": {"indicators"},
    "_measurements_by_indicator": {"measurements"},
    "_lines_by_action": {"budget_lines"},
    "_decisions_by_review": {"decisions"},
    "_milestones_by_phase": {"milestones"},
}
"""The relations a snapshot computes once, with the tables each one reads."""


def _memo_kept(name: str, touched: set[str]) -> bool:
    """Whether a memo survives a change to `touched`: an index of one table's field
    ("owners:<table>:<field>") reads nothing else; a memo named "reads:<t1>,<t2>:<name>"
    (see `PlanData.memo_reading`) says what it reads ("plan": the plan record)."""
    kind, _, rest = name.partition(":")
    if kind == "reads":
        return not touched.intersection(rest.partition(":")[0].split(","))
    return kind == "owners" and rest.partition(":")[0] not in touched


def code_order(action: Action) -> tuple[Any, ...]:
    """Actions in code order (A2 before A10), then by id."""
    return (natural_key(action.code), id_key(action.id))


def _whole(action: Action) -> Iterable[str]:
    return ("",)


_ACTION_INDEXES: tuple[tuple[str, Callable[[Action], Iterable[str]], Callable[[Action], Any]], ...]
_ACTION_INDEXES = (
    ("_actions_by_objective", lambda a: (a.objective,), board_order),
    ("_actions_by_lead", lambda a: (a.lead,), code_order),
    ("_actions_by_partner", lambda a: dict.fromkeys(a.partners), code_order),
)
"""The indexes of actions a change patches rather than builds again: their name, the
groups an action belongs to, and the order in a group."""


def _patched(
    old: dict[str, list[Action]],
    before: dict[str, Action],
    after: dict[str, Action],
    ids: set[str],
    groups: Callable[[Action], Iterable[str]],
    key: Callable[[Action], Any],
) -> dict[str, list[Action]]:
    """`old` (actions by group, each group in `key` order) with the actions `ids` taken
    out as they were and put back as they are; the other groups' lists are shared, not
    copied (so that `PlanData.per_objective` knows them unchanged)."""
    out = dict(old)
    copied: set[str] = set()

    def group(name: str) -> list[Action]:
        if name not in copied:
            out[name] = list(out.get(name, ()))
            copied.add(name)
        return out[name]

    for action_id in ids:
        was, now = before.get(action_id), after.get(action_id)
        if was is not None:
            for name in groups(was):
                items = group(name)
                items.pop(next(i for i, a in enumerate(items) if a is was))
        if now is not None:
            for name in groups(now):
                bisect.insort(group(name), now, key=key)
    for name in copied:
        if not out[name]:
            del out[name]
    return out


_board_position = operator.attrgetter("order")


def sort_board_order(actions: list[Action]) -> None:
    """Sort one lane's actions as the board shows them: by `order`, then code, then id.

    The board gives each card its own `order`, so the code's natural key (a regular
    expression per code) is worked out only where two cards share one: sorting 50,000
    actions by (order, natural_key, id_key) spent most of its time on keys never needed."""
    positions = list(map(_board_position, actions))
    actions.sort(key=_board_position)
    if len(set(positions)) == len(positions):
        return  # no two cards share one (as the board keeps them): no tie to settle
    start = 0
    for end in range(1, len(actions) + 1):
        if end == len(actions) or actions[end].order != actions[start].order:
            if end - start > 1:
                actions[start:end] = sorted(actions[start:end], key=_code_then_id)
            start = end


def _code_then_id(action: Action) -> tuple[tuple[Any, ...], tuple[int, str]]:
    return natural_key(action.code), id_key(action.id)


class PlanData:
    """Everything in one plan file at one revision. Never changed once built."""

    plan: Plan
    revision: int
    phases: dict[str, Phase]
    milestones: dict[str, Milestone]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    stakes: dict[str, Stake]
    shared_stakes: dict[str, SharedStake]
    objectives: dict[str, Objective]
    indicators: dict[str, Indicator]
    measurements: dict[str, Measurement]
    partners: dict[str, ExternalPartner]
    actions: dict[str, Action]
    budget_lines: dict[str, BudgetLine]
    funders: dict[str, Funder]
    reviews: dict[str, Review]
    decisions: dict[str, Decision]
    baselines: dict[str, Baseline]

    def __init__(
        self,
        plan: Plan | None = None,
        revision: int = 0,
        **tables: dict[str, Any],
    ) -> None:
        unknown = set(tables) - set(ENTITY_TYPES)
        if unknown:
            raise TypeError(f"unknown tables: {sorted(unknown)}")
        self.plan = plan if plan is not None else Plan()
        self.revision = revision
        for name in ENTITY_TYPES:
            setattr(self, name, tables.get(name) or {})

    def evolve(
        self,
        plan: Plan,
        revision: int,
        tables: dict[str, dict[str, Record]],
        changed: dict[str, set[str]] | None,
    ) -> PlanData:
        """The next version, whose `tables` differ from this one's only in the records
        `changed` (table -> ids; None: unknown) and maybe its plan record.

        What this version computed from tables the change left alone is carried over;
        the actions by objective are patched for the actions changed; the rest is
        computed again when, and if, it is asked for. A card move therefore costs the
        few records it touches, not the plan.
        """
        new = PlanData(plan, revision, **tables)
        if changed is None:
            return new
        touched = {name for name, ids in changed.items() if ids}
        if plan != self.plan:
            touched.add("plan")
        mine = self.__dict__
        for name, reads in _RELATIONS.items():
            if name in mine and not reads & touched:
                new.__dict__[name] = mine[name]
        if touched == {"actions"}:  # the indexes of actions: the changed ones moved
            ids, before, after = changed["actions"], self.actions, new.actions
            for name, groups, key in _ACTION_INDEXES:
                if name in mine:
                    new.__dict__[name] = _patched(mine[name], before, after, ids, groups, key)
            if "_sorted_actions" in mine:
                whole = _patched(
                    {"": mine["_sorted_actions"]}, before, after, ids, _whole, code_order
                )
                new.__dict__["_sorted_actions"] = whole.get("", [])
        # Copied in one step before reading: a screen may be adding to them meanwhile (a
        # commit evolves the snapshot in a worker thread).
        if "_carried" in mine:
            new.__dict__["_carried"] = mine["_carried"]
        memo = {k: v for k, v in dict(mine.get("_memo", {})).items() if _memo_kept(k, touched)}
        if memo:
            new.__dict__["_memo"] = memo
        if "_actions_by_objective" in new.__dict__:  # else no list is the same: none kept
            partials = {
                reads: dict(kept)  # one copy per group of figures, not a test per figure
                for reads, kept in dict(mine.get("_per_objective", {})).items()
                if not reads & touched
            }
            if partials:
                new.__dict__["_per_objective"] = partials
        return new

    def table(self, name: str) -> dict[str, Record]:
        """The records of one table, by id."""
        return getattr(self, name)  # type: ignore[no-any-return]

    def tables(self) -> dict[str, dict[str, Record]]:
        return {name: self.table(name) for name in ENTITY_TYPES}

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per snapshot: a snapshot never changes, so neither does the result."""
        cache: dict[str, Any] = self.__dict__.setdefault("_memo", {})
        if name not in cache:
            cache[name] = compute()
        return cache[name]

    def memo_reading(self, name: str, reads: frozenset[str], compute: Callable[[], Any]) -> Any:
        """`memo`, kept by the next snapshots (`evolve`) while none of the tables in `reads`
        changes: for what reads the objectives, say, and not the 50,000 actions."""
        return self.memo(f"reads:{','.join(sorted(reads))}:{name}", compute)

    def carried(self, name: str) -> dict[Any, Any]:
        """A cache this snapshot hands on, the same dict, to the next one (`evolve`),
        whatever changed: for entries that check themselves against what they were made
        from (by identity), such as sums of `per_objective` parts."""
        caches: dict[str, dict[Any, Any]] = self.__dict__.setdefault("_carried", {})
        return caches.setdefault(name, {})

    def per_objective(
        self,
        name: str,
        objective_id: str,
        reads: frozenset[str],
        compute: Callable[[list[Action]], T],
    ) -> T:
        """`compute(the objective's actions)`, kept from one snapshot to the next while the
        objective's actions are the very same (see `evolve`) and none of the tables in
        `reads` changed: a figure summed over objectives then costs, after a change, the
        objectives it touched."""
        actions = self._actions_by_objective.get(objective_id, [])
        groups: dict[frozenset[str], dict[tuple[str, str], tuple[list[Action], Any]]]
        groups = self.__dict__.setdefault("_per_objective", {})
        cache = groups.get(reads)
        if cache is None:
            cache = groups[reads] = {}
        kept = cache.get((name, objective_id))
        if kept is not None and kept[0] is actions:
            return kept[1]  # type: ignore[no-any-return]
        value = compute(actions)
        cache[(name, objective_id)] = (actions, value)
        return value

    def owners(
        self, table: str, name: str, normalise: Callable[[Any], str], value: Any
    ) -> list[str]:
        """Ids of the records of `table` whose field `name` normalises like `value`
        (an index built once per snapshot: checking every code of an import stays linear)."""

        def index() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for rid, record in self.table(table).items():
                out.setdefault(normalise(getattr(record, name)), []).append(rid)
            return out

        found: dict[str, list[str]] = self.memo(f"owners:{table}:{name}", index)
        return found.get(normalise(value), [])

    # --- ordered views --------------------------------------------------------

    def sorted_shared_stakes(self) -> list[SharedStake]:
        return sorted(
            self.shared_stakes.values(), key=lambda s: (natural_key(s.code), id_key(s.id))
        )

    def sorted_actions(self, actions: Iterable[Action] | None = None) -> list[Action]:
        """`actions` (default: all) in code order."""
        if actions is None:
            return list(self._sorted_actions)
        return sorted(actions, key=code_order)

    @functools.cached_property
    def _sorted_actions(self) -> list[Action]:
        return sorted(self.actions.values(), key=code_order)

    def sorted_phases(self) -> list[Phase]:
        """Phases in their order (then by start)."""
        return list(self._sorted_phases)

    @functools.cached_property
    def _sorted_phases(self) -> tuple[Phase, ...]:
        return tuple(
            sorted(
                self.phases.values(),
                key=lambda p: (p.order, p.start or _FAR, id_key(p.id)),
            )
        )

    def phase_index(self, phase_id: str) -> int | None:
        """0 for the first phase, None for no phase or an unknown one."""
        for index, phase in enumerate(self._sorted_phases):
            if phase.id == phase_id:
                return index
        return None

    def sorted_reviews(self) -> list[Review]:
        return sorted(self.reviews.values(), key=lambda r: (r.date or _FAR, id_key(r.id)))

    # --- relations (computed once per snapshot) ------------------------------

    @functools.cached_property
    def _children(self) -> dict[str, list[Objective]]:
        out: dict[str, list[Objective]] = {}
        for obj in self.objectives.values():
            out.setdefault(obj.parent, []).append(obj)
        for items in out.values():
            items.sort(key=lambda o: (natural_key(o.code), id_key(o.id)))
        return out

    @functools.cached_property
    def _actions_by_objective(self) -> dict[str, list[Action]]:
        out: dict[str, list[Action]] = {}
        for action in self.actions.values():
            out.setdefault(action.objective, []).append(action)
        for items in out.values():
            sort_board_order(items)
        return out

    @functools.cached_property
    def _actions_by_lead(self) -> dict[str, list[Action]]:
        out: dict[str, list[Action]] = {}
        for action in self.sorted_actions():
            out.setdefault(action.lead, []).append(action)
        return out

    @functools.cached_property
    def _actions_by_partner(self) -> dict[str, list[Action]]:
        out: dict[str, list[Action]] = {}
        for action in self.sorted_actions():
            for partner in dict.fromkeys(action.partners):
                out.setdefault(partner, []).append(action)
        return out

    def actions_led_by(self, person_id: str) -> list[Action]:
        """The actions a person leads, in code order."""
        return list(self._actions_by_lead.get(person_id, ()))

    def actions_mobilising(self, partner_id: str) -> list[Action]:
        """The actions an external partner takes part in, in code order."""
        return list(self._actions_by_partner.get(partner_id, ()))

    def action_group(self, index: str, key: str) -> Sequence[Action]:
        """One group of an index of actions ("lead": a person's, "partner": an external
        partner's, in code order) as the snapshot holds it, not copied: the same object
        from one snapshot to the next while `evolve` leaves the group alone, so what is
        made from it can be kept by identity (see `carried`). Read it, never change it."""
        groups = self._actions_by_lead if index == "lead" else self._actions_by_partner
        return groups.get(key, ())

    def actions_with_lines(self) -> Iterable[str]:
        """Ids of the actions (existing or not) that budget lines name."""
        return self._lines_by_action.keys()

    def objectives_with_actions(self) -> Iterable[str]:
        """Ids of the objectives that hold at least one action."""
        return self._actions_by_objective.keys()

    @functools.cached_property
    def _indicators_by_objective(self) -> dict[str, list[Indicator]]:
        out: dict[str, list[Indicator]] = {}
        for ind in self.indicators.values():
            out.setdefault(ind.objective, []).append(ind)
        return out

    @functools.cached_property
    def _measurements_by_indicator(self) -> dict[str, list[Measurement]]:
        out: dict[str, list[Measurement]] = {}
        for m in self.measurements.values():
            out.setdefault(m.indicator, []).append(m)
        for items in out.values():
            items.sort(key=lambda m: (m.date is None, m.date or _FAR, id_key(m.id)))
        return out

    @functools.cached_property
    def _lines_by_action(self) -> dict[str, BudgetLine | tuple[BudgetLine, ...]]:
        """Action id -> its line, or its lines in id order. An action has one line as a
        rule: kept alone, not in a tuple of one (2 MB less at 50,000 actions)."""
        out: dict[str, Any] = {}
        get = out.get
        several: list[str] = []
        for line in self.budget_lines.values():
            action = line.action
            had = get(action)
            if had is None:
                out[action] = line
            elif type(had) is BudgetLine:
                out[action] = [had, line]
                several.append(action)
            else:
                had.append(line)
        for action in several:
            out[action] = tuple(sorted(out[action], key=lambda line: id_key(line.id)))
        return out

    @functools.cached_property
    def _decisions_by_review(self) -> dict[str, list[Decision]]:
        out: dict[str, list[Decision]] = {}
        for decision in self.decisions.values():
            out.setdefault(decision.review, []).append(decision)
        for items in out.values():
            items.sort(key=lambda d: (d.due or _FAR, id_key(d.id)))
        return out

    @functools.cached_property
    def _milestones_by_phase(self) -> dict[str, list[Milestone]]:
        out: dict[str, list[Milestone]] = {}
        for milestone in self.milestones.values():
            out.setdefault(milestone.phase, []).append(milestone)
        for items in out.values():
            items.sort(key=lambda m: (m.date or _FAR, id_key(m.id)))
        return out

    def children(self, objective_id: str) -> list[Objective]:
        """Operational objectives under a shared objective ('' for the roots)."""
        return self._children.get(objective_id, [])

    def objectives_of_stake(self, shared_stake_id: str) -> list[Objective]:
        """Shared objectives (roots) of one shared stake."""
        return [o for o in self.children("") if o.shared_stake == shared_stake_id]

    def operational_objectives(self) -> list[Objective]:
        """Objectives that carry actions: leaves of the tree, in code order (sorted once
        while the objectives do not change)."""

        def leaves() -> list[Objective]:
            found = [o for o in self.objectives.values() if not self.children(o.id)]
            return sorted(found, key=lambda o: (natural_key(o.code), id_key(o.id)))

        return list(self.memo_reading("operational", frozenset({"objectives"}), leaves))

    def actions_of(self, objective_id: str) -> list[Action]:
        """Actions of one objective, in board order."""
        return self._actions_by_objective.get(objective_id, [])

    def indicators_of(self, objective_id: str) -> list[Indicator]:
        return self._indicators_by_objective.get(objective_id, [])

    def measurements_of(self, indicator_id: str) -> list[Measurement]:
        """Measurements of one indicator, oldest first."""
        return self._measurements_by_indicator.get(indicator_id, [])

    def budget_lines_of(self, action_id: str) -> tuple[BudgetLine, ...]:
        """An action's budget lines, in id order."""
        lines = self._lines_by_action.get(action_id, ())
        return (lines,) if type(lines) is BudgetLine else lines  # type: ignore[return-value]

    def lines_by_action(self) -> Mapping[str, BudgetLine | tuple[BudgetLine, ...]]:
        """Action id -> its one budget line, or its lines in id order (`budget_lines_of`
        without a call per action, for a walk over all of them). Read it, never change it."""
        return self._lines_by_action

    def decisions_of(self, review_id: str) -> list[Decision]:
        return self._decisions_by_review.get(review_id, [])

    def milestones_of(self, phase_id: str) -> list[Milestone]:
        return self._milestones_by_phase.get(phase_id, [])

    def stakes_of(self, organisation_id: str) -> list[Stake]:
        return [s for s in self.stakes.values() if s.organisation == organisation_id]

    def root_of(self, objective: Objective) -> Objective:
        """The shared objective at the top of an objective's chain (itself for a root)."""
        seen: set[str] = set()
        while objective.parent and objective.id not in seen:
            seen.add(objective.id)
            parent = self.objectives.get(objective.parent)
            if parent is None:
                break
            objective = parent
        return objective

    def shared_stake_of(self, objective: Objective) -> SharedStake | None:
        """The shared stake an objective serves, through its parent if needed."""
        seen: set[str] = set()
        current: Objective | None = objective
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.shared_stake:
                return self.shared_stakes.get(current.shared_stake)
            current = self.objectives.get(current.parent)
        return None

    def lead_name(self, action: Action) -> str:
        person = self.people.get(action.lead)
        return person.name if person else ""

    def lead_organisation(self, action: Action) -> Organisation | None:
        person = self.people.get(action.lead)
        return self.organisations.get(person.organisation) if person else None

    def find_by_code(self, table: str, code: str) -> list[Record]:
        """Records of `table` whose code is `code` (case and spaces ignored)."""
        wanted = code.strip().casefold()
        return [
            r
            for r in self.table(table).values()
            if getattr(r, "code", "").strip().casefold() == wanted
        ]
