"""The viewer keeps the reader's place: toggles, searches, resizes and swapped sides leave
the same paragraph on screen, and a selection that scrolls away is dropped."""

from __future__ import annotations

import pytest
from rich.console import Console
from tui_helpers import SEED_FILES, seeds_app, settle

from newsdiff.compare import compare
from newsdiff.document import load_document
from newsdiff.render.layout import LayoutOptions
from newsdiff.render.screen import ScreenLayout, ScreenOptions
from newsdiff.render.theme import get_theme
from newsdiff.tui.app import build_app

SIZE = (140, 40)


def _top_paragraph(app) -> tuple[str, int]:
    """(article path, paragraph) of the first row at the top of the screen."""
    diff = app.diff
    saved, diff.cursor = diff.cursor, None
    place = diff.place()
    diff.cursor = saved
    return place.document.path, place.paragraph


def _rows_on_screen(app) -> set[int]:
    diff, layout = app.diff, app.diff.screen_layout
    y = int(diff.scroll_offset.y)
    first = layout.locate(y)[0]
    last = layout.locate(min(y + diff.size.height - 1, layout.total - 1))[0]
    return {layout.items[k].row for k in range(first, last + 1)}


async def _two_pages_down(pilot) -> tuple[str, int]:
    """Open the viewer on the seeds, scroll two pages into the story: the top paragraph."""
    await settle(pilot)
    await pilot.press("pagedown", "pagedown")
    await pilot.pause()
    return _top_paragraph(pilot.app)


@pytest.mark.asyncio
async def test_toggles_keep_the_paragraph_at_the_top() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        before = await _two_pages_down(pilot)
        assert before[1] > 3  # scrolled into the story
        for key in ("u", "u", "z", "z"):
            await pilot.press(key)
            await pilot.pause()
            assert _top_paragraph(app) == before, key


async def _fourth_change_selected(pilot) -> None:
    """Open the viewer on the seeds and select its fourth change with n."""
    await settle(pilot)
    await pilot.press("n", "n", "n", "n")


@pytest.mark.asyncio
async def test_toggles_keep_the_selected_row_on_screen() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await _fourth_change_selected(pilot)
        row = app.diff.cursor_row()
        for key in ("u", "z", "c", "u"):
            await pilot.press(key)
            await pilot.pause()
            assert app.diff.cursor_row() == row, key
            assert row in _rows_on_screen(app), key


@pytest.mark.asyncio
async def test_a_selection_scrolled_off_screen_is_dropped() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert "change 1/" in str(app.query_one("#status").render())
        first_change = app.diff.cursor_row()
        await pilot.press("G")
        await pilot.pause()
        assert app.diff.cursor is None
        assert "change 1/" not in str(app.query_one("#status").render())
        await pilot.press("u")  # a toggle keeps the end in view, not the old selection
        await pilot.pause()
        assert first_change not in _rows_on_screen(app)
        assert app.diff.scroll_offset.y == app.diff.max_scroll_y > 0  # still at the end


@pytest.mark.asyncio
async def test_swapping_sides_keeps_the_paragraph_on_screen() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        path, paragraph = await _two_pages_down(pilot)
        assert path == app.diff.alignment.left.path
        await pilot.press("s")
        await settle(pilot)
        alignment = app.diff.alignment
        assert alignment.right.path == path
        shown = {j for r in _rows_on_screen(app) for j in alignment.rows[r].right}
        assert paragraph in shown


@pytest.mark.asyncio
async def test_resizing_a_big_pair_keeps_the_place(tmp_path) -> None:
    paragraphs = [
        f"Paragraph {k} reports figure {k * 7} from district {k % 97} in several words."
        for k in range(3000)
    ]
    edited = [p.replace("reports", "says") if k % 10 == 0 else p for k, p in enumerate(paragraphs)]
    (tmp_path / "l.txt").write_text("\n\n".join(paragraphs))
    (tmp_path / "r.txt").write_text("\n\n".join(edited))
    app = build_app([str(tmp_path / "l.txt"), str(tmp_path / "r.txt")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.diff.scroll_to(y=app.diff.screen_layout.total // 2, animate=False, immediate=True)
        await pilot.pause()
        before = _top_paragraph(app)
        assert 1000 < before[1] < 2000
        for width in (90, 120):
            await pilot.resize_terminal(width, 40)
            await settle(pilot)
            assert abs(_top_paragraph(app)[1] - before[1]) <= 2, width


def test_layouts_of_one_alignment_share_row_heights() -> None:
    """A toggle or a search lays the same rows out again: their heights are remembered,
    so the new layout is exact at once (what made 'z' take seconds on a big pair)."""
    left, right = (load_document(path) for path in SEED_FILES[:2])
    alignment = compare(left, right)
    console = Console(width=120)
    heights: dict[int, int] = {}
    theme = get_theme()
    everything = ScreenOptions(120, layout=LayoutOptions(show_clutter=True))
    first = ScreenLayout(alignment, theme, everything, console, row_heights=heights)
    assert first.exact and len(heights) == len(alignment.rows)
    options = ScreenOptions(120, layout=LayoutOptions(changes_only=True))
    again = ScreenLayout(alignment, theme, options, console, measure_first=0, row_heights=heights)
    fresh = ScreenLayout(alignment, theme, options, console)
    assert again.exact and again.starts == fresh.starts and again.total == fresh.total
    unmeasured = ScreenLayout(alignment, theme, options, console, measure_first=0)
    assert not unmeasured.exact


@pytest.mark.asyncio
async def test_swapping_sides_keeps_the_selected_row_selected() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await _fourth_change_selected(pilot)
        alignment = app.diff.alignment
        row = alignment.rows[app.diff.cursor_row()]
        left, right = set(row.left), set(row.right)
        await pilot.press("s")
        await settle(pilot)
        swapped = app.diff.alignment.rows[app.diff.cursor_row()]
        assert set(swapped.right) & left or set(swapped.left) & right
        assert "change " in str(app.query_one("#status").render())


@pytest.mark.asyncio
async def test_a_selected_row_hidden_by_changes_only_leaves_nothing_selected(tmp_path) -> None:
    """Regression: the selection kept an item index past the end of the smaller layout,
    and m then crashed."""
    text = "\n\n".join(f"Paragraph {k} of the story, with some words in it." for k in range(12))
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text)
    app = build_app([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.diff.select(len(app.diff.screen_layout.items) - 1)
        await pilot.press("c")  # every row is unchanged: only a fold is left
        await pilot.pause()
        assert app.diff.cursor is None
        await pilot.press("m", "n", "u")
        await pilot.pause()
        assert app.is_running


@pytest.mark.asyncio
async def test_a_click_selects_the_line_clicked() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        target = next(k for k in range(3, len(layout.items)) if layout.starts[k] < 30)
        line = layout.starts[target]
        await pilot.click("#diff", offset=(10, 1 + line))  # 1: the top border
        assert app.diff.cursor == target


@pytest.mark.asyncio
async def test_a_selected_fold_line_then_a_toggle_leaves_no_stale_selection() -> None:
    """Regression: the trailing clutter fold selected, then c, crashed the status line."""
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.diff.select(len(app.diff.screen_layout.items) - 1)  # the clutter fold
        for key in ("c", "m", "u", "c", "n"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running
        assert app.diff.cursor is None or app.diff.cursor < len(app.diff.screen_layout.items)


@pytest.mark.asyncio
async def test_a_selected_move_note_stays_selected_across_a_toggle() -> None:
    app = build_app(SEED_FILES[1:3])  # 001 and 002 have moved paragraphs
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        moved = next(k for k in layout.change_items() if layout.counterpart(k) is not None)
        app.diff.select(moved)
        await pilot.press("m")
        note = app.diff.cursor
        assert app.diff.screen_layout.items[note].kind.value == "origin"
        assert "(where it stood)" in str(app.query_one("#status").render())
        await pilot.press("u")
        await pilot.pause()
        assert app.diff.screen_layout.items[app.diff.cursor].kind.value == "origin"
        assert app.diff.screen_layout.items[app.diff.cursor].row == layout.items[note].row
        assert "(where it stood)" in str(app.query_one("#status").render())


@pytest.mark.asyncio
async def test_a_selected_row_that_a_toggle_hides_is_not_swapped_for_a_neighbour() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        rows = app.diff.alignment.rows
        same = next(
            k for k, i in enumerate(layout.items) if i.row >= 0 and not rows[i.row].is_change
        )
        app.diff.select(same)
        await pilot.press("c")
        await pilot.pause()
        assert app.diff.cursor is None


@pytest.mark.asyncio
async def test_one_column_heights_stay_exact_when_word_diffs_arrive() -> None:
    """A pane under 40 columns is drawn unified: its heights are measured as unified ones
    (they were kept as side-by-side heights and rows lost their last lines)."""
    app = build_app(SEED_FILES[3:5])
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        assert layout.unified and not app.diff.unified
        fresh = ScreenLayout(
            app.diff.alignment, app.diff.theme, layout.options, Console(width=40), row_heights={}
        )
        assert layout.starts == fresh.starts and layout.total == fresh.total


@pytest.mark.asyncio
async def test_n_never_moves_the_view_backwards_in_a_small_terminal() -> None:
    app = seeds_app()
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        diff = app.diff
        for y in range(0, diff.screen_layout.total, 7):
            diff.cursor = None
            diff.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            before = int(diff.scroll_offset.y)
            await pilot.press("n")
            await pilot.pause()
            assert int(diff.scroll_offset.y) >= before, y
