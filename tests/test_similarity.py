"""Similarity building blocks that have more than one implementation."""

from __future__ import annotations

import sys

import pytest

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
