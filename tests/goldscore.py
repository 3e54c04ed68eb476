"""Score an alignment (its JSON view) against hand-made gold, as ../shared/gold/README.md says.

1. Map each gold unit (a non-empty stripped line) to the paragraph holding it: compare
   after NFKC, ASCII quotes and whitespace collapsing; units found once are anchors kept
   in order; other units are searched between their anchors; then a fuzzy fallback
   (>= 0.9 of the unit's words in order inside a paragraph).
2. A row with both sides implies links between all units of its left and right
   paragraphs; where a paragraph holds several units, a pair needs content-word overlap
   coefficient >= 0.2.
3. Precision, recall, F1 over unit links; kind accuracy over matched links; clutter P/R.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
     "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"'}
)  # fmt: skip
_STOP = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been has have
    had it its this that these those which who whom whose their his her they he she we our you
    your not no would will said says say also than then there into over after before while
    about up out all any both either each other such so if""".split()
)
KINDS = {"same", "edited", "reworded"}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _norm(text).lower())


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    ca = {w for w in wa if w not in _STOP} or set(wa)
    cb = {w for w in wb if w not in _STOP} or set(wb)
    return len(ca & cb) / min(len(ca), len(cb)) if ca and cb else 0.0


def _chain(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of (unit, offset) pairs with increasing offsets."""
    tails: list[int] = []
    parent = [-1] * len(items)
    for k, (_, x) in enumerate(items):
        t = bisect.bisect_left([items[i][1] for i in tails], x)
        if t == len(tails):
            tails.append(k)
        else:
            tails[t] = k
        parent[k] = tails[t - 1] if t else -1
    out, k = [], tails[-1] if tails else -1
    while k >= 0:
        out.append(items[k])
        k = parent[k]
    return out[::-1]


def map_units(units: list[str], paragraphs: list[dict]) -> list[int | None]:
    """Paragraph index holding each unit, or None."""
    texts = [_norm(p["text"]) for p in paragraphs]
    starts, total = [], 0
    for text in texts:
        starts.append(total)
        total += len(text) + 1
    whole = "\n".join(texts)
    normed = [_norm(u) for u in units]
    found = [[m.start() for m in re.finditer(re.escape(u), whole)] if u else [] for u in normed]
    at: list[int | None] = [None] * len(units)
    for k, x in _chain([(k, f[0]) for k, f in enumerate(found) if len(f) == 1]):
        at[k] = x
    for k, unit in enumerate(normed):
        if at[k] is not None or not found[k]:
            continue
        lo = max((at[i] + len(normed[i]) for i in range(k) if at[i] is not None), default=0)
        hi = min((at[i] for i in range(k + 1, len(units)) if at[i] is not None), default=total)
        inside = [x for x in found[k] if lo <= x and x + len(unit) <= hi]
        after = [x for x in found[k] if x >= lo]
        at[k] = (inside or after or found[k])[0]
    mapped = [bisect.bisect_right(starts, x) - 1 if x is not None else None for x in at]
    for k, unit in enumerate(normed):
        unit_words = _words(unit)
        if mapped[k] is not None or len(unit_words) < 3:
            continue
        best, best_q = 0.0, None
        for q, text in enumerate(texts):
            matcher = difflib.SequenceMatcher(None, _words(text), unit_words, autojunk=False)
            kept = sum(b.size for b in matcher.get_matching_blocks()) / len(unit_words)
            if kept > best:
                best, best_q = kept, q
        if best >= 0.9:
            mapped[k] = best_q
    return [paragraphs[q]["index"] if q is not None else None for q in mapped]


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    kind_accuracy: float | None
    clutter_precision: float
    clutter_recall: float
    missed: list[tuple[int, int]]
    spurious: list[tuple[int, int]]


def _prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
    if system == 0 and gold == 0:
        return 1.0, 1.0, 1.0
    p = hit / system if system else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict, system: dict) -> Score:
    left_units, right_units = gold["left_units"], gold["right_units"]
    left_map = map_units(left_units, system["left"]["paragraphs"])
    right_map = map_units(right_units, system["right"]["paragraphs"])
    in_left: dict[int, list[int]] = {}
    in_right: dict[int, list[int]] = {}
    for u, p in enumerate(left_map):
        if p is not None:
            in_left.setdefault(p, []).append(u)
    for v, q in enumerate(right_map):
        if q is not None:
            in_right.setdefault(q, []).append(v)
    links: dict[tuple[int, int], str] = {}
    for row in system["rows"]:
        for p in row["left"] if row["right"] else ():
            for q in row["right"]:
                multi = len(in_left.get(p, ())) > 1 or len(in_right.get(q, ())) > 1
                for u in in_left.get(p, ()):
                    for v in in_right.get(q, ()):
                        if multi and _overlap(left_units[u], right_units[v]) < 0.2:
                            continue
                        links.setdefault((u, v), row["kind"])
    expected = {(i, j): kind for i, j, kind in gold["links"]}
    hits = set(expected) & set(links)
    precision, recall, f1 = _prf(len(hits), len(links), len(expected))
    right_kinds = sum(links[key] == expected[key] for key in hits)
    flags = [
        {p["index"]: p.get("clutter", False) for p in system[side]["paragraphs"]}
        for side in ("left", "right")
    ]
    gold_clutter = {("L", u) for u in gold["clutter_left"]} | {
        ("R", v) for v in gold["clutter_right"]
    }
    flagged = {("L", u) for u, p in enumerate(left_map) if p is not None and flags[0][p]}
    flagged |= {("R", v) for v, q in enumerate(right_map) if q is not None and flags[1][q]}
    clutter_p, clutter_r, _ = _prf(len(gold_clutter & flagged), len(flagged), len(gold_clutter))
    return Score(
        round(precision, 4), round(recall, 4), round(f1, 4),
        round(right_kinds / len(hits), 4) if hits else None,
        round(clutter_p, 4), round(clutter_r, 4),
        sorted(set(expected) - hits), sorted(set(links) - hits),
    )  # fmt: skip
