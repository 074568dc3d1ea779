"""Plans out and in: `export` (TOML, Markdown, CSV, iCalendar; the worksheet as ODT,
DOCX, PDF), `report` (the progress report) and `import` (TOML)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coop_tui.cli.common import Failure, UsageError, load, today, user_of
from coop_tui.i18n import Translator
from coop_tui.storage import files
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse

TEXT_FORMATS = ("toml", "md", "csv", "ics")
"""What goes to a terminal as text; the other formats are binary documents."""


def export(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = load(args, tr)
    if args.format not in TEXT_FORMATS:
        _refuse_terminal(args, tr)
        from coop_tui.interchange.documents import render

        payload = render(data, args.format, tr.language, today())
    elif args.format == "csv":
        from coop_tui.interchange.csv_export import to_csv

        # In the interface's language: in French, a French spreadsheet opens it in columns.
        payload = to_csv(data, tr.language).encode("utf-8")
    else:
        from coop_tui.interchange import export_text

        payload = export_text(data, args.format, tr.language, today()).encode("utf-8")
    _deliver(payload, args, store.path, tr)
    return 0


def report(args: argparse.Namespace, tr: Translator) -> int:
    """The progress report (bilan d'étape) for --from..--to, by default the last twelve
    months: Markdown on standard output, or a document written with -o."""
    store, data, tr = load(args, tr)
    if args.format not in TEXT_FORMATS:
        _refuse_terminal(args, tr)
    from coop_tui.interchange.documents import report as render_report
    from coop_tui.interchange.progress_report import period_of

    day = today()
    try:
        start, end = period_of(day, args.start, args.end)
    except ValueError:
        problem = tr.t("cli.report.bad_period", start=tr.date(args.start),
                       end=tr.date(args.end or day))  # fmt: skip
        raise _usage(args, tr, problem) from None
    payload = render_report(data, args.format, tr.language, day, start, end)
    _deliver(payload, args, store.path, tr)
    return 0


def _refuse_terminal(args: argparse.Namespace, tr: Translator) -> None:
    """A binary document is not for a terminal: without -o, ask for it, unless standard
    output goes to a file or a pipe (`coop-tui export PLAN --format pdf > plan.pdf`)."""
    if not args.output and sys.stdout.isatty():
        raise _usage(args, tr, tr.t("cli.binary_to_terminal", format=args.format.upper()))


def _usage(args: argparse.Namespace, tr: Translator, problem: str) -> UsageError:
    """A usage mistake said the way argparse says its own: "coop-tui report : …"."""
    from coop_tui.cli.parser import PROG

    return UsageError(tr.t("cli.usage_error", prog=f"{PROG} {args.command}", message=problem))


def _deliver(payload: bytes, args: argparse.Namespace, plan: Path, tr: Translator) -> None:
    """Write `payload` to -o in one step (never over the plan nor through a symlink),
    else to standard output."""
    from coop_tui.interchange import overwrites_plan

    if args.output:
        target = Path(args.output)
        if overwrites_plan(target, plan):
            raise Failure(tr.t("exports.same_as_plan", path=clean(str(target))))
        # Never follows a symlink at the target: write_atomic refuses anything but a file.
        files.write_atomic(target, payload, shared=False)
        print(tr.t("cli.exported", path=clean(str(target))), file=sys.stderr)
        return
    if args.format in TEXT_FORMATS:
        sys.stdout.write(payload.decode("utf-8"))  # in the terminal's own encoding
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()


def import_(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.interchange.toml_io import MAX_IMPORT_BYTES, TomlImportError, parse_toml
    from coop_tui.storage.store import PlanStore

    source = Path(args.file)
    # Non-blocking open and a regular-file check: a FIFO or a device named as the
    # source is refused at once instead of hanging or reading forever.
    fd = os.open(source, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Failure(tr.t("error.unsafe_path", path=clean(str(source))))
        raw = handle.read(MAX_IMPORT_BYTES + 1)  # one byte more than the cap: enough to refuse
    try:
        imported = parse_toml(raw)
    except TomlImportError as exc:
        messages = exc.messages(tr)
        details = tr.t("cli.separator").join(messages[:10])
        if len(messages) > 10:
            details += f" (+{len(messages) - 10})"
        raise Failure(tr.t("error.import", path=clean(str(source)), details=details)) from None
    target = Path(args.output)
    store = PlanStore(target, user=user_of(args, tr))
    store.create(
        imported.plan, imported.records, overwrite=args.force, op="import", next_id=imported.next_id
    )
    print(tr.t("cli.imported", path=clean(str(target))))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "export": export,
    "import": import_,
    "report": report,
}
