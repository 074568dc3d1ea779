"""en: documents (the worksheet as ODT, DOCX, PDF; words shared with the Markdown)."""

CATALOG: dict[str, str] = {
    # on every page
    "documents.header": "{title} — revision {revision}",
    "documents.page": "Page {page} of {pages}",
    # title page
    "documents.cover.partners": "Partner organisations",
    # skill gaps (the French side says « réponse envisagée », never « remède »)
    "documents.gaps": "Skill gaps and remedies",
    "documents.col.remedy": "Skill-gap remedy",
    "documents.col.remedy_note": "Remedy details",
    "documents.remedy.none": "No remedy chosen",
    # approval
    "documents.approvals.title": "Approval by the partner organisations",
    "documents.approvals.intro": "The partner organisations approve this worksheet (revision {revision}).",
    "documents.approvals.organisation": "Partner organisation",
    "documents.approvals.person": "Name and position",
    "documents.approvals.date": "Date",
    "documents.approvals.signature": "Signature",
}
