"""fr: exports."""

CATALOG: dict[str, str] = {
}
