"""What the viewer needs before it starts, prepared without Textual: the articles read
(bad input is reported like the one-shot command) and the opening pair's comparison
begun in a forked copy, which works while Textual loads (0.4 s) and starts."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdiff.document import load_document
from newsdiff.model import Document
from newsdiff.opening import OpeningComparison
from newsdiff.reading import DEFAULT_MAX_BYTES, InputError
from newsdiff.render.theme import get_theme


@dataclass
class Startup:
    documents: list[Document]
    style: str = "default"
    skipped: list[str] = field(default_factory=list)  # a folder's unreadable files, and why
    opening: OpeningComparison | None = None  # the first pair, being compared meanwhile


def prepare_viewer(
    files: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    style: str = "default",
    skip_unreadable: bool = False,
    processes: int = 1,
) -> Startup:
    """Read the articles and, with ``processes`` above 1, start comparing the first two."""
    get_theme(style)  # an unknown style fails before the screen is taken over
    skipped: list[str] | None = [] if skip_unreadable else None
    documents = load_documents(files, max_bytes, skipped)
    opening = None
    if processes > 1 and len(documents) > 1:
        opening = OpeningComparison.start(documents[0], documents[1])
    return Startup(documents, style, skipped or [], opening)


def load_documents(
    files: list[str], max_bytes: int = DEFAULT_MAX_BYTES, skipped: list[str] | None = None
) -> list[Document]:
    """Read every article first. A bad file stops the start with the one-shot's error,
    unless ``skipped`` collects the errors (a folder's files: one scraped page that is not
    text should not keep the others from being compared)."""
    documents = []
    for path in files:
        try:
            documents.append(load_document(path, max_bytes))
        except InputError as error:
            if skipped is None:
                raise
            skipped.append(str(error))
    if skipped and len(documents) < 2:
        raise InputError(f"{skipped[0]} (and fewer than two readable articles are left)")
    return documents
