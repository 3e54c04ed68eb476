"""Diff colours: one ``DiffTheme`` used by the one-shot output and the TUI alike.

A theme is built from a Pygments style (``--style NAME``): its Generic.Deleted,
Generic.Inserted and Generic.Subheading colours give deletions, insertions and
rewordings. The built-in default uses background tints that read well on dark and
light terminals; ``colorblind`` uses blue/orange (safe for red-green colour blindness).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

MARKERS = {
    "same": " ",
    "edited": "~",
    "reworded": "≈",
    "moved": "↕",
    "split": "<",
    "merged": ">",
    "inserted": "+",
    "deleted": "-",
}


@dataclass(frozen=True)
class DiffTheme:
    name: str
    deleted: Style
    inserted: Style
    replaced_left: Style
    replaced_right: Style
    dim: Style = Style(dim=True)
    number: Style = Style(dim=True)
    marker: Style = Style(bold=True)


BUILTIN = {
    "default": DiffTheme(
        "default",
        deleted=Style(color="red", bgcolor="#3b0d0d", strike=False),
        inserted=Style(color="green", bgcolor="#0d2b12"),
        replaced_left=Style(color="yellow", bgcolor="#302a08", underline=True),
        replaced_right=Style(color="yellow", bgcolor="#302a08", underline=True),
    ),
    "colorblind": DiffTheme(
        "colorblind",
        deleted=Style(color="#e69f00", bold=True),
        inserted=Style(color="#56b4e9", bold=True),
        replaced_left=Style(color="#cc79a7", underline=True),
        replaced_right=Style(color="#cc79a7", underline=True),
    ),
}


class UnknownStyle(ValueError):
    pass


def _from_pygments(name: str) -> DiffTheme:
    from pygments.styles import get_style_by_name
    from pygments.token import Generic
    from pygments.util import ClassNotFound

    try:
        style = get_style_by_name(name)
    except ClassNotFound:
        raise UnknownStyle(name) from None

    def pick(token, fallback: str) -> Style:
        spec = style.style_for_token(token)
        color = f"#{spec['color']}" if spec.get("color") else fallback
        bgcolor = f"#{spec['bgcolor']}" if spec.get("bgcolor") else None
        return Style(color=color, bgcolor=bgcolor, bold=bool(spec.get("bold")))

    replaced = pick(Generic.Subheading, "yellow") + Style(underline=True)
    return DiffTheme(
        name,
        deleted=pick(Generic.Deleted, "red"),
        inserted=pick(Generic.Inserted, "green"),
        replaced_left=replaced,
        replaced_right=replaced,
    )


def get_theme(name: str = "default") -> DiffTheme:
    """A built-in theme or one made from the Pygments style of that name."""
    return BUILTIN.get(name) or _from_pygments(name)


def theme_names() -> list[str]:
    from pygments.styles import get_all_styles

    return [*BUILTIN, *sorted(get_all_styles())]
