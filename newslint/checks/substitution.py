"""substitution: a pattern that should be written another way (Vale's ``substitution``)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Edit, Hit
from . import Context
from ._patterns import compile_alternation, compile_problems, finditer

PARAMS = frozenset({"expected"})
#: The replacement is the rule's preferred form, but context may call for the original.
FIX = "unsafe"


@dataclass(frozen=True)
class Options:
    #: Pattern → preferred form. Keys are regular expressions; values are literal text.
    swap: dict[str, str]
    ignorecase: bool = False
    nonword: bool = False

    def problems(self) -> list[tuple[str, str]]:
        if not self.swap:
            return [("swap", "'swap' must map at least one pattern to its replacement")]
        return compile_problems("swap", self.swap, ignorecase=self.ignorecase)

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return compile_alternation(self.swap, ignorecase=self.ignorecase, nonword=self.nonword)

    @functools.cached_property
    def matchers(self) -> tuple[tuple[regex.Pattern, str], ...]:
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        return tuple((regex.compile(k, flags), v) for k, v in self.swap.items())


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    for m in finditer(options.pattern, ctx):
        text = m.group()
        expected = next((v for p, v in options.matchers if p.fullmatch(text)), None)
        if expected is None or expected == text:
            continue
        edit = Edit(m.start(), m.end() - m.start(), expected)
        yield Hit(m.start(), m.end(), {"expected": expected}, (expected,), edits=(edit,))
