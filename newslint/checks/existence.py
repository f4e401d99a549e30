"""existence: flag every occurrence of any of a list of patterns (Vale's ``existence``)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Hit
from . import Context
from ._patterns import compile_alternation, compile_problems, finditer

PARAMS = frozenset()


@dataclass(frozen=True)
class Options:
    #: Regular expressions (``regex`` syntax); words are matched whole unless ``nonword``.
    tokens: tuple[str, ...]
    ignorecase: bool = False
    nonword: bool = False
    #: Matches equal to one of these (compared as the ``ignorecase`` option says) are skipped.
    exceptions: tuple[str, ...] = ()

    def problems(self) -> list[tuple[str, str]]:
        if not self.tokens:
            return [("tokens", "'tokens' must list at least one pattern")]
        return compile_problems("tokens", self.tokens, ignorecase=self.ignorecase)

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return compile_alternation(self.tokens, ignorecase=self.ignorecase, nonword=self.nonword)

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(e.lower() if self.ignorecase else e for e in self.exceptions)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    for m in finditer(options.pattern, ctx):
        text = m.group()
        if (text.lower() if options.ignorecase else text) in options.skip:
            continue
        yield Hit(m.start(), m.end())
