"""Openings: the headline and the lead (the paragraph that opens the story proper).

Two versions of one story carry a headline on the same news and open on the same news, even
when another agency tells it in other words and the two share little vocabulary; a later
paragraph that repeats the leaders' names and the signing can look closer to the other lead
than the real lead does. So headlines and leads are found by position and paired first,
when nothing says they are not a pair.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.pairing import Bead, Scorer
from newsdiff.similarity import Features, is_lone_dateline

OPENING_SEARCH = 40  # headline and lead are among an article's first paragraphs
LEAD_MIN_WORDS = 15  # without a dateline: the first body paragraph of sentence length
OPENING_MIN_SIMILARITY = 0.1  # openings sharing less than this are not paired by position
RIVAL_SIMILARITY = 0.5  # an opening this close to another paragraph pairs with that one


def find_headline(paragraphs: Sequence[Features]) -> tuple[int, ...]:
    """The first heading of the article, before any body text; () if there is none."""
    for k, f in enumerate(paragraphs[:OPENING_SEARCH]):
        if f.clutter or f.role == "caption":
            continue
        return (k,) if f.role == "heading" else ()
    return ()


def find_lead(paragraphs: Sequence[Features]) -> tuple[int, ...]:
    """Indices of the lead: the first body paragraph of sentence length, or a paragraph
    opening with a dateline before it (a lone dateline line takes the paragraph right
    after it); () when the top of the article has none."""
    top = [
        (k, f)
        for k, f in enumerate(paragraphs[:OPENING_SEARCH])
        if not f.clutter and f.role == "body"
    ]
    for position, (k, f) in enumerate(top):
        if f.dateline:
            if not is_lone_dateline(f):
                return (k,)
            if position + 1 < len(top) and top[position + 1][0] == k + 1:
                return (k, k + 1)
        if len(f.tokens) >= LEAD_MIN_WORDS:
            return (k,)
    return ()


def pair_openings(scorer: Scorer) -> list[Bead]:
    """Rows pairing the two headlines and the two leads, in order. An opening is left out
    when either side lacks it, the two share too little, or one of them is much closer to
    some other paragraph (a lead deleted in one version)."""
    beads: list[Bead] = []
    for find in (find_headline, find_lead):
        found = _pair(scorer, find(scorer.left), find(scorer.right))
        if found and (not beads or _follows(beads[-1], found[0])):
            beads.extend(found)
    return beads


def _pair(scorer: Scorer, left: tuple[int, ...], right: tuple[int, ...]) -> list[Bead]:
    if not left or not right:
        return []
    i, j = left[-1], right[-1]
    similarity = scorer.pair(i, j)
    if similarity < OPENING_MIN_SIMILARITY:
        return []
    rival = max(similarity, RIVAL_SIMILARITY)
    if any(scorer.pair(i, k) > rival for k in scorer.index("right").candidates(scorer.left[i])):
        return []
    if any(scorer.pair(k, j) > rival for k in scorer.index("left").candidates(scorer.right[j])):
        return []
    left = _dateline_kept(left, scorer.left, scorer.right[right[0]])
    right = _dateline_kept(right, scorer.right, scorer.left[left[0]])
    if len(left) == len(right) == 2:  # a lone dateline on each side: datelines pair up
        return [
            Bead(left[:1], right[:1], scorer.pair(left[0], right[0])),
            Bead(left[1:], right[1:], similarity),
        ]
    return [Bead(left, right, similarity)]


def _follows(before: Bead, after: Bead) -> bool:
    return after.left[0] > before.left[-1] and after.right[0] > before.right[-1]


def _dateline_kept(
    lead: tuple[int, ...], own: Sequence[Features], other: Features
) -> tuple[int, ...]:
    """A lone dateline stays in the lead only if the other lead opens with the same place."""
    if len(lead) == 2 and own[lead[0]].dateline != other.dateline:
        return lead[1:]
    return lead
