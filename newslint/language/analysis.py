"""Per-document analysis computed once and shared by every check.

Each property is computed on first use, so a rule set that never asks for the
person table or the date mentions never pays for them.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from ..document import Block, Document

if TYPE_CHECKING:
    from ..settings import Settings

_WORD = regex.compile(r"\w+(?:['’\-]\w+)*")
_START, _END, _GROUP = operator.methodcaller("start"), operator.methodcaller("end"), operator.methodcaller("group")
_SENTENCE_END = regex.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\d])""")
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "capt", "cmdr", "sgt", "maj", "adm", "gov", "sen", "rep", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "corp", "ltd", "plc", "bros", "no", "nos", "vs", "mt", "ft", "ave", "blvd", "dept", "est", "fig", "approx", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "al"]
)


class Token(NamedTuple):
    """A word in ``Document.text``. A named tuple: every document makes one per word,
    and a tuple is built about twice as fast as a frozen dataclass."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence span in ``Document.text``, never crossing a block boundary."""

    start: int
    end: int
    block: Block


def split_sentences(text: str, block: Block) -> list[Sentence]:
    """Split one block's text (offsets relative to the document) into sentences."""
    out: list[Sentence] = []
    base = block.start
    start = 0
    for m in _SENTENCE_END.finditer(text):
        word_start = m.start()
        while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
            word_start -= 1
        word = text[word_start : m.start()].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        end = m.end()
        if text[start:end].strip():
            out.append(Sentence(base + start, base + end, block))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        out.append(Sentence(base + start, base + len(text), block))
    return out


class Analysis:
    """Lazily computed, shared views of one Document."""

    def __init__(self, doc: Document, settings: Settings) -> None:
        self.doc = doc
        self.settings = settings

    @functools.cached_property
    def tokens(self) -> tuple[Token, ...]:
        text = self.doc.text
        out: list[Token] = []
        make = Token._make
        for block in self.doc.blocks:
            ms = list(_WORD.finditer(text, block.start, block.end))
            out.extend(map(make, zip(map(_START, ms), map(_END, ms), map(_GROUP, ms), strict=True)))
        return tuple(out)

    @functools.cached_property
    def token_lower(self) -> list[str]:
        """Each token lower-cased, in token order (one ``lower()`` call for the document)."""
        if not self.tokens:
            return []
        return "\n".join(t.text for t in self.tokens).lower().split("\n")

    @functools.cached_property
    def token_starts(self) -> list[int]:
        """Token start offsets, for bisecting from a text offset to a token."""
        return [t.start for t in self.tokens]

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for block in self.doc.blocks:
            out.extend(split_sentences(self.doc.text[block.start : block.end], block))
        return tuple(out)

    @functools.cached_property
    def word_counts(self) -> dict[str, int]:
        """Lower-cased word frequencies over the whole document."""
        return dict(Counter(self.token_lower))

    def memo(self, key: str, compute: Any) -> Any:
        """Share an expensive result between rules of one document (e.g. a person table)."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute(self)
        return cache[key]
