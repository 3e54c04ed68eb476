"""Word-level differences inside one row, with diff-match-patch in word mode.

Each token (a word or one punctuation mark, with the spaces before it) is mapped to one code point,
the code-point strings are diffed (the ``diff_linesToChars`` trick, on words), and the
result is mapped back, so a highlight never cuts a word in half. After
absorbing equalities made only of function words and punctuation (see
``_absorb_trivial_equalities``), a deletion directly followed by an insertion becomes one
``replace`` span (a rewording), and changes that only touch whitespace or quote/dash
style are folded into ``equal`` spans (they keep both texts, so nothing is lost).
Cost: about 0.2-1 ms for two 100-word paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from itertools import chain
from typing import Any

from newsdiff.model import Span, SpanOp
from newsdiff.similarity import STOP_WORDS, WORD, cosmetic_form, split_cjk, word_count, words

# a word or a punctuation mark, with the spaces before it
_TOKEN = re.compile(rf"\s*(?:{WORD}|[^\w\s])|\s+")
_FIRST_CODE_POINT = 0x100
_SURROGATES = range(0xD800, 0xE000)

try:  # Google's C++ build of diff-match-patch: the same diffs, about 12 times faster
    from fast_diff_match_patch import diff as _compiled_diff
except ImportError:  # pragma: no cover - the pure-Python diff-match-patch is the fallback
    _compiled_diff = None

_OPS = {"=": 0, "-": -1, "+": 1}


def diff_main(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's ``diff_main(a, b, checklines=False)`` with no time limit (a limit
    would silently give a worse diff), from the compiled build when it is installed."""
    if _compiled_diff is None:
        return python_diff_main(a, b)
    found = _compiled_diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=False)
    return [(_OPS[op], text) for op, text in found]


@cache
def _python_dmp() -> Any:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def python_diff_main(a: str, b: str) -> list[tuple[int, str]]:
    """The same with the pure-Python diff-match-patch (the reference the tests compare to)."""
    return [(op, text) for op, text in _python_dmp().diff_main(a, b, False)]


def tokenize(text: str) -> list[str]:
    return split_cjk(text, _TOKEN.findall(text))


def _encode(left: list[str], right: list[str]) -> tuple[str, str, dict[str, str]]:
    """Both token lists as strings of one code point per distinct token (numbered in order
    of first appearance, surrogates skipped), and the map back from code point to token.
    Built with C-level loops only: this runs for every changed row."""
    vocabulary = dict.fromkeys(chain(left, right))
    points = chain(range(_FIRST_CODE_POINT, _SURROGATES.start), range(_SURROGATES.stop, 0x110000))
    code = dict(zip(vocabulary, map(chr, points), strict=False))  # more points than tokens
    encode = code.__getitem__
    return (
        "".join(map(encode, left)),
        "".join(map(encode, right)),
        dict(zip(code.values(), code, strict=True)),
    )


def common_length(left: Sequence[str], right: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences: what an untimed
    diff keeps equal (diff-match-patch's diff is then a shortest edit script)."""
    a, b, _ = _encode(list(left), list(right))
    return sum(len(text) for op, text in diff_main(a, b) if op == 0)


def _cosmetic(a: str, b: str) -> bool:
    """True when two pieces differ only in whitespace or quote/dash style (not in case)."""
    return cosmetic_form(a) == cosmetic_form(b)


def diff_words(left: str, right: str) -> tuple[Span, ...]:
    """Word-level spans whose ``left`` parts join to ``left`` and ``right`` parts to ``right``."""
    if left == right:
        return (Span(SpanOp.EQUAL, left, right),) if left else ()
    if not left:
        return (Span(SpanOp.INSERT, "", right),)
    if not right:
        return (Span(SpanOp.DELETE, left, ""),)
    a, b, token = _encode(tokenize(left), tokenize(right))
    decode = token.__getitem__
    diffs = [(op, "".join(map(decode, chars))) for op, chars in diff_main(a, b)]
    raw: list[tuple[SpanOp, str, str]] = []
    for op, text in _absorb_trivial_equalities(diffs):
        if op == 0:
            raw.append((SpanOp.EQUAL, text, text))
        elif op < 0:
            raw.append((SpanOp.DELETE, text, ""))
        else:
            raw.append((SpanOp.INSERT, "", text))
    return tuple(_merge(raw))


def whole_spans(left: Sequence[str], right: Sequence[str]) -> tuple[Span, ...]:
    """A row's spans before the word diff: each side whole, nothing highlighted inside a
    pair."""
    left_text, right_text = "\n".join(left), "\n".join(right)
    if left_text and right_text:
        return (Span(SpanOp.EQUAL, left_text, right_text),)
    return diff_words(left_text, right_text)


def diff_paragraphs(left: Sequence[str], right: Sequence[str]) -> tuple[Span, ...]:
    """Word spans of a row's paragraphs (each side joined by "\\n"). A copy printed twice in a
    row (a twin: equal up to cosmetics to its neighbour, at either end of its side) that the
    other side does not have is shown whole as inserted or deleted, and the rest is diffed:
    two copies of one caption diffed together against one would interleave word by word."""
    if len(left) == len(right) or not (left and right):  # no extra copies on either side
        return diff_words("\n".join(left), "\n".join(right))
    deleting = len(left) > len(right)  # the side with more paragraphs holds the extra copies
    more, fewer = (left, right) if deleting else (right, left)
    lead, core, trail = _twins_apart(more, fewer)
    if deleting:
        spans = diff_words("\n".join(core), "\n".join(fewer))
    else:
        spans = diff_words("\n".join(fewer), "\n".join(core))

    def whole(text: str) -> Span:
        return Span(SpanOp.DELETE, text, "") if deleting else Span(SpanOp.INSERT, "", text)

    return (
        *(whole(text + "\n") for text in lead),
        *spans,
        *(whole("\n" + text) for text in trail),
    )


def _twins_apart(
    texts: Sequence[str], other: Sequence[str]
) -> tuple[list[str], list[str], list[str]]:
    """(twins before, the rest, twins after) of ``texts``: trailing paragraphs equal to the
    one before and leading ones equal to the next, up to cosmetics, as long as ``texts``
    holds more copies of them than ``other`` does."""
    forms = [cosmetic_form(text) for text in texts]
    extra = Counter(forms)
    extra.subtract(map(cosmetic_form, other))
    start, end = 0, len(texts)
    while end - start > 1 and forms[end - 1] == forms[end - 2] and extra[forms[end - 1]] > 0:
        end -= 1  # the first copy is the one diffed
        extra[forms[end]] -= 1
    while end - start > 1 and forms[start] == forms[start + 1] and extra[forms[start]] > 0:
        extra[forms[start]] -= 1
        start += 1
    return list(texts[:start]), list(texts[start:end]), list(texts[end:])


def _is_trivial(text: str) -> bool:
    """An equality not worth showing between two changes: no content word in it."""
    return STOP_WORDS.issuperset(words(text))


def _absorb_trivial_equalities(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Fold equalities of only spaces, punctuation and function words that sit between
    two changes into those changes ("a new treaty" -> "the old pact" is one rewording,
    not three). Like diff_cleanupSemantic, but measured in content words, so a kept
    content word such as "treaty" stays visible as kept."""
    out: list[tuple[int, str]] = []
    for k, (op, text) in enumerate(diffs):
        between = 0 < k < len(diffs) - 1 and diffs[k - 1][0] != 0 and diffs[k + 1][0] != 0
        if op == 0 and between and _is_trivial(text):
            out.extend(((-1, text), (1, text)))
        else:
            out.append((op, text))
    deletes, inserts = "", ""
    merged: list[tuple[int, str]] = []
    for op, text in out:
        if op < 0:
            deletes += text
        elif op > 0:
            inserts += text
        else:
            merged.extend(p for p in ((-1, deletes), (1, inserts)) if p[1])
            deletes, inserts = "", ""
            merged.append((op, text))
    merged.extend(p for p in ((-1, deletes), (1, inserts)) if p[1])
    return merged


def _merge(raw: list[tuple[SpanOp, str, str]]) -> list[Span]:
    """Join delete+insert into replace, fold cosmetic changes into equal, merge neighbours."""
    merged: list[list] = []
    for op, left, right in raw:
        if merged:
            last = merged[-1]
            if last[0] is SpanOp.DELETE and op is SpanOp.INSERT:
                last[0], last[2] = SpanOp.REPLACE, right
                continue
            if last[0] is SpanOp.INSERT and op is SpanOp.DELETE:
                last[0], last[1] = SpanOp.REPLACE, left
                continue
        merged.append([op, left, right])
    out: list[Span] = []
    for op, left, right in merged:
        if op is not SpanOp.EQUAL and _cosmetic(left, right):
            op = SpanOp.EQUAL
        if op is SpanOp.REPLACE:
            _push_replace(out, left, right)
        else:
            _push(out, op, left, right)
    return out


def _push_replace(out: list[Span], left: str, right: str) -> None:
    """Append a rewording without its cosmetic ends: tokens at either end that differ only
    in quote style or spacing ('"This truly' -> '“This true') are kept as equal, and so is
    the space before the first reworded word."""
    left_head = right_head = left_tail = right_tail = ""
    first, last = (left.lstrip()[:1], right.lstrip()[:1]), (left[-1:], right[-1:])
    if not (_differ_plainly(*first) and _differ_plainly(*last)):  # else no end is cosmetic
        lefts, rights = tokenize(left), tokenize(right)
        shortest = min(len(lefts), len(rights))
        head = 0
        while head < shortest and _cosmetic(lefts[head], rights[head]):
            head += 1
        tail = 0
        while tail < shortest - head and _cosmetic(lefts[-1 - tail], rights[-1 - tail]):
            tail += 1
        left_head, right_head = "".join(lefts[:head]), "".join(rights[:head])
        left_tail = "".join(lefts[len(lefts) - tail :])
        right_tail = "".join(rights[len(rights) - tail :])
        left = left[len(left_head) : len(left) - len(left_tail)]
        right = right[len(right_head) : len(right) - len(right_tail)]
    space = len(left) - len(left.lstrip())
    if left and right and space and left[:space] == right[:space]:
        left_head, right_head = left_head + left[:space], right_head + right[:space]
        left, right = left[space:], right[space:]
    _push(out, SpanOp.EQUAL, left_head, right_head)
    op = SpanOp.REPLACE if left and right else SpanOp.DELETE if left else SpanOp.INSERT
    _push(out, op, left, right)
    _push(out, SpanOp.EQUAL, left_tail, right_tail)


def _differ_plainly(a: str, b: str) -> bool:
    """Two different ASCII letters or digits: tokens they start (or end) cannot be equal up
    to cosmetics, which leave ASCII letters and digits as they are."""
    return a != b and (a + b).isascii() and (a + b).isalnum()


def _push(out: list[Span], op: SpanOp, left: str, right: str) -> None:
    """Append a span, joining it to the previous one when both are equal or both replace
    (an empty one is dropped)."""
    if not (left or right):
        return
    if out and out[-1].op is op and op in (SpanOp.EQUAL, SpanOp.REPLACE):
        previous = out.pop()
        left, right = previous.left + left, previous.right + right
    out.append(Span(op, left, right))


def count_words(
    spans: tuple[Span, ...], count: Callable[[str], int] = word_count
) -> tuple[int, int]:
    """(words inserted, words deleted); a replace counts as both. ``count`` counts the words
    of a text. Spans never cut a word (a run of ``\\w``), so the words kept on a side are
    that side's words less these."""
    inserted = deleted = 0
    for span in spans:
        if span.op is not SpanOp.EQUAL:
            inserted += count(span.right)
            deleted += count(span.left)
    return inserted, deleted
