"""Code order: `natural_key` and the sorted views of a snapshot.

`natural_key` must give exactly the key the regular-expression split gives, for
any text; a sorted view worked out once per snapshot must still hand each
caller its own list.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.snapshot import id_key, natural_key
from tests.unit.plan_builders import action, budget_line, data_of, objective, two_orgs

_NUMBERS = re.compile(r"(\d+)")


def _reference(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdecimal() else p.casefold() for p in _NUMBERS.split(code))


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="Aaß1٣0Ｚ０. -\x00", max_size=5)
    | st.text(max_size=4)
    | st.from_regex(r"[A-Za-z]{1,3}[0-9]{1,6}", fullmatch=True)  # the usual code: a shortcut
)
def test_natural_key_is_the_split_key(code: str) -> None:
    assert natural_key(code) == _reference(code)


def test_code_order() -> None:
    codes = ["A10", "A2", "a1", "O1.10", "O1.2", "A", "", "Ａ3"]
    assert sorted(codes, key=natural_key) == sorted(codes, key=_reference)
    assert sorted(codes, key=natural_key)[:4] == ["", "A", "a1", "A2"]


def test_ids_sort_as_numbers() -> None:
    assert sorted(["10", "9", "100", "x"], key=id_key) == ["9", "10", "100", "x"]


def test_sorted_actions_gives_each_caller_its_own_list() -> None:
    data = data_of(
        *two_orgs(),
        objective("o1", "O1"),
        action("a10", "A10", "o1"),
        action("a2", "A2", "o1"),
        action("a1", "A1", "o1"),
    )
    first = data.sorted_actions()
    assert [a.code for a in first] == ["A1", "A2", "A10"]
    first.clear()
    assert [a.code for a in data.sorted_actions()] == ["A1", "A2", "A10"]
    kept = data.sorted_actions(a for a in data.actions.values() if a.code != "A2")
    assert [a.code for a in kept] == ["A1", "A10"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0.0, 1.0, 1.5, 2.0, -1.0]),
            st.sampled_from(["A1", "A10", "a2", "A2", "B", ""]),
        ),
        max_size=12,
    )
)
def test_board_order_is_order_then_code_then_id(cards: list[tuple[float, str]]) -> None:
    from coop_tui.domain.snapshot import board_order, sort_board_order

    actions = [action(str(n), code, order=order) for n, (order, code) in enumerate(cards)]
    expected = sorted(actions, key=lambda a: (a.order, natural_key(a.code), id_key(a.id)))
    sort_board_order(actions)
    assert [a.id for a in actions] == [a.id for a in expected]
    assert sorted(actions, key=board_order) == expected  # the key a moved card is put back by


def test_budget_lines_of_an_action_in_id_order() -> None:
    # Ones, several (out of order in the table), none, and lines of an action that is gone.
    data = data_of(
        action("a1", "A1"),
        action("a2", "A2"),
        action("a3", "A3"),
        budget_line("30", "a2", 3.0),
        budget_line("9", "a2", 1.0),
        budget_line("5", "a1", 5.0),
        budget_line("10", "a2", 2.0),
        budget_line("7", "gone", 7.0),
    )
    assert [line.id for line in data.budget_lines_of("a2")] == ["9", "10", "30"]
    assert [line.id for line in data.budget_lines_of("a1")] == ["5"]
    assert data.budget_lines_of("a3") == ()
    assert [line.id for line in data.budget_lines_of("gone")] == ["7"]
    assert set(data.actions_with_lines()) == {"a1", "a2", "gone"}


def test_natural_keys_kept_and_shared_are_the_fresh_ones(monkeypatch: Any) -> None:
    from coop_tui.domain import snapshot

    monkeypatch.setattr(snapshot, "_KEYS_MAX", 3)
    monkeypatch.setattr(snapshot, "_KEYS", {})
    monkeypatch.setattr(snapshot, "_WORDS", {})
    codes = ["A2", "a10", "O1.2", "A2", "Ｏ1.10", "", "a10", "ß3"]
    keys = [natural_key(code) for code in codes]  # the kept keys forgotten on the way
    assert keys == [_reference(code) for code in codes]
    assert len(snapshot._KEYS) <= 3
    first, again = natural_key("A7"), natural_key("a7")
    assert first == again == ("a", 7, "") and first[0] is again[0]  # one "a" for both
    assert sorted(codes, key=natural_key) == sorted(codes, key=_reference)
