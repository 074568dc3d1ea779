"""The filled-in worksheet as a document a funder accepts: ODT, DOCX or PDF.

One entry point for the CLI and the app. Each format's library (odfpy,
python-docx, fpdf2) is imported only when a file of that format is asked for,
so importing this module costs the quick CLI commands nothing.
"""

from __future__ import annotations

import datetime as dt

from coop_tui.domain.snapshot import PlanData

FORMATS: tuple[str, ...] = ("odt", "docx", "pdf")
"""The document formats, as `--format` takes them; the file extension is the same word."""

MEDIA_TYPES: dict[str, str] = {
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


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

    document = build(data, language, today)
    if fmt == "odt":
        from coop_tui.interchange.render_odt import to_odt

        return to_odt(document)
    if fmt == "docx":
        from coop_tui.interchange.render_docx import to_docx

        return to_docx(document)
    from coop_tui.interchange.render_pdf import to_pdf

    return to_pdf(document)


__all__ = ["FORMATS", "MEDIA_TYPES", "render"]
