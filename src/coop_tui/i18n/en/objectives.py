"""en: objectives."""

CATALOG: dict[str, str] = {
}
