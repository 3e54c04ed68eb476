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
import re
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO, cast

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # 64 MiB per input; raise with --max-size
_CHUNK = 1024 * 1024

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
    """An input's text and the encoding it was read with."""

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
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    guess = _guess_legacy(data)
    if guess is None:
        raise InputError(f"{name}: cannot detect the text encoding (save it as UTF-8)")
    text, encoding = guess
    return DecodedText(normalise_newlines(text), encoding, True)


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few bad bytes (a scraper's cut, a stray Latin-1 byte): decoded as UTF-8
    with U+FFFD for each bad sequence, when there are at least as many good multi-byte
    characters as bad sequences. Legacy 8-bit text almost never contains even one valid
    multi-byte UTF-8 sequence, so it is left to ``_guess_legacy``."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good < max(bad, 1):
        return None
    encoding = f"utf-8 ({bad} invalid byte sequence{'s' if bad > 1 else ''} shown as U+FFFD)"
    return DecodedText(normalise_newlines(text), encoding, True)


# The legacy encodings web pages and newsroom systems actually use (WHATWG's list, less
# the rare ones). Leaving out EBCDIC, DOS and Mac code pages and UTF-16 without a BOM
# keeps charset-normalizer from picking them for short Western texts.
_LEGACY = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_8", "iso8859_13",
    "iso8859_15", "koi8_r", "koi8_u", "cp874", "cp932", "euc_jp", "iso2022_jp", "gb18030",
    "big5", "cp949",
)  # fmt: skip
_MULTIBYTE = frozenset({"cp932", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949"})
_WIDE = re.compile("[^\x00-\u2e7f]")  # U+2E80 and up (the negated class compiles faster)
_LATIN_WORD_INSIDE = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")


def _plausible(text: str, encoding: str) -> bool:
    """False for East Asian readings of Western bytes: an accented letter and the ASCII
    letter after it read as one ideograph sitting inside a Latin word ("A誽o" for "Ação")."""
    if encoding not in _MULTIBYTE:
        return True
    wide = len(_WIDE.findall(text))
    return wide > 0 and len(_LATIN_WORD_INSIDE.findall(text)) <= wide // 5


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for 8-bit text, or None.

    charset-normalizer ranks the candidates in ``_LEGACY`` (implausible East Asian readings
    dropped); a multi-byte East Asian reading wins a tie with Thai (whose bytes pair up the
    same way); then, as browsers do, windows-1252 is preferred when it reads the bytes and
    the ranking has no better evidence: the same text, a tie, or no language recognised."""
    from charset_normalizer import from_bytes  # imported only when UTF-8 fails

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    matches = [m for m in from_bytes(data, cp_isolation=list(_LEGACY))]
    matches = [m for m in matches if _plausible(str(m), m.encoding)]
    if not matches:
        return (western, "cp1252") if western is not None else None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    if best.encoding == "cp874":
        best = next((m for m in tied if m.encoding in _MULTIBYTE), best)
    if (
        western is not None
        and best.encoding not in _MULTIBYTE
        and (
            str(best) == western
            or best.coherence == 0
            or any(m.encoding == "cp1252" and m.coherence >= best.coherence for m in tied)
        )
    ):
        return western, "cp1252"
    return str(best), best.encoding


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Read all of ``stream`` in chunks; None once it holds more than ``max_bytes``.

    Chunks, not ``read(max_bytes + 1)``: a generous --max-size must not allocate that
    much memory up front, and an endless source (/dev/zero) stops at the limit."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return None


def _too_big(name: str, max_bytes: int) -> InputError:
    return InputError(f"{name}: larger than the {_size_text(max_bytes)} limit (see --max-size)")


def _size_text(size: int) -> str:
    for unit, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{unit}"
    return f"{size}-byte"


def read_source(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> bytes:
    """Read a file (or stdin for "-") without ever opening it for writing."""
    if path == "-":
        stream = cast(
            "BinaryIO | None",
            stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin),
        )
        if stream is None:
            raise InputError("standard input: closed, nothing to read")
        try:
            data = _read_limited(stream, max_bytes)
        except OSError as error:
            raise InputError(f"standard input: cannot read ({_reason(error)})") from None
        if data is None:
            raise _too_big("standard input", max_bytes)
        return data
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise _too_big(path, max_bytes)
            data = _read_limited(handle, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except NotADirectoryError:
        raise InputError(f"{path}: no such file (a part of the path is not a folder)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({_reason(error)})") from None
    if data is None:
        raise _too_big(path, max_bytes)
    return data


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
