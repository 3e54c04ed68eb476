"""Sets of articles: the bundled seeds, a folder's articles, a list of files."""

from __future__ import annotations

from pathlib import Path

from newsdiff.reading import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def bundled_seeds_dir() -> Path:
    """The five demo articles: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise InputError("the bundled seed articles are missing from this installation")


def list_articles(directory: str | Path) -> list[Path]:
    """Article files of a folder (not recursive), sorted by name."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(f"{directory}: not a directory")
    try:
        found = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
    except PermissionError:
        raise InputError(f"{directory}: permission denied") from None
    if not found:
        raise InputError(f"{directory}: no articles (.txt or .md files) in this folder")
    if len(found) == 1:
        raise InputError(f"{directory}: only one article ({found[0].name}); need two to compare")
    return found
