"""The quick commands that change a plan: init, move, undo. Each names its user."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coop_tui.cli.common import Failure, load, today, user_of
from coop_tui.describe import describe_entry
from coop_tui.domain.model import Action, Plan
from coop_tui.domain.snapshot import PlanData, id_key
from coop_tui.i18n import Translator
from coop_tui.text import clean

if TYPE_CHECKING:
    import argparse


def init(args: argparse.Namespace, tr: Translator) -> int:
    path = Path(args.plan)
    user = user_of(args, tr)
    if args.demo:
        from coop_tui.demo import create_demo

        create_demo(path, today(), user=user)
    else:
        from coop_tui.storage.store import PlanStore

        title = args.title or path.stem
        PlanStore(path, user=user).create(Plan(title=title, language=args.lang or ""))
    print(tr.t("cli.created", path=clean(str(path))))
    from coop_tui.storage.files import folder_is_shared

    folder = path.resolve().parent
    if not folder_is_shared(folder):
        print(tr.t("cli.init.not_shared", folder=clean(str(folder))), file=sys.stderr)
    return 0


def resolve_action(data: PlanData, ref: str, tr: Translator) -> Action:
    """An action by id, unique id prefix, or code (case-insensitive)."""
    if ref in data.actions:
        return data.actions[ref]
    wanted = ref.strip().casefold()  # once, not once per action
    by_code = [a for a in data.actions.values() if a.code and a.code.strip().casefold() == wanted]
    if len(by_code) == 1:
        return by_code[0]
    if len(by_code) > 1:  # a file written by hand: codes are unique on every write path
        ids = ", ".join(sorted((a.id for a in by_code), key=id_key)[:8])
        raise Failure(tr.t("error.ambiguous_code", ref=clean(ref), count=len(by_code), matches=ids))
    matches = [a for a in data.actions.values() if ref and a.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise Failure(tr.t("error.unknown_action", ref=clean(ref)))
    names = ", ".join(sorted(clean(a.code or a.id) for a in matches)[:8])
    raise Failure(tr.t("error.ambiguous_action", ref=clean(ref), matches=names))


def move(args: argparse.Namespace, tr: Translator) -> int:
    store, data, tr = load(args, tr, writes=True)
    action = resolve_action(data, args.action, tr)
    before = action.status
    moved = store.move_action(action.id, args.status)
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


def undo(args: argparse.Namespace, tr: Translator) -> int:
    store, _, tr = load(args, tr, writes=True)
    entry = store.undo()
    print(tr.t("cli.undone_what", what=describe_entry(entry, tr)))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Translator], int]] = {
    "init": init,
    "move": move,
    "undo": undo,
}
