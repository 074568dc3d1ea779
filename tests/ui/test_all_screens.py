"""Every screen: hostile user text shown literally, and no untranslated catalog key shown."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from coop_tui.domain import model as m
from coop_tui.i18n import CATALOGS
from coop_tui.text import clean
from coop_tui.tui.modals.help import HelpModal
from tests.helpers import TODAY, create_plan, loaded, make_app, screen_text, show_mode, wait_until

SCREENS = ["1", "2", "3", "4", "5", "6", "7", "8"]

ORG = "[bold]Org[/]"
STAKE = "[@click=app.quit]x[/]"
SHARED = "\x1b[2J shared"
OBJECTIVE = "🚀 [link=x]objectif[/link]"
INDICATOR = "\u202eevil indicator"
ACTION = "[red]Action $x {y}[/red]"
PERSON = "Zoë [i]Ünal[/i]"
PARTNER = "Partner \x1b]0;title\x07"
REVIEW = "COPIL [b]1[/b] \u202e"
DECISION = "[@click=app.quit]Oui[/] é"


def hostile_plan(path: Path) -> None:
    day = dt.timedelta(days=1)
    records: list[m.Record] = [
        m.Organisation(id="org1", name=ORG, kind="ACI", role="lead", skills=("pilotage",)),
        m.Organisation(id="org2", name="Plain org", kind="EI", skills=("logistique",)),
        m.Person(id="p1", name=PERSON, organisation="org1"),
        m.Stake(id="s1", organisation="org1", category="revenue", statement=STAKE),
        m.Stake(id="s2", organisation="org2", category="revenue", statement="plain stake"),
        m.SharedStake(id="e1", code="E1", title=SHARED, stakes=("s1", "s2")),
        m.Objective(id="o1", code="O1", shared_stake="e1", statement=OBJECTIVE,
                    deadline=TODAY + 300 * day),
        m.Objective(id="o11", code="O1.1", parent="o1", statement=OBJECTIVE + " op",
                    deadline=TODAY + 200 * day),
        m.Indicator(id="i1", objective="o11", name=INDICATOR, baseline=0, target=10, unit="u"),
        m.Measurement(id="m1", indicator="i1", date=TODAY - day, value=4, author=PERSON),
        m.ExternalPartner(id="x1", name=PARTNER, brings="[b]money[/b]", expects="\x1b[31mred"),
        m.Action(id="a1", code="A1", objective="o11", title=ACTION, lead="p1", partners=("x1",),
                 skills=("[CRM]",), start=TODAY - 30 * day, end=TODAY - 2 * day,
                 status=m.Status.IN_PROGRESS, order=1),
        m.Review(id="r1", title=REVIEW, date=TODAY - day, organisations=("org1",),
                 people=("p1",), notes=SHARED),
        m.Decision(id="d1", review="r1", text=DECISION, owner="p1", due=TODAY + day),
    ]  # fmt: skip
    create_plan(
        path, m.Plan(title="[b]Hostile[/b] \x1b[2J plan", start=TODAY - 100 * day,
                     end=TODAY + 400 * day), records,
    )  # fmt: skip


#: Which hostile texts each screen must show (others may be off screen or in a detail pane).
EXPECTED = {
    "1": [ORG, STAKE, SHARED],
    "2": [OBJECTIVE, INDICATOR],
    "3": [ACTION, PARTNER],
    "4": [ACTION],
    "5": [ACTION],
    "6": [ACTION, INDICATOR],
    "7": [REVIEW, DECISION, SHARED],
    "8": [],  # no money in this plan: tests/ui/test_budget.py has a hostile one of its own
}


async def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    hostile_plan(path)
    app = make_app(path, "en", poll=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        for key in SCREENS:
            await show_mode(pilot, key)
            text = screen_text(app)
            assert app.is_running
            assert "\x1b" not in text
            for expected in EXPECTED[key]:
                shown = clean(expected)
                assert shown in text, f"{shown!r} not on screen {key}:\n{text}"


_PREFIXES = sorted({key.split(".")[0] for key in CATALOGS["en"]} - {""})
_KEY_PATTERN = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _PREFIXES)) + r")\.[a-z_]+(?:\.[a-z_]+)*"
)


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_no_screen_shows_a_catalog_key(demo_path: Path, language: str) -> None:
    app = make_app(demo_path, language, poll=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for key in SCREENS:
            await show_mode(pilot, key)
            texts = [screen_text(app)]
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpModal))
            texts.append(screen_text(app))
            await pilot.press("escape")
            for text in texts:
                leaks = _KEY_PATTERN.findall(text)
                assert not leaks, f"untranslated keys on screen {key}: {leaks}"
