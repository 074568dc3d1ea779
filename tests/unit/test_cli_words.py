"""The CLI in a French user's words: French status words, a name per person, French typography."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coop_tui.cli.status_words import STATUS_WORDS, accepted_words, parse_status
from coop_tui.domain.model import Status
from coop_tui.i18n import Translator
from coop_tui.storage.store import PlanStore
from tests.unit.cli_helpers import (
    NBSP,
    cli_env,  # noqa: F401  (fixture)
    make_demo,
    one_line_error,
    run,
    section,
    status_of,
)

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return make_demo(tmp_path, capsys)


# --- status words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("terminée", Status.DONE), ("Terminée", Status.DONE), ("TERMINEE", Status.DONE),
        ("terminee", Status.DONE), ("done", Status.DONE), ("Done", Status.DONE),
        ("en cours", Status.IN_PROGRESS), ("en_cours", Status.IN_PROGRESS),
        ("EN-COURS", Status.IN_PROGRESS), ("  En   cours ", Status.IN_PROGRESS),
        ("in_progress", Status.IN_PROGRESS), ("In progress", Status.IN_PROGRESS),
        ("à faire", Status.TODO), ("a_faire", Status.TODO), ("A FAIRE", Status.TODO),
        ("À_FAIRE", Status.TODO), ("todo", Status.TODO), ("To do", Status.TODO),
        ("bloquée", Status.BLOCKED), ("bloquee", Status.BLOCKED), ("BLOQUÉE", Status.BLOCKED),
        ("blocked", Status.BLOCKED),
        ("abandonnée", Status.DROPPED), ("abandonnee", Status.DROPPED),
        ("Abandonnée", Status.DROPPED), ("dropped", Status.DROPPED),
    ],
)  # fmt: skip
def test_status_words(word: str, status: Status) -> None:
    assert parse_status(word) is status


@pytest.mark.parametrize("word", ["", "fini", "finished", "terminé", "en", "A3", "\x1b[2J"])
def test_unknown_status_words(word: str) -> None:
    assert parse_status(word) is None


def test_the_words_suggested() -> None:
    assert accepted_words(Translator("en")) == ", ".join(STATUS_WORDS)
    assert accepted_words(Translator("fr")) == (
        "à faire, en cours, bloquée, terminée, abandonnée, "
        "ou todo, in_progress, blocked, done, dropped"
    )


def test_move_with_a_french_word(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "move", demo, "A3", "terminée")
    assert (code, err) == (0, "")
    assert out.startswith("A3 ") and out.endswith(f"{NBSP}: En cours → Terminée\n")
    assert status_of(demo, "A3") is Status.DONE
    assert run(capsys, "move", demo, "A3", "EN_COURS")[0] == 0
    assert status_of(demo, "A3") is Status.IN_PROGRESS
    history = json.loads(run(capsys, "history", demo, "--json")[1])
    assert history[-1]["changes"][0]["after"]["status"] == "in_progress"  # JSON: stable words


def test_actions_filter_with_a_french_word(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actions", demo, "--status", "Terminée", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["code"] for r in rows} == {"A1", "A2", "A8"}
    assert {r["status"] for r in rows} == {"done"}
    code, out, _ = run(capsys, "actions", demo, "--status=bloquee", "--json")
    assert [r["code"] for r in json.loads(out)] == ["A9"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_wrong_status_word_names_the_right_ones(
    demo: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    before = demo.read_bytes()
    code, out, err = run(capsys, "--lang", lang, "move", demo, "A3", "fini\x1b[2J")
    assert (code, out) == (2, "")
    line = one_line_error(err)
    assert "fini␛[2J" in line and "in_progress" in line and "\x1b" not in line
    assert ("en cours" in line) is (lang == "fr")
    assert demo.read_bytes() == before


# --- a name per person ------------------------------------------------------------------------


def _users(path: Path) -> list[str]:
    return [e.user for e in PlanStore(path).history()]


def test_user_option_names_who_writes(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "move", demo, "A3", "done", "--user", "Ana")[0] == 0
    assert run(capsys, "--user", "Bruno", "move", demo, "A4", "blocked")[0] == 0
    monkeypatch.setenv("COOP_TUI_USER", "Chloé")
    assert run(capsys, "move", demo, "A5", "done")[0] == 0
    assert run(capsys, "move", demo, "A6", "done", "--user", "Dora")[0] == 0  # the option wins
    assert _users(demo)[-4:] == ["Ana", "Bruno", "Chloé", "Dora"]
    code, out, _ = run(capsys, "history", demo)
    assert code == 0 and f"Chloé{NBSP}: Déplacement" in out


def test_undo_undoes_that_name_s_last_change(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "move", demo, "A3", "done", "--user", "Ana")[0] == 0
    assert run(capsys, "move", demo, "A4", "done", "--user", "Bruno")[0] == 0
    code, out, err = run(capsys, "undo", demo, "--user", "Ana")
    assert (code, err) == (0, "") and out.startswith(f"Défait{NBSP}: Déplacement")
    assert status_of(demo, "A3") is Status.IN_PROGRESS
    assert status_of(demo, "A4") is Status.DONE  # Bruno's change stays
    code, out, err = run(capsys, "undo", demo, "--user", "Ana")
    assert code == 1 and "Ana" in one_line_error(err)


def test_init_and_import_record_the_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty, demo = tmp_path / "empty.json", tmp_path / "demo.json"
    assert run(capsys, "init", empty, "--user", "Ana")[0] == 0
    assert run(capsys, "init", demo, "--demo", "--user", "Bruno")[0] == 0
    assert _users(empty) == ["Ana"] and _users(demo) == ["Bruno"]
    toml = tmp_path / "plan.toml"
    assert run(capsys, "export", demo, "--format", "toml", "-o", toml)[0] == 0
    assert run(capsys, "import", toml, "-o", tmp_path / "copy.json", "--user", "Chloé")[0] == 0
    assert _users(tmp_path / "copy.json") == ["Chloé"]


@pytest.mark.parametrize("name", ["", "   ", "a\x1b[2Jb", "a\u202eb", "x" * 81])
def test_a_bad_user_name_is_a_usage_error(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    before = demo.read_bytes()
    code, out, err = run(capsys, "move", demo, "A3", "done", "--user", name)
    assert (code, out) == (2, "") and "\x1b" not in one_line_error(err)
    monkeypatch.setenv("COOP_TUI_USER", name)
    code, out, err = run(capsys, "move", demo, "A3", "done")
    if name:  # an empty variable is no variable
        assert (code, out) == (2, "") and "COOP_TUI_USER" in one_line_error(err)
    assert demo.read_bytes() == before or not name


def test_reading_ignores_the_user(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOP_TUI_USER", "bad\x1b")
    assert run(capsys, "status", demo)[0] == 0


# --- French typography in status ---------------------------------------------------------------


def test_status_typography(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", demo)
    assert code == 0
    smart = section(out, "Objectifs à compléter (SMART) (2)")
    assert smart[0] == (
        f"  O2.2 — A{NBSP}: approbation à renouveler{NBSP}: Cycl'Avenir{NBSP}; "
        f"R{NBSP}: pas encore jugé réaliste et ambitieux"
    )
    assert smart[1] == f"  O3.2 — A{NBSP}: pas encore approuvé par{NBSP}: Tremplin Intérim Dômes"
    assert section(out, "Bloquée (1)")  # agrees with its count
    for line in out.splitlines():
        assert not re.search(r"[ \u202f][:;!?]", line), line  # (« » here are user text)
    code, out, _ = run(capsys, "--lang", "en", "status", demo)
    assert "R: not yet judged realistic and ambitious" in out
    assert not re.search("\u00a0[:;!?]", out)  # (the plan's own French texts keep theirs)
