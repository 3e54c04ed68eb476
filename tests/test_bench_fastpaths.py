"""The speed-ups give exactly the output of the straightforward code they replace.

``render_json`` must hold exactly ``to_dict``, one paragraph or row per line; the
side-by-side fast paths (own word wrap for single-cell text, plain strings without colour)
must equal Rich's own wrapping, with and without colour, at several widths, including text
that is not single-cell (CJK, emoji, zero-width characters), over-long words, runs of spaces
and control characters.
"""

from __future__ import annotations

import gc
import json
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import align, article
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newsdiff.compare import compare
from newsdiff.document import build_document
from newsdiff.render import cells
from newsdiff.render.json import json_pieces, render_json, to_dict
from newsdiff.render.layout import LayoutOptions
from newsdiff.render.plain import PlainOptions, render_side, render_unified
from newsdiff.render.theme import get_theme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate

TRICKY = [
    "Short.",
    "A" * 130 + " then a word wider than any column, and " + "b" * 75 + " again.",
    "Spaces   inside    the   text   and a non-breaking\u00a0space\u00a0here, “quotes” — dash.",
    "東京で会議が開かれた。政府は新しい計画を発表した。" * 3,
    "Emoji 🎉 in the 🎉 text and zero\u200bwidth\u200bspaces plus cafe\u0301 accents.",
    "Tab\tand control \x1b[31m characters\x07 in the copy, and a \u202e bidi override.",
    "Numbers 42.7 percent, $318.5 million, 1,250 people; " + "word " * 40,
]


def _pair() -> tuple[list[str], list[str]]:
    pair = generate(60, seed=3)
    left, right = list(pair["left_units"]), list(pair["right_units"])
    left[5:5] = TRICKY
    right[9:9] = [t.replace("the", "a") for t in TRICKY[::-1]]
    return left, right


@pytest.fixture(scope="module")
def alignment():
    return align(*_pair())


def test_json_writer_gives_the_model_one_record_per_line(alignment) -> None:
    text = render_json(alignment)
    model = to_dict(alignment)
    assert json.loads(text) == model
    lines = text.splitlines()
    for record in (*model["left"]["paragraphs"], *model["right"]["paragraphs"], *model["rows"]):
        assert json.dumps(record, ensure_ascii=False) in {
            line.strip().rstrip(",") for line in lines
        }
    records = len(model["left"]["paragraphs"]) + len(model["right"]["paragraphs"])
    frame = 22 + len(model["stats"])  # the fixed lines around them, one per stat
    assert len(lines) == records + len(model["rows"]) + frame


def test_json_of_a_big_pair_comes_in_pieces() -> None:
    """The written text never exists whole (a 50,000-paragraph pair's took 0.4 GB)."""
    pair = generate(2500, seed=5)
    alignment = align(pair["left_units"], pair["right_units"])
    pieces = list(json_pieces(alignment))
    assert "".join(pieces) == render_json(alignment)
    assert max(map(len, pieces)) < len(render_json(alignment)) / 4


def test_a_comparison_makes_no_reference_cycles() -> None:
    """It runs with the collector off and freezes what it made: a cycle would be kept
    for ever (the scorer and its rare-stem index once referred to each other)."""
    pair = generate(300, seed=6)
    left = build_document(article(*pair["left_units"]), "left.txt")
    right = build_document(article(*pair["right_units"]), "right.txt")
    gc.collect()
    gc.disable()
    try:
        for word_diffs in (True, False):
            result = compare(left, right, word_diffs=word_diffs)
            del result
            assert gc.collect() == 0, word_diffs
    finally:
        gc.enable()


def test_a_comparison_leaves_its_objects_to_no_collection() -> None:
    """Its millions of objects are frozen, not left for the next collection to walk."""
    left, right = _pair()
    gc.collect()
    frozen = gc.get_freeze_count()
    result = align(left, right)
    assert gc.get_freeze_count() > frozen + len(result.rows)
    assert gc.get_count()[0] < 1000
    gc.unfreeze()


def test_a_comparison_in_a_worker_thread_freezes_nothing() -> None:
    """The viewer's workers: freezing there would keep the UI's garbage for ever."""
    left, right = _pair()
    gc.collect()
    frozen = gc.get_freeze_count()
    worker = threading.Thread(target=align, args=(left, right))
    worker.start()
    worker.join()
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("changes_only", [False, True])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [36, 57, 100, 200])
@pytest.mark.parametrize("render", [render_side, render_unified])
def test_fast_wrapping_equals_rich_wrapping(
    alignment, monkeypatch, render, width, color, changes_only
) -> None:
    theme = get_theme("default")
    options = PlainOptions(
        width=width, color=color, layout=LayoutOptions(changes_only=changes_only)
    )
    fast = list(render(alignment, theme, options))
    monkeypatch.setattr(cells, "FAST_PATHS", False)
    assert fast == list(render(alignment, theme, options))


@pytest.mark.parametrize(
    "title", ["A plain headline that is far longer than the narrow terminal", "東京で会議" * 9]
)
def test_plain_header_is_cut_like_rich(alignment, monkeypatch, title: str) -> None:
    """Headers (cut with an ellipsis), folds and move notes of the Rich-free side view."""
    named = replace(alignment, left=replace(alignment.left, title=title))
    options = PlainOptions(width=60, layout=LayoutOptions(changes_only=True))
    fast = list(render_side(named, None, options))
    assert any("⋯" in line for line in fast) and any("↳" in line for line in fast)
    monkeypatch.setattr(cells, "FAST_PATHS", False)
    assert fast == list(render_side(named, get_theme(), options))
    assert cell_len(fast[0]) <= 60 and fast[0].endswith("…")


def test_single_cell_table_agrees_with_rich() -> None:
    assert all(cell_len(char) == 1 for char in cells.SINGLE_CELL)


@pytest.mark.parametrize("depth", ["truecolor", "256", "standard"])
@pytest.mark.parametrize("style", ["default", "colorblind", "monokai"])
def test_painted_rows_equal_rich_on_every_seed_pair(monkeypatch, style, depth) -> None:
    """Colour side by side written as ANSI strings (render/ansi.py) gives Rich's bytes, for
    every seed pair, colour scheme and colour depth."""
    from itertools import combinations

    from conftest import SEEDS
    from rich.style import Style

    from newsdiff.compare import compare
    from newsdiff.document import load_document
    from newsdiff.render import theme as themes

    # Rich remembers a style's codes from the first colour depth it was rendered at (on the
    # style and in its cache of combined styles): one process draws at one depth, this
    # test at three, so each starts afresh.
    Style._add.cache_clear()
    themes._builtin.cache_clear()
    theme = get_theme(style)
    documents = [load_document(str(path)) for path in sorted(SEEDS.glob("*.txt"))]
    options = PlainOptions(width=130, color=True, color_depth=depth)
    for left, right in combinations(documents, 2):
        alignment = compare(left, right)
        monkeypatch.setattr(cells, "FAST_PATHS", True)
        painted = list(render_side(alignment, theme, options))
        monkeypatch.setattr(cells, "FAST_PATHS", False)
        assert painted == list(render_side(alignment, theme, options)), (left.path, right.path)
        assert any("\x1b[" in line for line in painted)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abcdefg ., \u00a0—’")), max_size=120),
    st.integers(min_value=1, max_value=40),
)
def test_line_breaks_by_rfind_equal_rich_word_by_word(text: str, width: int) -> None:
    """The rfind line breaker gives exactly the breaks of the word-by-word transcription
    of Rich's divide_line, folds of over-long words and hanging spaces included."""
    assert cells.break_offsets(text, width) == cells._break_offsets_by_word(text, width)


@pytest.mark.parametrize("score", [0.0, 1.0, 0.1 + 0.2, 5e-324, 1e22, float("nan"), float("inf")])
def test_row_records_write_scores_as_the_json_encoder_does(score: float) -> None:
    from newsdiff.model import Row, RowKind, Span, SpanOp
    from newsdiff.render.json import _compact, _row, _row_record

    row = Row(RowKind.EDITED, (1,), (2, 3), score, spans=(Span(SpanOp.EQUAL, "a\u2028", "a"),))
    assert _row_record(row) == _compact(_row(row))
