"""Links for text that appears more than once: twins printed twice in a row, lone
datelines, headline copies and standfirsts that repeat part of the lead.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.pairing import Bead, Scorer
from newsdiff.similarity import Features, Weights, dice, is_lone_dateline


def link_repeats(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """Link leftovers that repeat text found elsewhere: a copy of a paragraph of the same
    side inherits that paragraph's counterpart (a headline printed three times); a
    paragraph almost wholly contained in one of the other side links to it (a standfirst
    repeating part of the lead), and so does one much like an already linked paragraph of
    the other side that was not kept unchanged (one version telling the same thing twice).
    Two leftovers that repeat each other make one row, not one from each side.
    """
    config = scorer.config
    made: set[tuple[int, int]] = set()
    shown: set[int] = set()  # ids of leftover beads whose link another row already shows
    for side in ("left", "right"):
        own, other = (scorer.left, scorer.right) if side == "left" else (scorer.right, scorer.left)
        counterpart: dict[int, int] = {}
        linked_other: set[int] = set()
        for bead in beads:
            mine, theirs = (bead.left, bead.right) if side == "left" else (bead.right, bead.left)
            if theirs and mine:
                if not _kept_as_is(bead, scorer):  # a kept paragraph and a new one like it
                    linked_other.update(theirs)  # are two facts, not one told twice
                if not bead.repeat:
                    counterpart.update((k, theirs[0]) for k in mine)
        own_index = scorer.index(side)
        index = scorer.index("right" if side == "left" else "left")
        for bead in beads:
            mine, theirs = (bead.left, bead.right) if side == "left" else (bead.right, bead.left)
            if len(mine) != 1 or theirs:
                continue
            f = own[mine[0]]
            if f.clutter or len(f.stems) < config.repeat_min_stems:
                continue
            copy_of = _best_copy(f, own, own_index.candidates(f, counterpart), scorer.weights)
            if copy_of is not None:
                target: int | None = counterpart[copy_of]
            else:
                target = _repeated_in(f, other, index.candidates(f), linked_other, scorer)
            if target is None:
                continue
            link = (mine[0], target) if side == "left" else (target, mine[0])
            if link in made:
                shown.add(id(bead))
                continue
            made.add(link)
            if side == "left":
                bead.right = (target,)
            else:
                bead.left = (target,)
            bead.score, bead.repeat = dice(f.stems, other[target].stems, scorer.weights), True
    return [bead for bead in beads if id(bead) not in shown]


def _kept_as_is(bead: Bead, scorer: Scorer) -> bool:
    """A row pairing a paragraph with an unchanged copy of itself."""
    return (
        len(bead.left) == len(bead.right) == 1
        and scorer.left[bead.left[0]].key == scorer.right[bead.right[0]].key
    )


def _repeated_in(
    f: Features, other: Sequence[Features], candidates: list[int], linked: set[int], scorer: Scorer
) -> int | None:
    """The paragraph of the other side that ``f`` repeats: one holding nearly all of its
    words, else a linked one much like it. (``containment`` and, for a linked paragraph,
    ``dice`` of the two, from one intersection: the same figures.)"""
    weights = scorer.weights
    mass = weights.set_mass(f.stems)
    if not mass:
        return None
    contained, contained_k, closest, closest_k = 0.0, -1, 0.0, -1
    for k in candidates:
        o = other[k]
        if o.role != f.role:
            continue
        shared = weights.mass(f.stems & o.stems)
        if shared / mass > contained:
            contained, contained_k = shared / mass, k
        if k in linked and o.stems:
            d = 2.0 * shared / (mass + weights.set_mass(o.stems))
            if d > closest:
                closest, closest_k = d, k
    if contained >= scorer.config.repeat_containment:
        return contained_k
    if closest >= scorer.config.repeat_similarity:
        return closest_k
    return None


def _best_copy(
    f: Features,
    own: Sequence[Features],
    candidates: list[int],
    weights: Weights,
    near: float = 0.75,
) -> int | None:
    """A linked paragraph of the same side that ``f`` copies (same text, or nearly). A
    candidate whose stems weigh too little or too much to reach the best so far is not
    scored (Dice is at most 2 min(a, b) / (a + b) of the two weights). The search goes on
    after an exact copy: Dice of two equal stem sets can round above 1."""
    best, best_k = near, None
    mass = weights.set_mass(f.stems)
    for k in candidates:
        g = own[k]
        if g.role != f.role:
            continue
        if g.key == f.key:
            s = 1.0
        else:
            other = weights.set_mass(g.stems)
            if 2.0 * min(mass, other) < (best - 1e-9) * (mass + other):
                continue
            s = dice(f.stems, g.stems, weights)
        if s >= best and (best_k is None or s > best):
            best, best_k = s, k
    return best_k


def attach_twins(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """A paragraph printed twice in a row (a repeated caption) is a repeat of its twin: a
    row of its own beside the twin's, linked to the same counterpart (not a split: nothing
    was broken up)."""
    paired_left = {i: b for b in beads if b.left and b.right and not b.moved for i in b.left}
    paired_right = {j: b for b in beads if b.left and b.right and not b.moved for j in b.right}
    for bead in beads:
        if len(bead.left) + len(bead.right) != 1:
            continue
        mine, paired, feats = (
            ("left", paired_left, scorer.left)
            if bead.left
            else ("right", paired_right, scorer.right)
        )
        k = (bead.left or bead.right)[0]
        twin = next(
            (paired[t] for t in (k - 1, k + 1) if t in paired and feats[t].key == feats[k].key),
            None,
        )
        if twin is None:
            continue
        theirs = "right" if mine == "left" else "left"
        setattr(bead, theirs, getattr(twin, theirs))
        bead.score = twin.score
        own = getattr(twin, mine)
        # The later copy is the repeat, so the row that reads first is the pair.
        (twin if len(own) == 1 and k < own[0] else bead).repeat = True
        paired[k] = bead
    return beads


def attach_datelines(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """A dateline on its own line ("MOSCOW:") links to the paragraph of the other side that
    opens with the same dateline: it joins that paragraph's row when the row holds its own
    next paragraph (a lead split after the dateline), else it gets a row of its own."""
    out: list[Bead] = []
    for k, bead in enumerate(beads):
        if len(bead.left) + len(bead.right) != 1:
            out.append(bead)
            continue
        side = "left" if bead.left else "right"
        own, other = (scorer.left, scorer.right) if side == "left" else (scorer.right, scorer.left)
        index = (bead.left or bead.right)[0]
        f = own[index]
        if f.clutter or not is_lone_dateline(f):
            out.append(bead)
            continue
        target = next(
            (t for t, g in enumerate(other) if g.dateline == f.dateline and g.tokens != f.tokens),
            None,
        )
        if target is None:
            out.append(bead)
            continue
        following = beads[k + 1] if k + 1 < len(beads) else None
        theirs = "right" if side == "left" else "left"
        if (
            following
            and index + 1 in getattr(following, side)
            and target in getattr(following, theirs)
        ):
            setattr(following, side, (index, *getattr(following, side)))
            continue
        setattr(bead, theirs, (target,))
        bead.score, bead.repeat = (
            scorer.pair(*((index, target) if side == "left" else (target, index))),
            True,
        )
        out.append(bead)
    return out
