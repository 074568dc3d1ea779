"""fr: stakes."""

CATALOG: dict[str, str] = {
}
