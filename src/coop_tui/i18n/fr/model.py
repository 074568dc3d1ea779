"""Catalogue français : les notions ajoutées au modèle (phases, suivi, budget), les
contrôles des données et de la sécurité des fichiers."""

CATALOG: dict[str, str] = {
    # entités
    "entity.phases": "phase",
    "entity.milestones": "jalon",
    "entity.budget_lines": "ligne budgétaire",
    "entity.funders": "financeur",
    "entity.reviews": "revue",
    "entity.decisions": "décision",
    "entity.baselines": "plan validé",
    # contrôles des enregistrements
    "problem.control_char": "Caractère de contrôle interdit ({char}).",
    "problem.date_out_of_range": "Date hors limites (entre {min} et {max}).",
    "problem.number_out_of_range": "Nombre hors limites (au plus {max}).",
    "problem.dependency_cycle": "Dépendances en boucle : {cycle}.",
    "problem.scale_too_short": "Une échelle compte au moins deux niveaux.",
    "problem.not_in_scale": "« {value} » n'est pas un niveau de l'échelle.",
    "problem.remedy_without_skill": "« {skill} » ne fait pas partie des compétences requises.",
    "problem.not_positive": "Un nombre supérieur à zéro est attendu.",
    "problem.shares_over_100": "Les parts dépassent 100 % ({total} %).",
    "problem.duplicate_share": "Une structure a deux parts sur la même ligne.",
    "problem.bad_year": "Année invalide : {value}.",
    "problem.bad_id": "Identifiant invalide.",
    # SMART et approbations
    "smart.to_renew": "approbation à renouveler : {names}",
    "objectives.to_renew": "approbation à renouveler",
    # fichiers
    "error.lock_timeout": "{path} : le plan est encore verrouillé au bout de {seconds} s. Rien n'a été modifié ; réessayez.",
    "error.lock_timeout_by": "{path} : le plan est encore verrouillé au bout de {seconds} s, par {holder}. Rien n'a été modifié ; réessayez.",
    "error.lock_cancelled": "{path} : attente du verrou abandonnée ; rien n'a été modifié.",
    "error.plan_file.too_large": "le fichier est trop gros ({size} Mo ; au plus {max} Mo)",
    "error.plan_file.damaged_record": "l'enregistrement {record} de la table « {table} » est endommagé ({reason})",
    "error.plan_file.duplicate_key": "la clé « {key} » apparaît deux fois : le fichier est endommagé",
    "error.plan_file.damaged_archive": "la ligne {line} de l'historique archivé est endommagée",
    "error.ambiguous_code": "{ref} est le code de {count} actions : {matches}.",
    # historique
    "history.op.create": 'Création du plan',
    "history.op.import": 'Import du plan',
    "history.op.migrate": 'Mise à jour du format du fichier ({before} → {after})',
    "history.op.add": 'Ajout — {entity} {label}',
    "history.op.edit": 'Modification — {entity} {label}',
    "history.op.delete": 'Suppression — {entity} {label}',
    "history.op.move": 'Déplacement — {label}\xa0: {before} → {after}',
    "history.op.undo": 'Défait — {what} (changement {revision})',
    "history.op.baseline": 'Plan validé — {label}',
    "history.op.backplan": 'Rétroplanning appliqué — {label}',
    "history.op.approve": 'Approbation — {entity} {label}',
    "history.more": '(et {count} {count:autre changement|autres changements})',
    "app.undone_what": 'Défait\xa0: {what}.',
}
