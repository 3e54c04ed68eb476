"""The status line shortens piece by piece to fit the terminal, and keeps what matters."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.cells import cell_len
from tui_helpers import SEED_FILES, seeds_app, settle

from newsdiff.compare import compare
from newsdiff.document import load_document
from newsdiff.tui.status import SEPARATOR, status_line

PAIR = compare(load_document(SEED_FILES[0]), load_document(SEED_FILES[1]))
BIG = replace(  # figures of a 10,000-paragraph pair
    PAIR,
    stats=replace(
        PAIR.stats, same=6466, edited=2215, reworded=506, inserted=395, deleted=412,
        moved=408, repeated=5, split=267, merged=406, words_inserted=44193, words_deleted=46634,
    ),
)  # fmt: skip
SEARCH = ("“minister”: matching row 1/3,680", "“minister” 1/3,680")


def test_a_wide_line_has_every_figure() -> None:
    s = PAIR.stats
    line = status_line("change 1/24", (), PAIR, 200)
    assert line == SEPARATOR.join(
        [
            "change 1/24",
            f"{PAIR.similarity:.0%} similar",
            f"={s.same} ~{s.edited} ≈{s.reworded} +{s.inserted} −{s.deleted} ¶ "
            f"(↕{s.moved} ↺{s.repeated} <{s.split} >{s.merged})",
            f"+{s.words_inserted} −{s.words_deleted} words",
        ]
    )


@pytest.mark.parametrize("search", [(), SEARCH])
def test_narrower_lines_drop_the_least_wanted_first(search) -> None:
    full = status_line("change 1/4,482", search, BIG, 500)
    shortest = status_line("change 1/4,482", search, BIG, 0)  # the place and the search
    assert shortest == SEPARATOR.join(["change 1/4,482", *search[-1:]])
    previous = full
    for width in range(cell_len(full), 10, -1):
        line = status_line("change 1/4,482", search, BIG, width)
        assert line.startswith("change 1/4,482")
        if cell_len(previous) <= width:
            assert line == previous  # nothing is dropped that fits
        previous = line
        if cell_len(line) > width:  # only the place and the search are left to cut
            assert line == shortest
    at_80 = status_line("change 1/4,482", search, BIG, 78)
    assert cell_len(at_80) <= 78
    assert "92% similar" in at_80 or f"{BIG.similarity:.0%} similar" in at_80
    assert "(↕" not in at_80  # the brackets went first


def test_the_order_things_go_in() -> None:
    lines = [status_line("c", SEARCH, BIG, width) for width in range(200, 0, -1)]
    kept = [line for k, line in enumerate(lines) if k == 0 or line != lines[k - 1]]
    assert [("(↕" in x, "words" in x, "¶" in x, "matching" in x, "similar" in x) for x in kept] == [
        (True, True, True, True, True),
        (False, True, True, True, True),
        (False, False, True, True, True),
        (False, False, False, True, True),
        (False, False, False, False, True),
        (False, False, False, False, False),
    ]


def test_before_the_highlights_it_says_so() -> None:
    quick = compare(PAIR.left, PAIR.right, word_diffs=False)
    assert status_line("3 changes", (), quick, 200).endswith(") · highlighting words…")


async def test_the_viewers_status_fits_a_narrow_terminal() -> None:
    app = seeds_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        status = app.query_one("#status")
        assert cell_len(str(status.render())) <= 58
        assert "similar" in str(status.render())
        await pilot.resize_terminal(160, 30)
        await settle(pilot)
        assert "words" in str(status.render())
