"""The quick commands' own argument reader agrees with argparse, or leaves it to argparse.

`cli.quick_args` reads the plain forms of status, actions, history, undo and
move without building argparse's parser. For any command line, it must either
give exactly the namespace argparse gives, or None (argparse then reads it, and
says what is wrong in its own words).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop_tui.cli import UsageError, _build_parser, quick_args

WORDS = [
    "status", "actions", "history", "undo", "move", "init", "export", "plan.json", "A3", "done",
    "todo", "someday", "", "x", "-", "--", "-h", "--help", "--lang", "--lang=en", "--lang=fr",
    "--lang=de", "--lang=", "en", "fr", "de", "--json", "--json=1", "--overdue", "--status",
    "--status=done", "--status=x", "--stat", "--lead", "--lead=Ann", "Ann", "--lead=", "-1",
    "--demo", "--version", "--format", "-o",
]  # fmt: skip


def _argparse(args: list[str]) -> dict[str, object] | None:
    try:
        return vars(_build_parser().parse_args(args))
    except (UsageError, SystemExit):
        return None


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_quick_reading_is_argparse_or_nothing(args: list[str]) -> None:
    quick = quick_args(args)
    if quick is not None:
        assert vars(quick) == _argparse(args), args


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "plan.json"],
        ["--lang", "en", "status", "plan.json"],
        ["status", "plan.json", "--lang=fr"],
        ["--lang", "fr", "status", "--lang", "en"],
        ["actions", "plan.json", "--status", "done", "--overdue", "--json", "--lead", "Ann"],
        ["actions", "--lead=Ann Martin", "plan.json"],
        ["history", "--json"],
        ["undo", "plan.json"],
        ["move", "plan.json", "A3", "done"],
        ["move", "plan.json", "A3", "someday"],
    ],
)
def test_the_plain_forms_are_read_quickly(args: list[str]) -> None:
    quick = quick_args(args)
    assert quick is not None
    assert vars(quick) == _argparse(args)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--help"],
        ["status", "a", "b"],
        ["actions", "--stat", "done"],
        ["actions", "--status", "someday"],
        ["actions", "--lead"],
        ["move", "plan.json", "A3"],
        ["status", "--", "plan.json"],
        ["--json", "status"],
        ["export", "plan.json", "--format", "md"],
    ],
)
def test_anything_else_is_left_to_argparse(args: list[str]) -> None:
    assert quick_args(args) is None
