"""missing-words: an article dropped before an adverb-adjective-noun phrase.

"came at highly sensitive time" lacks "a" between the preposition and the phrase.
No tagger is used; the parts of speech come from word shape and word lists:

* a preposition from ``prepositions`` (a closed class, listed in the rule);
* an adverb: a lower-case ``-ly`` word whose stem is an English word ("highly" →
  "high", "deeply" → "deep", "happily" → "happy"), not an ``-ly`` adjective or noun
  from ``not_adverbs`` ("early", "costly", "family");
* an adjective: a lower-case English word that is not a gerund (``-ing``), an adverb
  or a closed-class word;
* a singular count noun: a lower-case English word, not plural-shaped, that English
  writes after "a"/"an" often (``min_article_share`` of its uses, from symspellpy's
  bigram and unigram lists) — which leaves out mass nouns ("of highly enriched
  uranium") — and that ends its phrase (punctuation or a closed-class word follows).

The lexicon is symspellpy's frequency list, loaded by ``fused``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Hit
from . import Context
from .fused import _UNIGRAMS, _data_path, bigram_count, unigrams

PARAMS = frozenset({"suggestion"})

_PHRASE = regex.compile(r"\b(\p{Ll}+)[ \t]+(\p{Ll}+ly)[ \t]+(\p{Ll}+)[ \t]+(\p{Ll}+)\b")
_AFTER = regex.compile(r"[ \t\n]*(\p{L}+|[^\p{L}\s]|$)")


@functools.lru_cache(maxsize=1)
def unigram_counts() -> dict[str, int]:
    """symspellpy's unigram frequencies (fused's list, with the counts)."""
    from ..caching.lexicache import cached

    def build() -> dict[str, int]:
        out: dict[str, int] = {}
        with _data_path(_UNIGRAMS).open(encoding="utf-8") as fh:
            for line in fh:
                word, _, count = line.rstrip("\n").partition(" ")
                out[word] = int(count)
        return out

    return cached("unigram-counts", [_data_path(_UNIGRAMS)], dict, build)


@dataclass(frozen=True)
class Options:
    #: Prepositions after which a singular count noun phrase needs an article.
    prepositions: tuple[str, ...]
    #: Words that may follow the noun and close the phrase ("at highly sensitive time for").
    closers: tuple[str, ...]
    #: -ly words that are not adverbs of degree or manner ("early", "costly", "family").
    not_adverbs: tuple[str, ...] = ()
    #: Words never taken as the adjective or the noun (determiners, pronouns, verbs).
    closed_class: tuple[str, ...] = ()
    #: Share of a noun's uses that follow "a"/"an" for it to count as a count noun.
    min_article_share: float = 0.05

    @functools.cached_property
    def sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
        low = lambda ws: frozenset(w.lower() for w in ws)  # noqa: E731
        return low(self.prepositions), low(self.closers), low(self.not_adverbs), low(self.closed_class)


def _adverb(word: str, not_adverbs: frozenset[str]) -> bool:
    """Is an -ly word the adverb of an English word ("highly", "happily", "gently")?"""
    if word in not_adverbs:
        return False
    lex = unigrams()
    stem = word[:-2]
    stems = (stem, stem[:-1] + "y" if stem.endswith("i") else "", stem + "le", stem + "e")
    return any(len(s) >= 4 and s in lex for s in stems)


def _count_noun(word: str, closed: frozenset[str], share: float) -> bool:
    """A singular noun English writes after "a"/"an" (not "uranium", not "rates")."""
    if word in closed or word.endswith(("ing", "ly")) or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
        return False
    total = unigram_counts().get(word, 0)
    if total == 0:
        return False
    return (bigram_count("a", word) + bigram_count("an", word)) >= share * total


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    preps, closers, not_adverbs, closed = options.sets
    text = ctx.text
    lex = unigrams()
    for block in ctx.blocks:
        for m in _PHRASE.finditer(text, block.start, block.end, overlapped=True):
            prep, adv, adj, noun = m.groups()
            if prep not in preps or not _adverb(adv, not_adverbs):
                continue
            if adj not in lex or adj in closed or adj.endswith(("ing", "ly")) or adj in preps:
                continue
            if not _count_noun(noun, closed | preps, options.min_article_share):
                continue
            after = _AFTER.match(text, m.end(), block.end)
            nxt = after.group(1) if after else ""
            if nxt[:1].isalpha() and nxt.lower() not in closers:
                continue
            article = "an" if adv[:1] in "aeiou" and not adv.startswith(("uni", "use", "usu")) else "a"
            yield Hit(m.start(), m.end(), {"suggestion": f"{prep} {article} {adv} {adj} {noun}"})
