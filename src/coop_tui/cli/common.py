"""What every quick command shares: its two kinds of mistakes, the day, the plan, the user."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from coop_tui.i18n import Translator, choose_language

if TYPE_CHECKING:
    import argparse

    from coop_tui.domain.snapshot import PlanData
    from coop_tui.storage.store import PlanStore

DEFAULT_PLAN = "coop-plan.json"
MAX_USER_LENGTH = 80


class UsageError(Exception):
    """A mistake in the command line (exit code 2); the message is final text."""


class Failure(Exception):
    """A command that could not be carried out (exit code 1); the message is final text."""


def today() -> dt.date:
    """Today, or COOP_TUI_TODAY (YYYY-MM-DD) to freeze the clock for demos and tests."""
    frozen = os.environ.get("COOP_TUI_TODAY", "")
    if frozen:
        try:
            return dt.date.fromisoformat(frozen)
        except ValueError:
            raise UsageError(f"COOP_TUI_TODAY: not a date: {frozen!r}") from None
    return dt.date.today()


def default_plan(value: str | None) -> Path:
    """PLAN, else $COOP_TUI_PLAN, else coop-plan.json here."""
    return Path(value or os.environ.get("COOP_TUI_PLAN") or DEFAULT_PLAN)


def user_problem(name: str) -> str | None:
    """Why `name` cannot name a person in the history (a catalog key), or None.

    History shows the name to everyone: no control or bidi character, nothing blank.
    """
    if not name.strip():
        return "cli.user.empty"
    if not name.isprintable():
        return "cli.user.unprintable"
    if len(name) > MAX_USER_LENGTH:
        return "cli.user.too_long"
    return None


def user_of(args: argparse.Namespace, tr: Translator) -> str | None:
    """--user, else $COOP_TUI_USER, else None (the store then takes the OS login)."""
    name = getattr(args, "user", None)
    if name is not None:
        return str(name)  # checked by the parser already
    name = os.environ.get("COOP_TUI_USER", "")
    if not name:
        return None
    problem = user_problem(name)
    if problem:
        raise UsageError(tr.t("cli.user.bad_env", problem=tr.t(problem, max=MAX_USER_LENGTH)))
    return name.strip()


def load(
    args: argparse.Namespace, tr: Translator, *, writes: bool = False
) -> tuple[PlanStore, PlanData, Translator]:
    """The store (naming the user when the command `writes`), what it holds now, and the
    translator in the language now known."""
    from coop_tui.storage.store import PlanStore

    user = user_of(args, tr) if writes else None
    store = PlanStore(default_plan(getattr(args, "plan", None)), user=user)
    data = store.read()
    # The plan's own language counts when neither --lang nor COOP_TUI_LANG chose one.
    tr = Translator(choose_language(getattr(args, "lang", None), data.plan.language))
    return store, data, tr
