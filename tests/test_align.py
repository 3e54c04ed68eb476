"""The aligner on small constructed articles: one behaviour per test."""

from __future__ import annotations

from itertools import combinations, permutations

from conftest import SEEDS
from helpers import PARAGRAPHS as P
from helpers import align, links

from newsdiff.compare import add_word_diffs, compare
from newsdiff.document import load_document
from newsdiff.model import Document, RowKind, SpanOp
from newsdiff.render.json import to_dict


def test_identical_articles_align_one_to_one_as_same() -> None:
    result = align(P, P)
    assert [(r.left, r.right, r.kind) for r in result.rows] == [
        ((k,), (k,), RowKind.SAME) for k in range(len(P))
    ]
    assert not result.has_differences


def test_quote_dash_and_space_styles_are_same() -> None:
    left = ['He said "no" - twice.', *P[:2]]
    right = ["He  said “no” — twice.", *P[:2]]
    assert align(left, right).rows[0].kind is RowKind.SAME


def test_a_change_of_case_is_an_edit_not_cosmetic() -> None:
    left = ["Apple shares fell 3% after the Senate vote.", *P[:2]]
    right = ["apple shares fell 3% after the senate vote.", *P[:2]]
    row = align(left, right).rows[0]
    assert row.kind is RowKind.EDITED
    assert ("replace", "Apple", "apple") in [(s.op.value, s.left, s.right) for s in row.spans]


def test_inserted_paragraph_is_an_insertion() -> None:
    extra = "A spokesman for the ministry declined to comment on the figures late on Monday."
    result = align(P, [*P[:3], extra, *P[3:]])
    inserted = [r for r in result.rows if r.kind is RowKind.INSERTED]
    assert [r.right for r in inserted] == [(3,)]
    assert all(r.kind is RowKind.SAME for r in result.rows if r is not inserted[0])


def test_deleted_paragraph_is_a_deletion() -> None:
    result = align(P, P[:4] + P[5:])
    assert [r.left for r in result.rows if r.kind is RowKind.DELETED] == [(4,)]


def test_edited_paragraph_pairs_as_edited() -> None:
    edited = P[1].replace("7.4 percent", "7.6 percent").replace("highest", "steepest")
    result = align(P, [*P[:1], edited, *P[2:]])
    row = next(r for r in result.rows if r.left == (1,))
    assert row.right == (1,) and row.kind is RowKind.EDITED


def test_reworded_paragraph_pairs_as_reworded() -> None:
    reworded = (
        "Consumer prices climbed 7.4 percent last month, a pace not seen since record keeping "
        "started in 1991, official data showed in October."
    )
    result = align(P, [*P[:1], reworded, *P[2:]])
    row = next(r for r in result.rows if r.left == (1,))
    assert row.right == (1,) and row.kind is RowKind.REWORDED


def test_split_paragraph_links_to_both_halves() -> None:
    long = P[0][:-1] + ", and " + P[1][0].lower() + P[1][1:]
    first, second = long.split(", and ")
    result = align([long, *P[2:]], [first + ".", second[0].upper() + second[1:], *P[2:]])
    assert ((0,), (0, 1)) in links(result)
    assert next(r for r in result.rows if r.left == (0,)).is_split


def test_merged_paragraphs_link_to_one() -> None:
    merged = P[2] + " " + P[3]
    result = align(P, [*P[:2], merged, *P[4:]])
    assert ((2, 3), (2,)) in links(result)
    assert result.stats.merged == 1


def test_dateline_on_its_own_line_merges_into_the_lead() -> None:
    result = align(["MOSCOW:", P[0], *P[1:4]], [f"MOSCOW: {P[0]}", *P[1:4]])
    assert ((0, 1), (0,)) in links(result)


def test_moved_paragraph_is_linked_and_flagged() -> None:
    moved = [P[0], P[1], P[3], P[4], P[5], P[6], P[2], P[7]]
    result = align(P, moved)
    row = next(r for r in result.rows if r.left == (2,))
    assert row.right == (6,) and row.moved
    assert sum(r.moved for r in result.rows) == 1


def test_moved_and_edited_paragraph_is_still_found() -> None:
    edited = P[6].replace("Thousands", "Tens of thousands").replace("Saturday", "Sunday")
    moved = [P[6].replace(P[6], edited), *P[:6], P[7]]
    result = align(P, moved)
    row = next(r for r in result.rows if r.left == (6,))
    assert row.right == (0,) and row.moved and row.kind is RowKind.EDITED


def test_unrelated_articles_share_no_links() -> None:
    other = [
        "The football club announced the signing of a young striker from Brazil on Friday.",
        "Tickets for the season opener sold out within minutes of going on sale online.",
        "The coach said the team would focus on defence during the winter training camp.",
    ]
    result = align(P[:4], other)
    assert links(result) == set()
    assert result.has_differences


def test_a_caption_printed_twice_is_a_repeat_not_a_split() -> None:
    caption = "Protesters outside parliament. Photo: Reuters"
    result = align(
        [caption, *P[:3]],
        ["Crowds outside the parliament building. Photo: Reuters", caption, caption, *P[:3]],
    )
    first, second = (row for row in result.rows if row.right in ((1,), (2,)))
    assert first.left == second.left == (0,) and (first.right, second.right) == ((1,), (2,))
    assert not first.repeat and second.repeat  # the later copy repeats the first
    assert not any(row.is_split for row in result.rows)


def test_a_fact_told_twice_links_both_tellings() -> None:
    again = (
        "Economists at the statistics office noted on Monday that inflation reached 7.4 "
        "percent in October, a level not seen since records began."
    )
    edited = P[1].replace("highest", "steepest")
    result = align(P[:4], [P[0], edited, P[2], again, P[3]])
    assert ((1,), (1,)) in links(result)
    assert ((1,), (3,)) in links(result)


def test_a_new_paragraph_like_a_kept_one_is_an_insertion_not_a_retelling() -> None:
    update = (
        "Inflation reached 7.9 percent in November, the highest level since records began, "
        "the statistics office said."
    )
    result = align(P[:4], [P[0], P[1], update, P[2], P[3]])
    assert [r.right for r in result.rows if r.kind is RowKind.INSERTED] == [(2,)]


def test_clutter_is_never_paired_with_story() -> None:
    result = align([*P[:3], "Share via"], [*P[:3], "Load Next Story"])
    assert not any(r.left == (3,) and r.right for r in result.rows)
    assert not result.has_differences  # only clutter differs


def test_lone_dateline_links_to_the_paragraph_with_the_same_dateline() -> None:
    other_lead = "MOSCOW — Officials announced new measures against rising prices on Friday."
    result = align(["MOSCOW:", *P[4:7]], [P[7], other_lead, P[3]])
    assert any(row.left == (0,) and row.right == (1,) for row in result.rows)


def test_same_fact_in_other_words_pairs_when_each_is_the_others_best() -> None:
    afp = [
        "Officials said the bridge over the Vltava river collapsed at dawn on Tuesday.",
        "The mayor promised a full inquiry and compensation for shop owners nearby.",
        "Rail traffic to the northern suburbs was suspended for the rest of the week.",
    ]
    ap = [
        "No trains will run to the northern suburbs before next week, the rail operator said.",
        "A bridge spanning the Vltava fell into the river early Tuesday, authorities said.",
        "Weather forecasters expect heavy snow across the region over the weekend.",
    ]
    result = align(afp, ap)
    assert ((0,), (1,)) in links(result)
    assert ((2,), (0,)) in links(result)
    assert not any(r.right == (2,) and r.left for r in result.rows)  # the snow stays alone


def _seed_documents() -> list[Document]:
    return [load_document(str(path)) for path in sorted(SEEDS.glob("*.txt"))]


def test_word_diffs_added_later_give_the_same_model() -> None:
    for left, right in combinations(_seed_documents(), 2):
        quick = compare(left, right, word_diffs=False)
        assert not quick.word_diffs
        assert all(s.op is not SpanOp.REPLACE for row in quick.rows for s in row.spans)
        assert to_dict(add_word_diffs(quick)) == to_dict(compare(left, right))


def test_left_column_reads_in_order_outside_moved_and_repeat_rows() -> None:
    """Rows not flagged moved or repeat list the left paragraphs in order (deletions
    included), on every pair of seed articles."""
    for left, right in permutations(_seed_documents(), 2):
        rows = compare(left, right).rows
        order = [i for row in rows if not (row.moved or row.repeat) for i in row.left]
        assert order == sorted(order), (left.path, right.path)


def test_moved_paragraph_with_all_its_words_in_another_order_is_one_moved_row() -> None:
    """Same words, new order, new place: a similarity of exactly 1.0 that is not an exact
    copy. It used to fall between the exact and the fuzzy move passes, leaving a deletion
    and an insertion that the repeat pass then linked twice (two identical rows)."""
    # every word also in the kept paragraphs, so no rare word makes it a "weak pair" either
    common = "Farmers raised fuel prices in October, and the government promised subsidies."
    reordered = "The government promised subsidies in October, and farmers raised fuel prices."
    left = [*P[:5], common]
    right = [reordered, *P[:5]]
    rows = align(left, right).rows
    assert [(row.left, row.right, row.moved) for row in rows if 5 in row.left] == [
        ((5,), (0,), True)
    ]
    assert len({(row.left, row.right) for row in rows}) == len(rows)


def test_two_leftovers_repeating_each_other_make_one_row() -> None:
    """The repeat pass runs for each side; a link the left side's pass made is not made
    again from the right side (the right paragraph is already in that row)."""
    from newsdiff.pairing import AlignConfig, Bead, Scorer
    from newsdiff.repeats import link_repeats
    from newsdiff.similarity import features

    left = [features(P[0]), features(P[1])]
    right = [features(P[1].replace("October", "November")), features(P[2])]
    scorer = Scorer(left, right, AlignConfig())
    beads = [Bead((0,), (), 0.0), Bead((1,), (), 0.0), Bead((), (0,), 0.0), Bead((), (1,), 0.0)]
    linked = link_repeats(scorer, beads)
    assert [(b.left, b.right) for b in linked] == [((0,), ()), ((1,), (0,)), ((), (1,))]
