"""coop-tui: plan a cooperation project between SIAE, from a terminal."""

__version__ = "0.1.0"
