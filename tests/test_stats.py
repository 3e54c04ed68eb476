"""The comparison's counts: similarity and word counts are honest about small changes,
count a repeated paragraph once, and repeat links are labelled as such, not as moves."""

from __future__ import annotations

import json

import pytest
from helpers import PARAGRAPHS, align

from newsdiff.render.labels import percent
from newsdiff.similarity import word_count


def _story_words(paragraphs: list[str]) -> int:
    return sum(word_count(p) for p in paragraphs)


def test_one_changed_word_with_its_full_stop_is_not_full_similarity() -> None:
    left = PARAGRAPHS[:3]
    right = [*left[:2], left[2].replace("months.", "weeks.")]
    result = align(left, right)
    total = _story_words(left) + _story_words(right)
    assert result.similarity == round((total - 2) / total, 4) < 1.0
    assert (result.stats.words_inserted, result.stats.words_deleted) == (1, 1)


def test_a_changed_number_with_a_per_cent_sign_is_not_full_similarity() -> None:
    left = ["Prices rose 5% in May, the statistics office said on Friday."]
    right = ["Prices rose 9% in May, the statistics office said on Friday."]
    result = align(left, right)
    total = _story_words(left) + _story_words(right)
    assert result.similarity == round((total - 2) / total, 4) < 1.0


def test_swapping_the_articles_swaps_insertions_and_deletions() -> None:
    """Where the word diffs mirror (they do for these edits; diff-match-patch may pick
    another, equally short edit script in the other direction), so do the counts."""
    left = [PARAGRAPHS[0], PARAGRAPHS[1].replace("7.4", "7.9"), PARAGRAPHS[2], PARAGRAPHS[4]]
    right = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3], PARAGRAPHS[4] + " Talks resume."]
    forward, backward = align(left, right), align(right, left)
    assert forward.similarity == backward.similarity < 1.0
    assert forward.stats.words_inserted == backward.stats.words_deleted > 0
    assert forward.stats.words_deleted == backward.stats.words_inserted > 0


def test_a_paragraph_linked_twice_counts_its_words_once() -> None:
    """The right article prints an edited lead twice: the left lead is in both rows, but
    its changed word is deleted once, and the second row is a repeat, not a move."""
    lead = PARAGRAPHS[0]
    edited = lead.replace("third", "fourth")
    result = align([lead, *PARAGRAPHS[1:4]], [edited, *PARAGRAPHS[1:4], edited])
    rows_with_lead = [row for row in result.rows if row.left == (0,)]
    assert len(rows_with_lead) == 2
    assert [row.repeat for row in rows_with_lead] == [False, True]
    assert not any(row.moved for row in result.rows)
    assert (result.stats.repeated, result.stats.moved) == (1, 0)
    assert result.stats.words_deleted == 1  # "third", once
    assert result.stats.words_inserted == 2  # "fourth" in each printed copy
    assert rows_with_lead[1].marker == "repeat"


def test_repeat_rows_are_in_the_json() -> None:
    from newsdiff.render.json import render_json

    lead = PARAGRAPHS[0]
    result = align([lead, PARAGRAPHS[1]], [lead, PARAGRAPHS[1], lead])
    rows = json.loads(render_json(result))["rows"]
    assert [row["repeat"] for row in rows] == [False, False, True]
    assert json.loads(render_json(result))["stats"]["repeated"] == 1


def test_a_repeat_before_the_real_pair_does_not_hide_its_edit() -> None:
    """Whichever comes first on screen, the edit of the real pair is counted."""
    lead = PARAGRAPHS[0]
    edited = lead.replace("third", "fourth")
    after = align([lead, *PARAGRAPHS[1:4]], [edited, *PARAGRAPHS[1:4], lead])
    before = align([*PARAGRAPHS[1:4], lead], [lead, *PARAGRAPHS[1:4], edited])
    for result in (after, before):
        assert result.stats.repeated == 1
        assert (result.stats.words_inserted, result.stats.words_deleted) == (1, 1)
    assert after.similarity == before.similarity < 1.0


def test_a_standfirst_repeating_part_of_a_split_lead_counts_nothing_twice() -> None:
    first = "The central bank raised interest rates by half a point on Tuesday in a surprise move."
    second = "It was the third rise this year, and analysts expect more to come before the summer."
    standfirst = "The central bank raised interest rates by half a point on Tuesday in a move."
    body = PARAGRAPHS[1:4]
    split = align([*body, first + " " + second], [standfirst, *body, first, second])
    assert split.stats.repeated == 1 and split.stats.split == 1
    assert split.stats.words_deleted == 0 and split.similarity == 1.0
    merged = align([standfirst, *body, first + " " + second], [*body, first, second])
    assert merged.stats.repeated == 1 and merged.similarity == 1.0


def test_an_accent_added_as_a_combining_mark_is_a_changed_word() -> None:
    """ "cafe" -> "cafe" + U+0301: the word changed (and is highlighted whole)."""
    left = ["The cafe opened on the corner of the square on Monday morning."]
    right = ["The cafe\u0301 opened on the corner of the square on Monday morning."]
    result = align(left, right)
    assert (result.stats.words_inserted, result.stats.words_deleted) == (1, 1)
    replaced = [span for row in result.rows for span in row.spans if span.op.value == "replace"]
    assert [(span.left, span.right) for span in replaced] == [("cafe", "cafe\u0301")]


def test_a_one_character_edit_in_chinese_is_an_edited_row() -> None:
    """Chinese has no spaces: each character is a word, so changing 下午 to 上午 edits the
    paragraph instead of making it a different one (deleted plus inserted)."""
    left = [
        "北京市今天下午宣布新的经济刺激计划，以支持中小企业的发展。",
        "专家认为这一计划将有助于稳定就业。",
    ]
    right = [left[0].replace("下午", "上午"), left[1]]
    result = align(left, right)
    assert [(row.kind.value, row.left, row.right) for row in result.rows] == [
        ("edited", (0,), (0,)), ("same", (1,), (1,)),
    ]  # fmt: skip
    assert (result.stats.words_inserted, result.stats.words_deleted) == (1, 1)
    assert 0.9 < result.similarity < 1.0


@pytest.mark.parametrize(
    "share,shown",
    [
        (1.0, "100%"),
        (0.9996, "99%"),
        (0.994, "99%"),
        (0.5, "50%"),
        (0.004, "1%"),
        (0.0, "0%"),
        (1.3, "100%"),
        (-0.2, "0%"),
    ],
)
def test_a_percentage_is_100_or_0_only_when_exactly(share: float, shown: str) -> None:
    assert percent(share) == shown


def test_one_word_changed_in_a_long_story_is_not_similarity_1() -> None:
    """Rounded to four places, one word in 20,000 came out as exactly 1.0 (shown 100%)."""
    left = [
        f"Paragraph {k} tells the story of the council vote on the new budget." for k in range(2000)
    ]
    right = list(left)
    right[1000] = right[1000].replace("council", "committee")
    alignment = align(left, right)
    assert 0.9999 <= alignment.similarity < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 5% in May, the office said.",
        'He said "no" twice, then left.',
        'A misprint joined the quote:"like this"and on.',
        "“Quoted” in curly quotes — with a dash",
        "Straße, café and naïve words; № 5 and ½ cup",
        "東京で会談した",
        "x",
    ],
)
def test_word_counts_taken_from_the_features_are_the_texts_own(text: str) -> None:
    """The comparison counts most paragraphs' words from their features; every count must
    be what ``word_count`` says of the text."""
    from newsdiff.compare import _ParagraphWords, document_features
    from newsdiff.document import build_document

    document = build_document(text + "\n", "t.txt")
    features = document_features(document)
    counted = _ParagraphWords(document, document, (features, features))
    assert counted.left == counted.right == [word_count(p.text) for p in document.paragraphs]
