"""Similarity building blocks that have more than one implementation."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdiff import similarity


def test_stemmer_without_pystemmer_gives_the_same_stems(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyStemmer is missing (an install made before it became a dependency), the
    pure-Python snowballstemmer stands in with the same stems."""
    words = "signed signing sanctions sanction treaties relations cooperating hegemony".split()
    fast = [similarity._english_stemmer().stemWord(w) for w in words]
    monkeypatch.setitem(sys.modules, "Stemmer", None)  # import Stemmer now fails
    fallback = similarity._english_stemmer()
    assert type(fallback).__module__.startswith("snowballstemmer")
    assert [fallback.stemWord(w) for w in words] == fast


_PIECES = st.sampled_from(
    [" ", "  ", ".", ",", ":", "(", ")", "-", "—", "_", "'", "é", "\u0301", "\t", "\n", "Photo",
     "photo", "PICTURE", "Image", "credit", "by", "AFP", "ap", "Reuters", "Getty Images", "map",
     "x", "Kelvin", "ſ", "İ", "42", "word", "EPA", "anadolu)", "Bloomberg "]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_words_equal_the_regex_words(text: str) -> None:
    """The ASCII shortcut in ``words`` finds exactly what ``\\w+`` finds after case folding."""
    word = similarity.WORD
    assert similarity.words(text) == re.findall(word, text.casefold())
    assert similarity.word_count(text) == len(re.findall(word, text))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("Crowds at the border. Photo: AFP")
@example("Rescuers search the rubble - Getty Images )")
@example("Troops moved in (Reuters)")
def test_credit_prefilter_never_hides_a_caption(text: str) -> None:
    """``_may_be_credit`` only skips the caption regex where it could not match."""
    if similarity._CAPTION.search(text[-100:]):
        assert similarity._may_be_credit(text[-100:])


_QUOTE_TEXTS = st.lists(
    st.sampled_from([*similarity._QUOTE_STYLES, "a", " ", '"', "é", "ﬁ", "\u00a0", "x y"]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_QUOTE_TEXTS)
@example("“Quote’s” — it’s ‘x’ – « y »")
def test_cosmetic_form_maps_every_quote_style(text: str) -> None:
    """The quote regex maps exactly what a full translation table maps."""
    table = str.maketrans(similarity._QUOTE_STYLES)
    expected = unicodedata.normalize("NFKC", text).translate(table).replace('"', "")
    assert similarity.cosmetic_form(text) == " ".join(expected.split())


_WORD_LISTS = st.lists(st.sampled_from("the a talks peace treaty signed moscow iran 20".split()))


@settings(max_examples=300, deadline=None)
@given(_WORD_LISTS, _WORD_LISTS)
def test_common_length_without_rapidfuzz_equals_lcsseq(a: list[str], b: list[str]) -> None:
    """Where rapidfuzz is missing (an install made before it became a dependency), the
    longest common subsequence comes from diff-match-patch, with the same length."""
    from rapidfuzz.distance import LCSseq

    from newsdiff.inline import common_length

    assert common_length(a, b) == LCSseq.similarity(a, b)


def test_classifying_works_without_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    a = "the treaty was signed in moscow on friday by both leaders".split()
    b = "both leaders signed the new treaty in moscow on friday".split()
    expected = similarity.kept_in_order(a, b)
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # import rapidfuzz now fails
    monkeypatch.setitem(sys.modules, "rapidfuzz.distance", None)
    similarity._lcs_length.cache_clear()
    try:
        assert similarity._lcs_length().__module__ == "newsdiff.inline"
        assert similarity.kept_in_order(a, b) == expected
    finally:
        similarity._lcs_length.cache_clear()


def test_search_pattern_ignores_case_and_quote_style_only() -> None:
    find = similarity.search_pattern
    assert find("each other's").search("Each Other’s")
    assert find('"security threats"').search("common “security threats”, with")
    assert find("Al-Assad").search("al‑Assad")  # a non-breaking hyphen
    assert not find("a.b").search("axb")  # the term is text, not a regex
    assert not find("other's").search("others")
    assert find("Mr. Putin").search("Mr.\u00a0Putin") and find("a  b").search("a\nb")
    assert find("strasse".casefold()).search("Die Straße".casefold())


def test_a_chinese_sentence_is_body_text_not_a_heading() -> None:
    assert similarity.role("专家认为这一计划将有助于稳定就业。") == "body"
    assert similarity.role("北京宣布新的经济刺激计划") == "heading"
