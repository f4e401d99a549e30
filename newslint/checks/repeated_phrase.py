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
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Hit
from . import Context
from .repetition import _TABLE  # the column-layout test: one definition of a table

PARAMS = frozenset({"phrase"})


@dataclass(frozen=True)
class Options:
    #: Fewest words in the repeated phrase (a two-word repeat is often a refrain).
    min_words: int = 3
    #: Most words in the repeated phrase looked for.
    max_words: int = 12


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    tokens = ctx.analysis.tokens
    lows = ctx.analysis.token_lower
    starts = ctx.analysis.token_starts
    for block in ctx.blocks:
        lo, hi = bisect.bisect_left(starts, block.start), bisect.bisect_left(starts, block.end)
        if hi - lo < 2 * options.min_words or _TABLE.search(text, block.start, block.end):
            continue
        i = lo
        while i < hi:
            k = _repeat_at(i, hi, lows, tokens, text, options)
            if k:
                first, last = tokens[i + k], tokens[i + 2 * k - 1]
                yield Hit(first.start, last.end, {"phrase": text[first.start : last.end]})
                i += 2 * k
            else:
                i += 1


def _repeat_at(i: int, hi: int, lows: list[str], tokens, text: str, options: Options) -> int:
    """The length of a phrase starting at token ``i`` and repeated right after it, or 0."""
    for k in range(options.min_words, options.max_words + 1):
        if i + 2 * k > hi:
            return 0
        if lows[i] != lows[i + k] or lows[i : i + k] != lows[i + k : i + 2 * k]:
            continue
        if len(set(lows[i : i + k])) == 1 or any(c.isdigit() for w in lows[i : i + k] for c in w):
            continue
        gaps = [text[tokens[j].end : tokens[j + 1].start] for j in range(i, i + 2 * k - 1)]
        if gaps[:k - 1] == gaps[k:] and gaps[k - 1].isspace():
            return k
    return 0
