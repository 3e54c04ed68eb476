"""Openings: headline and lead found by position and paired first."""

from __future__ import annotations

from helpers import PARAGRAPHS as P
from helpers import align, links

from newsdiff.leads import find_headline, find_lead, pair_openings
from newsdiff.pairing import AlignConfig, Scorer
from newsdiff.similarity import features

HEADLINE = "Central bank lifts rates again as inflation bites"
LEAD = (
    "PARIS: The central bank raised its main rate by half a point on Tuesday, saying "
    "inflation had not yet peaked."
)


def feats(*texts: str, clutter: tuple[int, ...] = ()) -> list:
    return [features(t, k in clutter) for k, t in enumerate(texts)]


def test_lead_is_the_dateline_paragraph() -> None:
    assert find_lead(feats(HEADLINE, "A short standfirst.", LEAD, P[1])) == (2,)


def test_a_lone_dateline_line_joins_the_paragraph_after_it() -> None:
    body = LEAD.removeprefix("PARIS: ")
    assert find_lead(feats(HEADLINE, "PARIS:", body, P[1])) == (1, 2)


def test_without_dateline_the_lead_is_the_first_sentence_length_body_paragraph() -> None:
    texts = feats(HEADLINE, "Share via", "By Anna Lee.", P[0], P[1], clutter=(1,))
    assert find_lead(texts) == (3,)


def test_headline_is_the_first_heading_before_body_text() -> None:
    assert find_headline(feats("Share via", HEADLINE, LEAD, clutter=(0,))) == (1,)
    assert find_headline(feats(LEAD, HEADLINE)) == ()


def test_reworded_leads_pair_although_a_later_paragraph_shares_more_words() -> None:
    left = [
        HEADLINE,
        LEAD,
        "Governor Marie Dubois and finance minister Paul Henri, who met at the central bank "
        "on Tuesday, both called the rate rise necessary.",
        P[3],
    ]
    right = [
        "Rates go up once more in France",
        "PARIS — Borrowing costs climbed again Tuesday after policymakers opted for a "
        "fifty-basis-point increase to tame prices.",
        P[3],
        "Governor Marie Dubois and finance minister Paul Henri met at the central bank.",
    ]
    found = links(align(left, right))
    assert ((1,), (1,)) in found
    assert ((0,), (0,)) in found
    assert ((2,), (3,)) in found  # the later paragraph still finds its own counterpart


def test_a_lead_deleted_in_one_version_is_not_paired_by_position() -> None:
    lead = "The central bank raised interest rates by half a point, with inflation at 7.4 percent."
    left, right = feats(lead, P[1], P[2]), feats(P[1], P[2])
    assert pair_openings(Scorer(left, right, AlignConfig())) == []
    assert ((1,), (0,)) in links(align([lead, P[1], P[2]], [P[1], P[2]]))


def test_lone_datelines_on_both_sides_pair_with_each_other_not_as_a_merge() -> None:
    body = LEAD.removeprefix("PARIS: ")
    texts = [HEADLINE, "PARIS:", body, P[1]]
    result = align(texts, texts)
    assert [(r.left, r.right) for r in result.rows] == [((k,), (k,)) for k in range(4)]
    assert result.stats.merged == 0


def test_a_dateline_late_in_the_article_does_not_make_the_lead() -> None:
    late = "UPDATE: The central bank later said the rise would be its last this year."
    assert find_lead(feats(HEADLINE, P[0], P[1], late)) == (1,)


def test_a_lone_dateline_with_nothing_after_it_falls_back_to_the_first_long_paragraph() -> None:
    assert find_lead(feats(HEADLINE, "KYIV:")) == ()
    assert find_lead(feats(HEADLINE, "A short standfirst.", "KYIV:", "Share via", P[0])) == (4,)
