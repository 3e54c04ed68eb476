"""The simplest paragraph aligner a user could write: the bar newsdiff has to clear.

    python benchmarks/baseline_difflib.py LEFT RIGHT > out.json

Paragraphs are blocks separated by blank lines. ``difflib.SequenceMatcher`` matches
identical paragraphs; inside each replaced block every left paragraph is paired with the
most similar unused right one (word-level ``SequenceMatcher.ratio`` >= 0.5), greedily.
No moves, splits or merges. Prints newsdiff's JSON shape (``left``/``right`` paragraphs
and ``rows``), so ``truth_score.py`` scores it the same way. Standard library only.
Cost: O(n) for mostly-identical documents plus O(a*b) per replaced block of a x b
paragraphs (blocks above 60 x 60 are paired by position instead).
"""

from __future__ import annotations

import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

MAX_BLOCK = 60
MIN_RATIO = 0.5


def paragraphs(text: str) -> list[str]:
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _pair_block(left: list[list[str]], right: list[list[str]], i0: int, j0: int) -> list[dict]:
    rows: list[dict] = []
    if len(left) > MAX_BLOCK or len(right) > MAX_BLOCK:
        for k in range(max(len(left), len(right))):
            lo, ro = [i0 + k] if k < len(left) else [], [j0 + k] if k < len(right) else []
            rows.append({"kind": "edited" if lo and ro else "deleted" if lo else "inserted",
                         "left": lo, "right": ro})  # fmt: skip
        return rows
    used: set[int] = set()
    paired: dict[int, int] = {}
    for a, words in enumerate(left):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words)
        best, best_b = MIN_RATIO, -1
        for b, other in enumerate(right):
            if b in used:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= best and matcher.ratio() >= best:
                best, best_b = matcher.ratio(), b
        if best_b >= 0:
            used.add(best_b)
            paired[a] = best_b
    for a in range(len(left)):
        rows.append({"kind": "edited" if a in paired else "deleted", "left": [i0 + a],
                     "right": [j0 + paired[a]] if a in paired else []})  # fmt: skip
    rows += [{"kind": "inserted", "left": [], "right": [j0 + b]}
             for b in range(len(right)) if b not in used]  # fmt: skip
    return rows


def align(left: list[str], right: list[str]) -> list[dict]:
    rows: list[dict] = []
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [{"kind": "same", "left": [i], "right": [j]}
                     for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]  # fmt: skip
        else:
            lw = [p.split() for p in left[i1:i2]]
            rw = [p.split() for p in right[j1:j2]]
            rows += _pair_block(lw, rw, i1, j1)
    return rows


def main() -> None:
    left, right = (paragraphs(Path(p).read_text(encoding="utf-8")) for p in sys.argv[1:3])
    doc = {
        "left": {"paragraphs": [{"index": i, "text": t} for i, t in enumerate(left)]},
        "right": {"paragraphs": [{"index": j, "text": t} for j, t in enumerate(right)]},
        "rows": align(left, right),
    }
    json.dump(doc, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
