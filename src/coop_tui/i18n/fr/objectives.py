"""fr: objectives."""

CATALOG: dict[str, str] = {
    "objectives.title": "Objectifs",
    "objectives.colon": "\u00a0: ",
    "objectives.key.indicator": "Nouvel indicateur",
    "objectives.key.measurement": "Nouvelle mesure",
    "objectives.key.approve": "Approbation",
    "objectives.key.realistic": "Réaliste\u00a0?",
    "objectives.key.expand": "Déplier",
    "objectives.key.collapse": "Replier / aller au parent",
    "objectives.key.toggle": "Plier / déplier",
    "objectives.key.toggle_approval": "Changer cette approbation",
    "objectives.kind.stake": "Enjeu partagé",
    "objectives.kind.shared": "Objectif partagé",
    "objectives.kind.operational": "Objectif opérationnel",
    "objectives.part_of": "issu de {label}",
    "objectives.label.statement": "Énoncé",
    "objectives.label.pooled": "Enjeux individuels mis en commun",
    "objectives.label.objectives": "Objectifs partagés",
    "objectives.label.results": "Résultats mesurables",
    "objectives.label.deadline": "Délai de réalisation",
    "objectives.label.phase": "Phase",
    "objectives.label.progress": "Avancement",
    "objectives.label.realistic": "Réaliste et ambitieux",
    "objectives.realistic.yes": "oui",
    "objectives.realistic.no": "non",
    "objectives.realistic.unknown": "pas encore jugé (r)",
    "objectives.section.approvals": (
        "Approuvé par l'ensemble des parties prenantes (p pour changer)"
    ),
    "objectives.section.indicators": "Indicateurs de suivi (i pour ajouter)",
    "objectives.section.measurements": "Mesures de {name} (m pour ajouter)",
    "objectives.col.organisation": "Structure partenaire",
    "objectives.col.approval": "Approbation",
    "objectives.col.indicator": "Indicateur",
    "objectives.col.kind": "Type",
    "objectives.col.baseline": "Valeur de référence",
    "objectives.col.target": "Valeur cible",
    "objectives.col.unit": "Unité",
    "objectives.col.target_date": "Date cible",
    "objectives.col.latest": "Dernière mesure",
    "objectives.col.progress": "Avancement",
    "objectives.col.date": "Date",
    "objectives.col.value": "Valeur",
    "objectives.col.note": "Note",
    "objectives.col.author": "Auteur·rice",
    "objectives.approved_on": "approuvé le {date}",
    "objectives.not_yet": "pas encore",
    "objectives.indicator_summary": (
        "{name} ({kind})\u00a0: {way} d'ici le {date}\u00a0; "
        "dernière mesure {latest} ({when})\u00a0; {bar} {percent}"
    ),
    "objectives.no_indicator": "Pas encore d'indicateur de suivi\u00a0: i pour en ajouter un.",
    "objectives.no_measurement": "Pas encore de mesure\u00a0: m pour en ajouter une.",
    "objectives.smart_ok": "Tous les critères SMART sont remplis.",
    "objectives.empty": (
        "Pas encore d'enjeu partagé. Créez les enjeux partagés à l'écran 1 (Enjeux), "
        "puis revenez ici pour fixer leurs objectifs."
    ),
    "objectives.stake_hint": "a\u00a0: ajouter un objectif partagé à cet enjeu partagé.",
    "objectives.orphans": "Objectifs sans enjeu partagé",
    "objectives.need_objective": "Sélectionnez d'abord un objectif.",
    "objectives.need_stake": (
        "Sélectionnez d'abord un enjeu partagé (les enjeux partagés se créent à l'écran 1)."
    ),
    "objectives.need_indicator": (
        "Cet objectif n'a pas encore d'indicateur de suivi\u00a0: i pour en ajouter un."
    ),
    "objectives.need_organisation": (
        "Pas encore de structure partenaire\u00a0: ajoutez-les à l'écran 1 (Enjeux)."
    ),
    "objectives.approve_title": "Approbation de {objective}",
    "objectives.approve_hint": (
        "Les flèches choisissent la structure partenaire, Entrée "
        "change son approbation, Échap ferme."
    ),
    "objectives.measure_title": "Nouvelle mesure\u00a0: {indicator} — {way}",
    "objectives.approval_set": "Approuvé par {name}.",
    "objectives.approval_cleared": "Approbation de {name} retirée.",
    "objectives.pane.tree": "Enjeux partagés et objectifs",
    "objectives.way.numbers": "de {baseline} à {target} {unit}",
    "objectives.way.levels": "de «\u00a0{baseline}\u00a0» à «\u00a0{target}\u00a0»",
    "objectives.implausible.question": "Enregistrer {value} pour «\u00a0{indicator}\u00a0»\u00a0?",
    "objectives.implausible.detail": "C'est très loin de ce que cet indicateur peut valoir ({way})\u00a0: est-ce bien le bon indicateur et la bonne unité\u00a0?",
    "objectives.implausible.yes": "Enregistrer quand même",
    "objectives.implausible.no": "Corriger",
    "objectives.col.trend": "Tendance",
    "objectives.col.path": "Trajectoire",
    "objectives.steps": "Cibles intermédiaires\u00a0: {steps}",
    "objectives.kind_help.quantitative": "Un nombre qui va de la valeur de référence à la valeur cible (en hausse ou en baisse).",
    "objectives.kind_help.qualitative": "Des mots d'une échelle (par exemple insuffisant, moyen, bon, très bon)\u00a0: chaque mesure est un niveau.",
    "objectives.kind_help.time_based": "Une date à tenir\u00a0: la mesure est le jour où c'est atteint (ou un délai en nombres, de la référence à la cible).",
    "objectives.steps_help": "Par exemple\u00a0: 31/12/2026 = 40\u00a0; 31/12/2027 = 60 (ou un niveau de l'échelle).",
    "objectives.examples.shared": "Exemples d'objectifs partagés\u00a0: répondre ensemble aux marchés publics du territoire avec des clauses sociales\u00a0; mutualiser les fonctions support des structures\u00a0; créer ensemble une activité de réemploi.",
    "objectives.examples.operational": "Exemples d'objectifs opérationnels\u00a0: remporter 2 marchés publics en GME d'ici fin 2027\u00a0; réduire de 15\u00a0% les coûts de paie et de comptabilité en 2 ans\u00a0; porter le taux de sorties dynamiques de 41\u00a0% à 55\u00a0%\u00a0; former 12 encadrant·e·s techniques en 2026.",
    "objectives.cooperation": "Types de coopération\u00a0: {types}",
    "objectives.cmd.cooperation": "Objectifs\u00a0: filtrer par type de coopération",
    "objectives.cmd.cooperation.help": "Les objectifs partagés qui demandent ce type de coopération",
    "objectives.pick.cooperation": "Filtrer par type de coopération",
    "objectives.smart_shared": "SMART\u00a0: voir ses objectifs opérationnels ({codes}).",
}
