"""bigram-gap: a small word dropped between two words, judged by how English pairs words.

"a lot people" lacks "of", "were able put" lacks "to". A rule names the ``heads``
(the word before the gap: "lot", "able") and the ``insert`` (the missing word). Two
adjacent words ``head next`` are flagged when symspellpy's bigram list (fused's
lexicon, counts from a large English corpus) says

* English never writes the pair: ``head next`` is not in the list (it lists every
  pair seen at least ~6M times), so "a lot more" and "need be" are left alone;
* English writes ``insert next`` often: at least ``min_insert_count`` times, so the
  gap really lacks that word ("of people", "to put"); and
* ``next`` is not mainly a word of another kind: its count after the ``rivals``
  ("the", "a") is at most ``max_rival_share`` of its count after ``insert`` — "to go"
  is a verb, "the work" a noun ("wanted work" is fine), "of darker" never occurs.

Each adjacent word pair is looked at once, and a lookup is a cached string search,
so the check is linear in the article. The pair must be lower-case and separated by
spaces only (no punctuation, no line of its own).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Hit
from . import Context
from .fused import bigram_count

PARAMS = frozenset({"suggestion"})


@dataclass(frozen=True)
class Options:
    #: Words before the gap ("lots", "able", "trying"); a head of several words
    #: ("a lot") needs its earlier words right before the last one.
    heads: tuple[str, ...]
    #: The word the gap lacks ("of", "to").
    insert: str
    #: ``insert next`` must occur at least this often in the bigram list.
    min_insert_count: int = 50_000_000
    #: Words whose use before ``next`` shows it is mainly another part of speech.
    rivals: tuple[str, ...] = ("the", "a")
    #: Largest (sum over rivals of ``rival next``) / ``insert next`` for a finding.
    max_rival_share: float = 1.0
    #: A head after a number is a count noun of its own ("730 lots traded").
    skip_after_number: bool = True
    #: Nor after these words ("few lots", "the plenty").
    not_after: tuple[str, ...] = ()
    #: Words never taken as ``next`` (closed-class words the counts misjudge).
    never_next: tuple[str, ...] = ()
    #: Nor words with these endings ("-ly" adverbs: "managed effectively").
    never_next_endings: tuple[str, ...] = ()

    def problems(self) -> list[tuple[str, str]]:
        out = []
        if not self.heads:
            out.append(("heads", "'heads' must list at least one word"))
        if not self.insert.strip() or " " in self.insert.strip():
            out.append(("insert", "'insert' must be one word"))
        return out

    @functools.cached_property
    def head_words(self) -> dict[str, frozenset[tuple[str, ...]]]:
        """Last word of each head → the words that must come before it (maybe none)."""
        out: dict[str, set[tuple[str, ...]]] = {}
        for head in self.heads:
            *before, last = head.lower().split()
            out.setdefault(last, set()).add(tuple(before))
        return {k: frozenset(v) for k, v in out.items()}

    @functools.cached_property
    def not_after_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.not_after)

    @functools.cached_property
    def never_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.never_next)


@functools.lru_cache(maxsize=16384)
def _gap(head: str, nxt: str, insert: str, rivals: tuple[str, ...], min_count: int, share: float) -> bool:
    """Does English want ``insert`` between ``head`` and ``nxt`` (see the module doc)?"""
    if bigram_count(head, nxt):
        return False
    with_insert = bigram_count(insert, nxt)
    if with_insert < min_count:
        return False
    return sum(bigram_count(r, nxt) for r in rivals) <= share * with_insert


def _never(options: Options, word: str) -> bool:
    return word in options.never_set or (bool(options.never_next_endings) and word.endswith(tuple(options.never_next_endings)))


def _spaces_only(text: str, start: int, end: int) -> bool:
    return end - start <= 3 and text[start:end].strip(" \t") == ""


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    tokens, lows, starts = ctx.analysis.tokens, ctx.analysis.token_lower, ctx.analysis.token_starts
    text, heads = ctx.text, options.head_words
    rivals = tuple(r.lower() for r in options.rivals)
    insert = options.insert.strip().lower()
    for block in ctx.blocks:
        first, last = bisect.bisect_left(starts, block.start), bisect.bisect_left(starts, block.end)
        for i in range(first, last - 1):
            if lows[i] not in heads or not tokens[i].text.islower():
                continue
            nxt = tokens[i + 1]
            if nxt.end > block.end or not nxt.text.isalpha() or not nxt.text.islower() or _never(options, lows[i + 1]):
                continue
            if not _spaces_only(text, tokens[i].end, nxt.start) or not _head_context(options, heads[lows[i]], tokens, lows, i, text):
                continue
            if _gap(lows[i], lows[i + 1], insert, rivals, options.min_insert_count, options.max_rival_share):
                yield Hit(tokens[i].start, nxt.end, {"suggestion": f"{tokens[i].text} {insert} {nxt.text}"})


def _head_context(options: Options, befores: frozenset, tokens: tuple, lows: list[str], i: int, text: str) -> bool:
    """The words before the head: a multi-word head's own ("a" lot), never a number ("730 lots")."""
    if i and (lows[i - 1] in options.not_after_set or (options.skip_after_number and any(c.isdigit() for c in tokens[i - 1].text))):
        return False
    for before in befores:
        n = len(before)
        if i >= n and tuple(lows[i - n : i]) == before and all(
            _spaces_only(text, tokens[j].end, tokens[j + 1].start) for j in range(i - n, i)
        ):
            return True
    return False
