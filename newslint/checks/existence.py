"""existence: flag every occurrence of any of a list of patterns (Vale's ``existence``)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Hit
from . import Context
from ._patterns import Literals, compile_alternation, compile_problems, spans, split_literals

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
    def _split(self) -> tuple[list[str], list[str]]:
        return split_literals(self.tokens, nonword=self.nonword)

    @functools.cached_property
    def pattern(self) -> regex.Pattern | None:
        patterns = self._split[1]
        return compile_alternation(patterns, ignorecase=self.ignorecase, nonword=self.nonword) if patterns else None

    @functools.cached_property
    def literals(self) -> Literals | None:
        """A long list of plain words, looked up in a set (see ``_patterns.Literals``)."""
        words = self._split[0]
        return Literals(words, ignorecase=self.ignorecase) if words else None

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(e.lower() if self.ignorecase else e for e in self.exceptions)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    for start, end in spans(options.pattern, options.literals, ctx):
        text = ctx.doc.text[start:end]
        if (text.lower() if options.ignorecase else text) in options.skip:
            continue
        yield Hit(start, end)
