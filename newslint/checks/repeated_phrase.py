"""repeated-phrase: a run of words printed twice in a row ("By Jane Doe By Jane Doe").

The phrase-sized sibling of ``repetition`` (one word doubled): a paste that landed
twice, most often a byline or a clause in the lead. Only an immediate repeat counts,
with nothing but white space between the copies and the same spacing and punctuation
inside each, so a chant or a refrain set off by punctuation ("We want more, we want
more") is left alone, as are phrases of one word repeated ("la la la la la la"),
numbers (tables, scores) and blocks laid out in columns.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Hit
from . import Context
from .repetition import _TABLE  # the column-layout test: one definition of a table

PARAMS = frozenset({"phrase"})
#: Runs of "equal" bytes in the token-equality stream, one pattern per phrase length.
_RUNS = {k: re.compile(b"\x01{%d,}" % k) for k in range(1, 33)}


@dataclass(frozen=True)
class Options:
    #: Fewest words in the repeated phrase (a two-word repeat is often a refrain).
    min_words: int = 3
    #: Most words in the repeated phrase looked for (at most 32).
    max_words: int = 8


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    tokens = ctx.analysis.tokens
    lows = ctx.analysis.token_lower
    ends = [b.end for b in ctx.blocks]
    found: dict[int, int] = {}  # first token of the second copy -> phrase length
    for i, k in _doublings(lows, options):
        if i + k not in found and _clean(i, k, lows, tokens, text):
            found[i + k] = k
    for j in sorted(found):
        k = found[j]
        first, last = tokens[j], tokens[j + k - 1]
        b = bisect.bisect_right(ends, tokens[j - k].start)
        if b >= len(ends) or last.end > ends[b] or tokens[j - k].start < ctx.blocks[b].start:
            continue  # the copies must lie in one block of the rule's scope
        if _TABLE.search(text, ctx.blocks[b].start, ctx.blocks[b].end):
            continue
        yield Hit(first.start, last.end, {"phrase": text[first.start : last.end]})


def _doublings(lows: list[str], options: Options) -> Iterator[tuple[int, int]]:
    """(i, k): tokens i..i+k-1 equal the k tokens after them, and the next k do not
    (a phrase printed exactly twice, not a refrain or filler repeated on and on).

    Token i equals token i+k over a run of exactly k to 2k-1 positions: one pass per
    phrase length in C (``map`` of ``eq``, then a bytes search), not a loop per token.
    """
    for k in range(options.min_words, options.max_words + 1):
        eq = bytes(map(operator.eq, lows, itertools.islice(lows, k, None)))
        for m in _RUNS[k].finditer(eq):
            if m.end() - m.start() < 2 * k:
                yield m.start(), k


def _clean(i: int, k: int, lows: list[str], tokens, text: str) -> bool:
    """Not a shorter unit repeated, no numbers, the same spacing inside each copy, only white space between."""
    words = lows[i : i + k]
    if any(words == words[:p] * (k // p) for p in range(1, k) if k % p == 0):
        return False  # "la la la", "LONG SHRT LONG SHRT": a unit repeated on and on (table headers)
    if any(c.isdigit() for w in words for c in w):
        return False
    gaps = [text[tokens[j].end : tokens[j + 1].start] for j in range(i, i + 2 * k - 1)]
    return gaps[: k - 1] == gaps[k:] and gaps[k - 1].isspace()
