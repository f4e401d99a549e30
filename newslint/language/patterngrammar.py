"""The token-pattern language of the ``sequence`` check, parsed with pyparsing.

Editors write patterns over the words of one sentence::

    neither _{0,6}!(and|but) (has|have|had) yet to
    (did|does|do) not deny (nothing|no one|nobody)
    (can't|cannot|can not) hardly

==============  ==========================================================
``word``        one token, case-insensitive (’ and ' are the same)
``, ; : — –``   one clause-punctuation token
``(a|b c)``     alternatives; a branch may be several elements
``x?``          optional element
``_``           one word token; ``_{m,n}`` / ``_{n}`` m to n word tokens.
                A gap never crosses clause punctuation (, ; : — – ( ))
``*{m,n}``      a gap that may cross clause punctuation
``_{m,n}!x``    a gap none of whose tokens is ``x`` (a word, group or regex)
``/re/``        one token whose whole text matches the regex (``regex`` syntax)
``!x``          one word token that is not ``x``
==============  ==========================================================

pyparsing only ever parses these short patterns, once, when rules load; matching
is a small backtracking walk over a sentence's tokens (see ``Pattern.match``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

#: Clause punctuation: a token of its own, and a wall for ``_`` gaps.
CLAUSE_PUNCT = frozenset(",;:()—–")


def normalise(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class Tok:
    """A sentence token as the matcher sees it: normalised text, and word or punctuation."""

    norm: str
    text: str
    is_word: bool


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Rx:
    source: str

    @functools.cached_property
    def compiled(self) -> regex.Pattern:
        return regex.compile(self.source, regex.V1 | regex.IGNORECASE)


@dataclass(frozen=True)
class Not:
    atom: Atom


@dataclass(frozen=True)
class Alt:
    branches: tuple[tuple[Element, ...], ...]

    @functools.cached_property
    def runs(self) -> tuple[frozenset[str] | tuple[Element, ...], ...]:
        """The branches in order, each run of one-word branches as one set: a token is
        tested against eighty words ("(at|in|on|...)") by one lookup, not by eighty
        generator steps. Matching yields the same ends in the same order, less repeats."""
        out: list[set[str] | tuple[Element, ...]] = []
        for branch in self.branches:
            if len(branch) == 1 and isinstance(branch[0], Word):
                if out and isinstance(out[-1], set):
                    out[-1].add(branch[0].text)
                else:
                    out.append({branch[0].text})
            else:
                out.append(branch)
        return tuple(frozenset(r) if isinstance(r, set) else r for r in out)


@dataclass(frozen=True)
class Gap:
    low: int
    high: int
    crosses: bool = False
    exclude: Atom | None = None


@dataclass(frozen=True)
class Opt:
    element: Element


Atom = Word | Rx | Not | Alt
Element = Word | Rx | Not | Alt | Gap | Opt


class PatternError(ValueError):
    """A pattern that does not parse or makes no sense; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


# --- parsing ---------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _grammar():
    """Built on first use so importing this module stays cheap.

    Every parse action takes pyparsing's full ``(string, location, tokens)`` signature:
    pyparsing learns a shorter action's arity by trial on its first calls, and that trial
    is not thread-safe (two threads parsing patterns at once raised TypeError).
    """
    import pyparsing as pp

    element = pp.Forward()
    word = pp.Regex(r"[^\W_][\w'’.&-]*|[,;:—–]").set_name("word")
    word.set_parse_action(lambda s, loc, t: Word(normalise(t[0])))
    rx = pp.Regex(r"/(?:\\.|[^/\\])+/").set_name("/regex/")
    rx.set_parse_action(lambda s, loc, t: Rx(t[0][1:-1]))
    branch = pp.Group(pp.OneOrMore(element))
    alt = pp.Suppress("(") + pp.DelimitedList(branch, "|") + pp.Suppress(")")
    alt.set_name("(alternatives)").set_parse_action(lambda s, loc, t: Alt(tuple(tuple(b) for b in t)))
    negated = pp.Suppress("!") + (alt | rx | word)
    negated.set_parse_action(lambda s, loc, t: Not(t[0]))
    exclusion = pp.Suppress(pp.Literal("!").leave_whitespace()) + (alt | rx | word)
    gap = pp.Regex(r"(?P<kind>[_*])(?:\{(?P<low>\d+)(?:,(?P<high>\d+))?\})?").set_name("gap")
    gap = gap + pp.Optional(exclusion)
    gap.set_parse_action(_gap)
    atom = gap | negated | alt | rx | word
    element <<= (atom + pp.Optional(pp.Literal("?").leave_whitespace())).set_parse_action(
        lambda s, loc, t: Opt(t[0]) if len(t) == 2 else t[0]
    )
    return pp.OneOrMore(element) + pp.StringEnd()


def _gap(s: str, loc: int, t) -> Gap:
    import pyparsing as pp

    head = t[0]
    kind = head[0]
    low = high = 1
    if "{" in head:
        nums = head[2:-1].split(",")
        low = int(nums[0])
        high = int(nums[1]) if len(nums) > 1 else low
    if high < low:
        raise pp.ParseFatalException(s, loc, f"gap {head}: maximum is less than minimum")
    return Gap(low, high, crosses=kind == "*", exclude=t[1] if len(t) > 1 else None)


@dataclass(frozen=True)
class Pattern:
    source: str
    elements: tuple[Element, ...]

    @functools.cached_property
    def anchors(self) -> frozenset[str] | None:
        """Words of which a matching sentence must contain one (None: no cheap test)."""
        return _anchors(self.elements)

    @functools.cached_property
    def required(self) -> tuple[frozenset[str], ...]:
        """For each word or alternatives element (never optional), the words one of which a
        match holds: a sentence lacking any of them is not walked."""
        return tuple(a for e in self.elements if isinstance(e, (Word, Alt)) and (a := _anchors((e,))) is not None)

    @functools.cached_property
    def rarest(self) -> frozenset[str] | None:
        """The ``required`` words a prefilter should look for: short words are the common
        ones ("in", "of"), so the set whose shortest word is longest, then the smallest."""
        if not self.required:
            return None
        return max(self.required, key=lambda words: (min(map(len, words)), -len(words)))

    @functools.cached_property
    def first(self) -> frozenset[str] | None:
        """The words a match can start with (None: any token may start one)."""
        return _firsts(self.elements)

    def match(self, toks: Sequence[Tok], start: int) -> int | None:
        """End index (exclusive) of the shortest match beginning at ``toks[start]``."""
        for end in _seq(self.elements, 0, toks, start):
            return end
        return None

    def finditer(self, toks: Sequence[Tok], starts: Sequence[int] | None = None) -> Iterator[tuple[int, int]]:
        """Non-overlapping (first, end) token ranges, leftmost first. ``starts``: the
        ascending indexes of every token whose word is in ``first`` (a caller's index)."""
        first = self.first
        if first is not None and starts is not None:
            i = 0
            for k in starts:
                if k < i:
                    continue
                end = self.match(toks, k)
                if end is not None and end > k:
                    yield k, end
                    i = end
            return
        i = 0
        while i < len(toks):
            if first is not None and toks[i].norm not in first:
                i += 1
                continue
            end = self.match(toks, i)
            if end is not None and end > i:
                yield i, end
                i = end
            else:
                i += 1


def parse(source: str) -> Pattern:
    """Parse one pattern; PatternError (with a 1-based column) when it is not valid.

    A valid pattern's parse is kept in the cache (keyed by its text and newslint's
    code): building the grammar and parsing costs a fresh process ~0.1 s, unpickling
    the result a fraction of a millisecond."""
    from ..caching.lexicache import cached

    return cached(f"pattern:{source}", (), Pattern, lambda: _parse(source))


def _parse(source: str) -> Pattern:
    import pyparsing as pp

    try:
        elements = tuple(_grammar().parse_string(source, parse_all=True))
    except pp.ParseFatalException as exc:  # our own, from a parse action: already readable
        raise PatternError(str(exc.msg), exc.col) from None
    except pp.ParseException as exc:
        raise PatternError(_describe(exc), exc.col) from None
    _validate(elements, source)
    return Pattern(source, elements)


def _describe(exc) -> str:
    """A short message: pyparsing's own "Expected {{gap [...]} | ...}" is unreadable."""
    found = exc.line[exc.col - 1 : exc.col] if exc.col <= len(exc.line) else ""
    if not found.strip():
        msg = str(exc.msg)
        return "the pattern ends too early" + (f": {msg}" if "{" not in msg else " (an unclosed '(' or '/'?)")
    return f"unexpected {found!r}"


def _validate(elements: tuple[Element, ...], source: str) -> None:
    def fail(message: str) -> None:
        raise PatternError(message, 1)

    def required(e: Element) -> bool:
        return not isinstance(e, (Opt, Gap))

    for e in _walk(elements):
        if isinstance(e, Rx):
            try:
                e.compiled  # noqa: B018 - compile now, report now
            except regex.error as exc:
                fail(f"/{e.source}/ is not a valid regular expression: {exc}")
        if isinstance(e, Not) and not _single_token(e.atom):
            fail("'!' applies to one token: a word, a regex or alternatives of single words")
        if isinstance(e, Gap) and e.exclude is not None and not _single_token(e.exclude):
            fail("a gap's '!' exclusion must be one token: a word, a regex or alternatives of single words")
        if isinstance(e, Opt) and isinstance(e.element, (Gap, Opt)):
            fail("'?' cannot follow a gap or another '?'")
    if not any(required(e) for e in elements):
        fail("a pattern needs at least one word that is not optional")
    first, last = elements[0], elements[-1]
    if isinstance(first, Gap) or isinstance(last, Gap):
        fail("a pattern cannot start or end with a gap: a finding runs from its first to its last word")


def _walk(elements: Sequence[Element]) -> Iterator[Element]:
    for e in elements:
        yield e
        if isinstance(e, Opt):
            yield from _walk([e.element])
        elif isinstance(e, Alt):
            for b in e.branches:
                yield from _walk(b)
        elif isinstance(e, Not):
            yield from _walk([e.atom])
        elif isinstance(e, Gap) and e.exclude is not None:
            yield from _walk([e.exclude])


def _single_token(atom: Element) -> bool:
    if isinstance(atom, (Word, Rx)):
        return True
    if isinstance(atom, Alt):
        return all(len(b) == 1 and isinstance(b[0], (Word, Rx)) for b in atom.branches)
    return False


def _anchors(elements: Sequence[Element]) -> frozenset[str] | None:
    for e in elements:
        if isinstance(e, Word):
            return frozenset([e.text])
        if isinstance(e, Alt):
            parts = [_anchors(b) for b in e.branches]
            if all(p is not None for p in parts):
                return frozenset().union(*parts)  # type: ignore[arg-type]
            return None
        if isinstance(e, (Rx, Not)):
            continue
    return None


def _firsts(elements: Sequence[Element]) -> frozenset[str] | None:
    """Every word a match of ``elements`` can begin with, or None when that is open."""
    out: set[str] = set()
    for e in elements:
        if isinstance(e, Word):
            return frozenset(out | {e.text})
        if isinstance(e, Opt):
            sub = _firsts((e.element,))
            if sub is None:
                return None
            out |= sub
            continue  # the optional word may be absent: the next element can begin
        if isinstance(e, Alt):
            for branch in e.branches:
                sub = _firsts(branch[:1]) if not isinstance(branch[0], Opt) else None
                if sub is None:
                    return None
                out |= sub
            return frozenset(out)
        return None
    return None


# --- matching --------------------------------------------------------------


def _one(atom: Element, tok: Tok) -> bool:
    """Does a single-token atom match ``tok``?"""
    if isinstance(atom, Word):
        return tok.norm == atom.text
    if isinstance(atom, Rx):
        return tok.is_word and atom.compiled.fullmatch(tok.text) is not None
    if isinstance(atom, Not):
        return tok.is_word and not _one(atom.atom, tok)
    if isinstance(atom, Alt):
        return any(tok.norm in r if isinstance(r, frozenset) else _one(r[0], tok) for r in atom.runs)
    return False


def _seq(elements: Sequence[Element], k: int, toks: Sequence[Tok], i: int) -> Iterator[int]:
    """Every end index at which ``elements[k:]`` matches from ``toks[i]`` (shortest first)."""
    if k == len(elements):
        yield i
        return
    for j in _element(elements[k], toks, i):
        yield from _seq(elements, k + 1, toks, j)


def _element(e: Element, toks: Sequence[Tok], i: int) -> Iterator[int]:
    n = len(toks)
    if isinstance(e, Gap):
        j = i
        for count in range(e.high + 1):
            if count >= e.low:
                yield j
            if j >= n:
                return
            tok = toks[j]
            if not e.crosses and not tok.is_word:
                return
            if e.exclude is not None and _one(e.exclude, tok):
                return
            j += 1
    elif isinstance(e, Opt):
        yield from _element(e.element, toks, i)
        yield i
    elif isinstance(e, Alt):
        for run in e.runs:
            if not isinstance(run, frozenset):
                yield from _seq(run, 0, toks, i)
            elif i < n and toks[i].norm in run:
                yield i + 1
    elif i < n and _one(e, toks[i]):
        yield i + 1
