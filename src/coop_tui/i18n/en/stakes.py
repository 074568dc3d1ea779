"""en: stakes."""

CATALOG: dict[str, str] = {
}
