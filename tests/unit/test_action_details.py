"""The action plan's detail of a person or a partner names a few of their actions and
counts the others, in the reader's language; what the plan says stays literal."""

from __future__ import annotations

import pytest
from rich.console import Console

from coop_tui.domain.model import Action, ExternalPartner, Objective, Person
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets.action_rows import DETAIL_ACTIONS, ActionPlanView
from tests.helpers import HOSTILE, TODAY
from tests.unit.plan_builders import data_of


def _view(language: str, count: int) -> ActionPlanView:
    """A person and a partner on `count` actions, the first ones titled with HOSTILE."""
    titles = [*HOSTILE, *(f"Action {i}" for i in range(count))][:count]
    actions = [
        Action(id=f"a{i}", code=f"A{i + 1}", objective="o1", title=title, order=float(i),
               lead="p1", partners=("x1",))
        for i, title in enumerate(titles)
    ]  # fmt: skip
    records = [Objective(id="o1", code="O1", statement="Un"), Person(id="p1", name="Lou"),
               ExternalPartner(id="x1", name="Régie"), *actions]  # fmt: skip
    return ActionPlanView(data_of(*records), Translator(language), TODAY, Console())


@pytest.mark.parametrize(
    ("language", "count", "said"),
    [
        ("en", 1240, " … and 1,234 more actions"),
        ("fr", 1240, " … et 1\u00a0234 autres actions"),
        ("en", DETAIL_ACTIONS + 1, " … and 1 more action"),
        ("fr", DETAIL_ACTIONS + 1, " … et 1 autre action"),
        ("en", DETAIL_ACTIONS, ""),
    ],
)
def test_a_long_list_of_actions_names_the_first_and_counts_the_rest(
    language: str, count: int, said: str
) -> None:
    view = _view(language, count)
    group = view.data.actions_led_by("p1")
    listed = ", ".join(clean(f"{a.code} {a.title}") for a in group[:DETAIL_ACTIONS])
    person = view.person_detail(view.data.people["p1"]).plain
    partner = view.partner_detail(view.data.partners["x1"]).plain
    for text in (person, partner):
        assert text.endswith(listed + said)
        assert "\x1b" not in text and "\u202e" not in text  # shown, never sent
    assert "[bold]x" in person  # markup stays text
