"""Views of a parsed Document shared by the parser tests."""

from __future__ import annotations

from newslint.document import Document


def blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.scope, doc.block_text(b)) for b in doc.blocks]


def texts(doc: Document) -> list[str]:
    return [doc.block_text(b) for b in doc.blocks]


def mapped(doc: Document, needle: str, nth: int = 0) -> str:
    """The source text behind the ``nth`` occurrence of ``needle`` in ``doc.text``."""
    index = -1
    for _ in range(nth + 1):
        index = doc.text.index(needle, index + 1)
    s, e = doc.source_map.to_source(index, index + len(needle))
    return doc.source[s:e]


def assert_maps(doc: Document, needle: str, source_text: str | None = None, nth: int = 0) -> None:
    assert mapped(doc, needle, nth) == (needle if source_text is None else source_text)
