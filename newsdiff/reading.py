"""Bytes to text: size limit, binary detection, encoding detection, newline normalisation.

Rules (documented in the README):
- UTF-8 (with or without BOM) is decoded directly; UTF-16/UTF-32 need a BOM.
- Anything else is handed to charset-normalizer; the encoding it picks is reported.
- NUL bytes or a high share of control bytes mean "binary": refused.
- CRLF and lone CR become LF. Input files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # 64 MiB per input; raise with --max-size

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


class InputError(Exception):
    """A problem with an input that the user must fix; the message is one line."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    guessed: bool  # True when the encoding was detected rather than declared/UTF-8


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    if b"\0" in data:
        return True
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls / len(sample) > 0.10


def decode_bytes(data: bytes, name: str = "input") -> DecodedText:
    """Decode one article's bytes. Raises InputError for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(normalise_newlines(data.decode(encoding)), encoding, False)
            except UnicodeDecodeError as error:
                raise InputError(f"{name}: invalid {encoding} text ({error.reason})") from None
    if _looks_binary(data):
        raise InputError(f"{name}: binary file, not text")
    try:
        return DecodedText(normalise_newlines(data.decode("utf-8")), "utf-8", False)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported only when UTF-8 fails

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{name}: cannot detect the text encoding")
    # Short Latin texts often fit several code pages equally well; on a tie prefer
    # windows-1252, the web's default for such bytes (as browsers do).
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding == "cp1252"), best)
    return DecodedText(normalise_newlines(str(best)), best.encoding, True)


def read_source(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> bytes:
    """Read a file (or stdin for "-") without ever opening it for writing."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(
                f"standard input: larger than the {max_bytes}-byte limit (see --max-size)"
            )
        return data
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes}-byte limit (see --max-size)")
    return data
