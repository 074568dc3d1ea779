"""Opening the app from the command line: the plan read before Textual starts, the
collector kept off until the first screen is painted, a fresh demo copy when asked."""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tempfile
from pathlib import Path

from coop_tui.error_text import error_message
from coop_tui.i18n import Translator, choose_language
from coop_tui.storage.errors import StorageError
from coop_tui.storage.store import PlanStore
from coop_tui.tui.app import CoopApp, PlanRead, read_plan


def _demo_path(today: dt.date) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="coop-tui-demo-"))
    path = folder / "coop-vernière-demo.json"
    from coop_tui.demo import create_demo

    create_demo(path, today)
    return path


def run_app(
    plan: Path | None,
    *,
    demo: bool = False,
    lang: str | None = None,
    today: dt.date,
    user: str | None = None,
) -> int:
    """Open the app on `plan` (or a fresh demo copy), its changes recorded under `user`
    (`--user`; None: COOP_TUI_USER, else the login).

    A file that is not a valid plan is reported and left alone; a missing one is
    offered for creation inside the app.
    """
    path = _demo_path(today) if demo or plan is None else plan
    store = PlanStore(path, user=user)
    gc.disable()  # until the first screen is painted (CoopApp.on_ready)
    initial: PlanRead | None = None
    if store.exists():
        try:
            initial = read_plan(store)
        except (StorageError, OSError) as exc:
            gc.enable()
            tr = Translator(choose_language(lang))
            print(f"coop-tui: {error_message(exc, tr)}", file=sys.stderr)
            return 1
    plan_language = initial[0].plan.language if initial else ""
    app = CoopApp(
        store, language=choose_language(lang, plan_language), today=today, initial=initial
    )
    app.owns_process = True
    try:
        return app.run() or 0
    finally:
        gc.enable()


__all__ = ["run_app"]
