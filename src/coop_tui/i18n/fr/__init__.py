"""The fr catalog, one module per area of the interface."""
