"""Reading and splitting articles: the paragraph rule, titles and clutter flags."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, SEEDS

from newsdiff.clutter import flag_clutter, is_furniture_line
from newsdiff.document import build_document, load_document, split_paragraphs

GPL_LIKE = """  Preamble

  The licenses for most software are designed to take away your
freedom to share and change it.  By contrast, the GNU General Public
License is intended to guarantee your freedom to share and change free
software--to make sure the software is free for all its users.

  When we speak of free software, we are referring to freedom, not
price.
"""


def _units(path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_paragraphs_are_their_non_empty_lines() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        texts = [p.text for p in load_document(str(path)).paragraphs]
        assert texts == _units(path), path.name


def test_hard_wrapped_prose_is_joined_into_paragraphs() -> None:
    texts = [text for text, _ in split_paragraphs(GPL_LIKE)]
    assert texts[0] == "Preamble"
    assert texts[1].startswith(
        "The licenses for most software are designed to take away your freedom"
    )
    assert texts[1].endswith("free for all its users.")
    assert texts[2] == "When we speak of free software, we are referring to freedom, not price."
    assert len(texts) == 3


def test_short_lines_in_a_block_stay_separate() -> None:
    block = "Published January 18, 2025\nA caption under the date line.\nRYCEF 1.99% 7.05 $\n"
    assert [t for t, _ in split_paragraphs(block)] == [
        "Published January 18, 2025",
        "A caption under the date line.",
        "RYCEF 1.99% 7.05 $",
    ]


def test_list_items_are_not_joined() -> None:
    block = (
        "- first item of a list that is long enough to look like wrapped prose\n"
        "- second item of a list that is long enough to look like wrapped prose\n"
    )
    assert len(split_paragraphs(block)) == 2


def test_paragraphs_remember_their_first_line() -> None:
    assert split_paragraphs("one\n\n\ntwo\nthree\n") == [("one", 1), ("two", 4), ("three", 5)]


def test_title_is_first_story_paragraph_or_file_name() -> None:
    assert build_document("Share via\n\nReal headline\n\nBody.\n", "a.txt").title == "Real headline"
    assert build_document("", "folder/empty.txt").title == "empty.txt"


def test_empty_and_whitespace_articles_have_no_paragraphs() -> None:
    assert build_document("", "a").paragraphs == ()
    assert build_document(" \n\t\n", "a").paragraphs == ()


def test_furniture_lines_by_shape_and_phrase() -> None:
    for line in (
        "RYCEF 1.99% 7.05 $", "NYSE - LSE", "- Share via", "Text size:", "Load Next Story",
        "Published January 18, 2025", "G.Schulte--BTB", "Headline here / Photo: © POOL/AFP",
        "Sign up for Essential California",
        "AP writers Jane Doe in Paris contributed to this report.",
    ):  # fmt: skip
        assert is_furniture_line(line), line
    for line in (
        "Military training", "'Global hegemony'", "MOSCOW:",
        "The agreement did not explicitly refer to the exchange of weapons.",
        "Russian President Vladimir Putin meets Masoud Pezeshkian in Moscow. Photo: AFP",
    ):  # fmt: skip
        assert not is_furniture_line(line), line


def test_tail_marker_in_second_half_folds_the_rest() -> None:
    story = [f"Story sentence number {k} with enough words to be prose." for k in range(6)]
    flags = flag_clutter([*story, "More to Read", "Another story's teaser headline", "Its blurb."])
    assert flags == [False] * 6 + [True] * 3


def test_tail_marker_in_first_half_is_not_a_tail() -> None:
    flags = flag_clutter(["Related", "Story one.", "Story two.", "Story three.", "Story four."])
    assert flags == [True, False, False, False, False]


def test_clutter_flags_match_gold_sample() -> None:
    for gold_file in sorted(DATA.glob("pair_*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for side in ("left", "right"):
            document = load_document(str(SEEDS / gold[side]))
            flagged = [p.index for p in document.paragraphs if p.clutter]
            assert flagged == gold[f"clutter_{side}"], (gold_file.name, side)


@pytest.mark.parametrize(
    "block",
    [
        # a numbered section (GPL's "0. This License applies ...")
        "  0. This License applies to any program or other work which contains\n"
        "a notice placed by the copyright holder saying it may be distributed\n"
        "under the terms of this General Public License.\n",
        # a wrapped line that merely starts like a list item
        "  We protect your rights with two steps: (1) copyright the software, and\n"
        "(2) offer you this license which gives you legal permission to copy,\n"
        "distribute and/or modify the software.\n",
    ],
)
def test_hard_wrapped_prose_with_one_item_marker_is_one_paragraph(block: str) -> None:
    assert len(split_paragraphs(block)) == 1
