"""TOML: the complete, human-editable interchange format of a plan.

Export then import gives back the same plan, ids included, and exporting that
again gives the same text. Import treats the file as hostile: size capped
before parsing, nesting, key depth and digit runs checked on the raw text
(toml_guard), every key and type checked against the model, lengths and
references between records checked (toml_check); every problem is reported
with where it is, in the reader's language.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import msgspec
import tomli_w
from msgspec import Struct

from coop_tui.domain.model import ENTITY_TYPES, Plan, Record
from coop_tui.domain.snapshot import PlanData, id_key, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean, escape_controls

FORMAT = "coop-tui-plan"
SCHEMA = 2
SCHEMAS = (1, 2)
"""Schemas an import reads (a schema-1 export is brought up to date)."""
MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""A plan of 5,000 actions is about 2 MB of TOML; anything far past that is refused."""
MAX_RECORDS = 50_000
MAX_ID = 64
MAX_SHOWN = 80
"""Longest piece of the file (a key, a value) quoted back in a message."""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong with an imported file: where, an i18n key, and its values."""

    where: str
    """A TOML path such as ``actions[3].lead``, a line such as ``line 12``, or ''."""
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, tr: Translator) -> str:
        """The problem in `tr`'s language, control characters made visible."""
        values = dict(self.values)
        if "found" in values:
            values["found"] = tr.t(f"exports.import.kind.{values['found']}")
        message = tr.t(self.key, **values)
        if not self.where:
            return clean(message)
        where = self.where
        if where.startswith("line "):
            where = tr.t("exports.import.line", line=where.removeprefix("line "))
        return clean(tr.t("exports.import.at", where=where, problem=message))


class TomlImportError(Exception):
    """The TOML file cannot be imported; `items` says what and where.

    `problems` gives them in English; `messages(tr)` in the reader's language.
    """

    def __init__(self, items: list[ImportProblem]) -> None:
        self.items = items
        self.problems = self.messages(Translator("en"))
        more = " …" if len(self.problems) > 20 else ""
        super().__init__("; ".join(self.problems[:20]) + more)

    def messages(self, tr: Translator) -> list[str]:
        return [item.text(tr) for item in self.items]


@dataclass(frozen=True, slots=True)
class ImportedPlan:
    plan: Plan
    records: list[Record]
    """Every record, with whole-number ids, references following."""
    next_id: int = 1
    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    """(table, id in the file) -> the id it was given."""


def shown(value: Any) -> str:
    """A piece of the file fit to quote in a message: one line, at most MAX_SHOWN characters."""
    text = clean(str(value))
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


# --- export ----------------------------------------------------------------------


def compact(value: Any) -> Any:
    """A record (or part of one) as TOML-ready builtins: fields equal to their default
    left out (TOML has no null, and a short file reads better), dates kept as dates."""
    if isinstance(value, Struct):
        out: dict[str, Any] = {}
        defaults = _defaults(type(value))
        for name in value.__struct_fields__:
            field_value = getattr(value, name)
            if name in defaults and field_value == defaults[name]:
                continue
            if field_value is None:
                continue
            out[name] = compact(field_value)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [compact(v) for v in value]
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    return value


@functools.cache
def _defaults(cls: type[Struct]) -> dict[str, Any]:
    """Field name -> default value of a Struct type (required fields left out)."""
    out: dict[str, Any] = {}
    for info in msgspec.structs.fields(cls):
        if info.default is not msgspec.NODEFAULT:
            out[info.name] = info.default
        elif info.default_factory is not msgspec.NODEFAULT:
            out[info.name] = info.default_factory()
    return out


def to_toml(data: PlanData) -> str:
    """The whole plan as TOML, records in a stable order (by code, then id)."""
    doc: dict[str, Any] = {"format": FORMAT, "schema": SCHEMA}
    doc["plan"] = {k: v for k, v in compact(data.plan).items() if k not in ("id", "rev")}
    for name in ENTITY_TYPES:
        records = sorted(
            data.table(name).values(),
            key=lambda r: (natural_key(getattr(r, "code", "")), id_key(r.id)),
        )
        if records:
            doc[name] = [
                {"id": r.id, **{k: v for k, v in compact(r).items() if k not in ("id", "rev")}}
                for r in records
            ]
    return escape_controls(tomli_w.dumps(doc))


# --- import ----------------------------------------------------------------------

_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")


def parse_toml(text: str | bytes) -> ImportedPlan:
    """Parse and check a TOML plan; raise `TomlImportError` listing every problem.

    The order matters: the size is checked before anything reads the text, the
    raw text before `tomllib` parses it, and the whole document before any
    record reaches a plan file.
    """
    from coop_tui.interchange import toml_check, toml_guard

    if isinstance(text, str):
        text = text.encode("utf-8")
    if len(text) > MAX_IMPORT_BYTES:
        raise TomlImportError(
            [ImportProblem("", "exports.import.too_large", {"max": MAX_IMPORT_BYTES // 2**20})]
        )
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text.count(b"\n", 0, exc.start) + 1
        where = f"line {line}"
        raise TomlImportError([ImportProblem(where, "exports.import.not_utf8")]) from None
    danger = toml_guard.scan(decoded)
    if danger is not None:
        raise TomlImportError([ImportProblem(f"line {danger.line}", danger.key, danger.values)])
    try:
        doc = tomllib.loads(decoded)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        found = _AT.search(reason)
        where = f"line {found.group(1)}" if found else ""
        reason = _AT.sub("", reason).strip()
        raise TomlImportError(
            [ImportProblem(where, "exports.import.bad_toml", {"reason": shown(reason)})]
        ) from None
    except (RecursionError, ValueError, MemoryError):
        # The scan above should have refused whatever gets here; never a traceback anyway.
        raise TomlImportError([ImportProblem("", "exports.import.unusable")]) from None
    return toml_check.check_document(doc)


__all__ = [
    "FORMAT",
    "MAX_IMPORT_BYTES",
    "ImportProblem",
    "ImportedPlan",
    "TomlImportError",
    "parse_toml",
    "to_toml",
]
