"""English catalog: what the model gained (phases, steering, money), record checks and
file safety."""

CATALOG: dict[str, str] = {
    # entities
    "entity.phases": "phase",
    "entity.milestones": "milestone",
    "entity.budget_lines": "budget line",
    "entity.funders": "funder",
    "entity.reviews": "review",
    "entity.decisions": "decision",
    "entity.baselines": "baseline",
    # record checks
    "problem.control_char": "Control character not allowed ({char}).",
    "problem.date_out_of_range": "Date out of range (between {min} and {max}).",
    "problem.number_out_of_range": "Number out of range (at most {max}).",
    "problem.dependency_cycle": "Dependencies go round in a circle: {cycle}.",
    "problem.scale_too_short": "A scale has at least two levels.",
    "problem.not_in_scale": "'{value}' is not a level of the scale.",
    "problem.remedy_without_skill": "'{skill}' is not one of the required skills.",
    "problem.not_positive": "A number above zero is expected.",
    "problem.shares_over_100": "The shares add up to more than 100% ({total}%).",
    "problem.duplicate_share": "An organisation has two shares of the same line.",
    "problem.bad_year": "Not a year: {value}.",
    "problem.bad_id": "Not a usable id.",
    # SMART and approvals
    "smart.to_renew": "approval to renew: {names}",
    "objectives.to_renew": "approval to renew",
    # files
    "error.lock_timeout": "{path}: the plan is still locked after {seconds} s. Nothing was changed; try again.",
    "error.lock_timeout_by": "{path}: the plan is still locked after {seconds} s, by {holder}. Nothing was changed; try again.",
    "error.lock_cancelled": "{path}: stopped waiting for the lock; nothing was changed.",
    "error.plan_file.too_large": "the file is too large ({size} MB; at most {max} MB)",
    "error.plan_file.damaged_record": "the record {record} of the table '{table}' is damaged ({reason})",
    "error.plan_file.duplicate_key": "the key '{key}' appears twice: the file is damaged",
    "error.plan_file.damaged_archive": "line {line} of the archived history is damaged",
    "error.ambiguous_code": "{ref} is the code of {count} actions: {matches}.",
    # history
    "history.op.create": 'Plan created',
    "history.op.import": 'Plan imported',
    "history.op.migrate": 'File format brought up to date ({before} → {after})',
    "history.op.add": 'Added — {entity} {label}',
    "history.op.edit": 'Edited — {entity} {label}',
    "history.op.delete": 'Deleted — {entity} {label}',
    "history.op.move": 'Moved — {label}: {before} → {after}',
    "history.op.undo": 'Undone — {what} (change {revision})',
    "history.op.baseline": 'Baseline set — {label}',
    "history.op.backplan": 'Backward planning applied — {label}',
    "history.op.approve": 'Approved — {entity} {label}',
    "history.more": '(and {count} other {count:change|changes})',
    "app.undone_what": 'Undone: {what}.',
}
