"""en: board."""

CATALOG: dict[str, str] = {
}
