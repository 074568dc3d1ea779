"""fr: board."""

CATALOG: dict[str, str] = {
}
