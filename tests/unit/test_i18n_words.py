"""The catalogs' words and typography: good French, plain English, the glossary's terms.

French: a no-break space (U+00A0, the one chosen; never U+202F) before `: ; ! ?` and
inside « », plurals that agree (no "action(s)"), grammatical gender that agrees ("Nouvelle
action", not "Nouveau·elle"), the glossary's words. English: no space before `: ; ! ?`,
no inclusive writing.
"""

from __future__ import annotations

import re
import string

import pytest

from coop_tui.domain import model
from coop_tui.i18n import CATALOGS, Translator

NBSP = "\u00a0"
FR, EN = CATALOGS["fr"], CATALOGS["en"]


def _text(template: str) -> str:
    """The template's own words: each {field} (and its plural choice) as one letter."""
    return "".join(
        literal + ("x" if name is not None else "")
        for literal, name, _, _ in string.Formatter().parse(template)
    )


def _plural_forms(template: str) -> list[str]:
    return [spec for _, name, spec, _ in string.Formatter().parse(template) if name and spec]


def _french_words(template: str) -> str:
    return " ".join([_text(template), *_plural_forms(template)])


def test_french_and_english_have_the_same_keys() -> None:
    assert sorted(set(FR) ^ set(EN)) == []


@pytest.mark.parametrize("key", sorted(FR))
def test_french_typography(key: str) -> None:
    text = _french_words(FR[key])
    for match in re.finditer(r"[:;!?]", text):
        before = text[match.start() - 1] if match.start() else ""
        assert before == NBSP, f"{key}: no-break space before {match.group()!r} in {FR[key]!r}"
    assert not re.search(f"«(?!{NBSP})|(?<!{NBSP})»", text), f"{key}: « » without no-break spaces"
    assert "\u202f" not in text, f"{key}: one no-break space only (U+00A0)"


@pytest.mark.parametrize("key", sorted(EN))
def test_english_typography(key: str) -> None:
    text = _text(EN[key])
    assert not re.search(r"\s[:;!?]", text), f"{key}: space before punctuation in {EN[key]!r}"
    assert NBSP not in text, key
    assert not re.search(r"\w·\w", " ".join([text, *_plural_forms(EN[key])])), f"{key}: inclusive"


@pytest.mark.parametrize(("catalog", "lang"), [(FR, "fr"), (EN, "en")])
def test_plurals_agree(catalog: dict[str, str], lang: str) -> None:
    """No "action(s)": a count chooses its form ({count:action|actions})."""
    assert [k for k, v in catalog.items() if "(s)" in v or "(es)" in v] == [], lang
    fr = Translator("fr")
    assert fr.t("board.status.count", shown=1, total=8) == "1 action sur 8"
    assert fr.t("board.status.count", shown=3, total=8) == "3 actions sur 8"
    assert Translator("en").t("board.status.count", shown=1, total=1) == "1 of 1 action"


FORBIDDEN_FRENCH = {
    r"(?i)rem[èe]de": "« réponse envisagée » (glossary), never « remède »",
    r"·elle": "grammatical gender agrees: « Nouvelle action »",
    r"(?i)\bd[ée]cline\b": "« issu de O1 »",
    r"(?i)atteignable": "the worksheet's « approuvé par l'ensemble des parties prenantes »",
    r"(?i)\btableau\b(?! de bord| de tables)": "the board is « Kanban »; « tableau de bord »",
    r"(?i)annul\w* (la |une )?modification|modification \w+ annul|pour annuler\.|"
    r"pourrez annuler|rien à annuler": "undo is « défaire »; « annuler » is cancel",
}


@pytest.mark.parametrize("pattern", sorted(FORBIDDEN_FRENCH))
def test_french_words_from_the_glossary(pattern: str) -> None:
    found = {k: v for k, v in FR.items() if re.search(pattern, v)}
    assert found == {}, FORBIDDEN_FRENCH[pattern]


def test_key_words() -> None:
    assert (FR["key.undo"], FR["key.cancel"], FR["form.cancel"]) == (
        "Défaire",
        "Annuler",
        "Annuler",
    )
    assert (FR["key.mode.board"], FR["board.title"]) == ("Kanban", "Kanban")
    assert FR["key.mode.dashboard"] == FR["dashboard.title"] == "Tableau de bord"
    assert FR["smart.A"] == "Approuvé par l'ensemble des parties prenantes"
    assert FR["objectives.part_of"] == "issu de {label}"
    assert FR["remedy.expert"] == "Accompagnement par un expert"


def test_one_name_per_field() -> None:
    """The worksheet's own names, the same in the form, the detail and the worksheet."""
    results = {FR["field.expected_results"], FR["objectives.label.results"]}
    assert results == {FR["exports.md.col.results"]} == {"Résultats mesurables"}
    deadline = {FR["field.deadline"], FR["objectives.label.deadline"]}
    assert deadline == {"Délai de réalisation"}
    assert FR["exports.md.col.deadline"] == "Délais de réalisation"  # a column of them
    assert FR["objectives.col.latest"] == FR["dashboard.col.latest"] == "Dernière mesure"
    assert FR["objectives.col.progress"] == FR["dashboard.col.progress"] == "Avancement"


TABLES = ["plan", *model.ENTITY_TYPES]
"""Every table a form can edit: the plan and each stored entity type."""


@pytest.mark.parametrize("table", TABLES)
def test_each_entity_has_its_own_form_titles(table: str) -> None:
    for catalog in (FR, EN):
        assert f"form.new.{table}" in catalog and "{label}" in catalog[f"form.edit.{table}"]
    assert "{" not in FR[f"form.new.{table}"]


def test_form_titles_agree_in_gender() -> None:
    assert FR["form.new.actions"] == "Nouvelle action"
    assert FR["form.new.objectives"] == "Nouvel objectif"
    assert FR["form.new.organisations"] == "Nouvelle structure partenaire"
    assert FR["form.new.partners"] == "Nouveau partenaire extérieur"
    assert FR["form.edit.actions"] == f"Modifier l'action{NBSP}: {{label}}"
    assert EN["form.new.actions"] == "New action"
