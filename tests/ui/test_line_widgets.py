"""LineTable and ReportView, the line-drawn lists: keys, messages, user text as text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult

from coop_tui.text import clean
from coop_tui.tui.widgets.line_table import LineTable
from coop_tui.tui.widgets.report_view import ReportLine, ReportView, table_row, text_line
from tests.helpers import HOSTILE


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield LineTable(id="t")

    def on_line_table_row_highlighted(self, event: LineTable.RowHighlighted) -> None:
        self.seen.append(("highlighted", event.cursor_row))

    def on_line_table_row_selected(self, event: LineTable.RowSelected) -> None:
        self.seen.append(("selected", event.cursor_row))


def lines(widget: Any) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_keys_move_the_cursor_and_enter_selects() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(LineTable)
        table.set_title("People")
        table.add_column("Name")
        table.add_column("Kind", width=4)
        for n in range(20):
            table.add_row(f"row {n}", "EI", key=f"k{n}")
        table.focus()
        await pilot.pause()
        await pilot.press("down", "down", "end", "up", "home", "pagedown", "enter")
        await pilot.pause()
        assert table.cursor_row == table.size.height - 2  # a page: the height less title and header
        assert ("selected", table.cursor_row) in app.seen
        assert table.row_key_at(table.cursor_row) == f"k{table.cursor_row}"
        shown = lines(table)
        assert shown[0].startswith(" People") and shown[1].startswith(" Name")  # aligned
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 19
        assert any(line.startswith(" row 19") for line in lines(table))  # scrolled into view


async def test_user_text_is_shown_as_text_in_columns() -> None:
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(LineTable)
        table.add_column("Text", width=40)
        table.add_column("End", width=10)
        for text in HOSTILE:
            table.add_row(text, "2026-03-02")
        table.add_row(Text("centred", justify="center"), Text("9", justify="right"))
        await pilot.pause()
        drawn = lines(table)
        for text, line in zip(HOSTILE, drawn[1:], strict=False):
            assert clean(text) in line  # markup and escapes shown as typed, never applied
            assert "\x1b" not in line and line.rstrip().endswith("2026-03-02")
        centred = drawn[len(HOSTILE) + 1]
        assert centred.index("centred") > 10 and centred.rstrip().endswith("9")


async def test_an_empty_table_says_its_hint() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 8)) as pilot:
        table = app.query_one(LineTable)
        table.add_column("Name")
        table.set_hint("Nothing yet: a adds one")
        await pilot.pause()
        assert lines(table)[1].startswith(" Nothing yet: a adds one")
        table.move_cursor(row=3)  # nothing to move to: no message, no error
        assert table.cursor_row == 0


class ReportApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReportView(id="r")


async def test_report_cursor_skips_lines_that_cannot_be_selected() -> None:
    app = ReportApp()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(ReportView)
        body: list[ReportLine] = [text_line("Title", "title")]
        body += [
            table_row((f"A{n}", HOSTILE[n % len(HOSTILE)]), (4, 30), key=f"a{n}") for n in range(3)
        ]
        body += [text_line("note"), table_row(("B1", "x"), (4, 30), key="b1")]
        view.show(body)
        view.focus()
        await pilot.pause()
        assert view.selected_key == "a0"
        await pilot.press("down", "down", "down")
        assert view.selected_key == "b1"  # the note line is skipped
        await pilot.press("down")
        assert view.selected_key == "b1"  # the last one stays
        view.show([text_line("Title", "title"), table_row(("B1", "x"), (4, 30), key="b1")])
        assert view.selected_key == "b1"  # kept across a refresh
        assert all("\x1b" not in line for line in view.plain_lines())


def counted_page(plain: int, rows: int, taken: list[int]) -> Iterator[ReportLine]:
    """`plain` lines of hostile text, then `rows` selectable rows; `taken` says how many
    lines were asked for."""
    for n in range(plain + rows):
        taken.append(n)
        text = HOSTILE[n % len(HOSTILE)]
        if n < plain:
            yield text_line(text)
        else:
            yield table_row((f"A{n}", text), (4, 30), key=f"a{n}")


async def test_a_first_showing_takes_what_fills_the_screen_then_the_rest() -> None:
    """Issue 17: a page worked out as it is read (the dashboard) paints its top first. Its
    first showing takes the lines that fill the terminal; the rest wait for `take_below`
    (its owner calls it once that frame is written), and come as they would have at once."""
    app = ReportApp()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(ReportView)
        taken: list[int] = []
        assert view.show(counted_page(3, 30, taken))
        assert len(taken) == len(view.lines) == 10  # the terminal's height
        assert view.selected_key == "a3"  # the cursor starts where it would have
        await pilot.pause()
        assert len(taken) == 10  # nothing more until its owner says so
        view.take_below()
        assert len(taken) == len(view.lines) == view.virtual_size.height == 33
        assert view.selected_key == "a3"
        eager = ReportApp()
        async with eager.run_test(size=(60, 10)):
            whole = eager.query_one(ReportView)
            whole.show(list(counted_page(3, 30, [])))
            assert view.plain_lines() == whole.plain_lines()
        view.take_below()  # a second call takes nothing more
        assert len(view.lines) == 33
        assert not view.show(counted_page(3, 30, taken))  # a later showing takes it all now
        assert len(view.lines) == 33


async def test_a_first_showing_reaches_the_first_selectable_line() -> None:
    """The cursor and the key bar are right from the first frame: the first selectable
    line is taken even when it is below the screen."""
    app = ReportApp()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(ReportView)
        taken: list[int] = []
        assert view.show(counted_page(25, 5, taken))
        assert len(view.lines) == 26 and view.selected_key == "a25"
        await pilot.pause()
        short = ReportApp()  # a page shorter than the screen is taken whole
        async with short.run_test(size=(60, 10)):
            assert not short.query_one(ReportView).show(counted_page(2, 3, []))
            assert len(short.query_one(ReportView).lines) == 5


async def test_keys_and_readers_take_the_lines_left_below() -> None:
    """A key that moves through the page (or anything that reads it whole) first takes
    the lines the first showing left: nothing is missed, nothing taken twice."""
    for key in ("end", "pagedown", "down"):
        app = ReportApp()
        async with app.run_test(size=(60, 10)) as pilot:
            view = app.query_one(ReportView)
            view.focus()
            taken: list[int] = []
            assert view.show(counted_page(3, 30, taken))
            await pilot.press(key)
            assert len(view.lines) == 33 and taken == list(range(33)), key
            if key == "end":
                assert view.selected_key == "a32"
    app = ReportApp()
    async with app.run_test(size=(60, 10)):
        view = app.query_one(ReportView)
        taken = []
        view.show(counted_page(3, 30, taken))
        assert len(view.plain_lines()) == 33 and taken == list(range(33))
    app = ReportApp()
    async with app.run_test(size=(60, 10)):
        view = app.query_one(ReportView)
        taken = []
        assert view.show(counted_page(3, 30, taken))
        assert not view.show(counted_page(1, 1, []))  # a later showing drops what was left
        view.take_below()
        assert len(view.lines) == 2 and len(taken) == 10


async def test_a_table_wider_than_its_pane_scrolls_sideways() -> None:
    app = TableApp()
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(LineTable)
        table.styles.overflow_x = "auto"
        table.add_column("Name", width=20)
        table.add_column("Far column", width=20)
        table.add_row("left", "far away")
        table.focus()
        await pilot.pause()
        assert "far away" not in "".join(lines(table))
        for _ in range(20):
            await pilot.press("right")
        await pilot.pause()
        assert any("far away" in line for line in lines(table))


class TallRowsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LineTable(row_height=2, header_height=2, id="t")


async def test_rows_and_header_of_several_lines() -> None:
    """The action plan's table: two lines per row, a header wrapped on two lines."""
    app = TallRowsApp()
    async with app.run_test(size=(40, 9)) as pilot:
        table = app.query_one(LineTable)
        table.add_column("Resources and means", width=10)
        table.add_column("Status", width=10)
        for n in range(6):
            status = Text.assemble(f"To do {n}", "\n", ("overdue", "bold"))
            resources = Text("\n".join([f"€{n}00", clean(HOSTILE[n])]))  # as action_rows does
            table.add_row(resources, status, key=f"a{n}")
        table.focus()
        await pilot.pause()
        shown = lines(table)
        assert shown[0].split() == ["Resources", "Status"]
        assert shown[1].split() == ["and", "means"]
        assert shown[2].split() == ["€000", "To", "do", "0"]
        assert shown[3].split()[-1] == "overdue"
        assert clean(HOSTILE[0]) in shown[3]
        # Row 1 (not under the cursor, which is bold whole): the span's style, there only.
        bold = [s.text for s in table.render_line(5) if s.style and s.style.bold]
        assert bold == ["overdue"]

        await pilot.press("down", "down", "down")  # a row at a time, scrolled into view
        assert table.cursor_row == 3
        shown = lines(table)
        assert any(line.split()[:1] == ["€300"] for line in shown[2:])
        assert sum("To do" in line for line in shown[2:]) == 3  # 7 lines: three whole rows
        await pilot.click(LineTable, offset=(2, 2))  # the first row in view
        assert table.cursor_row == table.scroll_offset.y // 2
