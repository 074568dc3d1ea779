"""fr: objectives."""

CATALOG: dict[str, str] = {
}
