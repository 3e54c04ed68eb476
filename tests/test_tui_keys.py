"""The viewer driven key by key with Pilot (app.run_test)."""

from __future__ import annotations

import pytest
from tui_helpers import SEED_FILES, notices, seeds_app, settle

from newsdiff.render.layout import ItemKind
from newsdiff.tui.app import NewsdiffApp, build_app
from newsdiff.tui.screens.help import HelpScreen

SIZE = (140, 40)


@pytest.mark.asyncio
async def test_opens_on_the_first_two_articles() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert (app.left_index, app.right_index) == (0, 1)
        assert app.diff.alignment.left.path == SEED_FILES[0]
        assert app.diff.alignment.right.path == SEED_FILES[1]
        assert set(app.similarity) == set(range(5)) and app.similarity[0] == 1.0


@pytest.mark.asyncio
async def test_next_and_previous_change_land_on_changed_rows() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        changes = layout.change_items()
        await pilot.press("n")
        assert app.diff.cursor == changes[0]
        await pilot.press("n", "n")
        assert app.diff.cursor == changes[2]
        await pilot.press("N")
        assert app.diff.cursor == changes[1]
        await pilot.press("]")
        assert app.diff.cursor == changes[2]
        await pilot.press("[")
        assert app.diff.cursor == changes[1]
        status = str(app.query_one("#status").render())
        assert f"change 2/{len(changes)}" in status


@pytest.mark.asyncio
async def test_next_change_after_scrolling_away_starts_from_the_screen() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        changes = app.diff.screen_layout.change_items()
        await pilot.press("n")
        assert app.diff.cursor == changes[0]
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        top = app.diff.screen_layout.locate(app.diff.scroll_offset.y)[0]
        assert top > changes[0]  # the selected change is off screen now, so unselected
        assert app.diff.cursor is None
        assert f"{len(changes)} changes" in str(app.query_one("#status").render())
        starts = app.diff.screen_layout.starts
        y = int(app.diff.scroll_offset.y)
        await pilot.press("n")  # the first change starting on screen, without scrolling back
        selected = app.diff.cursor
        assert selected == min(k for k in changes if starts[k] >= y)
        assert int(app.diff.scroll_offset.y) >= y
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        y = int(app.diff.scroll_offset.y)
        assert starts[selected] < y and app.diff.cursor is None
        await pilot.press("N")  # like less: the change starting above what is shown
        assert app.diff.cursor == max(k for k in changes if starts[k] < y)


@pytest.mark.asyncio
async def test_previous_change_at_the_top_selects_nothing() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await pilot.pause()
        assert app.diff.cursor is None and app.diff.scroll_offset.y == 0
        assert notices(app) == ["No change above."]


@pytest.mark.asyncio
async def test_keys_typed_right_after_slash_go_to_the_search_box() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "z", "q", "u", "enter")  # z, q, u are viewer keys too
        await pilot.pause()
        assert app.is_running and app.diff.search == "zqu"
        assert not app.diff.unified


@pytest.mark.asyncio
async def test_swap_exchanges_the_sides() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert (app.left_index, app.right_index) == (1, 0)
        assert app.diff.alignment.left.path == SEED_FILES[1]
        # the list's bars now measure similarity to the new left article
        assert app.similarity[1] == 1.0 and app.similarity[0] < 1.0
        assert set(app.similarity) == set(range(5))


@pytest.mark.asyncio
async def test_choosing_articles_from_the_list() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.articles.focus()
        app.articles.highlighted = 4
        await pilot.press("enter")
        await settle(pilot)
        assert app.right_index == 4
        app.articles.highlighted = 3
        await pilot.press("l")
        await settle(pilot)
        assert (app.left_index, app.right_index) == (3, 4)
        assert app.diff.alignment.left.path == SEED_FILES[3]


@pytest.mark.asyncio
async def test_toggles_change_what_is_shown() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = app.diff.screen_layout.total
        await pilot.press("c")
        assert app.diff.layout_options.changes_only
        assert app.diff.screen_layout.total < total
        await pilot.press("c", "z")
        assert app.diff.layout_options.show_clutter
        assert app.diff.screen_layout.total > total
        await pilot.press("z", "u")
        assert app.diff.unified and app.diff.screen_layout.unified
        await pilot.press("u")
        assert not app.diff.unified


@pytest.mark.asyncio
async def test_search_finds_and_steps_through_matches() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"Pezeshkian", "enter")
        matches = app._matches
        assert len(matches) > 3
        assert app.diff.cursor == matches[0]
        await pilot.press("n")
        assert app.diff.cursor == matches[1]
        status = str(app.query_one("#status").render())
        assert f"“Pezeshkian”: matching row 2/{len(matches)}" in status
        await pilot.press("escape")
        assert app.diff.search == "" and app._matches == []


@pytest.mark.asyncio
async def test_next_match_wraps_round_to_the_first() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Pezeshkian", "enter")
        matches = app._matches
        for _ in matches[1:]:
            await pilot.press("n")
        assert app.diff.cursor == matches[-1]
        await pilot.press("n")
        assert app.diff.cursor == matches[0]
        await pilot.press("N")
        assert app.diff.cursor == matches[-1]
        messages = notices(app)
        assert "No match below: back to the first one." in messages
        assert "No match above: on to the last one." in messages


@pytest.mark.asyncio
async def test_a_search_matching_only_hidden_rows_says_where_they_are() -> None:
    """The right article's "Published January 18, 2025" line is folded page clutter."""
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Published January", "enter")
        await pilot.pause()
        assert app._matches == []
        message = notices(app)[-1]
        assert "hidden row(s) match (z to show them)" in message, message
        await pilot.press("z")
        await settle(pilot)
        assert len(app._matches) >= 1  # with clutter shown, the search finds it


@pytest.mark.asyncio
async def test_search_ignores_quote_style() -> None:
    """The right article prints “each other’s”: typed with ASCII quotes, it is found."""
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"EACH OTHER'S", "enter")
        await pilot.pause()
        alignment, items = app.diff.alignment, app.diff.screen_layout.items
        rows = [alignment.rows[items[k].row] for k in app._matches]
        assert rows and all("each other’s" in alignment.right_text(row) for row in rows)


@pytest.mark.asyncio
async def test_m_jumps_between_a_moved_row_and_its_origin() -> None:
    app = build_app([SEED_FILES[1], SEED_FILES[2]])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        origin = next(k for k, item in enumerate(layout.items) if item.kind is ItemKind.ORIGIN)
        app.diff.select(origin)
        await pilot.press("m")
        moved = app.diff.cursor
        assert layout.items[moved].kind is ItemKind.ROW
        assert layout.items[moved].row == layout.items[origin].row
        await pilot.press("m")
        assert app.diff.cursor == origin


@pytest.mark.asyncio
async def test_help_opens_and_closes() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_help_scrolls_with_the_viewer_keys() -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help")
        assert scroll.max_scroll_y > 0  # the help is longer than a small terminal
        await pilot.press(*"j" * 12)  # a burst: every key counts (no animation restarted)
        await pilot.pause()
        assert scroll.scroll_y == min(12, scroll.max_scroll_y)
        await pilot.press("k", "k")
        await pilot.pause()
        assert scroll.scroll_y == min(12, scroll.max_scroll_y) - 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0


@pytest.mark.asyncio
async def test_diff_colours_cycle() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert app.style_name == "colorblind"
        assert app.diff.theme.name == "colorblind"


@pytest.mark.asyncio
async def test_q_quits() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_article_text_is_never_markup_or_an_action(tmp_path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("[@click=app.quit]Click me[/] and [bold red]x[/]\n\n\x1b[31mred\x1b[0m\n")
    plain = tmp_path / "plain.txt"
    plain.write_text("Something else entirely.\n")
    app = build_app([str(hostile), str(plain)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = [app.diff.screen_layout.line(y).plain for y in range(app.diff.screen_layout.total)]
        joined = "\n".join(lines)
        assert "[@click=app.quit]Click me[/]" in joined
        assert "\x1b" not in joined and "␛[31mred" in joined
        await pilot.click("DiffView", offset=(10, 1))
        await pilot.pause()
        assert app.is_running


@pytest.mark.asyncio
async def test_large_pair_first_screen_renders_only_what_is_visible(tmp_path) -> None:
    left = tmp_path / "left.txt"
    right = tmp_path / "right.txt"
    paragraphs = [
        f"Paragraph {k} reports figure {k * 7} from district {k % 97}." for k in range(5000)
    ]
    left.write_text("\n\n".join(paragraphs))
    edited = [p.replace("reports", "says") if k % 10 == 0 else p for k, p in enumerate(paragraphs)]
    right.write_text("\n\n".join(edited))
    app = build_app([str(left), str(right)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        assert len(layout.items) == 5000
        assert layout.rendered_items <= 60  # one screen of rows, not 5,000
        # Shown first with estimated heights, then the exact ones measured in a worker:
        assert layout.exact and layout.total == sum(layout.exact_heights())
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert layout.rendered_items <= 150


async def test_scroll_keys_and_article_list_toggle() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        diff = app.diff
        await pilot.press("j", "j")
        assert diff.scroll_offset.y == 2
        await pilot.press("k")
        assert diff.scroll_offset.y == 1
        await pilot.press("G")
        assert diff.scroll_offset.y == diff.max_scroll_y > 0
        await pilot.press("g")
        assert diff.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert diff.scroll_offset.y > 10
        assert app.articles.display
        await pilot.press("a")
        assert not app.articles.display
        await pilot.press("a")
        assert app.articles.display


@pytest.mark.asyncio
async def test_article_list_follows_the_terminal_width() -> None:
    """Shrinking below the narrow width hides the list, widening shows it again."""
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.articles.display
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert not app.articles.display and app.diff.size.width > 50
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.articles.display


@pytest.mark.asyncio
async def test_narrowing_while_searching_keeps_the_search_box() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "i", "r")
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        await pilot.press("a", "n", "enter")  # viewer keys too: they must reach the box
        await pilot.pause()
        assert app.diff.search == "iran" and not app.diff.unified


@pytest.mark.asyncio
async def test_ctrl_c_quits() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.asyncio
async def test_ctrl_c_quits_from_the_help_screen() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.asyncio
async def test_headline_markup_stays_text_in_the_pair_title(tmp_path) -> None:
    """An article's "[@click=...]" is shown as typed, never run as a Textual action."""
    hostile = tmp_path / "a.txt"
    hostile.write_text("[bold red]x[/] [@click=app.quit]z[/] Headline\n\nA paragraph here.\n")
    other = tmp_path / "b.txt"
    other.write_text("Other headline\n\nAnother paragraph here.\n")
    app = build_app([str(hostile), str(other)])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        shown = str(app.query_one("#pair-title").render())
        assert "[bold red]x[/] [@click=app.quit]z[/] Headline" in shown


@pytest.mark.asyncio
async def test_toggles_that_are_on_are_named_on_the_border() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.diff.border_subtitle
        await pilot.press("u", "c")
        assert app.diff.border_subtitle == "unified · changes only"
        await pilot.press("u", "c", "z")
        assert app.diff.border_subtitle == "clutter shown"


@pytest.mark.asyncio
async def test_keys_with_nothing_to_do_say_why() -> None:
    app = build_app(SEED_FILES[:4:3])  # 000 and 003: every paragraph changed
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert "no unchanged ones" in " ".join(notices(app))


@pytest.mark.asyncio
async def test_m_steps_through_moved_paragraphs_and_says_when_there_are_none() -> None:
    app = build_app(SEED_FILES[:4:3])  # 000 and 003: two moved paragraphs
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layout = app.diff.screen_layout
        moved = layout.moved_items()
        assert len(moved) == 2
        assert all(layout.alignment.rows[layout.items[k].row].moved for k in moved)
        await pilot.press("m")  # nothing selected: the first moved row
        assert app.diff.cursor == moved[0]
        await pilot.press("m")  # on a moved row: where it stood
        assert layout.items[app.diff.cursor].kind is ItemKind.ORIGIN
        await pilot.press("m")  # and back
        assert app.diff.cursor == moved[0]
    app = build_app(SEED_FILES[:2])  # 000 and 001: nothing moved
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert app.diff.cursor is None
        assert notices(app) == ["No paragraph of this pair was moved."]


@pytest.mark.asyncio
async def test_pane_title_counts_story_paragraphs_like_the_list() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left, right = app.diff.alignment.left, app.diff.alignment.right
        title = str(app.diff.border_title)
        assert f"L {len(left.story)} paragraphs + 1 clutter" in title
        assert f"R {len(right.story)} paragraphs + " in title


@pytest.mark.asyncio
async def test_search_starts_from_what_is_on_screen() -> None:
    """Like less: a search finds the first match on screen or below it, not the first one
    in the article (and says so when it has to go back to the top)."""
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        y = int(app.diff.scroll_offset.y)
        await pilot.press("slash", *"Putin", "enter")
        await pilot.pause()
        matches, layout = app._matches, app.diff.screen_layout
        assert app.diff.cursor == min(k for k in matches if layout.item_end(k) > y)
        assert app.diff.cursor != matches[0]


@pytest.mark.asyncio
async def test_choosing_the_other_article_of_the_pair_swaps_instead_of_self_compare() -> None:
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.articles.focus()
        app.articles.highlighted = 1  # the right article
        await pilot.press("l")
        await settle(pilot)
        assert (app.left_index, app.right_index) == (1, 0)
        app.articles.highlighted = 1  # now the left one: Enter would compare it with itself
        await pilot.press("enter")
        await settle(pilot)
        assert (app.left_index, app.right_index) == (0, 1)


@pytest.mark.asyncio
async def test_a_pane_too_narrow_for_two_columns_says_so() -> None:
    app = seeds_app()
    async with app.run_test(size=(70, 24)) as pilot:
        await settle(pilot)
        assert not app.articles.display and "one column" not in app.diff.border_subtitle
        await pilot.press("a")  # the list takes most of the width
        await pilot.pause()
        assert app.diff.screen_layout.unified
        assert app.diff.border_subtitle == "one column: too narrow for two"


@pytest.mark.asyncio
async def test_keys_pressed_while_comparing_say_so(monkeypatch) -> None:
    monkeypatch.setattr(NewsdiffApp, "start_compare", lambda self: None)  # never laid out
    app = seeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "m")
        await pilot.pause()
        messages = notices(app)
        assert messages == ["Still comparing: the rows come in a moment."] * 2


@pytest.mark.asyncio
@pytest.mark.parametrize("width", [46, 60, 66])
async def test_the_list_shown_on_a_narrow_terminal_leaves_the_comparison_its_room(width) -> None:
    """With ``a`` on a narrow terminal the list gives way, so the comparison is never laid
    out wider than it is drawn (its words were cut at the pane's edge); at 46 columns the
    pane is under 20 wide, once the layout's floor."""
    app = seeds_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.articles.display
        assert app.diff.screen_layout.width == app.diff.scrollable_content_region.width
