"""Command line: `coop-tui [PLAN]` opens the app; the quick commands never load Textual.

`main` reads which command is named, builds argparse's parser for that command only
(`parser`), and runs it from its module (`reading`, `writing`, `exchange`). User
mistakes give one line on standard error and exit code 2 (usage) or 1 (failure),
never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coop_tui.cli.common import Failure, UsageError, default_plan, today, user_of
from coop_tui.cli.parser import COMMANDS, app_parser, command_parser, command_word, peek_lang
from coop_tui.i18n import Translator, choose_language
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def main(argv: Sequence[str] | None = None) -> int:
    """The `coop-tui` command: its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    tr = Translator(choose_language(peek_lang(args_list)))
    collecting = gc.isenabled()
    try:
        command = command_word(args_list)
        if command is None:
            return _open_app(app_parser(tr).parse_args(args_list), tr)
        # A quick command is short: the cyclic collector would only walk, again and
        # again, the objects of a plan that all live until the end.
        gc.disable()
        code = run(command_parser(command, tr).parse_args(args_list), tr)
        sys.stdout.flush()  # a reader that left (`| head`) shows here, not at exit
        return code
    except UsageError as exc:
        # clean(): one line, and no escape sequence from an argument reaches the terminal
        print(clean(str(exc)), file=sys.stderr)
        return 2
    except Failure as exc:
        print(clean(tr.t("cli.failure", message=str(exc))), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coop-tui actions | head`: the reader left; that is not an error. What is
        # still buffered goes nowhere, so the interpreter's last flush fails no more.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if collecting:
            gc.enable()


def run(args: argparse.Namespace, tr: Translator) -> int:
    """Run the parsed quick command; storage and system errors become a Failure."""
    from coop_tui.storage.errors import StorageError

    module = importlib.import_module(f"coop_tui.cli.{COMMANDS[args.command]}")
    try:
        return module.HANDLERS[args.command](args, tr)  # type: ignore[no-any-return]
    except StorageError as exc:
        from coop_tui.error_text import error_message

        raise Failure(error_message(exc, tr)) from None
    except BrokenPipeError:
        raise  # the reader left (`| head`): main ends quietly
    except OSError as exc:
        path = exc.filename or ""
        raise Failure(tr.t("error.io", path=path, reason=exc.strerror or str(exc))) from None


def _open_app(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.tui.launch import run_app

    return run_app(
        plan=None if args.demo else default_plan(args.plan),
        demo=args.demo,
        lang=args.lang,
        today=today(),
        user=user_of(args, tr),
    )


__all__ = ["Failure", "UsageError", "main", "run"]
