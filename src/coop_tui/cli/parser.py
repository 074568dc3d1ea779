"""The command line's grammar: argparse, in the interface's language.

Only the named sub-command's parser is built (`coop-tui status` never builds the
seven others), so `--help` and the usage errors stay argparse's own, at a fraction
of the cost of building them all. Every word argparse shows comes from the catalogs:
our own help texts and group titles through public argparse API (explicit argument
groups, our own `-h`, a formatter that takes the usage prefix); argparse's own error
messages through `ARGPARSE_MESSAGES`, a table that tests check against argparse's
real output.
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from coop_tui import __version__
from coop_tui.cli.common import MAX_USER_LENGTH, UsageError, user_problem
from coop_tui.i18n import LANGUAGES, Translator
from coop_tui.text import clean

PROG = "coop-tui"

COMMANDS: dict[str, str] = {
    "init": "writing",
    "status": "reading",
    "actions": "reading",
    "objectives": "listing",
    "indicators": "listing",
    "gaps": "listing",
    "contradictions": "listing",
    "move": "writing",
    "history": "reading",
    "undo": "writing",
    "export": "exchange",
    "import": "exchange",
    "report": "exchange",
    "backplan": "steering",
    "baseline": "steering",
    "drift": "steering",
    "budget": "steering",
}
"""Each quick command and the module of coop_tui.cli that runs it."""

EXPORT_FORMATS = ("toml", "md", "csv", "ics", "odt", "docx", "pdf")
REPORT_FORMATS = ("md", "odt", "docx", "pdf")

# Options that take a value, at the top level: what follows them is not the command.
_VALUED = ("--lang", "--user")

ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("cli.argparse.argument", "argument %(argument_name)s: %(message)s"),
    ("cli.argparse.required", "the following arguments are required: %(names)s"),
    ("cli.argparse.unrecognized", "unrecognized arguments: %(arguments)s"),
    ("cli.argparse.invalid_choice", "invalid choice: %(value)r (choose from %(choices)s)"),
    ("cli.argparse.expected_one", "expected one argument"),
    ("cli.argparse.ambiguous", "ambiguous option: %(option)s could match %(matches)s"),
    ("cli.argparse.ignored_explicit", "ignored explicit argument %(value)r"),
)
"""argparse's own messages a user can meet here (Python's templates, with a name for each
field), and the catalog key of each. A message that matches none stays as argparse wrote it."""


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)([sr])", template)
    regex = ""
    for i, part in enumerate(parts):
        if i % 3 == 0:
            regex += re.escape(part)
        elif i % 3 == 1:
            regex += f"(?P<{part}>.+?)"
    return re.compile(regex + r"\Z", re.DOTALL)


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compiled on the first mistake: a command typed right never needs them."""
    return [(key, _pattern(template)) for key, template in ARGPARSE_MESSAGES]


def _unrepr(text: str) -> str:
    """'de' -> de: a value argparse shows as Python would (repr), shown as typed."""
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text
    return value if isinstance(value, str) else text


def match_argparse(message: str) -> tuple[str, dict[str, str]] | None:
    """Which of argparse's messages `message` is (its catalog key) and its fields, or None."""
    for key, pattern in _patterns():
        match = pattern.match(message)
        if match:
            return key, match.groupdict()
    return None


def translate_argparse(message: str, tr: Translator) -> str:
    """argparse's English `message` in the language of `tr` (as it is in English)."""
    found = None if tr.language == "en" else match_argparse(message)
    if found is None:
        return message
    key, fields = found
    values: dict[str, Any] = dict(fields)
    if "message" in values:
        values["message"] = translate_argparse(values["message"], tr)
    if "value" in values:
        values["value"] = _unrepr(values["value"])
    if "choices" in values:
        values["choices"] = ", ".join(_unrepr(c) for c in values["choices"].split(", "))
    if "names" in values:
        values["count"] = len(values["names"].split(", "))
    if "arguments" in values:
        values["count"] = len(values["arguments"].split(" "))
    return tr.t(key, **values)


def _formatter(tr: Translator) -> type[argparse.HelpFormatter]:
    """argparse's help layout, with the usage line's prefix in the interface's language."""
    usage_prefix = tr.t("cli.usage")

    class Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(
            self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None
        ) -> None:
            super().add_usage(usage, actions, groups, usage_prefix if prefix is None else prefix)

    return Formatter


class Parser(argparse.ArgumentParser):
    """argparse, with its mistakes as one translated line instead of usage + exit."""

    tr: Translator

    def error(self, message: str) -> NoReturn:
        text = translate_argparse(message, self.tr)
        raise UsageError(self.tr.t("cli.usage_error", prog=self.prog, message=clean(text)))


def _new_parser(tr: Translator, **kwargs: Any) -> Parser:
    parser = Parser(add_help=False, formatter_class=_formatter(tr), **kwargs)
    parser.tr = tr
    return parser


def _groups(parser: argparse.ArgumentParser, tr: Translator) -> tuple[Any, Any]:
    """The two sections of the help, titled in the interface's language, with our own -h."""
    positionals = parser.add_argument_group(tr.t("cli.group.arguments"))
    options = parser.add_argument_group(tr.t("cli.group.options"))
    options.add_argument("-h", "--help", action="help", help=tr.t("cli.help.help"))
    return positionals, options


def _status_type(tr: Translator) -> Callable[[str], Any]:
    from coop_tui.cli.status_words import accepted_words, parse_status

    def status(word: str) -> Any:
        found = parse_status(word)
        if found is None:
            raise argparse.ArgumentTypeError(
                tr.t("error.unknown_status", status=clean(word), choices=accepted_words(tr))
            )
        return found

    return status


def _user_type(tr: Translator) -> Callable[[str], str]:
    def user(name: str) -> str:
        problem = user_problem(name)
        if problem:
            raise argparse.ArgumentTypeError(tr.t(problem, max=MAX_USER_LENGTH))
        return name.strip()

    return user


def _plan(group: Any, tr: Translator, *, optional: bool) -> None:
    group.add_argument(
        "plan",
        nargs="?" if optional else None,
        metavar=tr.t("cli.metavar.plan"),
        help=tr.t("cli.help.plan"),
    )


def _json(options: Any, tr: Translator) -> None:
    options.add_argument("--json", action="store_true", help=tr.t("cli.help.json"))


def _init(positionals: Any, options: Any, tr: Translator) -> None:
    positionals.add_argument(
        "plan", metavar=tr.t("cli.metavar.plan"), help=tr.t("cli.help.new_plan")
    )
    options.add_argument("--demo", action="store_true", help=tr.t("cli.help.init_demo"))
    options.add_argument(
        "--title", default="", metavar=tr.t("cli.metavar.title"), help=tr.t("cli.help.title")
    )


def _status(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)


def _actions(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)
    options.add_argument(
        "--status",
        type=_status_type(tr),
        metavar=tr.t("cli.metavar.status"),
        help=tr.t("cli.help.status_filter"),
    )
    options.add_argument("--overdue", action="store_true", help=tr.t("cli.help.overdue"))
    from coop_tui.domain.checks import DUE_SOON_DAYS

    options.add_argument(
        "--due-soon",
        action="store_true",
        help=tr.t("cli.help.due_soon", days=DUE_SOON_DAYS),
    )
    options.add_argument("--lead", metavar=tr.t("cli.metavar.name"), help=tr.t("cli.help.lead"))
    options.add_argument(
        "--phase", metavar=tr.t("cli.metavar.phase"), help=tr.t("cli.help.phase_filter")
    )
    _json(options, tr)


def _objectives(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)
    options.add_argument("--coming", action="store_true", help=tr.t("cli.help.coming"))
    options.add_argument("--incomplete", action="store_true", help=tr.t("cli.help.incomplete"))
    _json(options, tr)


def _indicators(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)
    options.add_argument("--behind", action="store_true", help=tr.t("cli.help.behind"))
    _json(options, tr)


def _plan_and_json(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)
    _json(options, tr)


def _move(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    positionals.add_argument(
        "action", metavar=tr.t("cli.metavar.action"), help=tr.t("cli.help.action")
    )
    positionals.add_argument(
        "status",
        type=_status_type(tr),
        metavar=tr.t("cli.metavar.status"),
        help=tr.t("cli.help.status"),
    )


def _history(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)
    options.add_argument("--since", metavar=tr.t("cli.metavar.since"), help=tr.t("cli.help.since"))
    _json(options, tr)


def _undo(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=True)


def _export(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    options.add_argument(
        "--format", required=True, choices=EXPORT_FORMATS, help=tr.t("cli.help.format")
    )
    options.add_argument(
        "-o", "--output", metavar=tr.t("cli.metavar.file"), help=tr.t("cli.help.output")
    )


def _import(positionals: Any, options: Any, tr: Translator) -> None:
    positionals.add_argument(
        "file", metavar=tr.t("cli.metavar.toml_file"), help=tr.t("cli.help.toml_file")
    )
    options.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=tr.t("cli.metavar.plan"),
        help=tr.t("cli.help.new_plan"),
    )
    options.add_argument("--force", action="store_true", help=tr.t("cli.help.force"))


def _date_type(tr: Translator) -> Callable[[str], Any]:
    def day(text: str) -> Any:
        from coop_tui.dates import parse_day

        found = parse_day(text)
        if found is None:
            raise argparse.ArgumentTypeError(tr.t("cli.bad_date", value=clean(text)))
        return found

    return day


def _report(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    options.add_argument("--from", dest="start", type=_date_type(tr),
                         metavar=tr.t("cli.metavar.date"), help=tr.t("cli.help.from"))  # fmt: skip
    options.add_argument("--to", dest="end", type=_date_type(tr),
                         metavar=tr.t("cli.metavar.date"), help=tr.t("cli.help.to"))  # fmt: skip
    options.add_argument(
        "--format", required=True, choices=REPORT_FORMATS, help=tr.t("cli.help.format")
    )
    options.add_argument(
        "-o", "--output", metavar=tr.t("cli.metavar.file"), help=tr.t("cli.help.output")
    )


def _backplan(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    positionals.add_argument(
        "objective", metavar=tr.t("cli.metavar.objective"), help=tr.t("cli.help.objective")
    )
    options.add_argument(
        "--milestone", metavar=tr.t("cli.metavar.name"), help=tr.t("cli.help.milestone")
    )
    options.add_argument("--apply", action="store_true", help=tr.t("cli.help.apply"))
    _json(options, tr)


def _baseline(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    options.add_argument(
        "--name",
        required=True,
        metavar=tr.t("cli.metavar.name"),
        help=tr.t("cli.help.baseline_name"),
    )
    options.add_argument("--review", metavar="ID", help=tr.t("cli.help.review"))


def _drift(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    options.add_argument(
        "--baseline", metavar=tr.t("cli.metavar.name"), help=tr.t("cli.help.baseline")
    )
    _json(options, tr)


def _budget(positionals: Any, options: Any, tr: Translator) -> None:
    _plan(positionals, tr, optional=False)
    options.add_argument(
        "--year", type=int, metavar=tr.t("cli.metavar.year"), help=tr.t("cli.help.year")
    )
    _json(options, tr)


_ARGUMENTS: dict[str, Callable[[Any, Any, Translator], None]] = {
    "init": _init,
    "status": _status,
    "actions": _actions,
    "objectives": _objectives,
    "indicators": _indicators,
    "gaps": _plan_and_json,
    "contradictions": _plan_and_json,
    "move": _move,
    "history": _history,
    "undo": _undo,
    "export": _export,
    "import": _import,
    "report": _report,
    "backplan": _backplan,
    "baseline": _baseline,
    "drift": _drift,
    "budget": _budget,
}
_WRITES = ("init", "move", "undo", "import", "backplan", "baseline")


def _lang(options: Any, tr: Translator, **kwargs: Any) -> None:
    options.add_argument("--lang", choices=LANGUAGES, help=tr.t("cli.help.lang"), **kwargs)


def _user(options: Any, tr: Translator, **kwargs: Any) -> None:
    options.add_argument(
        "--user",
        type=_user_type(tr),
        metavar=tr.t("cli.metavar.name"),
        help=tr.t("cli.help.user"),
        **kwargs,
    )


def command_parser(command: str, tr: Translator) -> Parser:
    """`coop-tui [--lang L] [--user NAME] COMMAND …`, with only COMMAND's own parser built."""
    parser = _new_parser(tr, prog=PROG, description=tr.t("cli.description"))
    _, options = _groups(parser, tr)
    _lang(options, tr)
    _user(options, tr)
    commands = parser.add_subparsers(
        # Given, argparse need not lay out a usage line (and load shutil) to derive it.
        prog=PROG,
        dest="command",
        required=True,
        title=tr.t("cli.group.commands"),
        metavar=tr.t("cli.metavar.command"),
        parser_class=Parser,
    )
    sub = commands.add_parser(
        command,
        help=tr.t(f"cli.command.{command}"),
        description=tr.t(f"cli.command.{command}"),
        add_help=False,
        formatter_class=_formatter(tr),
    )
    sub.tr = tr
    positionals, options = _groups(sub, tr)
    _ARGUMENTS[command](positionals, options, tr)
    # `coop-tui status PLAN --lang en` works as well as `coop-tui --lang en status PLAN`
    # (SUPPRESS: the sub-command must not reset a --lang given before it).
    _lang(options, tr, default=argparse.SUPPRESS)
    if command in _WRITES:
        _user(options, tr, default=argparse.SUPPRESS)
    return parser


def app_parser(tr: Translator) -> Parser:
    """`coop-tui [PLAN]`: open the full-screen app; the help lists the quick commands."""
    width = max(len(name) for name in COMMANDS) + 2
    listed = "\n".join(f"  {name:<{width}}{tr.t(f'cli.command.{name}')}" for name in COMMANDS)
    parser = _new_parser(
        tr,
        prog=PROG,
        description=tr.t("cli.description"),
        epilog=f"{tr.t('cli.commands_title')}\n{listed}",
    )
    positionals, options = _groups(parser, tr)
    _plan(positionals, tr, optional=True)
    options.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}",
        help=tr.t("cli.help.version"),
    )  # fmt: skip
    options.add_argument("--demo", action="store_true", help=tr.t("cli.help.demo"))
    _lang(options, tr)
    _user(options, tr)  # the name the app's changes are recorded under (else COOP_TUI_USER)
    return parser


def command_word(args: Sequence[str]) -> str | None:
    """The quick command named by `args`, or None (then they open the app)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def peek_lang(args: Sequence[str]) -> str | None:
    """--lang's value, read before parsing: the parser itself speaks that language."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


__all__ = [
    "ARGPARSE_MESSAGES",
    "COMMANDS",
    "EXPORT_FORMATS",
    "Parser",
    "app_parser",
    "command_parser",
    "command_word",
    "match_argparse",
    "peek_lang",
    "translate_argparse",
]
