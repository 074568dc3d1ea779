"""Error texts: what went wrong, in the user's language and in one line (CLI and app alike).

Named for what it holds: in Textual a "message" is an event between widgets.
"""

from __future__ import annotations

from coop_tui.i18n import Translator
from coop_tui.storage.errors import PlanFileError, StorageError
from coop_tui.text import clean


def error_message(exc: Exception, tr: Translator) -> str:
    """A storage or system error as one clean line of text."""
    if isinstance(exc, StorageError):
        values = dict(exc.values)
        if isinstance(exc, PlanFileError):
            values["problem"] = tr.t(f"error.plan_file.{exc.problem_key}", **values)
        values.setdefault("details", str(exc))
        return clean(tr.t(exc.key, **values))
    if isinstance(exc, OSError):
        path = exc.filename or ""
        return clean(tr.t("error.io", path=str(path), reason=exc.strerror or str(exc)))
    return clean(str(exc))
