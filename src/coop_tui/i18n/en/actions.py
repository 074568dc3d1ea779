"""en: actions."""

CATALOG: dict[str, str] = {
}
