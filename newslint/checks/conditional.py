"""conditional: a ``first`` match needs a ``second`` match before it (Vale's ``conditional``).

The classic use is acronyms: ``first`` finds "CCP", ``second`` finds the definition
"Chinese Communist Party (CCP)". Both patterns' key is their first capture group (or
the whole match); a ``first`` match is fine when a ``second`` match with the same
key starts at or before it. Unlike Vale, order matters — news copy spells a term
out at first use — and only the first undefined use of each key is flagged unless
``repeat`` is set, so one missing definition is one finding.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from ..model import Hit
from . import Context
from ._patterns import compile_problems, finditer

PARAMS = frozenset({"key", "status"})

BEFORE = "is used before it is defined"
NEVER = "is never defined"


@dataclass(frozen=True)
class Options:
    first: str
    second: str
    #: Keys that need no definition.
    exceptions: tuple[str, ...] = ()
    ignorecase: bool = False
    #: Flag every undefined use, not only the first of each key.
    repeat: bool = False

    def problems(self) -> list[tuple[str, str]]:
        return compile_problems("first", [self.first], ignorecase=self.ignorecase) + compile_problems(
            "second", [self.second], ignorecase=self.ignorecase
        )

    @functools.cached_property
    def patterns(self) -> tuple[regex.Pattern, regex.Pattern]:
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        return regex.compile(self.first, flags), regex.compile(self.second, flags)

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(e.lower() if self.ignorecase else e for e in self.exceptions)


def key_of(m: regex.Match) -> tuple[str, int, int]:
    """The match's key and its span: group 1 when the pattern has one, else the match."""
    if m.re.groups and m.group(1) is not None:
        return m.group(1), m.start(1), m.end(1)
    return m.group(), m.start(), m.end()


def undefined(
    uses: Iterable[tuple[str, int, int]], defined_at: dict[str, int], *, repeat: bool = False
) -> Iterator[tuple[str, int, int, str]]:
    """(key, start, end, status) for each use with no definition starting at or before it."""
    seen: set[str] = set()
    for key, start, end in sorted(uses, key=lambda u: u[1]):
        where = defined_at.get(key)
        if where is not None and where <= start:
            continue
        if key in seen and not repeat:
            continue
        seen.add(key)
        yield key, start, end, NEVER if where is None else BEFORE


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    first, second = options.patterns
    norm = str.lower if options.ignorecase else str
    defined_at: dict[str, int] = {}
    for m in finditer(second, ctx):
        key = norm(key_of(m)[0])
        defined_at.setdefault(key, m.start())
    uses = []
    for m in finditer(first, ctx):
        key, start, end = key_of(m)
        if norm(key) not in options.skip:
            uses.append((norm(key), start, end))
    for _key, start, end, status in undefined(uses, defined_at, repeat=options.repeat):
        yield Hit(start, end, {"key": ctx.text[start:end], "status": status})
