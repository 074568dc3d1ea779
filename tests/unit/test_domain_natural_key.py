"""The natural sort key's shortcut for the usual code ("A12") gives the general rule's key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.domain.snapshot import _parts_key, _split_key, natural_key

USUAL = st.from_regex(r"[A-Za-z]{1,3}[0-9]{1,6}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.one_of(USUAL, st.text(max_size=12)))
def test_the_shortcut_gives_the_general_key(code: str) -> None:
    assert _parts_key(code) == _split_key(code)


def test_codes_sort_as_people_read_them() -> None:
    codes = ["A10", "a2", "A1", "O1.10", "O1.2", "A٣", "B1", "A01"]
    assert [natural_key(c) for c in ("A2", "A10")] == [("a", 2, ""), ("a", 10, "")]
    assert sorted(codes, key=natural_key) == ["A1", "A01", "a2", "A٣", "A10", "B1", "O1.2", "O1.10"]
