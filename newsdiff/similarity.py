"""Paragraph features and similarity scores used by the aligner.

Matching never looks at raw text: it compares *normalised* text (for "same") and sets of
Snowball-stemmed content words weighted by inverse document frequency (for everything
else), so an edit, a synonym here and there or a reordered clause still scores high,
while paragraphs that only share the story's ubiquitous names (which every paragraph of
both articles mentions) score low.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, repeat
from typing import Any

_QUOTE_STYLES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
}  # fmt: skip
# Found with a regex rather than str.translate, which looks up every character of the
# text in Python (4x slower on a typical paragraph with a few curly quotes).
_QUOTE_STYLE = re.compile(f"[{''.join(_QUOTE_STYLES)}]")


def _plain_quote(found: re.Match[str]) -> str:
    return _QUOTE_STYLES[found[0]]


_STYLES_OF: dict[str, str] = {}  # "'" -> "'‘’‚‛′", '"' -> '"“”„‟″«»', "-" -> "-‐‑‒–—―−"
for _style, _plain in _QUOTE_STYLES.items():
    _STYLES_OF[_plain] = _STYLES_OF.get(_plain, _plain) + _style
del _style, _plain


@cache
def search_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for ``term`` that also ignores quote and dash style and
    the kind and number of spaces: "each other's" finds "each other’s", '"security' finds
    '“security', "Mr. Putin" finds "Mr.\\u00a0Putin". (Search case-folded text with the
    pattern of the case-folded term to find "Straße" by "strasse".)"""
    pieces: list[str] = []
    for char in term:
        if char.isspace():
            if not pieces or pieces[-1] != r"\s+":
                pieces.append(r"\s+")
            continue
        styles = _STYLES_OF.get(_QUOTE_STYLES.get(char, char))
        pieces.append(f"[{re.escape(styles)}]" if styles else re.escape(char))
    return re.compile("".join(pieces), re.IGNORECASE)


# A word: a run of ``\w`` with the combining accents of Latin, Greek and Cyrillic text (so
# "café" typed as "cafe" + U+0301 stays one word), and in Chinese and Japanese one character
# (``split_cjk``): those scripts put no spaces between words, and a whole sentence as one
# word would make any edit a different paragraph.
# Japanese voicing marks (U+3099, U+309A: か + ゙ is が decomposed) are combining marks too.
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a"
WORD = rf"\w+(?:[{_MARKS}]+\w*)*"
_WORD = re.compile(WORD)
_CJK = r"\u3040-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_FIRST_CJK = "\u3040"


@cache
def _cjk_pieces() -> re.Pattern[str]:
    """Compiled on first use: its character class costs ~1.5 ms, and most text has no CJK."""
    return re.compile(rf"\s*[{_CJK}][{_MARKS}]*|[^{_CJK}]+")  # an accent stays on its character


def split_cjk(text: str, tokens: list[str]) -> list[str]:
    """``tokens`` of ``text`` with every Chinese or Japanese character made a token of its
    own (spaces before it and combining marks after it stay with it); as they are when
    ``text`` has none."""
    if text.isascii() or max(text) < _FIRST_CJK:
        return tokens
    pieces = _cjk_pieces().findall
    return [piece for token in tokens for piece in pieces(token)]


# ASCII characters that are not word characters (``\w``) made spaces: ``words`` splits
# ASCII text (nearly every key: cosmetic_form makes quotes and dashes ASCII) without a regex.
_ASCII_NOT_WORD = "".join(c if c.isalnum() or c == "_" else " " for c in map(chr, range(128)))
# Function words that carry no content; kept small and documented rather than clever.
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto over under
    after before while about up out off than then there here this that these those
    is are was were be been being am has have had do does did it its it's he him his
    she her hers they them their theirs we us our you your i me my who whom whose which
    what when where why how all any both each either neither other such so if not no
    would will shall should can could may might must also just very more most said says
    say told tell""".split()
)


def cosmetic_form(text: str) -> str:
    """Text without cosmetic differences: NFKC, ASCII quotes and dashes, no double quotes,
    one space. Two paragraphs equal under this are "same"; a change of case is not
    cosmetic ("Apple" the company, "US" the country)."""
    if not text.isascii():  # NFKC and the quote table leave ASCII as it is
        text = _QUOTE_STYLE.sub(_plain_quote, unicodedata.normalize("NFKC", text))
    return " ".join(text.replace('"', "").split())


def words(text: str) -> list[str]:
    r"""The case-folded words (``WORD``, CJK characters apart) of ``text``, in order."""
    if text.isascii():
        return text.lower().translate(_ASCII_NOT_WORD).split()
    return split_cjk(text, _WORD.findall(text.casefold()))


def word_count(text: str) -> int:
    """How many words the text has, as comparisons count them: runs of ``\\w``, so a word
    keeps counting as one when a diff cuts its full stop or per cent sign off ("Berlin." and
    "Paris." differ in one word and share none)."""
    if not text.isascii():
        text = _QUOTE_STYLE.sub(" ", text)  # curly quotes and dashes are not word characters
        if not text.isascii():
            return len(split_cjk(text, _WORD.findall(text)))
    return len(text.translate(_ASCII_NOT_WORD).split())


def _english_stemmer() -> Any:
    """The Snowball English stemmer: PyStemmer's C build, or the pure-Python
    snowballstemmer (the same stems, slower) where PyStemmer is not installed."""
    try:
        import Stemmer
    except ImportError:
        import snowballstemmer

        return snowballstemmer.stemmer("english")
    return Stemmer.Stemmer("english")


class _StemCache(dict[str, str]):
    """word -> Snowball stem, filled on first use (lookups stay in C). Snowball stemmer
    objects are not thread-safe (the viewer aligns in worker threads): one per thread."""

    _local = threading.local()

    def __missing__(self, word: str) -> str:
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            stemmer = self._local.stemmer = _english_stemmer()
        found = self[word] = stemmer.stemWord(word)
        return found


_stems = _StemCache()
stem = _stems.__getitem__


def content_stems(tokens: Iterable[str]) -> frozenset[str]:
    unique = set(tokens)
    return frozenset(map(stem, unique - STOP_WORDS or unique))


@dataclass(slots=True)
class Features:
    """What the aligner needs of one paragraph, computed once."""

    key: str  # cosmetic_form of the text: equal keys mean "same"
    tokens: list[str]  # lower-case words in order
    stems: frozenset[str]  # content stems
    clutter: bool
    role: str = "body"  # "heading", "caption" or "body": only like roles are paired
    dateline: str = ""  # "moscow" for "MOSCOW: ..." or "MOSCOW (AP) — ..."


_PICTURE_WORDS = ("photo", "picture", "image")
_AGENCIES = ("reuters", "afp", "ap", "epa", "getty images", "bloomberg", "anadolu")
_CAPTION = re.compile(
    rf"(?:\b(?:{'|'.join(_PICTURE_WORDS)}|file photo)s?\s*(?:credit)?\s*(?::|by)\s*\S[^.]{{0,60}}"
    rf"|[-,—–(]\s*(?:{'|'.join(_AGENCIES)})\)?)\s*$",
    re.IGNORECASE,
)


def _may_be_credit(tail: str) -> bool:
    """False when ``_CAPTION`` cannot match (checked without the regex for ASCII text,
    whose case-insensitive matching is plain lower-casing)."""
    if not tail.isascii():
        return True
    low = tail.lower()
    return any(word in low for word in _PICTURE_WORDS) or low.rstrip().rstrip(")").endswith(
        _AGENCIES
    )


_CLOSING = "\"'”’»)]"
HEADING_MAX_WORDS = 20
_SENTENCE_BREAK = re.compile(r"\w[.!?][\"'”’]?\s+\S")  # "... rihofe. James Okafor" is not a heading


def role(text: str) -> str:
    """What a paragraph is on the page. A heading (headline or crosshead) is short and does
    not end like a sentence; a caption ends with a photo credit ("... Photo: AFP")."""
    tail = text[-100:]
    if _may_be_credit(tail) and _CAPTION.search(tail):
        return "caption"
    stripped = text.strip().rstrip(_CLOSING)
    words = len(text.split(maxsplit=HEADING_MAX_WORDS))  # exact up to the bound, cheap beyond
    if (
        stripped
        and 0 < words <= HEADING_MAX_WORDS
        and stripped[-1] not in ".!?:;,…。！？：；，"
        and not _SENTENCE_BREAK.search(stripped)
    ):
        return "heading"
    return "body"


_DATELINE = re.compile(r"^([A-Z][A-Z.'’ -]{1,30}?)\s*(?:\([A-Za-z]+\)\s*)?(?::|—|–|--|-\s)")


def dateline(text: str) -> str:
    """The place of a news dateline opening the paragraph ("MOSCOW:" -> "moscow"), or ""."""
    found = _DATELINE.match(text.strip())
    return " ".join(found.group(1).split()).casefold() if found else ""


def is_lone_dateline(f: Features) -> bool:
    """A line holding only a dateline ("MOSCOW:")."""
    return bool(f.dateline) and f.dateline == " ".join(f.tokens)


def features(text: str, clutter: bool = False) -> Features:
    key = cosmetic_form(text)
    tokens = words(key)
    return Features(key, tokens, content_stems(tokens), clutter, role(text), dateline(text))


class Weights:
    """Inverse document frequency of stems over the paragraphs of both articles."""

    def __init__(self, paragraphs: Sequence[Features]):
        df = Counter(chain.from_iterable(f.stems for f in paragraphs))
        total = max(len(paragraphs), 1)
        self.df = df
        self.weight = {s: math.log(1.0 + total / n) for s, n in df.items()}
        self._default = math.log(1.0 + total)
        self._set_mass: dict[frozenset[str], float] = {}
        self._rank: dict[str, int] | None = None

    def rarest_first(self, stems: Iterable[str]) -> list[str]:
        """``stems`` from the rarest to the commonest (by document frequency, ties by the
        stem itself, so the order never depends on set iteration order)."""
        if self._rank is None:
            by_rarity = sorted(sorted(self.df), key=self.df.__getitem__)
            self._rank = {s: k for k, s in enumerate(by_rarity)}
        try:
            return sorted(stems, key=self._rank.__getitem__)  # one sort with a C key
        except KeyError:  # a stem no paragraph counted (clutter): frequency 0, first
            return sorted(sorted(stems), key=self.df.__getitem__)

    def mass(self, stems: Iterable[str]) -> float:
        return sum(map(self.weight.get, stems, repeat(self._default)))

    def set_mass(self, stems: frozenset[str]) -> float:
        """``mass`` of a paragraph's stem set, remembered (frozensets cache their hash)."""
        found = self._set_mass.get(stems)
        if found is None:
            found = self._set_mass[stems] = self.mass(stems)
        return found


def dice(a: frozenset[str], b: frozenset[str], w: Weights) -> float:
    """IDF-weighted Dice coefficient of two stem sets, in [0, 1]."""
    if not a or not b:
        return 0.0
    total = w.set_mass(a) + w.set_mass(b)
    return 2.0 * w.mass(a & b) / total if total else 0.0


def containment(part: frozenset[str], whole: frozenset[str], w: Weights) -> float:
    """Share of ``part``'s weighted stems found in ``whole``, in [0, 1]."""
    if not part:
        return 0.0
    mass = w.set_mass(part)
    return w.mass(part & whole) / mass if mass else 0.0


def kept_in_order(a: Sequence[str], b: Sequence[str]) -> float:
    """Longest common word subsequence over the shorter side's length.

    High when one text is the other with a few words changed, added or removed; low for a
    paraphrase that says the same thing in other words or another order."""
    shorter = min(len(a), len(b))
    if not shorter:
        return 0.0
    return _lcs_of_words(a, b) / shorter


# Importing rapidfuzz takes ~13 ms, a tenth of a small comparison's whole run; its LCS is
# ~40 µs a row faster than diff-match-patch's (already loaded, the same length). So the
# first rows of a process use diff-match-patch, and rapidfuzz comes in once it pays.
RAPIDFUZZ_AFTER_ROWS = 300
_rows_measured = 0  # a race between viewer threads only moves the switch: same lengths


def _lcs_of_words(a: Sequence[str], b: Sequence[str]) -> int:
    global _rows_measured
    _rows_measured += 1
    if _rows_measured <= RAPIDFUZZ_AFTER_ROWS:
        from newsdiff.inline import common_length  # inline imports this module

        return common_length(a, b)
    return _lcs_length()(a, b)


@cache
def _lcs_length() -> Callable[[Sequence[str], Sequence[str]], int]:
    """rapidfuzz's ``LCSseq``, or, where rapidfuzz is not installed (an install made before
    it became a dependency), the same length from diff-match-patch's optimal diff."""
    try:
        from rapidfuzz.distance import LCSseq
    except ImportError:
        from newsdiff.inline import common_length

        return common_length
    return LCSseq.similarity
