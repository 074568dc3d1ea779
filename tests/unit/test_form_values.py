"""What a form shows for a number or a date reads back as the same value, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_tui.i18n import Translator
from coop_tui.tui.modals.record_form import FieldError, number_text, parse_date, parse_number


@pytest.mark.parametrize("language", ["fr", "en"])
@given(value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda v: round(v, 2)))
def test_a_number_shown_reads_back_the_same(language: str, value: float) -> None:
    assert parse_number(number_text(value, language), language) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3 600", "fr", 3600.0),
        ("12 459,50 €", "fr", 12459.5),
        ("12\u00a0459,5", "fr", 12459.5),
        ("3.5", "fr", 3.5),
        ("3,600", "en", 3600.0),
        ("€12,459.50", "en", 12459.5),
        ("1,234,567", "en", 1234567.0),
        ("", "en", None),
    ],
)
def test_numbers_as_people_type_them(text: str, language: str, expected: float | None) -> None:
    assert parse_number(text, language) == expected


@pytest.mark.parametrize("text", ["douze", "1e999", "nan", "--3"])
def test_not_a_number_is_said(text: str) -> None:
    with pytest.raises(FieldError):
        parse_number(text, "fr")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_date_shown_reads_back_the_same(language: str) -> None:
    day = dt.date(2026, 3, 15)
    assert parse_date(Translator(language).date(day)) == day
    assert parse_date("") is None
    with pytest.raises(FieldError):
        parse_date("31/02/2026")
