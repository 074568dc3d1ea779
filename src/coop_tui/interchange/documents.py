"""Documents a funder accepts: the filled-in worksheet and the progress report,
as ODT, DOCX or PDF (and Markdown).

One entry point for the CLI and the app. Each format's library (odfpy,
python-docx, fpdf2) is imported only when a file of that format is asked for,
so importing this module costs the quick CLI commands nothing.
"""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.snapshot import PlanData
from coop_tui.interchange.document import Document

FORMATS: tuple[str, ...] = ("odt", "docx", "pdf")
"""The document formats, as `--format` takes them; the file extension is the same word."""

REPORT_FORMATS: tuple[str, ...] = ("md", *FORMATS)
"""The progress report's formats: Markdown too, to read in a terminal or paste."""

MEDIA_TYPES: dict[str, str] = {
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
}


def render_document(document: Document, fmt: str) -> bytes:
    """Any `Document` (the worksheet, the progress report) as the bytes of an `fmt` file.

    `fmt` is "md" (UTF-8 Markdown) or one of FORMATS. Raises ValueError for an
    unknown format. Nothing here touches the disk.
    """
    if fmt == "md":
        from coop_tui.interchange.markdown import render as to_markdown

        return to_markdown(document).encode("utf-8")
    if fmt == "odt":
        from coop_tui.interchange.render_odt import to_odt

        return to_odt(document)
    if fmt == "docx":
        from coop_tui.interchange.render_docx import to_docx

        return to_docx(document)
    if fmt == "pdf":
        from coop_tui.interchange.render_pdf import to_pdf

        return to_pdf(document)
    raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")


def render(data: PlanData, fmt: str, language: str, today: dt.date) -> bytes:
    """The filled-in worksheet of `data` as the bytes of an `fmt` file.

    `fmt` is one of FORMATS ("odt", "docx", "pdf"); `language` is "fr" or "en"
    (anything else falls back to French, like the Translator); `today` dates the
    document and decides what is overdue. The same words as the Markdown export,
    from the same `worksheet.build()`. Write the bytes in one step, e.g.::

        from coop_tui.interchange.documents import render
        payload = render(store.read(), "pdf", "fr", dt.date.today())

    Raises ValueError for an unknown format. Nothing here touches the disk.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown document format {fmt!r} (expected one of {', '.join(FORMATS)})")
    from coop_tui.interchange.worksheet import build

    return render_document(build(data, language, today), fmt)


def report(
    data: PlanData,
    fmt: str,
    language: str,
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> bytes:
    """The progress report of `data` for `start`..`end` (by default the twelve months up
    to `today`) as the bytes of an `fmt` file: "md" or one of FORMATS.

    Raises ValueError for an unknown format or a period that ends before it starts.
    """
    if fmt not in REPORT_FORMATS:
        raise ValueError(
            f"unknown report format {fmt!r} (expected one of {', '.join(REPORT_FORMATS)})"
        )
    from coop_tui.interchange.progress_report import build_report

    return render_document(build_report(data, language, today, start, end), fmt)


__all__ = ["FORMATS", "MEDIA_TYPES", "REPORT_FORMATS", "render", "render_document", "report"]
