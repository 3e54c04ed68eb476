"""What the viewer needs before it starts, prepared without Textual: the articles read
(bad input is reported like the one-shot command) and the comparison server forked
(``newsdiff.server``: no thread may run yet), already comparing the opening pair while
Textual loads (0.4 s) and starts."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdiff.document import load_document
from newsdiff.model import Document
from newsdiff.reading import DEFAULT_MAX_BYTES, InputError
from newsdiff.render.theme import get_theme
from newsdiff.server import ComparisonServer, ServedComparison


@dataclass
class Startup:
    documents: list[Document]
    style: str = "default"
    skipped: list[str] = field(default_factory=list)  # a folder's unreadable files, and why
    server: ComparisonServer | None = None  # compares the pairs asked for, if it started
    opening: ServedComparison | None = None  # the first pair, being compared meanwhile

    def close(self) -> None:
        """Stop what the server still does, and end it (the viewer does this as it
        closes; again here, in case it never started)."""
        if self.opening:
            self.opening.close()
        if self.server:
            self.server.close()


def prepare_viewer(
    files: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    style: str = "default",
    skip_unreadable: bool = False,
    processes: int = 1,
) -> Startup:
    """Read the articles and, with ``processes`` above 1, fork the comparison server and
    ask it for the first two."""
    get_theme(style)  # an unknown style fails before the screen is taken over
    skipped: list[str] | None = [] if skip_unreadable else None
    documents = load_documents(files, max_bytes, skipped)
    server = ComparisonServer.start(documents) if processes > 1 else None
    opening = server.compare(0, 1) if server and len(documents) > 1 else None
    return Startup(documents, style, skipped or [], server, opening)


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
