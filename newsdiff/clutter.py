"""Flag page furniture (share buttons, tickers, sign-ups, teasers) so views can fold it.

General signals only, no knowledge of particular sites:
- the shape of a line: stock-ticker rows, exchange headers, agency signatures;
- a small phrase list of furniture labels ("Share via", "Text size:", "Load Next Story");
- date/credit lines ("Published January 18, 2025", "Photo: © POOL/AFP");
- position: a tail marker ("More to Read", "Published in ...", "Related") in the second
  half of a page starts the page's tail, and everything after it is furniture.
Clutter stays in the model (flagged), so no text is ever lost.
"""

from __future__ import annotations

import re

_TICKER = re.compile(
    r"^[A-Z][A-Z0-9.\-]{0,7}\s+[-+−]?\d[\d.,]*\s?%\s+[-+]?[$€£¥]?[\d.,]+\s*[$€£¥]?$"
)
_EXCHANGES = re.compile(r"^[A-Z]{2,6}(?:\s*[-|/·•]\s*[A-Z]{2,6})+$")
_SIGNATURE = re.compile(
    r"^(?:[A-Z]\.\s?)?[A-Z][\w'’.-]*--[A-Z]{2,6}$"  # agency signature: G.Schulte--BTB
    r"|^[a-z]{2,4}(?:-[a-z]{2,4})*/[a-z]{2,4}(?:/[a-z]{2,4})*$"  # desk codes: bur-jj/lb
)
_LABELS = frozenset(
    """share|share via|share this|share this article|share on facebook|share on twitter|
    share on x|text size|font size|load next story|load more|more to read|read more|
    read next|related|related articles|related stories|related news|most read|most popular|
    trending|top stories|recommended|you may also like|you might also like|advertisement|
    sponsored|comments|print|email|copy link|follow us|subscribe|skip to content|
    back to top|listen to this article|continue reading|opinion|newsletter|latest news|
    more from|see also|also read|don't miss|popular""".replace("\n", "").split("|")
)
_LABELS = frozenset(label.strip() for label in _LABELS)
_FURNITURE_START = re.compile(
    r"(?:text size|font size)\b"
    r"|(?:sign up|subscribe)\b.{0,80}$"
    r"|(?:published|updated|posted|last updated|first published)\b.{0,60}\d.{0,40}$"
    r"|copyright\b|©"
    r"|(?:photo|image|picture|video)(?: credit)?s?\s*:"
    r"|(?:additional )?(?:reporting|writing|editing) by\b",
    re.IGNORECASE,
)
# Phrases found anywhere in a line; a plain substring test picks the lines worth a regex.
_FURNITURE_KEYS = ("promotional content", "rights reserved", "contribut", "associated press")
_FURNITURE_ANYWHERE = re.compile(
    r"you may occasionally receive promotional content"
    r"|\ball rights reserved\b"
    r"|\b(?:contributed to this report|contributed reporting)\b"
    r"|\bwrites? for the associated press\b",
)
_TAIL_MARKERS = re.compile(
    r"^(?:more to read|load next story|load more|related(?: articles| stories| news)?|"
    r"read more|read next|most read|most popular|you may also like|you might also like|"
    r"recommended|more from\b.*|latest news|also read|see also|don't miss|"
    r"published in\b.*|sign up\b.*|subscribe\b.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[\s\-–—•*·|>]+")


def _label(text: str) -> str:
    """Lower-case text without bullets or trailing punctuation: "- Share via" -> "share via"."""
    return _BULLET.sub("", text).strip().rstrip(":.!›»>").strip().lower()


def is_furniture_line(text: str) -> bool:
    """True when one line is page furniture on its own, wherever it stands."""
    stripped = text.strip()
    if not stripped:
        return False
    if _TICKER.match(stripped) or _EXCHANGES.match(stripped) or _SIGNATURE.match(stripped):
        return True
    label = _label(stripped)
    if label in _LABELS:
        return True
    if len(stripped) <= 300:
        text = label if len(label) < len(stripped) else stripped
        if _FURNITURE_START.match(text):
            return True
        lowered = text.lower()
        if any(key in lowered for key in _FURNITURE_KEYS) and _FURNITURE_ANYWHERE.search(lowered):
            return True
    return "©" in stripped and len(stripped) < 200


def flag_clutter(paragraphs: list[str]) -> list[bool]:
    """One flag per paragraph. Cost: linear in the number of paragraphs."""
    flags = [is_furniture_line(text) for text in paragraphs]
    count = len(paragraphs)
    for index in range(count // 2, count):
        if _TAIL_MARKERS.match(_label(paragraphs[index])) and len(paragraphs[index]) <= 120:
            for later in range(index, count):
                flags[later] = True
            break
    return flags
