"""The en catalog, one module per area of the interface."""
