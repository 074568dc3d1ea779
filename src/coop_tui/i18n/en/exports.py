"""en: exports."""

CATALOG: dict[str, str] = {
}
