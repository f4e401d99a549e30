"""The neutral document model every parser produces and every check reads.

A Document holds the decoded source, the prose ``text`` that checks see (block
texts joined by ``BLOCK_SEPARATOR``), the blocks with their scope, and a source
map from ``text`` offsets back to source offsets. Checks never see markup; the
source map is built while parsing, never by searching the text again.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

BLOCK_SEPARATOR = "\n\n"

#: Every scope a block can have. Rules name scopes from this set.
SCOPES = (
    "headline",
    "deck",
    "byline",
    "dateline",
    "caption",
    "paragraph",
    "heading",
    "list",
    "blockquote",
    "table",
)
#: Body copy: what "the body" means to rules comparing headline and story.
BODY_SCOPES = frozenset({"paragraph", "list", "blockquote", "table", "heading"})


@dataclass(frozen=True)
class Block:
    """A run of prose with one scope. ``start``/``end`` index ``Document.text``."""

    scope: str
    start: int
    end: int


@dataclass(frozen=True)
class Meta:
    """Article metadata. ``date`` anchors relative dates; None means unknown."""

    date: dt.date | None = None
    date_source: str | None = None
    front_matter: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMap:
    """Piecewise map from text offsets to source offsets.

    Piece ``i`` covers ``text[t[i]:t[i]+tl[i]]`` and ``source[s[i]:s[i]+sl[i]]``.
    A verbatim piece (``tl == sl``) maps char by char; a replaced piece (an
    entity, a joined line break) maps atomically to its whole source range.
    """

    text_starts: tuple[int, ...]
    text_lens: tuple[int, ...]
    source_starts: tuple[int, ...]
    source_lens: tuple[int, ...]
    verbatim: tuple[bool, ...]

    def _piece(self, offset: int) -> int:
        return bisect.bisect_right(self.text_starts, offset) - 1

    def to_source_start(self, offset: int) -> int:
        i = self._piece(offset)
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        rel = offset - self.text_starts[i]
        if rel < self.text_lens[i]:
            return self.source_starts[i] + (rel if self.verbatim[i] else 0)
        if i + 1 < len(self.text_starts):  # in a gap (block separator): next piece
            return self.source_starts[i + 1]
        return self.source_starts[i] + self.source_lens[i]

    def to_source_end(self, offset: int) -> int:
        i = self._piece(offset - 1)
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        rel = offset - self.text_starts[i]
        if rel <= self.text_lens[i]:
            if self.verbatim[i]:
                return self.source_starts[i] + rel
            return self.source_starts[i] + self.source_lens[i]
        return self.source_starts[i] + self.source_lens[i]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span for a text span; an empty span stays empty."""
        s = self.to_source_start(start)
        if end <= start:
            return s, s
        return s, max(s, self.to_source_end(end))


@dataclass(frozen=True)
class LineIndex:
    """Offsets of line starts in the source; lines split on ``\\n`` only."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> LineIndex:
        starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return cls(tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True)
class Document:
    path: str
    format: str
    source: str
    text: str
    blocks: tuple[Block, ...]
    source_map: SourceMap
    meta: Meta = field(default_factory=Meta)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def blocks_in(self, scopes: frozenset[str] | None) -> tuple[Block, ...]:
        if scopes is None:
            return self.blocks
        return tuple(b for b in self.blocks if b.scope in scopes)

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self.blocks, offset, key=lambda b: b.start) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None


class DocumentBuilder:
    """The one place that appends text and source-map pieces together.

    Parsers call ``verbatim`` and ``replace`` in source order and close blocks
    with ``end_block``; the builder keeps text and map in step, so the map's
    invariants hold for every parser.
    """

    def __init__(self, source: str, path: str = "<text>", fmt: str = "plain") -> None:
        self.source = source
        self.path = path
        self.format = fmt
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._block_start: int | None = None
        self._t: list[int] = []
        self._tl: list[int] = []
        self._s: list[int] = []
        self._sl: list[int] = []
        self._v: list[bool] = []

    def _open(self) -> None:
        if self._block_start is None:
            if self._blocks:
                self._parts.append(BLOCK_SEPARATOR)
                self._length += len(BLOCK_SEPARATOR)
            self._block_start = self._length

    def verbatim(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` into the current block."""
        if end <= start:
            return
        self._open()
        n = end - start
        if (
            self._v
            and self._v[-1]
            and self._t[-1] + self._tl[-1] == self._length
            and self._s[-1] + self._sl[-1] == start
        ):
            self._tl[-1] += n
            self._sl[-1] += n
        else:
            self._t.append(self._length)
            self._tl.append(n)
            self._s.append(start)
            self._sl.append(n)
            self._v.append(True)
        self._parts.append(self.source[start:end])
        self._length += n

    def replace(self, text: str, start: int, end: int) -> None:
        """Put ``text`` in the current block for ``source[start:end]`` (atomic)."""
        if not text:
            return
        if text == self.source[start:end]:
            self.verbatim(start, end)
            return
        self._open()
        self._t.append(self._length)
        self._tl.append(len(text))
        self._s.append(start)
        self._sl.append(end - start)
        self._v.append(False)
        self._parts.append(text)
        self._length += len(text)

    @property
    def block_open(self) -> bool:
        return self._block_start is not None

    def end_block(self, scope: str) -> None:
        if self._block_start is None:
            return
        if self._length > self._block_start:
            self._blocks.append(Block(scope, self._block_start, self._length))
        self._block_start = None

    def build(self, meta: Meta | None = None) -> Document:
        if self._block_start is not None:
            raise RuntimeError("end_block() was not called for the last block")
        return Document(
            path=self.path,
            format=self.format,
            source=self.source,
            text="".join(self._parts),
            blocks=tuple(self._blocks),
            source_map=SourceMap(
                tuple(self._t), tuple(self._tl), tuple(self._s), tuple(self._sl), tuple(self._v)
            ),
            meta=meta or Meta(),
        )


def iter_block_texts(doc: Document, blocks: tuple[Block, ...]) -> Iterator[tuple[Block, str]]:
    for block in blocks:
        yield block, doc.text[block.start : block.end]
