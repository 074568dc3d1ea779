"""Regenerate the README's screenshots from the demo plan (`make screenshots`).

Each screen of the demo plan, in French and English, at 120×40, with the
same frozen day the snapshot tests use, so the pictures only change when the
interface does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

from coop_tui.demo import create_demo
from coop_tui.storage.store import PlanStore
from coop_tui.tui.app import CoopApp
from coop_tui.tui.modals.help import HelpModal
from coop_tui.tui.modes import MODE_KEYS

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
SHOTS = {
    "1": "stakes",
    "2": "objectives",
    "3": "action-plan",
    "4": "board",
    "5": "timeline",
    "6": "dashboard",
}
HERE = Path(__file__).parent


async def shoot(language: str, folder: Path) -> list[Path]:
    plan = folder / f"coop-plan-{language}.json"
    create_demo(plan, TODAY, user="demo", clock=lambda: NOW)
    store = PlanStore(plan, user="demo", clock=lambda: NOW)
    app = CoopApp(store, language=language, today=TODAY, poll_seconds=3600)
    written = []

    def showing(mode: str) -> bool:
        """The mode's screen is current and shows the plan."""
        shown = getattr(app.screen, "shown_revision", -1)
        return app.current_mode == mode and shown == app.plan_data.revision > 0

    async with app.run_test(size=(120, 40)) as pilot:
        for key, name in SHOTS.items():
            await pilot.press(key)
            while not showing(MODE_KEYS[key]):
                await pilot.pause(0.02)
            await pilot.pause()
            target = HERE / f"{name}-{language}.svg"
            target.write_text(app.export_screenshot(title=f"coop-tui — {name}"), encoding="utf-8")
            written.append(target)
        await pilot.press("6", "question_mark")
        while not isinstance(app.screen, HelpModal):
            await pilot.pause(0.02)
        await pilot.pause()
        target = HERE / f"help-{language}.svg"
        target.write_text(app.export_screenshot(title="coop-tui — help"), encoding="utf-8")
        written.append(target)
    return written


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for language in ("fr", "en"):
            for path in asyncio.run(shoot(language, Path(folder))):
                print(path.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
