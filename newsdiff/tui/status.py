"""The status line: where the selection is, the search, and the pair's figures, shortened
step by step to fit the terminal (at 80 columns the whole line does not fit)."""

from __future__ import annotations

from rich.cells import cell_len

from newsdiff.model import Alignment
from newsdiff.render.labels import percent

SEPARATOR = " · "


def status_line(place: str, search: tuple[str, ...], alignment: Alignment, width: int) -> str:
    """``place`` ("change 3/40"), the search in its forms from the longest to the shortest
    (none without a search), then the pair's figures, as much as fits in ``width`` cells.

    The figures have the gutter markers as labels. Moved, split and merged rows are also
    counted among same/edited/reworded (their gutter shows the flag instead), so they come
    apart in brackets. What goes first on a narrow line: the brackets, the word counts,
    the row counts, the long form of the search, the similarity."""
    s = alignment.stats
    kinds = f"={s.same:,} ~{s.edited:,} ≈{s.reworded:,} +{s.inserted:,} −{s.deleted:,} ¶"
    flags = f"(↕{s.moved:,} ↺{s.repeated:,} <{s.split:,} >{s.merged:,})"
    rows = (f"{kinds} {flags}", kinds, "")
    if alignment.word_diffs:
        similarity: tuple[str, ...] = (f"{percent(alignment.similarity)} similar", "")
        words: tuple[str, ...] = (f"+{s.words_inserted:,} −{s.words_deleted:,} words", "")
    else:
        similarity, words = ("",), ("highlighting words…",)
    pieces = [(place,), search or ("",), similarity, rows, words]
    steps = [3, 4, 3, 1, 2]  # which piece takes its next form, in turn
    return fit(pieces, steps, width)


def fit(pieces: list[tuple[str, ...]], steps: list[int], width: int) -> str:
    """The pieces (each in its forms, the longest first; "" leaves it out) joined in order,
    taking the ``steps`` (indices of pieces to shorten by one form) until the line fits in
    ``width`` cells (a line that still does not fit is cut by the screen)."""
    chosen = [0] * len(pieces)

    def line() -> str:
        texts = (
            forms[min(form, len(forms) - 1)] for forms, form in zip(pieces, chosen, strict=True)
        )
        return SEPARATOR.join(text for text in texts if text)

    for step in steps:
        if cell_len(line()) <= width:
            break
        chosen[step] += 1
    return line()
