"""i18n: which language is chosen, the two catalogs agree, and the formats of SPEC §7."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.i18n import AREAS, CATALOGS, LANGUAGES, NBSP, Translator, choose_language

FR, EN = Translator("fr"), Translator("en")


# --- choosing the language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "plan", "env", "expected"),
    [
        ("en", "fr", {"COOP_TUI_LANG": "fr", "LANG": "fr_FR.UTF-8"}, "en"),  # --lang first
        (None, "en", {"COOP_TUI_LANG": "fr", "LC_ALL": "en_US.UTF-8"}, "fr"),  # then the variable
        (None, "en", {"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # then the plan
        (None, "", {"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "fr_FR"}, "en"),
        (None, "", {"LC_MESSAGES": "en_US", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, "", {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}, "en"),
        (None, "", {"LANG": "fr_CA.UTF-8"}, "fr"),
        (None, "", {}, "fr"),  # else French
        (None, "", {"LANG": "de_DE.UTF-8"}, "fr"),  # unknown locale
        (None, "", {"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "fr"),  # LC_ALL rules
        (None, "", {"COOP_TUI_LANG": "EN"}, "en"),
        (None, "en", {"COOP_TUI_LANG": "de"}, "en"),  # unusable: skipped
        ("", "", {"COOP_TUI_LANG": "en_GB"}, "en"),
        (None, "xx", {"LANG": "en_US"}, "en"),
    ],
)
def test_choose_language_order(
    explicit: str | None, plan: str, env: dict[str, str], expected: str
) -> None:
    assert choose_language(explicit, plan, env) == expected


def test_choose_language_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("COOP_TUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert choose_language() == "fr"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_language() == "en"
    monkeypatch.setenv("COOP_TUI_LANG", "fr")
    assert choose_language(plan_language="en") == "fr"


# --- the catalogs ---------------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    """The fields whose value the text shows (not those that only choose a plural form)."""
    return {
        name
        for _, name, spec, _ in string.Formatter().parse(template)
        if name is not None and "|" not in (spec or "")
    }


def area_catalog(lang: str, area: str) -> dict[str, str]:
    return importlib.import_module(f"coop_tui.i18n.{lang}.{area}").CATALOG  # type: ignore[no-any-return]


def test_both_languages_have_exactly_the_same_keys() -> None:
    fr, en = set(CATALOGS["fr"]), set(CATALOGS["en"])
    assert sorted(fr - en) == [], "keys missing in English"
    assert sorted(en - fr) == [], "keys missing in French"


@pytest.mark.parametrize("area", AREAS)
def test_each_area_has_the_same_keys_in_both_files_and_its_own_prefix(area: str) -> None:
    fr, en = area_catalog("fr", area), area_catalog("en", area)
    assert sorted(set(fr) ^ set(en)) == []
    if area not in ("core", "app", "model"):
        assert [k for k in fr if not k.startswith(f"{area}.")] == []


def test_no_key_is_defined_in_two_areas() -> None:
    """Merging areas silently keeps the last value: a duplicate would hide a translation."""
    for lang in LANGUAGES:
        owner: dict[str, str] = {}
        for area in AREAS:
            for key in area_catalog(lang, area):
                assert key not in owner, f"{lang}: {key} in {owner.get(key)} and {area}"
                owner[key] = area


def test_same_placeholders_per_key_and_all_usable() -> None:
    fr, en = CATALOGS["fr"], CATALOGS["en"]
    for key in fr:
        assert placeholders(fr[key]) == placeholders(en.get(key, fr[key])), key
        for lang in LANGUAGES:
            for _, name, spec, conversion in string.Formatter().parse(CATALOGS[lang][key]):
                if name is None:
                    continue
                # values are given as text by name: no positions, formats or conversions;
                # a spec is only ever a plural choice, {count:one|other}
                assert name.isidentifier() and not conversion, (lang, key)
                assert not spec or spec.count("|") == 1, (lang, key)


def test_every_template_fills_without_error() -> None:
    for lang in LANGUAGES:
        tr = Translator(lang)
        for key, template in CATALOGS[lang].items():
            chooser = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            values: dict[str, object] = {name: f"<{name}>" for name in placeholders(template)}
            for count in (0, 1, 2):
                values.update(dict.fromkeys(chooser - placeholders(template), count))
                text = tr.t(key, **values)
                for name in placeholders(template):
                    assert f"<{name}>" in text
                assert "|" not in text or "|" in template.replace("|", "", 1), (key, text)


def test_inclusive_writing_only_in_french() -> None:
    inclusive = re.compile(r"\w·\w")
    assert [k for k, v in CATALOGS["en"].items() if inclusive.search(v)] == []
    assert CATALOGS["fr"]["status.todo"] == "À faire"
    assert CATALOGS["en"]["status.in_progress"] == "In progress"


# --- Translator.t ----------------------------------------------------------------------------


def test_values_are_inserted_literally() -> None:
    text = FR.t("error.unknown_action", ref="{x} [bold]y[/] {ref} %s \x1b")
    assert text == f"Aucune action ne correspond à «{NBSP}{{x}} [bold]y[/] {{ref}} %s \x1b{NBSP}»."
    assert EN.t("cli.created", path="{path}{0}{}") == "Plan created: {path}{0}{}"


def test_missing_key_shows_as_the_key_and_missing_value_as_its_field() -> None:
    assert FR.t("no.such.key") == "no.such.key"
    assert EN.t("no.such.key", x=1) == "no.such.key"
    assert FR.t("error.unknown_action") == f"Aucune action ne correspond à «{NBSP}{{ref}}{NBSP}»."
    assert EN.t("cli.status.overdue") == "Overdue ({count})"
    assert EN.t("cli.status.blocked", count=3, unused="z") == "Blocked (3)"


@pytest.mark.parametrize(
    ("tr", "count", "expected"),
    [
        (FR, 0, "0 action sur 8"), (FR, 1, "1 action sur 8"), (FR, 1.5, "1,5 action sur 8"),
        (FR, 2, "2 actions sur 8"), (FR, "1", "1 action sur 8"), (FR, "2,5", "2,5 actions sur 8"),
        (FR, f"1{NBSP}500", f"1{NBSP}500 actions sur 8"), (FR, "—", "— actions sur 8"),
        (EN, 0, "0 actions of 8"), (EN, 1, "1 action of 8"), (EN, 2, "2 actions of 8"),
        (EN, "1", "1 action of 8"), (EN, "1,500", "1,500 actions of 8"),
    ],
)  # fmt: skip
def test_plural_forms_agree_with_a_count(tr: Translator, count: object, expected: str) -> None:
    template = (
        "{n} {n:action|actions} sur {total}" if tr is FR else "{n} {n:action|actions} of {total}"
    )
    tr.catalog = {**tr.catalog, "test.plural": template}
    try:
        assert tr.t("test.plural", n=count, total=8) == expected
    finally:
        tr.catalog = CATALOGS[tr.language]


def test_a_plural_choice_without_its_value_takes_the_plural() -> None:
    tr = Translator("fr")
    tr.catalog = {"k": "{n:action|actions} {other}"}
    assert tr.t("k", other="x") == "actions x"
    assert tr.t("k", n=True, other="x") == "actions x"  # not a number


def test_unknown_language_falls_back_to_french() -> None:
    assert Translator("de").language == "fr"
    assert Translator("de").t("status.done") == "Terminée"


# --- formats ---------------------------------------------------------------------------------


def test_french_formats() -> None:
    day = dt.date(2026, 3, 15)
    assert FR.date(day) == "15/03/2026"
    assert FR.date(day, long=True) == "15 mars 2026"
    assert FR.date(dt.date(2026, 8, 1), long=True) == "1er août 2026"
    assert FR.money(12459) == f"12{NBSP}459{NBSP}€"
    assert FR.money(12459.5) == f"12{NBSP}459,50{NBSP}€"
    assert FR.money(1234567) == f"1{NBSP}234{NBSP}567{NBSP}€"
    assert FR.percent(0.55) == f"55{NBSP}%"
    assert FR.number(2.5, 1) == "2,5"
    assert FR.number(3.0, 1) == "3"
    assert FR.days(2.5) == f"2,5{NBSP}j"
    assert FR.month(day, short=False) == "mars"


def test_english_formats() -> None:
    day = dt.date(2026, 3, 15)
    assert EN.date(day) == "2026-03-15"
    assert EN.date(day, long=True) == "15 March 2026"
    assert EN.money(12459) == "€12,459"
    assert EN.money(12459.5) == "€12,459.50"
    assert EN.percent(0.55) == "55%"
    assert EN.number(1234.25, 2) == "1,234.25"
    assert EN.month(day) == "Mar"
    assert EN.month(dt.date(2026, 9, 1), short=False) == "September"


def test_nothing_shows_as_a_dash() -> None:
    for tr in (FR, EN):
        assert tr.date(None) == tr.money(None) == tr.percent(None) == tr.number(None) == "—"


numbers = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**15), 10**15)


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(numbers, st.integers(0, 3))
def test_number_and_money_never_raise(value: float, decimals: int) -> None:
    for tr in (FR, EN):
        assert isinstance(tr.number(value, decimals), str)
        assert isinstance(tr.money(value), str)
        assert isinstance(tr.days(value), str)


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.floats(-1e12, 1e12))
def test_percent_never_raises_on_any_finite_ratio(ratio: float) -> None:
    # Ratios come clamped from domain/checks; NaN or infinity never reach it.
    for tr in (FR, EN):
        assert tr.percent(ratio).rstrip("%").strip(NBSP).lstrip("-").isdigit()


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.integers(-(10**15), 10**15))
def test_whole_numbers_read_back(value: int) -> None:
    assert FR.number(value).replace(NBSP, "") == str(value)
    assert EN.number(value).replace(",", "") == str(value)
    assert FR.money(value).endswith(f"{NBSP}€") and EN.money(value).lstrip("-").startswith("€")
    assert " " not in FR.money(value), "French groups with no-break spaces only"


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.floats(0, 1))
def test_percent_of_a_ratio_is_a_whole_number_up_to_100(ratio: float) -> None:
    fr, en = FR.percent(ratio), EN.percent(ratio)
    assert fr.endswith(f"{NBSP}%") and en.endswith("%")
    assert 0 <= int(en[:-1]) <= 100 and fr[:-2] == en[:-1]


@settings(deadline=None)  # no timing: the suite may run on a busy machine
@given(st.dates())
def test_dates_never_raise(day: dt.date) -> None:
    assert FR.date(day).endswith(str(day.year).zfill(4)) or day.year < 1000
    assert EN.date(day) == day.isoformat()
    assert FR.date(day, long=True) and EN.month(day)


def test_a_field_may_be_called_key() -> None:
    """The command palette shows "Touche ctrl+p" through t("app.key", key=...)."""
    assert FR.t("app.key", key="ctrl+p") == "Touche ctrl+p"
    assert EN.t("app.key", key="a") == "Key a"


def test_negative_amounts_lead_with_their_sign() -> None:
    """A funding gap below zero (a surplus) reads -€35,200 in English, not €-35,200."""
    assert Translator("en").money(-35200) == "-€35,200"
    assert Translator("en").money(-12.5) == "-€12.50"
    assert Translator("fr").money(-35200) == f"-35{NBSP}200{NBSP}€"


def test_a_float_in_a_message_is_written_the_readers_way() -> None:
    fr, en = Translator("fr"), Translator("en")
    assert (
        fr.t("problem.shares_over_100", total=325.0)
        == "Les parts dépassent 100\u00a0% (325\u00a0%)."
    )
    assert "(12,5\u00a0%)" in fr.t("problem.shares_over_100", total=12.5)
    assert "(1\u00a0234,25\u00a0%)" in fr.t("problem.shares_over_100", total=1234.25)
    assert "(12.5%)" in en.t("problem.shares_over_100", total=12.5)
    # Whole numbers stay as given: they are years and codes too.
    assert "2026" in fr.t("problem.shares_over_100", total=2026)
