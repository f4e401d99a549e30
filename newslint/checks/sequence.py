"""sequence: token patterns within one sentence (``neither _{0,6} has yet to``).

The pattern language is in ``newslint.language.patterngrammar``. Patterns are parsed when
the rule loads; at run time a regex over each block finds the sentences holding a
pattern's anchor word, and only those sentences are tokenised and walked.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..language.analysis import Analysis, Sentence
from ..language.patterngrammar import CLAUSE_PUNCT, Pattern, PatternError, Tok, normalise, parse
from ..model import Hit
from . import Context

PARAMS = frozenset()

_TOKEN = regex.compile(r"\w+(?:['’.&\-]\w+)*['’]?|[,;:()—–]|(?<!\S)--?(?!\S)")


@dataclass(frozen=True)
class Options:
    #: Patterns in the sequence language; a match anywhere in a sentence is a finding.
    patterns: tuple[str, ...]
    #: Patterns that veto a finding when they match over any of its tokens.
    unless: tuple[str, ...] = ()
    #: Skip matches whose every word is capitalised outside headlines: titles ("Ain't Nobody").
    skip_titles: bool = False

    def problems(self) -> list[tuple[str, str]]:
        if not self.patterns:
            return [("patterns", "'patterns' must list at least one pattern")]
        out = []
        for key in ("patterns", "unless"):
            for i, source in enumerate(getattr(self, key)):
                try:
                    parse(source)
                except PatternError as exc:
                    out.append((key, f"{key}[{i}] {source!r}, column {exc.column}: {exc.message}"))
        return out

    @functools.cached_property
    def compiled(self) -> tuple[Pattern, ...]:
        return tuple(parse(p) for p in self.patterns)

    @functools.cached_property
    def vetoes(self) -> tuple[Pattern, ...]:
        return tuple(parse(p) for p in self.unless)

    @functools.cached_property
    def prefilter(self) -> regex.Pattern | None:
        """Any anchor word of any pattern, or None when some pattern has no anchor."""
        source = self._prefilter_source
        return None if source is None else regex.compile(source, regex.V1 | regex.IGNORECASE)

    @functools.cached_property
    def prefilter_simple(self) -> regex.Pattern | None:
        """``prefilter`` with simple case folding, about twice as fast: the same matches
        in text without a character that folds to several ("ß" to "ss"; ``_full_fold``),
        since the anchor words are ASCII."""
        words = self._anchor_words
        if words is None or not all(w.isascii() for w in words):
            return self.prefilter
        return regex.compile(self._prefilter_source, regex.V0 | regex.IGNORECASE)

    @functools.cached_property
    def _anchor_words(self) -> frozenset[str] | None:
        words: set[str] = set()
        for p in self.compiled:
            if p.rarest is None:
                return None
            words |= p.rarest
        return frozenset(words)

    @functools.cached_property
    def _prefilter_source(self) -> str | None:
        words = self._anchor_words
        if words is None:
            return None
        # longest first; ties in a fixed order, so every process builds the same pattern (regexcache)
        alternation = "|".join(regex.escape(w).replace("'", "['’]") for w in sorted(words, key=lambda w: (-len(w), w)))
        return rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])"


def _full_fold(analysis: Analysis) -> frozenset[str]:
    """Characters of the document whose full case folding differs from the simple one
    (several characters: "ß", "ﬁ", "İ"), and any the Unicode tables here do not know."""
    return frozenset(
        c
        for c in set(analysis.doc.text)
        if not c.isascii() and (len(c.casefold()) != 1 or unicodedata.category(c) == "Cn")
    )


class SentenceTokens:
    """Tokens of a sentence, made on demand and shared by every sequence rule."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.doc.text
        self.sentences = analysis.sentences
        self.starts = [s.start for s in self.sentences]
        self._cache: dict[int, tuple[tuple[Tok, ...], tuple[tuple[int, int], ...]]] = {}

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def get(self, i: int) -> tuple[tuple[Tok, ...], tuple[tuple[int, int], ...]]:
        if i not in self._cache:
            s = self.sentences[i]
            toks, spans = [], []
            for m in _TOKEN.finditer(self.text, s.start, s.end):
                t = m.group()
                is_word = t not in CLAUSE_PUNCT and not t.startswith("-")
                norm = normalise(t.rstrip("'’")) if is_word else ("—" if t.startswith("-") else t)
                toks.append(Tok(norm, t, is_word))
                spans.append((m.start(), m.end()))
            self._cache[i] = (tuple(toks), tuple(spans))
        return self._cache[i]


def _candidates(options: Options, ctx: Context, st: SentenceTokens) -> Iterator[Sentence]:
    in_scope = set(ctx.blocks)
    if options.prefilter is None:
        yield from (s for s in st.sentences if s.block in in_scope)
        return
    seen: set[int] = set()
    text = ctx.doc.text
    unsafe: frozenset[str] = ctx.analysis.memo("sequence.full-fold", _full_fold)
    for block in ctx.blocks:
        simple = unsafe.isdisjoint(text[block.start : block.end])
        prefilter = options.prefilter_simple if simple else options.prefilter
        inside = -1  # end of the last sentence taken: later hits before it are in it too
        for m in prefilter.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout):
            if m.start() < inside:
                continue
            i = st.index(m.start())
            if i >= 0 and i not in seen and st.sentences[i].end > m.start():
                seen.add(i)
                inside = st.sentences[i].end
                yield st.sentences[i]


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    st: SentenceTokens = ctx.analysis.memo("sequence.tokens", SentenceTokens)
    for sentence in _candidates(options, ctx, st):
        toks, spans = st.get(st.index(sentence.start))
        norms = {t.norm for t in toks}
        taken: list[tuple[int, int]] = []
        at: dict[str, list[int]] | None = None
        for pattern in options.compiled:
            if any(words.isdisjoint(norms) for words in pattern.required):
                continue
            starts = None
            if pattern.first is not None:
                at = at if at is not None else _positions(toks)
                starts = sorted(k for w in pattern.first & norms for k in at[w])
            for first, end in pattern.finditer(toks, starts):
                if any(first < e and s < end for s, e in taken):
                    continue
                if _vetoed(options.vetoes, toks, first, end):
                    continue
                if options.skip_titles and sentence.block.scope != "headline" and _title(toks[first:end]):
                    continue
                taken.append((first, end))
                yield Hit(spans[first][0], spans[end - 1][1])


def _positions(toks: tuple[Tok, ...]) -> dict[str, list[int]]:
    """Where each word of a sentence stands: patterns start only at their first words."""
    at: dict[str, list[int]] = {}
    for k, t in enumerate(toks):
        at.setdefault(t.norm, []).append(k)
    return at


def _vetoed(vetoes: tuple[Pattern, ...], toks: tuple[Tok, ...], first: int, end: int) -> bool:
    return any(s < end and first < e for v in vetoes for s, e in v.finditer(toks))


def _title(toks: tuple[Tok, ...]) -> bool:
    return all(t.text[:1].isupper() for t in toks if t.is_word)
