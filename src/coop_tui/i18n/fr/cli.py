"""fr: ligne de commande (aide, erreurs d'utilisation, commandes rapides)."""

CATALOG: dict[str, str] = {
    # aide (argparse)
    "cli.description": "Planifier un projet de coopération entre structures partenaires (SIAE).",
    "cli.usage": "utilisation\u00a0: ",
    "cli.usage_error": "{prog}\u00a0: {message} (voir {prog} --help)",
    "cli.failure": "coop-tui\u00a0: {message}",
    # argparse writes a colon right after a section title: the no-break space goes here.
    "cli.group.arguments": "arguments\u00a0",
    "cli.group.options": "options\u00a0",
    "cli.group.commands": "commande\u00a0",
    "cli.commands_title": "commandes rapides (coop-tui COMMANDE --help pour le détail)\u00a0:",
    "cli.metavar.command": "COMMANDE",
    "cli.metavar.plan": "PLAN",
    "cli.metavar.action": "ACTION",
    "cli.metavar.status": "STATUT",
    "cli.metavar.name": "NOM",
    "cli.metavar.title": "TITRE",
    "cli.metavar.file": "FICHIER",
    "cli.metavar.toml_file": "FICHIER.toml",
    "cli.help.help": "afficher cette aide et quitter",
    "cli.help.version": "afficher la version et quitter",
    "cli.help.lang": "langue de l'interface",
    "cli.help.user": (
        "qui fait la modification, quand plusieurs personnes partagent un compte "
        "(par défaut\u00a0: $COOP_TUI_USER, sinon le compte)"
    ),
    "cli.help.plan": "fichier du plan (par défaut\u00a0: $COOP_TUI_PLAN, sinon coop-plan.json)",
    "cli.help.new_plan": "fichier du plan à créer",
    "cli.help.demo": "ouvrir une copie neuve du plan de démonstration",
    "cli.help.init_demo": "le plan de démonstration fourni",
    "cli.help.title": "titre du nouveau plan",
    "cli.help.status_filter": "seulement les actions de ce statut",
    "cli.help.overdue": "seulement les actions en retard",
    "cli.help.lead": "nom du ou de la référent·e (une partie suffit, majuscules ou non)",
    "cli.help.json": "écrire du JSON (statuts en mots anglais stables\u00a0: todo, done…)",
    "cli.help.action": "identifiant, début d'identifiant unique, ou code (A3)",
    "cli.help.status": (
        "à faire, en cours, bloquée, terminée, abandonnée "
        "(ou todo, in_progress, blocked, done, dropped)"
    ),
    "cli.help.format": "format du fichier",
    "cli.help.output": "fichier à écrire (par défaut\u00a0: la sortie standard)",
    "cli.help.toml_file": "fichier TOML à lire",
    "cli.help.force": "remplacer un plan existant",
    "cli.help.from": "premier jour de la période (par défaut\u00a0: un an avant --to)",
    "cli.help.to": "dernier jour de la période (par défaut\u00a0: aujourd'hui)",
    "cli.metavar.date": "DATE",
    "cli.bad_date": "pas une date\u00a0: «\u00a0{value}\u00a0» (par exemple 2026-03-15 ou 15/03/2026)",
    "cli.binary_to_terminal": "un document {format} ne s'affiche pas dans un terminal\u00a0: indiquez le fichier à écrire avec -o FICHIER",
    "cli.report.bad_period": "la période se termine le {end}, avant de commencer le {start}",
    "cli.command.init": "créer un plan vide, ou le plan de démonstration",
    "cli.command.status": "le tableau de bord en quelques lignes",
    "cli.command.actions": "lister les actions",
    "cli.command.move": "changer le statut d'une action",
    "cli.command.history": "qui a modifié quoi, et quand",
    "cli.command.undo": "défaire ma dernière modification",
    "cli.command.export": "écrire le plan en TOML, Markdown, CSV ou iCalendar, ou la fiche de travail en ODT, DOCX ou PDF",
    "cli.command.report": "le bilan d'étape d'une période (par défaut\u00a0: les douze derniers mois)",
    "cli.command.import": "créer un plan à partir d'un fichier TOML",
    # les messages d'argparse (voir cli/parser.py, ARGPARSE_MESSAGES)
    "cli.argparse.argument": "{argument_name}\u00a0: {message}",
    "cli.argparse.required": (
        "{count:argument obligatoire manquant|arguments obligatoires manquants}\u00a0: {names}"
    ),
    "cli.argparse.unrecognized": "{count:argument inattendu|arguments inattendus}\u00a0: {arguments}",
    "cli.argparse.invalid_choice": (
        "choix impossible\u00a0: «\u00a0{value}\u00a0» (valeurs possibles\u00a0: {choices})"
    ),
    "cli.argparse.expected_one": "une valeur est attendue",
    "cli.argparse.ambiguous": "option ambiguë\u00a0: {option} peut désigner {matches}",
    "cli.argparse.ignored_explicit": "cette option ne prend pas de valeur («\u00a0{value}\u00a0»)",
    # statuts et personnes
    "cli.status_words": "{own}, ou {stable}",
    "cli.user.empty": "un nom est attendu",
    "cli.user.unprintable": "caractère de contrôle refusé dans un nom",
    "cli.user.too_long": "nom trop long ({max} caractères au plus)",
    "cli.user.bad_env": "COOP_TUI_USER\u00a0: {problem}",
    # commandes rapides
    "cli.status.title": "{title} — {date} (révision {revision})",
    "cli.status.progress": (
        "Avancement\u00a0: {done} {done:action terminée|actions terminées} sur {total} "
        "({percent}) · objectifs {objectives}"
    ),
    "cli.status.overdue": "En retard ({count})",
    "cli.status.blocked": "{count:Bloquée|Bloquées} ({count})",
    "cli.status.due_soon": "À échéance proche, {days} jours ({count})",
    "cli.status.deadlines": "Prochaines échéances",
    "cli.status.indicators": "Indicateurs de suivi",
    "cli.status.gaps": "{count:Manque|Manques} de compétences ({count})",
    "cli.status.gap": "«\u00a0{skill}\u00a0» pour {action} — {remedy}",
    "cli.status.smart": "Objectifs à compléter (SMART) ({count})",
    "cli.status.smart_reason": "{letter}\u00a0: {reason}",
    "cli.status.contradictions": "Dates qui se contredisent ({count})",
    "cli.status.budget": "Budget\u00a0: {budget} · {days}",
    "cli.status.recent": "Dernières modifications",
    "cli.status.none": "—",
    "cli.status.action_line": "{code} {title} — {lead}, fin {end}",
    "cli.status.deadline_line": "{date} {code} {statement}",
    "cli.status.indicator_line": "{code} {name}\u00a0: {value} / {target} {unit} ({percent})",
    "cli.status.history_line": "{time} {user}\u00a0: {summary}",
    "cli.separator": "\u00a0; ",
    "cli.overdue_mark": " (en retard)",
    "cli.moved": "{code} {title}\u00a0: {before} → {after}",
    "cli.created": "Plan créé\u00a0: {path}",
    "cli.imported": "Plan importé dans {path}",
    "cli.exported": "Exporté vers {path}",
    "cli.no_actions": "Aucune action.",
    "cli.history_line": "#{revision} {time} {user}\u00a0: {summary}",
    "cli.undone_what": "Défait : {what}.",
}
