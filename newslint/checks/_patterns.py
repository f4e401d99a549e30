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
        try:
            regex.compile(token, regex.V1 | (regex.IGNORECASE if ignorecase else 0))
        except regex.error as exc:
            problems.append((key, f"{key}[{i}] is not a valid regular expression: {exc}"))
    return problems


def finditer(pattern: regex.Pattern, ctx: Context) -> Iterator[regex.Match]:
    """Matches inside each in-scope block; TimeoutError when a pattern backtracks too long."""
    text = ctx.doc.text
    for block in ctx.blocks:  # regex_timeout is what is left of the rule's budget: read it per call
        yield from pattern.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout)
