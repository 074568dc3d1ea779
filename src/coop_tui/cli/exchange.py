"""Plans out and in: `export` (TOML, Markdown, CSV, iCalendar) and `import` (TOML)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coop_tui.cli.common import Failure, load, today, user_of
from coop_tui.i18n import Translator
from coop_tui.storage import files
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def export(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = load(args, tr)
    from coop_tui.interchange import export_text, overwrites_plan

    if args.format == "csv":
        from coop_tui.interchange.csv_export import to_csv

        # In the interface's language: in French, a French spreadsheet opens it in columns.
        text = to_csv(data, tr.language)
    else:
        text = export_text(data, args.format, tr.language, today())
    if args.output:
        target = Path(args.output)
        if overwrites_plan(target, store.path):
            raise Failure(tr.t("exports.same_as_plan", path=clean(str(target))))
        # Never follows a symlink at the target: write_atomic refuses anything but a file.
        files.write_atomic(target, text.encode("utf-8"), shared=False)
        print(tr.t("cli.exported", path=clean(str(target))), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


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
}
