"""Command line: `coop-tui [PLAN]` opens the app; the quick commands never load Textual.

User mistakes give one line on standard error and exit code 2 (usage) or 1
(failure), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import argparse

from coop_tui import __version__
from coop_tui.i18n import Translator, choose_language
from coop_tui.text import clean

COMMANDS = ("init", "status", "actions", "move", "history", "undo", "export", "import")
STATUS_WORDS = ("todo", "in_progress", "blocked", "done", "dropped")
EXPORT_FORMATS = ("toml", "md", "csv", "ics")
DEFAULT_PLAN = "coop-plan.json"


class UsageError(Exception):
    """A mistake in the command line (exit code 2)."""


class Failure(Exception):
    """A command that could not be carried out (exit code 1); the message is final text."""


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(f"{self.prog}: {message}")

    return _Parser


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


def _build_parser() -> argparse.ArgumentParser:
    import argparse

    _Parser = _parser_class()
    parser = _Parser(prog="coop-tui", description="Plan a cooperation project between SIAE.")
    parser.add_argument("--version", action="version", version=f"coop-tui {__version__}")
    parser.add_argument("--lang", choices=("fr", "en"), help="interface language")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    init = sub.add_parser("init", help="create an empty plan, or the demo plan")
    init.add_argument("plan")
    init.add_argument("--demo", action="store_true", help="the bundled demo plan")
    init.add_argument("--title", default="", help="title of the new plan")

    status = sub.add_parser("status", help="the dashboard in a few lines")
    status.add_argument("plan", nargs="?")

    actions = sub.add_parser("actions", help="list actions")
    actions.add_argument("plan", nargs="?")
    actions.add_argument("--status", choices=STATUS_WORDS)
    actions.add_argument("--overdue", action="store_true")
    actions.add_argument("--lead", help="lead person's name (part of it, any case)")
    actions.add_argument("--json", action="store_true")

    move = sub.add_parser("move", help="change an action's status")
    move.add_argument("plan")
    move.add_argument("action", help="id, unique id prefix, or code (A3)")
    move.add_argument("status", help="|".join(STATUS_WORDS))

    history = sub.add_parser("history", help="who changed what, when")
    history.add_argument("plan", nargs="?")
    history.add_argument("--json", action="store_true")

    undo = sub.add_parser("undo", help="undo my last change")
    undo.add_argument("plan", nargs="?")

    export = sub.add_parser("export", help="write the plan as TOML, Markdown, CSV or iCalendar")
    export.add_argument("plan")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("-o", "--output", help="file to write (default: standard output)")

    imp = sub.add_parser("import", help="make a plan from a TOML file")
    imp.add_argument("file")
    imp.add_argument("-o", "--output", required=True, help="plan file to create")
    imp.add_argument("--force", action="store_true", help="replace an existing plan")
    for command in sub.choices.values():
        # `coop-tui status PLAN --lang en` works as well as `coop-tui --lang en status PLAN`
        # (SUPPRESS: the sub-command must not reset a --lang given before it).
        command.add_argument(
            "--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help="interface language"
        )
    return parser


def _build_app_parser() -> argparse.ArgumentParser:
    parser = _parser_class()(
        prog="coop-tui",
        description="Plan a cooperation project between SIAE. Commands: " + ", ".join(COMMANDS),
    )
    parser.add_argument("--version", action="version", version=f"coop-tui {__version__}")
    parser.add_argument("plan", nargs="?", help="plan file (default: $COOP_TUI_PLAN or coop-plan.json)")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo plan")
    parser.add_argument("--lang", choices=("fr", "en"), help="interface language")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    tr = Translator(choose_language(_peek_lang(args_list)))
    collecting = gc.isenabled()
    try:
        if _first_word(args_list) in COMMANDS:
            # A quick command is short: the cyclic collector would only walk, again and
            # again, the objects of a plan that all live until the end.
            gc.disable()
            args = quick_args(args_list) or _build_parser().parse_args(args_list)
            from coop_tui import commands

            code = commands.run(args, tr)
            sys.stdout.flush()  # a reader that left (`| head`) shows here, not at exit
            return code
        args = _build_app_parser().parse_args(args_list)
        return _open_app(args)
    except UsageError as exc:
        # clean(): one line, and no escape sequence from an argument reaches the terminal
        print(clean(str(exc)), file=sys.stderr)
        return 2
    except Failure as exc:
        print(clean(f"coop-tui: {exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coop-tui actions | head`: the reader left; that is not an error. What is
        # still buffered goes nowhere, so the interpreter's last flush fails no more.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    finally:
        if collecting:
            gc.enable()


def _peek_lang(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _first_word(args: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


#: The plain forms of the quick read commands, read without building argparse's parser
#: (some 6 ms of a 40 ms `status`): command -> (positionals, required, flags, options).
_QUICK: dict[str, tuple[tuple[str, ...], int, tuple[str, ...], dict[str, tuple[str, ...] | None]]] = {
    "status": (("plan",), 0, (), {}),
    "actions": (("plan",), 0, ("overdue", "json"), {"status": STATUS_WORDS, "lead": None}),
    "history": (("plan",), 0, ("json",), {}),
    "undo": (("plan",), 0, (), {}),
    "move": (("plan", "action", "status"), 3, (), {}),
}


def quick_args(args: list[str]) -> Any:
    """The namespace argparse would give for a plain quick command, or None.

    Anything else (help, abbreviations, `--`, a value that looks like an option, a
    mistake) goes to argparse, which says what is wrong in its own words.
    """
    lang: str | None = None
    command: str | None = None
    values: list[str] = []
    found: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, inline = arg.partition("=")
        if arg.startswith("-"):
            spec = _QUICK.get(command) if command else None
            option = name[2:] if name.startswith("--") else ""
            if spec is not None and not eq and option in spec[2]:
                found[option] = True
            elif option == "lang" or (spec is not None and option in spec[3]):
                value = inline if eq else (args[i + 1] if i + 1 < len(args) else "-")
                choices = ("fr", "en") if option == "lang" else spec[3][option]  # type: ignore[index]
                if value.startswith("-") or (choices is not None and value not in choices):
                    return None
                if option == "lang":
                    lang = value
                else:
                    found[option] = value
                i += 0 if eq else 1
            else:
                return None
        elif command is None:
            if arg not in _QUICK:
                return None
            command = arg
        else:
            values.append(arg)
        i += 1
    if command is None:
        return None
    positionals, required, flags, options = _QUICK[command]
    if not required <= len(values) <= len(positionals):
        return None
    namespace: dict[str, Any] = {"lang": lang, "command": command}
    namespace.update(dict.fromkeys(positionals))
    namespace.update(zip(positionals, values, strict=False))
    namespace.update({flag: found.get(flag, False) for flag in flags})
    namespace.update({option: found.get(option) for option in options})
    return SimpleNamespace(**namespace)


def _open_app(args: argparse.Namespace) -> int:
    from coop_tui.tui.app import run_app

    return run_app(
        plan=None if args.demo else default_plan(args.plan),
        demo=args.demo,
        lang=args.lang,
        today=today(),
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
