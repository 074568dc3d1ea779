"""What the stakes screen's lists and detail blocks show, built from a PlanData.

Pure functions (no widgets): rows for the ListPanes (key, cells, text the
filter searches) and the detail texts as `Content` built from plain strings,
so user text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from coop_tui.domain.model import STAKE_CATEGORIES, Organisation, SharedStake, Stake
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean
from coop_tui.tui.widgets.list_pane import Row
from coop_tui.tui.widgets.stake_matrix import short_names

Part = str | tuple[str, str]
_CATEGORY_ORDER = {c: i for i, c in enumerate(STAKE_CATEGORIES)}


def sorted_orgs(data: PlanData) -> list[Organisation]:
    """Lead organisation first, then by name: the order of rows and matrix columns."""
    return sorted(
        data.organisations.values(), key=lambda o: (o.role != "lead", o.name.casefold(), o.id)
    )


def _kind(tr: Translator, org: Organisation) -> str:
    return tr.t("org_kind.other") if org.kind == "other" else org.kind


def org_columns(data: PlanData) -> tuple[str, ...]:
    """Column keys of the organisations list (phase only in a phased plan)."""
    return ("name", "kind", "role", *(("phase",) if data.sorted_phases() else ()), "skills")


def org_rows(data: PlanData, tr: Translator) -> list[Row]:
    phased = bool(data.sorted_phases())
    phases = {p.id: p.name for p in data.sorted_phases()}
    rows: list[Row] = []
    for org in sorted_orgs(data):
        kind = _kind(tr, org)
        role_key = f"stakes.role.{org.role}"
        role = tr.t(role_key) if tr.has(role_key) else org.role
        phase = phases.get(org.phase, "")
        skills = ", ".join(org.skills)
        cells = (org.name, kind, role, *((phase,) if phased else ()), skills)
        haystack = f"{org.name} {kind} {role} {phase} {skills} {org.diagnosis} {org.contact}"
        rows.append((org.id, cells, haystack))
    return rows


def people_rows(data: PlanData, org: Organisation | None) -> list[Row]:
    if org is None:
        return []
    people = sorted(
        (p for p in data.people.values() if p.organisation == org.id),
        key=lambda p: (p.name.casefold(), p.id),
    )
    return [(p.id, (p.name, p.role, p.contact), f"{p.name} {p.role} {p.contact}") for p in people]


def pooled_codes(data: PlanData, stake_id: str) -> str:
    """Codes of the shared stakes that pool one individual stake ("E1, E3")."""
    codes = (s.code for s in data.shared_stakes.values() if stake_id in s.stakes)
    return ", ".join(sorted(codes, key=natural_key))


def stake_rows(data: PlanData, org: Organisation | None, tr: Translator) -> list[Row]:
    if org is None:
        return []
    stakes = sorted(
        data.stakes_of(org.id),
        key=lambda s: (_CATEGORY_ORDER.get(s.category, 99), s.statement.casefold(), s.id),
    )
    rows: list[Row] = []
    for stake in stakes:
        category = tr.t(f"category.{stake.category}")
        codes = pooled_codes(data, stake.id)
        haystack = f"{category} {stake.statement} {stake.risk} {stake.gain} {codes}"
        rows.append((stake.id, (category, codes, stake.statement), haystack))
    return rows


def stake_line(data: PlanData, tr: Translator, stake_id: str) -> str:
    """'Organisation — Category — statement' (raw user text: clean before showing)."""
    stake = data.stakes.get(stake_id)
    if stake is None:
        return "?"
    org = data.organisations.get(stake.organisation)
    category = tr.t(f"category.{stake.category}")
    return f"{org.name if org else '?'} — {category} — {stake.statement}"


def shared_rows(data: PlanData, tr: Translator) -> list[Row]:
    orgs = sorted_orgs(data)
    names = dict(zip((o.id for o in orgs), short_names(orgs), strict=True))
    rows: list[Row] = []
    for shared in data.sorted_shared_stakes():
        holders = {data.stakes[s].organisation for s in shared.stakes if s in data.stakes}
        held = " · ".join(label for org_id, label in names.items() if org_id in holders)
        pooled = " ".join(stake_line(data, tr, s) for s in shared.stakes)
        haystack = f"{shared.code} {shared.title} {shared.statement} {pooled}"
        rows.append((shared.id, (shared.code, held, shared.title), haystack))
    return rows


# --- detail blocks ------------------------------------------------------------------------


def _label(tr: Translator, key: str) -> tuple[str, str]:
    return (tr.t("stakes.label", label=tr.t(key)), "bold")


def org_detail(data: PlanData, org: Organisation | None, tr: Translator) -> Content:
    """Kind, role, phase, skills, contact and the situation and diagnosis."""
    if org is None:
        return Content("")
    role_key = f"role.{org.role}"
    role = tr.t(role_key) if tr.has(role_key) else org.role
    parts: list[Part] = [(clean(org.name), "bold"), f" · {_kind(tr, org)} · {clean(role)}"]
    phase = next((p.name for p in data.sorted_phases() if p.id == org.phase), "")
    if phase:
        parts += [" · ", _label(tr, "field.phase"), " ", clean(phase)]
    fields = (
        ("field.skills_held", ", ".join(clean(s) for s in org.skills) or "—"),
        ("field.contact", clean(org.contact) or "—"),
        ("field.diagnosis", clean(org.diagnosis, multiline=True) or "—"),
    )
    for key, value in fields:
        parts += ["\n", _label(tr, key), " ", value]
    return Content.assemble(*parts)


def stake_detail(stake: Stake | None, tr: Translator) -> Content:
    """What the organisation risks without the cooperation and gains with it."""
    if stake is None:
        return Content("")
    parts: list[Part] = [
        _label(tr, "field.risk"), " ", clean(stake.risk, multiline=True) or "—", "\n",
        _label(tr, "field.gain"), " ", clean(stake.gain, multiline=True) or "—",
    ]  # fmt: skip
    return Content.assemble(*parts)


def shared_pooled(data: PlanData, shared: SharedStake | None, tr: Translator) -> Content:
    """The individual stakes a shared stake pools, one per line."""
    if shared is None:
        return Content("")
    parts: list[Part] = [(tr.t("stakes.shared.pools"), "bold")]
    for stake_id in shared.stakes:
        parts += ["\n• ", clean(stake_line(data, tr, stake_id))]
    return Content.assemble(*parts)


def candidate_names(data: PlanData, organisations: Sequence[str]) -> str:
    """Names of the organisations of a suggestion, in column order (cleaned)."""
    holding = set(organisations)
    return ", ".join(clean(o.name) for o in sorted_orgs(data) if o.id in holding)
