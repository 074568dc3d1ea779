"""The reference: the smallest Textual app that shows one label (run the same way as coop-tui)."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("coop-bench-ready")


if __name__ == "__main__":
    Minimal().run()
