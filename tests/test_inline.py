"""Word-level spans inside a row."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdiff.inline import (
    count_words,
    diff_main,
    diff_paragraphs,
    diff_words,
    python_diff_main,
)
from newsdiff.model import Span, SpanOp
from newsdiff.similarity import word_count


def _ops(spans) -> list[tuple[str, str, str]]:
    return [(s.op.value, s.left, s.right) for s in spans]


def test_substitution_is_one_replace_span_of_whole_words() -> None:
    spans = diff_words(
        "Moscow looked to the Islamic republic as an ally.", "Moscow looked to Tehran as an ally."
    )
    assert ("replace", "the Islamic republic", "Tehran") in _ops(spans)
    assert "".join(s.left for s in spans) == "Moscow looked to the Islamic republic as an ally."


def test_insertion_and_deletion_spans() -> None:
    spans = diff_words("They signed a new treaty.", "They signed a treaty on Friday.")
    ops = _ops(spans)
    assert ("delete", " new", "") in ops
    assert ("insert", "", " on Friday") in ops
    assert ("equal", " treaty", " treaty") in ops


def test_highlights_never_cut_a_word() -> None:
    spans = diff_words(
        "The agreement did not reference weapons.", "The agreement did not refer to weapons."
    )
    for span in spans:
        for side, text in (("left", span.left), ("right", span.right)):
            whole = (
                "The agreement did not reference weapons."
                if side == "left"
                else ("The agreement did not refer to weapons.")
            )
            start = whole.find(text)
            assert start == 0 or not whole[start - 1].isalnum() or not text[:1].isalnum()
    assert ("replace", "reference", "refer to") in _ops(spans)


def test_quote_style_and_spacing_changes_are_not_highlighted() -> None:
    spans = diff_words('He said "no"  today.', "He said “no” today.")
    assert all(s.op is SpanOp.EQUAL for s in spans)
    assert "".join(s.left for s in spans) == 'He said "no"  today.'
    assert "".join(s.right for s in spans) == "He said “no” today."


def test_spans_are_lossless() -> None:
    left, right = "A b c d e f.\nSecond para.", "A x c d y f!\nSecond paragraph."
    spans = diff_words(left, right)
    assert "".join(s.left for s in spans) == left
    assert "".join(s.right for s in spans) == right


def test_empty_sides() -> None:
    assert _ops(diff_words("", "new text")) == [("insert", "", "new text")]
    assert _ops(diff_words("old text", "")) == [("delete", "old text", "")]
    assert diff_words("", "") == ()


def test_word_counts() -> None:
    # inserted ("four", "five"), deleted ("two")
    assert count_words(diff_words("one two three", "one four three five")) == (2, 1)


def test_a_word_counts_once_when_the_diff_cuts_its_punctuation_off() -> None:
    """ "Berlin." -> "Paris." keeps the full stop as a token; it is not a word."""
    spans = diff_words("It will be held in Berlin.", "It will be held in Paris.")
    assert count_words(spans) == (1, 1)
    assert count_words(diff_words("Prices rose 5% in May", "Prices rose 9% in May")) == (1, 1)


_TEXTS = st.lists(
    st.sampled_from([*"ab1 _.,'’“é-—\n北京で。", "ß", "ﬁ", "\u00a0", "\u0301", "word", "Word"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS)
@example("北", "北\u0301")  # an accent on a CJK character counts with it, not as a word
@example("か", "か\u3099")  # so does a Japanese voicing mark (が decomposed)
def test_spans_never_cut_a_word(left: str, right: str) -> None:
    """What the counts rely on: each side's words are the words of its spans."""
    spans = diff_words(left, right)
    for side in ("left", "right"):
        pieces = [getattr(span, side) for span in spans]
        assert sum(map(word_count, pieces)) == word_count("".join(pieces))


def test_thousands_of_distinct_tokens_survive_the_code_point_mapping() -> None:
    left = " ".join(f"w{k}" for k in range(60_000))
    right = left.replace("w59999", "changed")
    spans = diff_words(left, right)
    assert "".join(s.left for s in spans) == left
    assert "".join(s.right for s in spans) == right


_CODE_POINTS = st.characters(
    min_codepoint=0x100, max_codepoint=0x10FFFF, exclude_categories=("Cs",)
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_CODE_POINTS, min_size=1, max_size=12).flatmap(
        lambda pool: st.tuples(
            st.text(st.sampled_from(pool), max_size=80), st.text(st.sampled_from(pool), max_size=80)
        )
    )
)
def test_compiled_diff_match_patch_gives_the_python_diffs(texts: tuple[str, str]) -> None:
    """The word diff runs on Google's C++ diff-match-patch when installed; it must give
    exactly what the pure-Python diff-match-patch gives (on token-coded strings)."""
    a, b = texts
    assert diff_main(a, b) == python_diff_main(a, b)


def test_compiled_diff_match_patch_is_installed() -> None:
    """The declared dependency is present, so the fast path above is the one tested."""
    import fast_diff_match_patch  # noqa: F401


_PARAGRAPHS = ["Putin met Pezeshkian.", "Putin  met “Pezeshkian”.", "Iran signed.", "A caption."]
_PARAGRAPH_LISTS = st.lists(st.sampled_from(_PARAGRAPHS), max_size=4)


@settings(max_examples=300, deadline=None)
@given(_PARAGRAPH_LISTS, _PARAGRAPH_LISTS)
def test_row_spans_are_lossless(left: list[str], right: list[str]) -> None:
    spans = diff_paragraphs(left, right)
    assert "".join(s.left for s in spans) == "\n".join(left)
    assert "".join(s.right for s in spans) == "\n".join(right)
    for span in spans:
        assert span.left or span.right
        assert span.op is not SpanOp.DELETE or not span.right
        assert span.op is not SpanOp.INSERT or not span.left
        assert span.op is not SpanOp.REPLACE or (span.left and span.right)
    if left == right:
        assert all(span.op is SpanOp.EQUAL for span in spans)


def test_a_caption_printed_twice_is_diffed_once_and_its_copy_shown_whole() -> None:
    caption = "Putin and his Iranian counterpart attend a signing ceremony in Moscow, Reuters"
    spans = diff_paragraphs(["Putin and Pezeshkian meet in Moscow. Photo: AFP"], [caption, caption])
    assert spans[-1] == Span(SpanOp.INSERT, "", "\n" + caption)
    assert "".join(s.right for s in spans[:-1]) == caption
    plain = ["One paragraph here.", "Another one."]
    assert diff_paragraphs(plain[:1], plain) == diff_words(plain[0], "\n".join(plain))


def test_a_restyled_quote_next_to_a_change_stays_unhighlighted() -> None:
    spans = diff_words('"This truly is it', "“This true is it")
    assert _ops(spans) == [
        ("equal", '"This ', "“This "), ("replace", "truly", "true"), ("equal", " is it", " is it"),
    ]  # fmt: skip
    spans = diff_words(
        'common "security threats", according', "common “security threats”, with a pact, according"
    )
    assert [s.op for s in spans] == [SpanOp.EQUAL, SpanOp.INSERT, SpanOp.EQUAL]
    assert spans[1].right == ", with a pact"
