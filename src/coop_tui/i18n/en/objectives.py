"""en: objectives."""

CATALOG: dict[str, str] = {
    "objectives.title": "Objectives",
    "objectives.colon": ": ",
    "objectives.key.indicator": "New indicator",
    "objectives.key.measurement": "New measurement",
    "objectives.key.approve": "Approval",
    "objectives.key.realistic": "Realistic?",
    "objectives.key.expand": "Unfold",
    "objectives.key.collapse": "Fold / go to parent",
    "objectives.key.toggle": "Fold / unfold",
    "objectives.key.toggle_approval": "Toggle this approval",
    "objectives.kind.stake": "Shared stake",
    "objectives.kind.shared": "Shared objective",
    "objectives.kind.operational": "Operational objective",
    "objectives.part_of": "part of {label}",
    "objectives.label.statement": "Statement",
    "objectives.label.pooled": "Individual stakes pooled",
    "objectives.label.objectives": "Shared objectives",
    "objectives.label.results": "Measurable results",
    "objectives.label.deadline": "Deadline",
    "objectives.label.phase": "Phase",
    "objectives.label.progress": "Progress",
    "objectives.label.realistic": "Realistic and ambitious",
    "objectives.realistic.yes": "yes",
    "objectives.realistic.no": "no",
    "objectives.realistic.unknown": "not judged yet (r)",
    "objectives.section.approvals": "Approved by every partner (p to toggle)",
    "objectives.section.indicators": "Tracking indicators (i to add)",
    "objectives.section.measurements": "Measurements of {name} (m to add)",
    "objectives.col.organisation": "Partner organisation",
    "objectives.col.approval": "Approval",
    "objectives.col.indicator": "Indicator",
    "objectives.col.kind": "Kind",
    "objectives.col.baseline": "Baseline",
    "objectives.col.target": "Target",
    "objectives.col.unit": "Unit",
    "objectives.col.target_date": "Target date",
    "objectives.col.latest": "Latest measurement",
    "objectives.col.progress": "Progress",
    "objectives.col.date": "Date",
    "objectives.col.value": "Value",
    "objectives.col.note": "Note",
    "objectives.col.author": "Author",
    "objectives.approved_on": "approved on {date}",
    "objectives.not_yet": "not yet",
    "objectives.indicator_summary": (
        "{name} ({kind}): from {baseline} to {target} {unit} by {date}; "
        "latest value {latest} ({when}); {bar} {percent}"
    ),
    "objectives.no_indicator": "No tracking indicator yet: press i to add one.",
    "objectives.no_measurement": "No measurement yet: press m to add one.",
    "objectives.smart_ok": "Every SMART criterion is met.",
    "objectives.empty": (
        "No shared stake yet. Create the shared stakes on screen 1 (Stakes), "
        "then come back here to set their objectives."
    ),
    "objectives.stake_hint": "Press a to add a shared objective to this shared stake.",
    "objectives.orphans": "Objectives without a shared stake",
    "objectives.need_objective": "Select an objective first.",
    "objectives.need_stake": "Select a shared stake first (shared stakes are made on screen 1).",
    "objectives.need_indicator": (
        "This objective has no tracking indicator yet: press i to add one."
    ),
    "objectives.need_organisation": "No partner organisation yet: add them on screen 1 (Stakes).",
    "objectives.approve_title": "Approval of {objective}",
    "objectives.approve_hint": (
        "Arrows choose the partner organisation, Enter toggles its approval, Escape closes."
    ),
    "objectives.measure_title": "New measurement: {indicator}",
    "objectives.approval_set": "Approved by {name}.",
    "objectives.approval_cleared": "Approval by {name} withdrawn.",
}
