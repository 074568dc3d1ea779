"""fr: actions."""

CATALOG: dict[str, str] = {
}
