"""brackets: an opening bracket never closed, or a closing one never opened, in a block.

A stack per block; a closer that does not match the top of the stack either closes
an opener further down (the ones above it were never closed) or, with no opener of
its kind at all, is stray. Not brackets: list markers ("1)", "a)", "iv)") with no
opener waiting, and smileys (":)", ";-)", ":("). A block left open whose next block
(same scope) starts by closing it is one bracket over a split: wire tables wrap
their indented lines into separate blocks.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from ..document import Block
from ..model import Hit
from . import Context

PARAMS = frozenset({"problem"})

_LIST_MARKER = regex.compile(r"(?:^|(?<=[\s(\[]))(?:\d{1,3}|\p{L}|[ivxIVX]{1,4})$")
_SMILEY_BEFORE = regex.compile(r"(?:^|\s)[:;=]['^-]?$")


@dataclass(frozen=True)
class Options:
    #: Opening bracket → its closing bracket.
    pairs: dict[str, str] = field(default_factory=lambda: {"(": ")", "[": "]"})

    def problems(self) -> list[tuple[str, str]]:
        bad = [k for k, v in self.pairs.items() if len(k) != 1 or len(v) != 1 or k == v]
        return [("pairs", f"pairs must map one character to a different one: {bad}")] if bad else []

    @functools.cached_property
    def closers(self) -> dict[str, str]:
        return {v: k for k, v in self.pairs.items()}

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return regex.compile("[" + regex.escape("".join(self.pairs) + "".join(self.pairs.values())) + "]")


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    carried: list[int] = []  # openers left open at the end of the previous block
    previous = None
    for block in ctx.blocks:
        inner, unclosed, stray = _scan(text, block, options)
        if previous is not None and _wrapped(ctx, previous, block):
            # A bracket that runs into the next block: a wrapped table line in wire copy.
            while carried and stray and options.pairs[text[carried[-1]]] == text[stray[0]]:
                carried.pop()
                stray.pop(0)
        for pos in carried:
            yield _unclosed(text, pos)
        for pos in stray:
            ch = text[pos]
            yield Hit(pos, pos + 1, {"problem": f"'{ch}' has no opening '{options.closers[ch]}'"})
        yield from (_unclosed(text, pos) for pos in inner)
        carried, previous = unclosed, block
    for pos in carried:
        yield _unclosed(text, pos)


def _wrapped(ctx: Context, previous: Block, block: Block) -> bool:
    """Two blocks of one scope split by a line break but no blank line (indented wire lines)."""
    if previous.scope != block.scope:
        return False
    source_map = ctx.doc.source_map
    gap = ctx.doc.source[source_map.to_source_end(previous.end) : source_map.to_source_start(block.start)]
    return regex.search(r"\n[ \t\r]*\n", gap) is None


def _scan(text: str, block: Block, options: Options) -> tuple[list[int], list[int], list[int]]:
    """(openers closed out of order, openers never closed, closers never opened) in a block."""
    stack: list[int] = []
    inner: list[int] = []
    stray: list[int] = []
    for m in options.pattern.finditer(text, block.start, block.end):
        pos, ch = m.start(), m.group()
        before = text[max(block.start, pos - 4) : pos]
        if ch in "()" and _SMILEY_BEFORE.search(before):
            continue  # ":)" and ":(" are faces, not brackets
        if ch in options.pairs:
            stack.append(pos)
            continue
        opener = options.closers[ch]
        marker = _LIST_MARKER.search(text[max(block.start, pos - 5) : pos])
        if ch == ")" and marker and not any(text[i] == "(" for i in stack):
            continue  # "1)", "a)": a list marker
        depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == opener), None)
        if depth is None:
            stray.append(pos)
            continue
        inner.extend(stack[depth + 1 :])  # openers above the match were never closed
        del stack[depth:]
    return inner, stack, stray
def _unclosed(text: str, pos: int) -> Hit:
    ch = text[pos]
    return Hit(pos, pos + 1, {"problem": f"'{ch}' is never closed in this paragraph"})
