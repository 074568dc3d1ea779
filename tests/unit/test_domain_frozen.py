"""`@frozen` behaves as `@dataclass(frozen=True, slots=True)`, method for method.

Each case builds the same class twice, once with each decorator, and checks
that both answer alike: constructor (defaults, factories, keyword-only fields,
wrong arguments), repr, equality, hash, assignment, copying and pickling, and
the `dataclasses` helpers the app uses on records.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest

from coop_tui.domain.frozen import frozen
from coop_tui.domain.model import Action, Objective, Resources, Status


@dataclass(frozen=True, slots=True)
class RefPoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@frozen
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class RefBase:
    id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RefChild(RefBase):
    name: str = ""
    size: float | None = None


@frozen(kw_only=True)
class Base:
    id: str = ""


@frozen(kw_only=True)
class Child(Base):
    name: str = ""
    size: float | None = None


def _outcome(make: Any) -> str:
    try:
        value = make()
    except TypeError as exc:
        return f"TypeError: {exc}".replace("Ref", "")
    return repr(value).replace("Ref", "")


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((1,), {}),
        ((1, 2), {}),
        ((1, 2, ("a",)), {"extra": {"k": 1}}),
        ((), {"x": 3, "y": 4}),
        ((), {}),
        ((1, 2, 3, 4, 5), {}),
        ((1,), {"x": 2}),
        ((1,), {"z": 2}),
    ],
)
def test_constructor_and_repr_match_dataclasses(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    assert _outcome(lambda: Point(*args, **kwargs)) == _outcome(lambda: RefPoint(*args, **kwargs))


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {}),
        ((), {"id": "a", "name": "n"}),
        (("a",), {}),
        ((), {"size": 1.5}),
        ((), {"nope": 1}),
    ],
)
def test_keyword_only_subclasses_match_dataclasses(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    assert _outcome(lambda: Child(*args, **kwargs)) == _outcome(lambda: RefChild(*args, **kwargs))


def test_default_factories_give_each_instance_its_own_value() -> None:
    a, b = Point(1), Point(1)
    assert a.extra == {} and a.extra is not b.extra


def test_equality_and_hash() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(1, 3)
    assert Point(1, 2, ("a",)) != RefPoint(1, 2, ("a",))  # another class, as with dataclasses
    assert Child(id="a") != Base(id="a")
    assert (Point(1, 2) == (1, 2)) is False
    frozen_point = Point(1, 2, ("t",), {})
    assert hash(Child(id="a", name="n")) == hash(Child(id="a", name="n"))
    with pytest.raises(TypeError):
        hash(frozen_point)  # a dict field is not hashable, as with dataclasses
    assert len({Child(id="a"), Child(id="a"), Child(id="b")}) == 2


def test_fields_cannot_be_assigned_or_deleted() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
        point.other = 1  # type: ignore[attr-defined]
    assert point.x == 1


def test_copy_pickle_and_dataclasses_helpers() -> None:
    action = Action(id="a1", code="A1", title="T", skills=("x",), status=Status.DONE,
                    resources=Resources(budget=3.0))  # fmt: skip
    for clone in (copy.copy(action), copy.deepcopy(action), pickle.loads(pickle.dumps(action))):
        assert clone == action and clone is not action
    assert dataclasses.is_dataclass(action)
    assert [f.name for f in dataclasses.fields(Action)][:3] == ["id", "rev", "code"]
    moved = dataclasses.replace(action, status=Status.TODO)
    assert moved.status is Status.TODO and moved.title == "T" and action.status is Status.DONE
    assert dataclasses.asdict(action)["resources"]["budget"] == 3.0
    assert Objective().approvals == {} and Objective() == Objective()
    assert repr(Resources()) == (
        "Resources(budget=None, working_days=None, places='', equipment='', other='')"
    )
