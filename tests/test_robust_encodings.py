"""Encodings and newlines: decoded correctly, noted when guessed."""

from __future__ import annotations

import json

from robust_helpers import newsdiff


def _paragraphs(result) -> list[str]:
    return [p["text"] for p in json.loads(result.text)["left"]["paragraphs"]]


def _compare(tmp_path, data: bytes):
    left = tmp_path / "left.txt"
    left.write_bytes(data)
    right = tmp_path / "right.txt"
    right.write_text("unrelated\n")
    return newsdiff(str(left), str(right), "--format", "json")


def test_utf8_with_bom(tmp_path) -> None:
    result = _compare(tmp_path, "\ufeffCafé crème.\n".encode())
    assert _paragraphs(result) == ["Café crème."] and result.err == ""


def test_utf16_with_bom(tmp_path) -> None:
    result = _compare(tmp_path, "Ein Absatz.\n\nZweiter Absatz.\n".encode("utf-16"))
    assert _paragraphs(result) == ["Ein Absatz.", "Zweiter Absatz."]


def test_cp1252_is_decoded_with_a_note(tmp_path) -> None:
    result = _compare(tmp_path, "Café crème brûlée, served “cold”.\n".encode("cp1252"))
    assert _paragraphs(result) == ["Café crème brûlée, served “cold”."]
    assert result.err.startswith("newsdiff: note:") and "cp1252" in result.err


def test_crlf_and_lone_cr_newlines(tmp_path) -> None:
    assert _paragraphs(_compare(tmp_path, b"One.\r\n\r\nTwo.\r\n")) == ["One.", "Two."]
    assert _paragraphs(_compare(tmp_path, b"One.\r\rTwo.\r")) == ["One.", "Two."]


def test_tabs_are_kept_in_the_model_and_expanded_on_screen(tmp_path) -> None:
    left = tmp_path / "l.txt"
    left.write_text("Name\tValue\n")
    right = tmp_path / "r.txt"
    right.write_text("Name\tOther\n")
    model = json.loads(newsdiff(str(left), str(right), "--format", "json").text)
    assert model["left"]["paragraphs"][0]["text"] == "Name\tValue"
    side = newsdiff(str(left), str(right), "--color", "never", "--width", "80").text
    assert "\t" not in side and "Name    Value" in side
