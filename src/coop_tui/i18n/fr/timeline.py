"""fr: timeline."""

CATALOG: dict[str, str] = {
}
