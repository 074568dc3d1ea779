"""Regenerate the README's screenshots from the demo plan (`make screenshots`).

Each screen of the demo plan, in French and English, at 120×40, with the
same frozen day the snapshot tests use, so the pictures only change when the
interface does. Then the first pages of the demo's PDF worksheet as PNG, drawn
by pypdfium2 (the `screenshots` extra: PDFium in a wheel, no system package);
without it, poppler's `pdftoppm` if it is on the PATH. Nothing else, and no
test, needs either.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

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
    "7": "reviews",
    "8": "budget",
}
EXTRA = {
    "timeline-year": ("5", "minus", "minus"),
    "phases": ("5", "p"),
}
"""More pictures: keys pressed on a screen (the year scale; the phases manager)."""
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
        for name, keys in EXTRA.items():
            await pilot.press(keys[0])
            while not showing(MODE_KEYS[keys[0]]):
                await pilot.pause(0.02)
            await pilot.press(*keys[1:])
            await pilot.pause(0.2)
            target = HERE / f"{name}-{language}.svg"
            target.write_text(app.export_screenshot(title=f"coop-tui — {name}"), encoding="utf-8")
            written.append(target)
            await pilot.press("escape", "t", "plus", "plus", "minus")  # back to months
        await pilot.press("6", "question_mark")
        while not isinstance(app.screen, HelpModal):
            await pilot.pause(0.02)
        await pilot.pause()
        target = HERE / f"help-{language}.svg"
        target.write_text(app.export_screenshot(title="coop-tui — help"), encoding="utf-8")
        written.append(target)
    return written


def pdf_pages(pdf: bytes, pages: list[int], dpi: int) -> list[Image.Image]:
    """Pages (0-based) of a PDF as images: pypdfium2, else poppler's pdftoppm."""
    try:
        import pypdfium2
    except ImportError:
        pypdfium2 = None
    if pypdfium2 is not None:
        document = pypdfium2.PdfDocument(pdf)
        return [document[n].render(scale=dpi / 72).to_pil().convert("RGB") for n in pages]
    if shutil.which("pdftoppm") is None:
        raise SystemExit("PDF pages need pypdfium2 (pip install -e '.[screenshots]') or pdftoppm")
    images = []
    for n in pages:
        done = subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", str(n + 1), "-l", str(n + 1), "-"],
            input=pdf, capture_output=True, check=True,
        )  # fmt: skip
        images.append(Image.open(io.BytesIO(done.stdout)).convert("RGB"))
    return images


def side_by_side(images: list[Image.Image], gap: int = 24) -> Image.Image:
    """Pages next to each other on a grey table, tops aligned."""
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (200, 204, 210))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    return sheet


def shoot_documents(language: str, folder: Path) -> list[Path]:
    """The demo's PDF worksheet (its first three pages, its first landscape page) and the
    first three pages of its progress report."""
    from pypdf import PdfReader

    from coop_tui.interchange.documents import render

    plan = folder / f"coop-plan-pdf-{language}.json"
    create_demo(plan, TODAY, user="demo", clock=lambda: NOW)
    pdf = render(PlanStore(plan).read(), "pdf", language, TODAY)
    boxes = [page.mediabox for page in PdfReader(io.BytesIO(pdf)).pages]
    landscape = next(n for n, box in enumerate(boxes) if box.width > box.height)
    first = HERE / f"worksheet-pdf-{language}.png"
    side_by_side(pdf_pages(pdf, [0, 1, 2], dpi=60)).save(first, optimize=True)
    plan_page = HERE / f"worksheet-pdf-action-plan-{language}.png"
    side_by_side(pdf_pages(pdf, [landscape], dpi=100)).save(plan_page, optimize=True)
    from coop_tui.interchange.documents import report

    summary = report(PlanStore(plan).read(), "pdf", language, TODAY)
    report_pages = HERE / f"report-pdf-{language}.png"
    side_by_side(pdf_pages(summary, [0, 1, 2], dpi=60)).save(report_pages, optimize=True)
    return [first, plan_page, report_pages]


def main(argv: list[str]) -> int:
    """Everything; `generate.py documents` makes only the PDF pictures, `generate.py
    screens` only the screens."""
    with tempfile.TemporaryDirectory() as folder:
        if argv[1:] != ["documents"]:
            for language in ("fr", "en"):
                for path in asyncio.run(shoot(language, Path(folder))):
                    print(path.relative_to(HERE.parent))
        if argv[1:] != ["screens"]:
            for path in shoot_documents("fr", Path(folder)):
                print(path.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
