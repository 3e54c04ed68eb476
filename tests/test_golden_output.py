"""The one-shot text formats at a fixed width with colour off, against reviewed files.

Regenerate after an intended change with NEWSDIFF_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEEDS

from newsdiff.compare import compare
from newsdiff.document import load_document
from newsdiff.render.layout import LayoutOptions
from newsdiff.render.plain import PlainOptions, render_side, render_unified
from newsdiff.render.theme import get_theme

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = {
    "000_001_side_100": ("000", "001", render_side, 100, LayoutOptions()),
    "003_004_side_120": ("003", "004", render_side, 120, LayoutOptions()),
    "000_002_unified_80": ("000", "002", render_unified, 80, LayoutOptions()),
    "000_001_changes_only_100": ("000", "001", render_side, 100, LayoutOptions(changes_only=True)),
    "001_002_side_clutter_100": ("001", "002", render_side, 100, LayoutOptions(show_clutter=True)),
    "000_001_stacked_36": ("000", "001", render_side, 36, LayoutOptions()),
}


def _seed(prefix: str) -> str:
    return str(next(SEEDS.glob(f"{prefix}_*.txt")).relative_to(SEEDS.parent))


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_reviewed_golden_file(name: str, monkeypatch) -> None:
    monkeypatch.chdir(SEEDS.parent)
    left, right, render, width, layout = CASES[name]
    alignment = compare(load_document(_seed(left)), load_document(_seed(right)))
    options = PlainOptions(width=width, color=False, layout=layout)
    output = "\n".join(render(alignment, get_theme(), options)) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("NEWSDIFF_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")
    from rich.cells import cell_len

    assert max(cell_len(line) for line in output.splitlines()) <= width


def test_colour_unified_keeps_old_and_new_words_apart() -> None:
    """Struck old words and the new words of a rewording are separated by a space, so the
    line reads (and copies) as "republic Tehran", never "republicTehran"."""
    from newsdiff.inline import diff_words
    from newsdiff.model import Row, RowKind
    from newsdiff.render.text import unified_text

    spans = diff_words("looked to the Islamic republic as", "looked to Tehran as")
    row = Row(RowKind.EDITED, (0,), (0,), 0.5, spans=spans)
    coloured = unified_text(row, get_theme("default"), markers=False).plain
    assert coloured == "looked to the Islamic republic Tehran as"
    marked = unified_text(row, get_theme("default"), markers=True).plain
    assert marked == "looked to [-the Islamic republic-]{+Tehran+} as"


def test_pygments_styles_give_rewordings_a_colour_not_grey() -> None:
    """These styles' subheading colour is grey (monokai's is its comment colour): rewordings
    must not look like unchanged text, so a coloured token of the style stands in."""
    from newsdiff.render.theme import _is_colourful

    for name in ("monokai", "solarized-dark", "solarized-light", "dracula", "one-dark", "native"):
        colour = get_theme(name).replaced_left.color.name
        assert _is_colourful(colour.lstrip("#")), (name, colour)
    assert get_theme("monokai").replaced_left.color.name == "#66d9ef"  # its keyword colour
