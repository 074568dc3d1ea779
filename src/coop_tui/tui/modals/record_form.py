"""`RecordForm`: one modal form for every kind of record; validates as you type,
returns the edited record or None.

A form never writes: it hands the edited record (frozen) back to the screen,
which saves it in one storage transaction. What each form asks for is in
tui/record_fields.py. Problems are shown
under each field in words, from the domain's `validate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from coop_tui.domain.model import Record
from coop_tui.domain.snapshot import PlanData
from coop_tui.domain.validation import Problem, validate
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.form_values import (
    FieldError,
    FieldSpec,
    GridField,
    get_value,
    number_text,
    parse_date,
    parse_number,
    set_value,
)

R = TypeVar("R", bound=Record)


class RecordForm(ModalScreen[R | None], Generic[R]):
    """Edit `record` through `fields`; dismiss with the edited record, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]
    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > #form { width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; }
    RecordForm #form-title { text-style: bold; color: $primary; padding-bottom: 1; }
    RecordForm .field-label { color: $text-muted; margin-top: 1; }
    RecordForm .field-error { color: $error; height: auto; }
    RecordForm .field-error.-ok { display: none; }
    RecordForm .field-help { color: $text-muted; text-style: italic; height: auto; }
    RecordForm .field-help.-ok { display: none; }
    RecordForm .-hidden { display: none; }
    RecordForm TextArea { height: 5; }
    RecordForm SelectionList { height: auto; max-height: 8; }
    RecordForm #form-status { margin-top: 1; height: auto; }
    RecordForm #form-status.-invalid { color: $error; }
    RecordForm #form-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    RecordForm #form-buttons Button { margin-left: 1; }
    """

    def __init__(
        self,
        title: str,
        record: R,
        fields: Sequence[FieldSpec],
        data: PlanData,
        tr: Translator,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.record = record
        self.fields = tuple(fields)
        self.plan_data = data
        self.tr = tr
        self.problems: list[Problem] = []
        self._shown: dict[str, tuple[str, bool | None]] = {}
        self._pristine: tuple[Any, ...] = ()
        """What the fields held when the form opened (escape asks only if that changed)."""
        self._choices: dict[str, tuple[tuple[str, Any], ...]] = {}
        """The choices each choice field offers now (some follow other fields)."""
        self._hidden: set[str] = set()
        """Fields hidden now (their `when` says so): they keep the record's value."""

    # --- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(Content(clean(self.form_title)), id="form-title")
            for spec in self.fields:
                row = f"row-{self._wid(spec)}"
                yield Label(Content(spec.label), classes=f"field-label {row}")
                yield self._widget(spec)
                yield Static("", id=f"error-{self._wid(spec)}", classes=f"field-error -ok {row}")
                if spec.help is not None:
                    yield Static("", id=f"help-{self._wid(spec)}", classes=f"field-help {row}")
            yield Static("", id="form-status")
            with Horizontal(id="form-buttons"):
                yield Button(self.tr.t("form.cancel"), id="cancel")
                yield Button(self.tr.t("form.save"), id="save", variant="primary")

    @staticmethod
    def _wid(spec: FieldSpec) -> str:
        return "f-" + spec.name.replace(".", "-")

    def _initial(self, spec: FieldSpec) -> Any:
        value = get_value(self.record, spec.name)
        return spec.to_widget(value) if spec.to_widget else value

    def _widget(self, spec: FieldSpec) -> Widget:
        wid = self._wid(spec)
        value = self._initial(spec)
        if spec.kind == "grid" and spec.grid is not None:
            return spec.grid(value, wid)  # numbers only; its labels are `clean`ed by the grid
        # Text from the plan goes into an editor only made visible (`clean`): an input hands
        # its value to the terminal as is, and the file may hold what no form lets anyone type
        # (an escape sequence, a bidi override). Saving then stores what was shown.
        if spec.kind == "long":
            text = clean(value or "", multiline=True)
            return TextArea(text, id=wid, soft_wrap=True, show_line_numbers=False)
        if spec.kind == "choice":
            choices = self._choices_of(spec, self.record)
            self._choices[wid] = choices
            options = [(Content(clean(label)), val) for label, val in choices]
            known = {val for _, val in choices}
            initial = value if value in known else Select.NULL
            return Select(
                options,
                id=wid,
                allow_blank=spec.allow_blank or initial is Select.NULL,
                value=initial,
                prompt=self.tr.t("form.none"),
            )
        if spec.kind == "multi":
            chosen = set(value or ())
            return SelectionList[Any](
                *((Content(clean(label)), val, val in chosen) for label, val in spec.choices),
                id=wid,
            )
        if spec.kind == "date":
            text = self.tr.date(value) if value else ""
            return Input(text, id=wid, placeholder=self.tr.t("problem.not_a_date"))
        if spec.kind == "number":
            text = number_text(value, self.tr.language)
            return Input(text, id=wid)
        if spec.kind == "list":
            text = ", ".join(clean(part) for part in value or ())
            return Input(text, id=wid, placeholder=self.tr.t("form.list_hint"))
        return Input(clean(value or ""), id=wid)

    def on_mount(self) -> None:
        self.revalidate()
        self._pristine = self.widget_values()
        if self.fields:
            # Typing goes straight into the first field, as in any form.
            self.query_one(f"#{self._wid(self.fields[0])}").focus()

    # --- reading the widgets -----------------------------------------------------------

    def widget_values(self) -> tuple[Any, ...]:
        """What every field holds now, as typed (before any reading or checking)."""
        values: list[Any] = []
        for spec in self.fields:
            widget = self.query_one(f"#{self._wid(spec)}")
            if spec.kind == "grid":  # its inputs, as typed
                values.append(tuple(box.value for box in widget.query(Input)))
            elif isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Select):
                values.append(widget.value)
            elif isinstance(widget, SelectionList):
                values.append(tuple(widget.selected))
            else:
                assert isinstance(widget, Input)
                values.append(widget.value)
        return tuple(values)

    @property
    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self.widget_values() != self._pristine

    def _read(self, spec: FieldSpec) -> Any:
        widget = self.query_one(f"#{self._wid(spec)}")
        if spec.kind == "grid":
            raw: Any = cast(GridField, widget).read()
        elif isinstance(widget, TextArea):
            raw = widget.text
        elif isinstance(widget, Select):
            raw = None if widget.value is Select.NULL else widget.value
        elif isinstance(widget, SelectionList):
            raw = tuple(widget.selected)
        else:
            assert isinstance(widget, Input)
            raw = widget.value
            if spec.kind == "date":
                raw = parse_date(raw)
            elif spec.kind == "number":
                raw = parse_number(raw, self.tr.language)
            elif spec.kind == "list":
                raw = tuple(part.strip() for part in raw.split(",") if part.strip())
        if spec.from_widget:
            return spec.from_widget(raw, get_value(self.record, spec.name))
        if raw is None and spec.kind == "choice":
            return get_value(self.record, spec.name) if not spec.allow_blank else ""
        return raw

    def build(self) -> tuple[R, list[Problem]]:
        """The record as the form shows it, and everything wrong with it (a hidden field
        keeps the record's value)."""
        record = self.record
        problems: list[Problem] = []
        for spec in self.fields:
            if spec.when is not None and not spec.when(record):
                continue
            try:
                record = set_value(record, spec.name, self._read(spec))
            except FieldError as exc:
                problems.append(Problem(spec.name, exc.code))
        problems.extend(validate(record, self.plan_data))
        return record, problems

    # --- validation as you type ----------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def revalidate(self) -> None:
        record, self.problems = self.build()
        self._follow(record)
        by_field: dict[str, list[str]] = {spec.name: [] for spec in self.fields}
        elsewhere: list[str] = []
        for problem in self.problems:
            text = self.tr.t(problem.key, **problem.values)
            spec = self._spec_for(problem.field)
            hidden = spec is not None and self._wid(spec) in self._hidden
            (by_field[spec.name] if spec and not hidden else elsewhere).append(text)
        for spec in self.fields:
            self._show(f"error-{self._wid(spec)}", " ".join(by_field[spec.name]))
        count = sum(bool(m) for m in by_field.values()) + len(elsewhere)
        if count:
            status = " ".join([self.tr.t("form.invalid", count=count), *elsewhere])
        else:
            status = self.tr.t("form.ok")
        self._show("form-status", status, invalid=bool(count))
        save = self.query_one("#save", Button)
        if save.disabled != bool(count):
            save.disabled = bool(count)

    # --- fields that follow others ---------------------------------------------------------

    @staticmethod
    def _choices_of(spec: FieldSpec, record: Any) -> tuple[tuple[str, Any], ...]:
        return spec.choices_from(record) if spec.choices_from is not None else spec.choices

    def _follow(self, record: Any) -> None:
        """Show or hide fields, renew their help and their choices, as the record now
        stands; only what changed is touched (a keystroke must not relayout the form)."""
        for spec in self.fields:
            wid = self._wid(spec)
            hidden = spec.when is not None and not spec.when(record)
            if hidden != (wid in self._hidden):
                (self._hidden.add if hidden else self._hidden.discard)(wid)
                for node in (self.query_one(f"#{wid}"), *self.query(f".row-{wid}")):
                    node.set_class(hidden, "-hidden")
            if spec.help is not None:
                self._show(f"help-{wid}", spec.help(record))
            if spec.choices_from is not None and spec.kind == "choice":
                self._renew_choices(spec, self._choices_of(spec, record))

    def _renew_choices(self, spec: FieldSpec, choices: tuple[tuple[str, Any], ...]) -> None:
        wid = self._wid(spec)
        if self._choices.get(wid) == choices:
            return
        self._choices[wid] = choices
        select: Select[Any] = self.query_one(f"#{wid}", Select)
        value = select.value
        with select.prevent(Select.Changed):
            select.set_options((Content(clean(label)), val) for label, val in choices)
            if value in {val for _, val in choices}:
                select.value = value

    def _show(self, widget_id: str, text: str, *, invalid: bool | None = None) -> None:
        """Update one message line, only if it changed: a keystroke must not relayout the form."""
        state = (text, invalid)
        if self._shown.get(widget_id) == state:
            return
        self._shown[widget_id] = state
        widget = self.query_one(f"#{widget_id}", Static)
        widget.update(Content(clean(text)))
        if invalid is None:
            widget.set_class(not text, "-ok")
        else:
            widget.set_class(invalid, "-invalid")

    def _spec_for(self, field: str) -> FieldSpec | None:
        """The form field a problem is about (`budget` is `resources.budget`)."""
        for spec in self.fields:
            if spec.name == field or spec.name.rsplit(".", 1)[-1] == field:
                return spec
        return None

    # --- leaving -----------------------------------------------------------------------

    def action_cancel(self) -> None:
        """Escape: an untouched form closes; one with changes asks first."""
        if not self.changed:
            self.dismiss(None)
            return
        from coop_tui.tui.modals.confirm import discard_or_keep

        discard_or_keep(self, self.tr)

    def action_save(self) -> None:
        record, problems = self.build()
        if problems:
            self.revalidate()
            self.app.bell()
            return
        self.dismiss(record)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        """Enter in a one-line field moves on, as in a paper form."""
        self.focus_next()


__all__ = ["FieldError", "FieldSpec", "RecordForm", "number_text", "parse_date", "parse_number"]
