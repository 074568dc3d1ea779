"""`r` in the action plan: an answer to each missing skill of an action.

The worksheet: for each skill that no partner holds, "envisagez … des formations,
un expert … ou le recrutement". Each missing skill gets its own answer and note;
the partner organisation whose skills come closest is named, since it may train
or lend someone. The dialog returns the remedies (skill, kind, note, and the
action already created for one, kept); the screen saves them and offers to create
the action a training or a recruitment calls for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from coop_tui.domain.model import REMEDY_KINDS, Remedy
from coop_tui.i18n import Translator
from coop_tui.text import clean


@dataclass(frozen=True, slots=True)
class MissingSkill:
    """One skill the action needs and no partner holds, with what is known of it."""

    skill: str
    remedy: Remedy | None
    """The answer chosen so far, if any."""
    closest: str = ""
    """The name of the partner organisation whose skills come closest ('' if none)."""
    action_label: str = ""
    """The action already created for its answer ("A22 Former à…"), if any."""


class RemedyModal(ModalScreen[list[Remedy] | None]):
    """One line per missing skill: its answer (a choice) and a note; ctrl+s keeps them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]
    DEFAULT_CSS = """
    RemedyModal { align: center middle; }
    RemedyModal > Vertical { width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    RemedyModal #remedy-title { text-style: bold; color: $primary; padding: 1 0 0 0; }
    RemedyModal #remedy-hint { color: $text-muted; }
    RemedyModal #remedy-skills { height: auto; max-height: 1fr; }
    RemedyModal .remedy-skill { margin-top: 1; text-style: bold; }
    RemedyModal .remedy-known { color: $text-muted; }
    RemedyModal .remedy-row { height: auto; }
    RemedyModal .remedy-row Select { width: 36; }
    RemedyModal .remedy-row Input { width: 1fr; }
    RemedyModal #remedy-buttons { height: auto; margin: 1 0; align-horizontal: right; }
    RemedyModal #remedy-buttons Button { margin-left: 1; }
    """

    def __init__(self, title: str, skills: Sequence[MissingSkill], tr: Translator) -> None:
        super().__init__()
        self.title_text = title
        self.skills = list(skills)
        self.tr = tr
        self._pristine: list[Remedy] = []

    def compose(self) -> ComposeResult:
        t = self.tr.t
        kinds = [(Content(t(f"remedy.{kind}")), kind) for kind in REMEDY_KINDS]
        with Vertical():
            yield Static(Content(clean(self.title_text)), id="remedy-title")
            yield Static(Content(t("actions.remedy.hint")), id="remedy-hint")
            with VerticalScroll(id="remedy-skills", can_focus=False):
                for index, item in enumerate(self.skills):
                    yield Static(Content(t("actions.remedy.skill", skill=clean(item.skill))),
                                 classes="remedy-skill")  # fmt: skip
                    yield Static(Content(self._known(item)), classes="remedy-known")
                    remedy = item.remedy
                    with Horizontal(classes="remedy-row"):
                        yield Select(
                            kinds,
                            value=remedy.kind if remedy and remedy.kind else Select.NULL,
                            prompt=t("remedy."),
                            id=f"f-kind-{index}",
                        )
                        yield Input(
                            remedy.note if remedy else "",
                            placeholder=t("actions.remedy.note"),
                            id=f"f-note-{index}",
                        )
            with Horizontal(id="remedy-buttons"):
                yield Button(t("form.cancel"), id="cancel")
                yield Button(t("form.save"), id="save", variant="primary")

    def _known(self, item: MissingSkill) -> str:
        t = self.tr.t
        parts = [
            t("actions.remedy.closest", name=clean(item.closest))
            if item.closest
            else t("actions.remedy.nobody_close")
        ]
        if item.action_label:
            parts.append(t("actions.remedy.action", action=clean(item.action_label)))
        return " · ".join(parts)

    def on_mount(self) -> None:
        self._pristine = self.remedies()
        if self.skills:
            self.query_one("#f-kind-0", Select).focus()

    def remedies(self) -> list[Remedy]:
        """What the dialog holds now: one remedy per missing skill (kind '' for none)."""
        out = []
        for index, item in enumerate(self.skills):
            value: Any = self.query_one(f"#f-kind-{index}", Select).value
            note = self.query_one(f"#f-note-{index}", Input).value.strip()
            kind = value if isinstance(value, str) else ""
            linked = item.remedy.action if item.remedy else ""
            out.append(Remedy(skill=item.skill, kind=kind, note=note, action=linked))
        return out

    def action_save(self) -> None:
        self.dismiss(self.remedies())

    def action_cancel(self) -> None:
        """Escape: nothing changed closes; changes are kept or dropped on request."""
        if self.remedies() == self._pristine:
            self.dismiss(None)
            return
        from coop_tui.tui.modals.confirm import discard_or_keep

        discard_or_keep(self, self.tr)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()


__all__ = ["MissingSkill", "RemedyModal"]
