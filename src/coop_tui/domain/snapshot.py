"""`PlanData`: one consistent, read-only view of a whole plan, with lookups."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from dataclasses import field
from typing import Any

from coop_tui.domain.frozen import frozen
from coop_tui.domain.model import (
    ENTITY_TYPES,
    Action,
    ExternalPartner,
    Indicator,
    Measurement,
    Objective,
    Organisation,
    Person,
    Plan,
    Record,
    SharedStake,
    Stake,
)

_NUMBERS = re.compile(r"(\d+)")


class LazyRecords(Mapping[str, Any]):
    """Records of one table, built from their stored documents on first access.

    A transaction that moves one card looks up a handful of records; building
    all 5,000 actions for that would dominate its cost.
    """

    __slots__ = ("_all", "_cache", "_cls", "_docs", "_previous")

    def __init__(
        self,
        cls: type[Record],
        docs: Mapping[str, dict[str, Any]],
        previous: LazyRecords | None = None,
    ) -> None:
        self._cls = cls
        self._docs = docs
        self._cache: dict[str, Any] = {}
        self._all = False
        """Every record built, in the table's order (see `build_all`)."""
        self._previous = (previous._docs, previous._cache) if previous is not None else None
        """The same table one revision earlier (its documents and the records built
        from them): a record is reused where its stored document is the very same
        object, i.e. the commit did not touch it. Only the dicts are kept, so older
        revisions are not held in a chain."""

    def __getitem__(self, record_id: str) -> Any:
        record = self._cache.get(record_id)
        if record is None:
            doc = self._docs[record_id]
            if self._previous is not None and self._previous[0].get(record_id) is doc:
                record = self._previous[1].get(record_id)
            if record is None:
                record = self._cls.from_record(record_id, doc)
            self._cache[record_id] = record
        return record

    def build_all(self) -> None:
        """Build every record now (a damaged document raises), then forget the previous
        version: a record whose document is the very same object there is taken over,
        not built again."""
        if self._all:
            return
        cache = self._cache
        load = self._cls.from_record
        previous_docs, previous_cache = self._previous or ({}, {})
        built: dict[str, Any] = {}
        for record_id, doc in self._docs.items():
            record = cache.get(record_id)
            if record is None and previous_docs.get(record_id) is doc:
                record = previous_cache.get(record_id)
            built[record_id] = load(record_id, doc) if record is None else record
        self._cache = built  # in the table's order, which values() and items() then keep
        self._previous = None
        self._all = True

    def values(self) -> ValuesView[Any]:
        self.build_all()
        return self._cache.values()

    def items(self) -> ItemsView[str, Any]:
        self.build_all()
        return self._cache.items()

    def same_as(self, docs: Mapping[str, dict[str, Any]]) -> bool:
        """Whether these are every record of exactly `docs` (the very same table)."""
        return self._all and docs is self._docs

    def get(self, record_id: str, default: Any = None) -> Any:
        record = self._cache.get(record_id)
        if record is not None:
            return record
        return self[record_id] if record_id in self._docs else default

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def field_values(self, name: str) -> Iterator[tuple[str, Any]]:
        """(id, stored value of field `name`) for every record, without building records."""
        return ((rid, doc.get(name, "")) for rid, doc in self._docs.items())


_NATURAL_KEYS: dict[str, tuple[Any, ...]] = {}


def natural_key(code: str) -> tuple[Any, ...]:
    """Sort key so that A2 < A10 and O1.2 < O1.10.

    Worked out once per code: sorting 5,000 actions a few ways asks for the same
    keys tens of thousands of times.
    """
    key = _NATURAL_KEYS.get(code)
    if key is None:
        number = code[1:]
        if number.isdecimal() and not code[:1].isdecimal():  # "A12": what the split gives
            key = (code[:1].casefold(), int(number), "")
        else:
            key = tuple(int(p) if p.isdecimal() else p.casefold() for p in _NUMBERS.split(code))
        if len(_NATURAL_KEYS) >= 100_000:
            _NATURAL_KEYS.clear()
        _NATURAL_KEYS[code] = key
    return key


@frozen(slots=False)
class PlanData:
    """Everything in one plan file at one revision."""

    plan: Plan = field(default_factory=Plan)
    revision: int = 0
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    people: Mapping[str, Person] = field(default_factory=dict)
    stakes: Mapping[str, Stake] = field(default_factory=dict)
    shared_stakes: Mapping[str, SharedStake] = field(default_factory=dict)
    objectives: Mapping[str, Objective] = field(default_factory=dict)
    indicators: Mapping[str, Indicator] = field(default_factory=dict)
    measurements: Mapping[str, Measurement] = field(default_factory=dict)
    partners: Mapping[str, ExternalPartner] = field(default_factory=dict)
    actions: Mapping[str, Action] = field(default_factory=dict)

    @classmethod
    def from_tables(
        cls,
        plan: Plan,
        revision: int,
        tables: Mapping[str, Mapping[str, dict[str, Any]]],
        previous: PlanData | None = None,
    ) -> PlanData:
        """Build from raw stored tables ({table: {id: document}}).

        With `previous` (the snapshot a commit started from), unchanged records are
        shared rather than rebuilt: after moving one card of 5,000, one is built.
        """
        kwargs: dict[str, Any] = {}
        for name, entity in ENTITY_TYPES.items():
            before = previous.table(name) if previous is not None else None
            docs = tables.get(name, {})
            if not isinstance(before, LazyRecords):
                kwargs[name] = LazyRecords(entity, docs)
            elif before.same_as(docs):
                kwargs[name] = before  # an untouched table: the very same records
            else:
                kwargs[name] = LazyRecords(entity, docs, before)
        return cls(plan=plan, revision=revision, **kwargs)

    def owners(
        self, table: str, name: str, normalise: Callable[[Any], str], value: Any
    ) -> list[str]:
        """Ids of the records of `table` whose field `name` normalises like `value`.

        The index is built once per snapshot, so checking that every code of an
        imported plan is unique stays linear, not quadratic.
        """
        indexes: dict[tuple[str, str], dict[str, list[str]]] = self.__dict__.setdefault(
            "_owners", {}
        )
        index = indexes.get((table, name))
        if index is None:
            index = {}
            records = self.table(table)
            pairs = (
                records.field_values(name)
                if isinstance(records, LazyRecords)
                else ((rid, getattr(r, name)) for rid, r in records.items())
            )
            for rid, field_value in pairs:
                key = normalise(field_value)
                owners = index.get(key)
                if owners is None:
                    index[key] = [rid]
                else:
                    owners.append(rid)
            indexes[(table, name)] = index
        return index.get(normalise(value), [])

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per snapshot: a snapshot never changes, so neither does the result."""
        cache: dict[str, Any] = self.__dict__.setdefault("_memo", {})
        if name not in cache:
            cache[name] = compute()
        return cache[name]

    def memo_of(self, name: str) -> Any:
        """What `memo(name, ...)` worked out for this snapshot, or None if not yet."""
        return self.__dict__.get("_memo", {}).get(name)

    def table(self, name: str) -> Mapping[str, Record]:
        """The records of one table, by id."""
        return getattr(self, name)  # type: ignore[no-any-return]

    # --- ordered views --------------------------------------------------------

    def sorted_shared_stakes(self) -> list[SharedStake]:
        return sorted(self.shared_stakes.values(), key=lambda s: natural_key(s.code))

    def sorted_actions(self, actions: Iterable[Action] | None = None) -> list[Action]:
        """`actions` (default: all) in code order; all of them sorted once per snapshot."""
        if actions is None:
            return list(
                self.memo("sorted_actions", lambda: self.sorted_actions(self.actions.values()))
            )
        return sorted(actions, key=lambda a: (natural_key(a.code), a.id))

    # --- relations (computed once per snapshot) ------------------------------

    @functools.cached_property
    def _children(self) -> dict[str, list[Objective]]:
        out: dict[str, list[Objective]] = {}
        for obj in self.objectives.values():
            out.setdefault(obj.parent, []).append(obj)
        for items in out.values():
            items.sort(key=lambda o: natural_key(o.code))
        return out

    @functools.cached_property
    def _actions_by_objective(self) -> dict[str, list[Action]]:
        out: dict[str, list[Action]] = {}
        for action in self.actions.values():
            out.setdefault(action.objective, []).append(action)
        for items in out.values():
            items.sort(key=lambda a: (a.order, natural_key(a.code), a.id))
        return out

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
            items.sort(key=lambda m: (m.date is None, m.date, m.id))
        return out

    def children(self, objective_id: str) -> list[Objective]:
        """Operational objectives under a shared objective ('' for the roots)."""
        return self._children.get(objective_id, [])

    def objectives_of_stake(self, shared_stake_id: str) -> list[Objective]:
        """Shared objectives (roots) of one shared stake."""
        return [o for o in self.children("") if o.shared_stake == shared_stake_id]

    def operational_objectives(self) -> list[Objective]:
        """Objectives that carry actions: leaves of the tree, in code order."""
        leaves = [o for o in self.objectives.values() if not self.children(o.id)]
        return sorted(leaves, key=lambda o: natural_key(o.code))

    def actions_of(self, objective_id: str) -> list[Action]:
        """Actions of one objective, in board order."""
        return self._actions_by_objective.get(objective_id, [])

    def indicators_of(self, objective_id: str) -> list[Indicator]:
        return self._indicators_by_objective.get(objective_id, [])

    def measurements_of(self, indicator_id: str) -> list[Measurement]:
        """Measurements of one indicator, oldest first."""
        return self._measurements_by_indicator.get(indicator_id, [])

    def stakes_of(self, organisation_id: str) -> list[Stake]:
        return [s for s in self.stakes.values() if s.organisation == organisation_id]

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
