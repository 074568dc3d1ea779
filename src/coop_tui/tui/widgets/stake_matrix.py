"""The categories × organisations matrix of step 1, as table rows.

Pure helpers (no widgets): the screen turns these into a ListPane's rows.
A row is one stake category; a cell counts the stakes an organisation holds in
it; the last cell says whether the row is a suggested shared stake (◆: two or
more organisations hold a stake there) and which shared stakes already pool it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from coop_tui.domain import checks
from coop_tui.domain.model import STAKE_CATEGORIES, Organisation
from coop_tui.domain.snapshot import PlanData, natural_key
from coop_tui.i18n import Translator
from coop_tui.text import clean

SUGGESTED = "◆"
POOLED = "✓"
SHORT_MAX = 8


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One category of the matrix."""

    category: str
    counts: tuple[int, ...]
    """Stakes per organisation, in column order."""
    candidate: checks.Candidate | None
    """Set when two or more organisations hold a stake in this category."""
    pooled_by: tuple[str, ...]
    """Codes of the shared stakes that pool any stake of this category."""

    @property
    def suggested(self) -> bool:
        """A suggestion not pooled yet: the row to highlight."""
        return self.candidate is not None and not self.candidate.pooled


def short_names(organisations: Sequence[Organisation]) -> list[str]:
    """Column headers: the kind (ACI, EI…) when it is unique, else a short name."""
    kinds = [o.kind for o in organisations]
    out: list[str] = []
    for org in organisations:
        if org.kind != "other" and kinds.count(org.kind) == 1:
            label = org.kind
        else:
            name = clean(org.name).strip() or "?"
            label = name if len(name) <= SHORT_MAX else name[: SHORT_MAX - 1] + "…"
        while label in out:
            label = f"{label}'"
        out.append(label)
    return out


def matrix_rows(data: PlanData, organisations: Sequence[Organisation]) -> list[MatrixRow]:
    """The seven categories, in worksheet order, counted per organisation."""
    matrix = checks.stake_matrix(data)
    candidates = {c.category: c for c in checks.shared_stake_candidates(data)}
    rows = []
    for category in STAKE_CATEGORIES:
        cells = matrix.get(category, {})
        stake_ids = {sid for ids in cells.values() for sid in ids}
        codes = sorted(
            (s.code for s in data.shared_stakes.values() if stake_ids & set(s.stakes)),
            key=natural_key,
        )
        rows.append(
            MatrixRow(
                category,
                tuple(len(cells.get(org.id, ())) for org in organisations),
                candidates.get(category),
                tuple(codes),
            )
        )
    return rows


def row_cells(row: MatrixRow, tr: Translator) -> list[Text]:
    """Cells of one row: category, counts (· for none), then the mark and codes."""
    style = "bold" if row.suggested else ""
    cells = [Text(tr.t(f"category.{row.category}"), style=style, no_wrap=True, overflow="ellipsis")]
    cells.extend(
        Text(str(n) if n else "·", style=style, justify="center", no_wrap=True) for n in row.counts
    )
    mark = SUGGESTED if row.suggested else POOLED if row.candidate else ""
    codes = ", ".join(clean(c) for c in row.pooled_by)
    cells.append(Text(f"{mark} {codes}".strip(), style=style, no_wrap=True, overflow="ellipsis"))
    return cells


def describe_row(row: MatrixRow, organisations: Sequence[Organisation], tr: Translator) -> str:
    """One sentence under the matrix about the category under the cursor.

    `organisations` are the matrix columns, in order (names are listed in that order).
    """
    category = tr.t(f"category.{row.category}")
    codes = ", ".join(clean(c) for c in row.pooled_by)
    if row.candidate is None:
        holders = sum(1 for n in row.counts if n)
        key = "stakes.matrix.row.empty" if not holders else "stakes.matrix.row.single"
        text = tr.t(key, category=category)
        if codes:
            text += " " + tr.t("stakes.matrix.row.pooled_in", codes=codes)
        return text
    holding = set(row.candidate.organisations)
    names = ", ".join(clean(o.name) for o in organisations if o.id in holding)
    if row.candidate.pooled:
        return tr.t("stakes.matrix.row.pooled", category=category, orgs=names, codes=codes)
    text = tr.t("stakes.matrix.row.suggested", category=category, orgs=names)
    if codes:
        text += " " + tr.t("stakes.matrix.row.pooled_in", codes=codes)
    return text
