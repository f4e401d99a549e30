"""Parsers: bytes already decoded to str in, a Document plus parse problems out."""

from __future__ import annotations

import os
from collections.abc import Callable

from ..document import Document

Problems = tuple[tuple[int, str], ...]
Parser = Callable[[str, str], tuple[Document, Problems]]

#: File extensions read when a directory is walked, and the parser each one selects.
EXTENSIONS = {
    ".txt": "plain",
    ".text": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
FORMATS = ("plain", "markdown", "html")


def format_for(path: str) -> str:
    """The parser for a path by its extension; anything unknown is plain text."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "plain")


def parse(source: str, path: str = "<text>", fmt: str | None = None) -> tuple[Document, Problems]:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from .markdown import parse_markdown

        return parse_markdown(source, path)
    if fmt == "html":
        from .html import parse_html

        return parse_html(source, path)
    from .plain import parse_plain

    return parse_plain(source, path)
