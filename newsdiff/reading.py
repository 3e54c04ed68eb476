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
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO

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
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
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
