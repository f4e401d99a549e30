"""typo: a lower-case non-word one edit away from a frequent word ("gaons" → "gains").

Professional copy is full of words no dictionary has — names, tickers, wire
abbreviations, foreign phrases — so a token is a candidate only when it is
lower-case letters (capitals mark names, wherever they stand), at least
``min_length`` long, not in symspellpy's English lexicon (British and American
spellings, shared with words.fused), not in the config ``vocabulary`` or the rule's
``exceptions``, used once in the article (a word the article repeats or defines is
the writer's word), not part of a hyphenated compound whose other parts are words,
not glued to digits, a URL or an e-mail address, and not inside a quotation that
holds other non-words (a foreign phrase). It is flagged when exactly one frequent
word, or one far more frequent than the rest, lies one Damerau edit away.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..language.analysis import Analysis, Token
from ..model import Hit
from . import Context
from .fused import frequencies, unigrams

PARAMS = frozenset({"suggestion"})

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_LOWER = regex.compile(r"[a-z]+")
_QUOTE = regex.compile(r"[\"“]([^\"“”\n]{1,200})[\"”]")
_GLUE = frozenset("@/\\_.:#$%&=+0123456789")


@dataclass(frozen=True)
class Options:
    #: Non-words news copy uses on purpose (wire abbreviations): never flagged.
    exceptions: tuple[str, ...] = ()
    #: Shortest token worth checking: short non-words are mostly abbreviations.
    min_length: int = 4
    #: The suggested word must occur at least this often in the lexicon's corpus.
    min_frequency: int = 1_000_000
    #: When several words are one edit away, the best must be this many times more
    #: frequent than the next, or the token is too ambiguous to correct.
    dominance: float = 5.0

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.exceptions)


def edits1(word: str) -> set[str]:
    """Every string one Damerau edit (delete, transpose, replace, insert) from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


def suggestion(word: str, options: Options) -> str | None:
    """The one frequent lexicon word ``word`` is a slip for, or None when unclear."""
    freq = frequencies()
    ranked = sorted(((freq[w], w) for w in edits1(word) if w in freq), reverse=True)
    if not ranked or ranked[0][0] < options.min_frequency:
        return None
    if len(ranked) > 1 and ranked[0][0] < options.dominance * ranked[1][0]:
        return None
    return ranked[0][1]


def _quoted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Quotations holding two or more non-words: foreign phrases, left alone."""
    lex = unigrams()
    out = []
    for m in _QUOTE.finditer(analysis.doc.text):
        words = regex.findall(r"\p{L}+", m.group(1).lower())
        if sum(w not in lex for w in words) >= 2:
            out.append(m.span())
    return out


def _is_candidate(tok: Token, text: str, options: Options, vocabulary: frozenset[str]) -> str | None:
    """The lower-case letters of ``tok`` worth checking, or None."""
    word = tok.text
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) < options.min_length or not _LOWER.fullmatch(word):
        return None
    if word in vocabulary or word in options.skip or word in unigrams():
        return None
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else " "
    if before in _GLUE or (after in _GLUE and not (after in ".:" and not after2.isalnum())):
        return None
    return word


def _parts(tok: Token) -> Iterator[Token]:
    """A hyphenated compound's parts as tokens of their own ("well-knwon" → "knwon")."""
    if "-" not in tok.text:
        yield tok
        return
    at = tok.start
    for part in tok.text.split("-"):
        yield Token(at, at + len(part), part)
        at += len(part) + 1


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    analysis = ctx.analysis
    counts = analysis.word_counts
    vocabulary = ctx.settings.vocabulary
    text = ctx.text
    quoted: list[tuple[int, int]] | None = None
    tokens, starts = analysis.tokens, analysis.token_starts
    for block in ctx.blocks:
        for tok in tokens[bisect.bisect_left(starts, block.start) : bisect.bisect_left(starts, block.end)]:
            if counts.get(tok.text.lower(), 0) > 1:
                continue
            for part in _parts(tok):
                word = _is_candidate(part, text, options, vocabulary)
                fix = None if word is None or counts.get(word, 0) > 1 else suggestion(word, options)
                if fix is None:
                    continue
                if quoted is None:
                    quoted = analysis.memo("typo.quoted", _quoted_spans)
                if any(a <= part.start < b for a, b in quoted):
                    continue
                yield Hit(part.start, part.start + len(word), {"suggestion": fix}, (fix,))
