"""Diff colours: one ``DiffTheme`` used by the one-shot output and the TUI alike.

A theme is built from a Pygments style (``--style NAME``): its Generic.Deleted,
Generic.Inserted and Generic.Subheading colours give deletions, insertions and
rewordings. The built-in default uses background tints that read well on dark and
light terminals (chosen so that with 256 colours they become dark red, green and olive,
not black); ``colorblind`` uses blue/orange (safe for red-green colour blindness).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style


def _style(**attributes) -> Style:
    from rich.style import Style  # only when colour is drawn: plain output needs no Rich

    return Style(**attributes)


@dataclass(frozen=True)
class DiffTheme:
    """The styles of a colour scheme for changes."""

    name: str
    deleted: Style
    inserted: Style
    replaced_left: Style
    replaced_right: Style
    dim: Style = field(default_factory=lambda: _style(dim=True))
    number: Style = field(default_factory=lambda: _style(dim=True))
    marker: Style = field(default_factory=lambda: _style(bold=True))


BUILTIN_NAMES = ("default", "colorblind")


@cache
def _builtin(name: str) -> DiffTheme:
    if name == "default":
        return DiffTheme(
            "default",
            deleted=_style(color="red", bgcolor="#3b0d0d", strike=False),
            inserted=_style(color="green", bgcolor="#14391b"),
            replaced_left=_style(color="yellow", bgcolor="#3d3a0c", underline=True),
            replaced_right=_style(color="yellow", bgcolor="#3d3a0c", underline=True),
        )
    return DiffTheme(
        "colorblind",
        deleted=_style(color="#e69f00", bold=True),
        inserted=_style(color="#56b4e9", bold=True),
        replaced_left=_style(color="#cc79a7", underline=True),
        replaced_right=_style(color="#cc79a7", underline=True),
    )


class UnknownStyle(ValueError):
    pass


def _pygments_style(name: str):
    from pygments.styles import get_style_by_name
    from pygments.util import ClassNotFound

    try:
        return get_style_by_name(name)
    except ClassNotFound:
        raise UnknownStyle(name) from None


def check_style(name: str) -> None:
    """Raise ``UnknownStyle`` for a name that is neither built in nor a Pygments style
    (without building the theme: output without colour needs none)."""
    if name not in BUILTIN_NAMES:
        _pygments_style(name)


def _from_pygments(name: str) -> DiffTheme:
    from pygments.token import Generic, Keyword, Name, Number, String
    from rich.style import Style

    style = _pygments_style(name)

    def pick(token, fallback: str) -> Style:
        spec = style.style_for_token(token)
        color = f"#{spec['color']}" if spec.get("color") else fallback
        bgcolor = f"#{spec['bgcolor']}" if spec.get("bgcolor") else None
        return Style(color=color, bgcolor=bgcolor, bold=bool(spec.get("bold")))

    # Rewordings take the style's subheading colour; many styles make that grey (monokai's
    # is its comment colour), which reads as unchanged text, so a coloured token stands in.
    reword_token = next(
        (
            token
            for token in (Generic.Subheading, Keyword, Name.Function, String, Number)
            if _is_colourful(style.style_for_token(token).get("color"))
        ),
        Generic.Subheading,
    )
    replaced = pick(reword_token, "yellow") + Style(underline=True)
    return DiffTheme(
        name,
        deleted=pick(Generic.Deleted, "red"),
        inserted=pick(Generic.Inserted, "green"),
        replaced_left=replaced,
        replaced_right=replaced,
    )


def _is_colourful(hex_color: str | None) -> bool:
    """A colour far enough from grey to stand out from plain text."""
    if not hex_color or len(hex_color) != 6:
        return False
    channels = [int(hex_color[k : k + 2], 16) for k in (0, 2, 4)]
    return max(channels) - min(channels) >= 64


def get_theme(name: str = "default", color_depth: str = "truecolor") -> DiffTheme:
    """A built-in theme or one made from the Pygments style of that name. With the 16
    standard colours (``color_depth`` "standard") a background tint can only become black,
    boxes on a light terminal: there the changes keep their text colours alone."""
    theme = _builtin(name) if name in BUILTIN_NAMES else _from_pygments(name)
    if color_depth != "standard":
        return theme
    plain_background = _style(bgcolor="default")
    return replace(
        theme,
        deleted=theme.deleted + plain_background,
        inserted=theme.inserted + plain_background,
        replaced_left=theme.replaced_left + plain_background,
        replaced_right=theme.replaced_right + plain_background,
    )


def theme_names() -> list[str]:
    from pygments.styles import get_all_styles

    return [*BUILTIN_NAMES, *sorted(get_all_styles())]
