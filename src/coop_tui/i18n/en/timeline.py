"""en: timeline."""

CATALOG: dict[str, str] = {
}
