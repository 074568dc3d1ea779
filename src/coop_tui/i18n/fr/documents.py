"""fr: documents (fiche de travail en ODT, DOCX, PDF ; mots communs avec le Markdown)."""

CATALOG: dict[str, str] = {
    # sur chaque page
    "documents.header": "{title} — révision {revision}",
    "documents.page": "Page {page} sur {pages}",
    # page de titre
    "documents.cover.partners": "Structures partenaires",
    # manques de compétences : le glossaire dit « réponse envisagée », jamais « remède »
    "documents.gaps": "Manques de compétences et réponses envisagées",
    "documents.col.remedy": "Réponse envisagée",
    "documents.col.remedy_note": "Précision sur la réponse envisagée",
    "documents.remedy.none": "Aucune réponse envisagée",
    # approbation
    "documents.approvals.title": "Approbation par les structures partenaires",
    "documents.approvals.intro": "Les structures partenaires approuvent la présente fiche de travail (révision {revision}).",
    "documents.approvals.organisation": "Structure partenaire",
    "documents.approvals.person": "Nom et fonction",
    "documents.approvals.date": "Date",
    "documents.approvals.signature": "Signature",
}
