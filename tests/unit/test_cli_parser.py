"""The command line's grammar: argparse's own parser, one sub-command at a time, in French.

argparse's messages are translated through a table (`ARGPARSE_MESSAGES`); these tests
provoke each message from a stock argparse parser and check that the table still
recognises it word for word, so a Python upgrade that rewords one fails here.
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

import pytest

from coop_tui.cli import UsageError
from coop_tui.cli.parser import (
    ARGPARSE_MESSAGES,
    COMMANDS,
    command_parser,
    command_word,
    match_argparse,
    translate_argparse,
)
from coop_tui.i18n import Translator
from tests.unit.cli_helpers import (
    NBSP,
    cli_env,  # noqa: F401  (fixture)
    one_line_error,
    run,
)

pytestmark = pytest.mark.usefixtures("cli_env")

FR, EN = Translator("fr"), Translator("en")

ENGLISH_WORDS = re.compile(
    r"\b(usage|show|help message|exit|positional|optional|default|required|unrecognized|"
    r"invalid|choose|expected|ambiguous|could match|ignored|explicit|the following|"
    r"argument[s]? are|file|create|list|change|write|make)\b",
    re.IGNORECASE,
)


class _Stock(argparse.ArgumentParser):
    """Stock argparse that hands its error message back instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _stock() -> _Stock:
    parser = _Stock(prog="p")
    parser.add_argument("plan")
    parser.add_argument("--lang", choices=("fr", "en"))
    parser.add_argument("--lead")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--alpha")
    parser.add_argument("--alps")
    return parser


# Each message of the table, provoked from stock argparse.
PROVOKED: dict[str, list[str]] = {
    "cli.argparse.required": [],
    "cli.argparse.unrecognized": ["x", "y", "z"],
    "cli.argparse.invalid_choice": ["x", "--lang", "de"],
    "cli.argparse.expected_one": ["x", "--lead"],
    "cli.argparse.ambiguous": ["x", "--al", "1"],
    "cli.argparse.ignored_explicit": ["x", "--json=1"],
}


def _argparse_says(args: list[str]) -> str:
    with pytest.raises(ValueError) as caught:
        _stock().parse_args(args)
    return str(caught.value)


def test_every_message_of_the_table_is_provoked() -> None:
    keys = {key for key, _ in ARGPARSE_MESSAGES}
    assert keys == {*PROVOKED, "cli.argparse.argument"}


@pytest.mark.parametrize("key", sorted(PROVOKED))
def test_the_table_knows_argparse_s_real_words(key: str) -> None:
    """argparse's message, matched by the table; the English catalog rebuilds it exactly."""
    message = _argparse_says(PROVOKED[key])
    found = match_argparse(message)
    assert found is not None, message
    outer, fields = found
    if outer == "cli.argparse.argument":
        inner = match_argparse(fields["message"])
        assert inner is not None, message
        assert inner[0] == key
        assert EN.t(key, **inner[1]) == fields["message"]
    else:
        assert outer == key
    assert EN.t(outer, **fields) == message
    assert translate_argparse(message, EN) == message


@pytest.mark.parametrize("key", sorted(PROVOKED))
def test_argparse_s_messages_in_french(key: str) -> None:
    french = translate_argparse(_argparse_says(PROVOKED[key]), FR)
    assert not ENGLISH_WORDS.search(french), french
    assert (" :" not in french and f"{NBSP}:" in french) or key == "cli.argparse.expected_one"


def test_french_messages_agree_in_number() -> None:
    one = translate_argparse("the following arguments are required: STATUT", FR)
    two = translate_argparse("the following arguments are required: ACTION, STATUT", FR)
    assert one == f"argument obligatoire manquant{NBSP}: STATUT"
    assert two == f"arguments obligatoires manquants{NBSP}: ACTION, STATUT"
    choice = translate_argparse("invalid choice: 'de' (choose from 'fr', 'en')", FR)
    assert choice == f"choix impossible{NBSP}: «{NBSP}de{NBSP}» (valeurs possibles{NBSP}: fr, en)"


def test_an_unknown_message_stays_as_argparse_wrote_it() -> None:
    assert translate_argparse("something new in Python 3.99", FR) == "something new in Python 3.99"


# --- one sub-command at a time ------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_only_the_named_command_is_built(command: str) -> None:
    parser = command_parser(command, EN)
    other = next(c for c in COMMANDS if c != command)
    with pytest.raises(UsageError, match="invalid choice"):
        parser.parse_args([other, "plan.json"])


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["status"], "status"),
        (["--lang", "en", "move", "p", "A3", "done"], "move"),
        (["--user", "status", "history"], "history"),
        (["--lang=fr", "actions"], "actions"),
        (["plan.json"], None),
        ([], None),
        (["--demo"], None),
        (["--", "status"], None),
    ],
)
def test_the_command_word(args: list[str], command: str | None) -> None:
    assert command_word(args) == command


def test_options_before_or_after_the_command() -> None:
    def parser() -> argparse.ArgumentParser:
        return command_parser("move", EN)

    before = parser().parse_args(["--lang", "en", "--user", "ana", "move", "p", "A3", "done"])
    after = parser().parse_args(["move", "p", "A3", "done", "--lang", "en", "--user", "ana"])
    assert vars(before) == vars(after)
    assert (after.lang, after.user, after.plan, after.action, after.status.value) == (
        "en", "ana", "p", "A3", "done")  # fmt: skip


# --- help and usage errors, as a user sees them ----------------------------------------------


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        run(capsys, *args)
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in sorted(COMMANDS)]])
def test_help_in_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COOP_TUI_LANG", "fr")
    out = _help(capsys, *args)
    assert out.startswith(f"utilisation{NBSP}: coop-tui")
    assert f"options{NBSP}:" in out and "afficher cette aide et quitter" in out
    assert not ENGLISH_WORDS.search(out), ENGLISH_WORDS.findall(out)
    assert not re.search(r" [:;!?]", out), out


@pytest.mark.parametrize("args", [["--help"], *[[c, "--help"] for c in sorted(COMMANDS)]])
def test_help_in_english(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    out = _help(capsys, "--lang", "en", *args)
    assert out.startswith("usage: coop-tui") and "options:" in out
    assert "afficher" not in out and NBSP not in out


def test_the_app_s_help_lists_the_quick_commands(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, "--help")
    for command in COMMANDS:
        assert re.search(rf"^  {command} +\S", out, re.MULTILINE), command
    assert "défaire ma dernière modification" in out


def test_a_missing_argument_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "move", "plan.json", "A3")
    assert (code, out) == (2, "")
    assert one_line_error(err) == (
        f"coop-tui move{NBSP}: argument obligatoire manquant{NBSP}: STATUT "
        "(voir coop-tui move --help)"
    )


def test_a_missing_argument_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "move", "plan.json")
    assert (code, out) == (2, "")
    assert one_line_error(err) == (
        "coop-tui move: the following arguments are required: ACTION, STATUS "
        "(see coop-tui move --help)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["actions", "--lead"],
        ["actions", "--lang", "de"],
        ["history", "--json=1"],
        ["status", "a", "b", "c"],
        ["export", "p.json", "--format", "rtf"],
        ["report", "p.json", "--format", "pdf", "--from", "hier"],
        ["import", "x.toml"],
    ],
)
def test_usage_errors_in_french(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    line = one_line_error(err)
    assert not ENGLISH_WORDS.search(line.replace("--help", "")), line
