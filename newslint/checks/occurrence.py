"""occurrence: too many (or too few) matches of a pattern per unit (Vale's ``occurrence``).

Vale counts per its rule scope; here the rule's ``scope`` picks the blocks and
``per`` picks the unit counted: each block, each sentence, or the whole document.
Over ``max``, the first match past the limit is flagged (one finding per unit, not
one per extra match); under ``min``, the unit itself is flagged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from ..model import Hit
from . import Context
from ._patterns import compile_alternation, compile_problems

PARAMS = frozenset({"count", "max", "min"})


@dataclass(frozen=True)
class Options:
    token: str
    max: int | None = None
    min: int | None = None
    per: Literal["block", "sentence", "document"] = "block"
    ignorecase: bool = False
    nonword: bool = False

    def problems(self) -> list[tuple[str, str]]:
        if self.max is None and self.min is None:
            return [("max", "give 'max', 'min' or both")]
        if self.max is not None and self.min is not None and self.min > self.max:
            return [("min", "'min' is larger than 'max'")]
        if (self.max is not None and self.max < 0) or (self.min is not None and self.min < 0):
            return [("max", "'max' and 'min' must not be negative")]
        return compile_problems("token", [self.token], ignorecase=self.ignorecase)

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return compile_alternation([self.token], ignorecase=self.ignorecase, nonword=self.nonword)


def units(options: Options, ctx: Context) -> list[list[tuple[int, int]]]:
    """Each counted unit as a list of (start, end) ranges of ``doc.text``."""
    if options.per == "document":
        return [[(b.start, b.end) for b in ctx.blocks]]
    if options.per == "block":
        return [[(b.start, b.end)] for b in ctx.blocks]
    wanted = set(ctx.blocks)
    return [[(s.start, s.end)] for s in ctx.analysis.sentences if s.block in wanted]


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    timeout = ctx.settings.regex_timeout
    for ranges in units(options, ctx):
        if not ranges:
            continue
        matches = [m for s, e in ranges for m in options.pattern.finditer(text, s, e, timeout=timeout)]
        params = {
            "count": str(len(matches)),
            "max": "" if options.max is None else str(options.max),
            "min": "" if options.min is None else str(options.min),
        }
        if options.max is not None and len(matches) > options.max:
            extra = matches[options.max]
            yield Hit(extra.start(), extra.end(), params)
        elif options.min is not None and len(matches) < options.min:
            start, end = ranges[0]
            yield Hit(start, end, params)
