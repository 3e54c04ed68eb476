"""What a view shows of an alignment: folds, clutter on show, changes only."""

from __future__ import annotations

from helpers import PARAGRAPHS, article

from newsdiff.compare import compare
from newsdiff.document import build_document
from newsdiff.render.labels import fold_text
from newsdiff.render.layout import ItemKind, LayoutOptions, layout

CLUTTER = ["Share via", "Text size:"]


def _alignment():
    left = build_document(article(*PARAGRAPHS[:3]), "left.txt")
    right = build_document(article(*PARAGRAPHS[:2], *CLUTTER, PARAGRAPHS[2]), "right.txt")
    return compare(left, right)


def test_clutter_is_folded_by_default() -> None:
    alignment = _alignment()
    assert [p.text for p in alignment.right.paragraphs if p.clutter] == CLUTTER
    folds = [item for item in layout(alignment) if item.kind is ItemKind.FOLD]
    assert [(f.count, f.label) for f in folds] == [(2, "clutter")]
    assert fold_text(folds[0]) == "⋯ 2 clutter paragraphs hidden (--clutter shows them)"


def test_clutter_on_show_is_headed_by_a_line_saying_so() -> None:
    alignment = _alignment()
    items = layout(alignment, LayoutOptions(show_clutter=True))
    kinds = [item.kind for item in items]
    at = kinds.index(ItemKind.FOLD)
    assert items[at].label == "clutter shown" and items[at].count == 2
    shown = [alignment.rows[item.row] for item in items[at + 1 : at + 3]]
    right = alignment.right.paragraphs
    assert [right[row.right[0]].text for row in shown] == CLUTTER
    assert kinds.count(ItemKind.ROW) == len(alignment.rows)
    assert fold_text(items[at], clutter_switch="z") == "⋯ page clutter: 2 paragraphs (z folds them)"
