"""Make untrusted article text safe to put on a terminal.

Control characters (C0, DEL, C1: ESC, BEL, backspace, CSI, OSC, ...) become visible
control pictures or ``\\x..`` escapes; bidirectional override/isolate/mark characters and
the Unicode line and paragraph separators become ``<U+202E>``-style tags, so nothing in an
article can move the cursor, set colours, write the clipboard, open hyperlinks, reorder the
display or start a line of its own. Tabs become spaces. Lone surrogates (bytes of a file
name that is not UTF-8) become ``\\x..``. Only display strings pass through here; the
model and JSON keep the exact text.
"""

from __future__ import annotations

import re

TAB_SIZE = 4
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_SEPARATORS = "\u2028\u2029"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC, ␇ for BEL, ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Display form of article text: one line per "\\n", nothing the terminal acts on."""
    if "\t" in text:
        text = text.replace("\t", " " * TAB_SIZE)
    return _UNSAFE.sub(_replacement, text)


def one_line(text: str) -> str:
    """``visible`` for a message line (file names in errors): newlines shown as ␊ too."""
    return visible(text.replace("\n", "\u240a"))
