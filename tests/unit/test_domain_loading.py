"""The compiled record loaders (domain/convert.py) accept and refuse exactly what they should.

An independent, plain reference loader (the one the project used before the
compiled ones) is the oracle: on any document, with values of any JSON type in
any field, both must build equal records or both must refuse it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.model import ENTITY_TYPES, Action, Objective, Plan, Record, Status

REFUSED = (TypeError, ValueError, AttributeError, KeyError)


def _checked(kind: type | tuple[type, ...]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise TypeError(kind)
        return value

    return convert


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("number")
    return float(value)


def _reference_converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _reference_converter(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        item = _reference_converter(typing.get_args(hint)[0])
        return lambda v: tuple(item(x) for x in _checked((list, tuple))(v))
    if origin is dict:
        value_of = _reference_converter(typing.get_args(hint)[1])
        return lambda v: {str(k): value_of(x) for k, x in _checked(dict)(v).items()}
    if hint is dt.date:
        return lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    if hint is float:
        return _number
    if hint in (str, bool, int):
        return _checked(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _reference_fields(hint, keyed=False)
        return lambda v: hint(
            **{k: fields[k](x) for k, x in _checked(dict)(v).items() if k in fields}
        )
    raise AssertionError(f"no reference for {hint!r}")


def _reference_fields(cls: type, keyed: bool) -> dict[str, Callable[[Any], Any]]:
    hints = typing.get_type_hints(cls)
    return {
        f.name: _reference_converter(hints[f.name])
        for f in dataclasses.fields(cls)
        if not (keyed and f.name == "id")
    }


def reference_load(cls: type[Record], record_id: str, doc: dict[str, Any]) -> Record:
    fields = _reference_fields(cls, keyed=True)
    kwargs = {name: convert(doc[name]) for name, convert in fields.items() if name in doc}
    return cls(id=record_id, **kwargs)


def _outcome(load: Callable[[], Record]) -> Record | str:
    try:
        return load()
    except REFUSED:
        return "refused"


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "todo", "done", "2026-03-02", "2026-13-02", "20260302"])
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["budget", "working_days", "places", "id", "name", "start", "o1"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(
    table=st.sampled_from([*ENTITY_TYPES, "plan"]),
    edits=st.dictionaries(st.text(min_size=1, max_size=12), JSON_VALUES, max_size=4),
    data=st.data(),
)
def test_compiled_loader_agrees_with_the_reference(
    table: str, edits: dict[str, Any], data: st.DataObject
) -> None:
    cls = Plan if table == "plan" else ENTITY_TYPES[table]
    names = [f.name for f in dataclasses.fields(cls)]
    # Mostly real field names, so that the values really reach the checks.
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=4))
    doc = cls().to_record()
    for name in chosen:
        doc[name] = data.draw(JSON_VALUES)
    doc.update(edits)
    mine = _outcome(lambda: cls.from_record("r1", doc))
    reference = _outcome(lambda: reference_load(cls, "r1", doc))
    assert mine == reference


def test_a_stored_action_round_trips() -> None:
    action = Action(
        id="a1",
        rev=3,
        code="A1",
        title="Former",
        skills=("CACES", "paie"),
        status=Status.BLOCKED,
        start=dt.date(2026, 1, 5),
        end=dt.date(2026, 2, 5),
        order=2.5,
        depends_on=("a0",),
    )
    assert Action.from_record("a1", action.to_record()) == action


def test_missing_keys_take_the_defaults_and_unknown_keys_are_ignored() -> None:
    objective = Objective.from_record("o1", {"code": "O1", "later": [1, 2]})
    assert objective == Objective(id="o1", code="O1")
    assert objective.approvals == {} and objective.approvals is not Objective().approvals


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", 5),
        ("rev", True),
        ("rev", 1.0),
        ("order", "1"),
        ("order", False),
        ("start", "2026-13-02"),
        ("start", 20260302),
        ("status", "someday"),
        ("status", ["todo"]),
        ("skills", "CACES"),
        ("skills", [1]),
        ("resources", []),
        ("resources", {"budget": "cher"}),
        ("depends_on", None),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(field: str, value: object) -> None:
    doc = Action(title="x").to_record()
    doc[field] = value
    with pytest.raises(REFUSED):
        Action.from_record("a1", doc)


SAMPLES: list[Any] = [
    None, True, False, 0, 1, -2, 1.5, "", "x", "todo", "2026-03-02", "2026-13-02",
    [], ["a"], [1], [{"id": "p1", "name": "P"}], {}, {"budget": 3}, {"o1": "2026-03-02"},
    {"o1": 5}, {"budget": "3"},
]  # fmt: skip


def test_every_field_with_every_kind_of_value_agrees_with_the_reference() -> None:
    for cls in (Plan, *ENTITY_TYPES.values()):
        for f in dataclasses.fields(cls):
            for value in SAMPLES:
                doc = {**cls().to_record(), f.name: value}
                mine = _outcome(lambda: cls.from_record("r1", doc))  # noqa: B023
                reference = _outcome(lambda: reference_load(cls, "r1", doc))  # noqa: B023
                assert mine == reference, (cls.__name__, f.name, value)
                if mine != "refused":
                    assert type(getattr(mine, f.name)) is type(getattr(reference, f.name))
