"""The quick, non-interactive commands (SPEC §8). No Textual here."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coop_tui.cli import STATUS_WORDS, Failure, UsageError, default_plan, today
from coop_tui.domain.model import Action, Plan, Status
from coop_tui.domain.snapshot import PlanData
from coop_tui.i18n import Translator, choose_language
from coop_tui.error_text import error_message
from coop_tui.report import action_row, history_line, status_lines
from coop_tui.storage import files
from coop_tui.storage.errors import StorageError
from coop_tui.storage.store import PlanStore
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace, tr: Translator) -> int:
    handler: Callable[[argparse.Namespace, Translator], int] = _HANDLERS[args.command]
    try:
        return handler(args, tr)
    except StorageError as exc:
        raise Failure(error_message(exc, tr)) from None
    except BrokenPipeError:
        raise  # the reader left (`| head`): cli.main ends quietly
    except OSError as exc:
        path = exc.filename or ""
        raise Failure(tr.t("error.io", path=path, reason=exc.strerror or str(exc))) from None


def _load(args: argparse.Namespace, tr: Translator) -> tuple[PlanStore, PlanData, Translator]:
    store = PlanStore(default_plan(getattr(args, "plan", None)))
    data = store.read()
    # The plan's own language counts when neither --lang nor COOP_TUI_LANG chose one.
    tr = Translator(choose_language(args.lang, data.plan.language))
    return store, data, tr


def _init(args: argparse.Namespace, tr: Translator) -> int:
    path = Path(args.plan)
    if args.demo:
        from coop_tui.demo import create_demo

        create_demo(path, today())
    else:
        title = args.title or path.stem
        PlanStore(path).create(Plan(title=title, language=args.lang or ""))
    print(tr.t("cli.created", path=clean(str(path))))
    return 0


def _status(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = _load(args, tr)
    history = store.history()
    print("\n".join(status_lines(data, today(), tr, history)))
    return 0


def _actions(args: argparse.Namespace, tr: Translator) -> int:
    _, data, tr = _load(args, tr)
    now = today()
    rows = []
    for objective in data.operational_objectives():
        rows.extend(action_row(data, a, now) for a in data.actions_of(objective.id))
    listed = {row["id"] for row in rows}
    rows.extend(action_row(data, a, now) for a in data.sorted_actions() if a.id not in listed)
    if args.status:
        rows = [r for r in rows if r["status"] == args.status]
    if args.overdue:
        rows = [r for r in rows if r["overdue"]]
    if args.lead:
        needle = args.lead.casefold()
        rows = [r for r in rows if needle in r["lead"].casefold()]
    if args.json:
        import json

        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print(tr.t("cli.no_actions"))
        return 0
    for row in rows:
        late = " !" if row["overdue"] else ""
        dates = f"{tr.date(_date(row['start']))} → {tr.date(_date(row['end']))}"
        print(
            f"{clean(row['code'] or row['id']):<5} {tr.t('status.' + row['status']):<11} "
            f"{clean(row['objective']):<6} {dates}  {clean(row['lead']) or '—'}  "
            f"{clean(row['title'])}{late}"
        )
    return 0


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def resolve_action(data: PlanData, ref: str, tr: Translator) -> Action:
    """An action by id, unique id prefix, or code (case-insensitive)."""
    if ref in data.actions:
        return data.actions[ref]
    by_code = [a for a in data.actions.values() if a.code and a.code.casefold() == ref.casefold()]
    if len(by_code) == 1:
        return by_code[0]
    matches = [a for a in data.actions.values() if ref and a.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise Failure(tr.t("error.unknown_action", ref=clean(ref)))
    names = ", ".join(sorted(clean(a.code or a.id) for a in matches)[:8])
    raise Failure(tr.t("error.ambiguous_action", ref=clean(ref), matches=names))


def _move(args: argparse.Namespace, tr: Translator) -> int:
    if args.status not in STATUS_WORDS:
        raise UsageError(
            "coop-tui move: "
            + tr.t("error.unknown_status", status=clean(args.status), choices=", ".join(STATUS_WORDS))
        )
    store, data, tr = _load(args, tr)
    action = resolve_action(data, args.action, tr)
    before = action.status
    moved = store.move_action(action.id, Status(args.status))
    assert isinstance(moved, Action)
    print(
        tr.t(
            "cli.moved",
            code=clean(moved.code or moved.id),
            title=clean(moved.title),
            before=tr.t(f"status.{before.value}"),
            after=tr.t(f"status.{moved.status.value}"),
        )
    )
    return 0


def _history(args: argparse.Namespace, tr: Translator) -> int:
    store, _, tr = _load(args, tr)
    entries = store.history()
    if args.json:
        out = [
            {
                "revision": e.revision,
                "time": e.time,
                "user": e.user,
                "summary": e.summary,
                "undoes": e.undoes,
                "changes": [c.to_json() for c in e.changes],
            }
            for e in entries
        ]
        import json

        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for entry in entries:
        print(history_line(entry, tr))
    return 0


def _undo(args: argparse.Namespace, tr: Translator) -> int:
    store, _, tr = _load(args, tr)
    entry = store.undo()
    print(tr.t("cli.undone", revision=entry.revision))
    return 0


def _export(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = _load(args, tr)
    from coop_tui.interchange import export_text, overwrites_plan

    text = export_text(data, args.format, tr.language, today())
    if args.output:
        target = Path(args.output)
        if overwrites_plan(target, store.path):
            raise Failure(tr.t("exports.same_as_plan", path=clean(str(target))))
        # Never follows a symlink at the target: write_atomic refuses anything but a file.
        files.write_atomic(target, text.encode("utf-8"))
        print(tr.t("cli.exported", path=clean(str(target))), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _import(args: argparse.Namespace, tr: Translator) -> int:
    from coop_tui.interchange.toml_io import MAX_IMPORT_BYTES, TomlImportError, parse_toml

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
        details = "; ".join(messages[:10])
        if len(messages) > 10:
            details += f" (+{len(messages) - 10})"
        raise Failure(tr.t("error.import", path=clean(str(source)), details=details)) from None
    target = Path(args.output)
    PlanStore(target).create(imported.plan, imported.records, overwrite=args.force)
    print(tr.t("cli.imported", path=clean(str(target))))
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "init": _init,
    "status": _status,
    "actions": _actions,
    "move": _move,
    "history": _history,
    "undo": _undo,
    "export": _export,
    "import": _import,
}
