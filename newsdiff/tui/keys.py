"""Every key of the viewer, in one table: the bindings and the help screen both use it."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# (keys, action, short description for the footer, longer help text, shown in footer)
KEYS: list[tuple[str, str, str, str, bool]] = [
    ("q,ctrl+c", "quit", "Quit", "Quit newsdiff", True),
    ("question_mark", "help", "Help", "Show this help", True),
    (
        "n,right_square_bracket",
        "next",
        "Next",
        "Next change (next search match while searching)",
        True,
    ),
    (
        "N,left_square_bracket",
        "previous",
        "Prev",
        "Previous change (previous match while searching)",
        False,
    ),
    ("u", "toggle_unified", "Unified", "Toggle side-by-side / unified (one column) view", True),
    ("c", "toggle_changes", "Changes only", "Toggle hiding unchanged paragraphs", True),
    ("z", "toggle_clutter", "Clutter", "Toggle showing page clutter (folded by default)", False),
    (
        "slash",
        "search",
        "Search",
        "Search both articles; n/N move between matches (round from the last), Esc clears",
        True,
    ),
    ("m", "jump_moved", "Moved", "Next moved paragraph; on one, to where it stood and back", False),
    ("s", "swap", "Swap", "Swap left and right articles", True),
    ("l", "set_left", "Set left", "In the list: make the highlighted article the left side", False),
    (
        "enter",
        "set_right",
        "Compare",
        "In the list: compare the highlighted article (right side)",
        False,
    ),
    (
        "d",
        "cycle_style",
        "Colours",
        "Cycle diff colours (default, colorblind, Pygments styles)",
        False,
    ),
    (
        "a",
        "toggle_articles",
        "Articles",
        "Show or hide the article list (hidden when narrow)",
        False,
    ),
    ("tab", "focus_next", "Focus", "Move focus between the list and the comparison", False),
    ("escape", "clear_search", "Clear", "Clear the search", False),
]

# Keys that scrolling widgets already handle; listed on the help screen only.
SCROLL_KEYS: list[tuple[str, str]] = [
    ("j / ↓", "Scroll down one line"),
    ("k / ↑", "Scroll up one line"),
    ("PgDn / space, PgUp / b", "Scroll a page"),
    ("g / Home, G / End", "Go to the top / bottom"),
    ("ctrl+p", "Command palette (themes, quit, ...)"),
    ("mouse", "Click an article, scroll the wheel, click a row to select it"),
]


def app_bindings() -> list[BindingType]:
    return [
        Binding(keys, action, description, show=show, id=action)
        for keys, action, description, _, show in KEYS
        if action not in ("set_left", "set_right")
    ]


def display_key(keys: str) -> str:
    names = {
        "question_mark": "?", "right_square_bracket": "]", "left_square_bracket": "[",
        "slash": "/", "enter": "Enter", "escape": "Esc", "tab": "Tab",
    }  # fmt: skip
    return " / ".join(names.get(k, k) for k in keys.split(","))
