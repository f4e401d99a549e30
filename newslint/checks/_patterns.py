"""Shared helpers for pattern-based check types: compile once, run with a timeout."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from . import Context


def compile_alternation(tokens: Iterable[str], *, ignorecase: bool, nonword: bool) -> regex.Pattern:
    """One pattern for a list of token regexes, word-bounded unless ``nonword``."""
    body = "|".join(f"(?:{t})" for t in tokens)
    if not nonword:
        body = rf"(?<![\w-])(?:{body})(?![\w-])"
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    return regex.compile(body, flags)


def compile_problems(key: str, tokens: Iterable[str], *, ignorecase: bool = False) -> list[tuple[str, str]]:
    problems = []
    for i, token in enumerate(tokens):
        if is_literal(token):  # valid by construction; 100,000 compiles would take seconds
            continue
        try:
            regex.compile(token, regex.V1 | (regex.IGNORECASE if ignorecase else 0))
        except regex.error as exc:
            problems.append((key, f"{key}[{i}] is not a valid regular expression: {exc}"))
        except (RecursionError, OverflowError, MemoryError):
            problems.append((key, f"{key}[{i}] is too deeply nested or too large a regular expression"))
    return problems


def finditer(pattern: regex.Pattern, ctx: Context) -> Iterator[regex.Match]:
    """Matches inside each in-scope block; TimeoutError when a pattern backtracks too long."""
    text = ctx.doc.text
    for block in ctx.blocks:  # regex_timeout is what is left of the rule's budget: read it per call
        yield from pattern.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout)


#: From this many plain words and phrases on, a rule looks them up in a set instead of
#: compiling them into one alternation (which ``regex`` compiles and runs slowly once
#: it has thousands of branches: 100,000 words took 5 s to compile, 3 s per article).
LITERAL_LIST = 256
_LITERAL = regex.compile(r"\w+(?:[ '’-]\w+)*")
#: What a literal is made of: words joined by hyphens; a phrase is several of them.
_TOKEN = regex.compile(r"\w+(?:-\w+)*")


def is_literal(token: str) -> bool:
    """A token that means itself as a regex: words joined by spaces, hyphens, apostrophes."""
    return _LITERAL.fullmatch(token) is not None


class Literals:
    """Plain words and phrases found by set lookup, linear in the text whatever the list size.

    Matches what ``compile_alternation`` (word-bounded) would find, except that where two
    entries overlap the longest wins rather than the first listed.
    """

    def __init__(self, words: Iterable[str], *, ignorecase: bool) -> None:
        self.fold = str.casefold if ignorecase else None
        words = list(words)
        self.words = frozenset(w.casefold() for w in words) if ignorecase else frozenset(words)
        #: Most tokens an entry spans (tokens are hyphen-joined words; spaces and apostrophes part them).
        self.span = 1 + max((w.count(" ") + w.count("'") + w.count("’") for w in words), default=0)

    def spans(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        words, fold, span = self.words, self.fold, self.span
        tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
        i, n = 0, len(tokens)
        while i < n:
            s = tokens[i][0]
            best = 0
            if s == start or text[s - 1] != "-":  # "-word" is no word boundary, as in the alternation
                for j in range(i, min(n, i + span)):
                    e = tokens[j][1]
                    if e < end and text[e] == "-":
                        continue
                    piece = text[s:e]
                    if (fold(piece) if fold else piece) in words:
                        best = j + 1
            if best:
                yield s, tokens[best - 1][1]
                i = best
            else:
                i += 1


def split_literals(tokens: Iterable[str], *, nonword: bool) -> tuple[list[str], list[str]]:
    """(plain words for a ``Literals`` set, the other patterns); no set for short lists."""
    tokens = list(tokens)
    if nonword or len(tokens) < LITERAL_LIST:
        return [], tokens
    literal: list[str] = []
    other: list[str] = []
    for t in tokens:
        (literal if is_literal(t) else other).append(t)
    if len(literal) < LITERAL_LIST:
        return [], tokens
    return literal, other


def spans(pattern: regex.Pattern | None, literals: Literals | None, ctx: Context) -> Iterator[tuple[int, int]]:
    """Non-overlapping match spans of a pattern and a literal set, in text order."""
    for block in ctx.blocks:
        found = [m.span() for m in pattern.finditer(ctx.doc.text, block.start, block.end, timeout=ctx.settings.regex_timeout)] if pattern else []
        if literals is not None:
            found = sorted([*found, *literals.spans(ctx.doc.text, block.start, block.end)], key=lambda se: (se[0], -se[1]))
        last = -1
        for s, e in found:
            if s >= last:
                yield s, e
                last = max(e, s + 1)
