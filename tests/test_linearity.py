"""Checks whose work once grew with the square of the input: the work is now bounded.

These count operations rather than time anything (timings live in
benchmarks/speed.py --linearity), so they hold on a loaded machine.
"""

from __future__ import annotations

import random

import pytest

from newslint.checks import duplicates, fused


class _CountingSet(frozenset):
    """A frozenset that counts membership tests."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        type(self).lookups += 1
        return frozenset.__contains__(self, item)


@pytest.fixture
def counted_lexicon(monkeypatch):
    _CountingSet.lookups = 0
    lexicon = _CountingSet({"already", "said", "the", "of", "aaa"})
    monkeypatch.setattr(fused, "unigrams", lambda: lexicon)
    monkeypatch.setattr(fused, "longest_unigram", lambda: max(map(len, lexicon)))
    return lexicon


@pytest.mark.parametrize("size", [1_000, 100_000])
def test_a_long_token_tries_only_splits_into_lexicon_sized_parts(counted_lexicon, size):
    assert fused._lexicon_split("a" * size, fused.Options(closed_class=("said",))) is None
    assert _CountingSet.lookups == 0  # longer than two lexicon words: no split point is possible


def test_split_points_at_the_longest_parts_are_still_tried(counted_lexicon, monkeypatch):
    pairs = {("already", "said"), ("said", "already")}
    monkeypatch.setattr(fused, "bigram_count", lambda a, b: 2_000_000 if (a, b) in pairs else 0)
    options = fused.Options(closed_class=("said",))
    # "already" is the longest lexicon word: the first part, then the second.
    assert fused._lexicon_split("alreadysaid", options) == len("already")
    assert fused._lexicon_split("saidalready", options) == len("said")
    assert fused._lexicon_split("alreadyxsaid", options) is None


def _brute(spans: list[tuple[int, int]]):
    return (
        lambda p: any(a <= p < b for a, b in spans),
        lambda s, e: any(a < e and s < b for a, b in spans),
    )


@pytest.mark.parametrize("seed", range(20))
def test_taken_spans_answer_like_a_scan_over_disjoint_spans(seed):
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, 400), 40))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if rng.random() < 0.6]
    rng.shuffle(spans)
    taken = duplicates._Taken()
    for a, b in spans:
        taken.add(a, b)
    covers, overlaps = _brute(spans)
    for p in range(0, 401):
        assert taken.covers(p) == covers(p), p
    for _ in range(500):
        s = rng.randrange(0, 400)
        e = s + rng.randrange(1, 30)
        assert taken.overlaps(s, e) == overlaps(s, e), (s, e)
    assert all(taken.has(a, b) for a, b in spans)
    assert not taken.has(-1, 0)


def test_a_run_is_compared_only_with_copies_in_reach():
    everywhere = list(range(100_000))  # one word typed 100,000 times
    assert duplicates._copies(everywhere, 500, 5) == list(range(500 + duplicates._MAX_RUN, 504, -1))
    assert duplicates._copies([3, 9, 70, 400], 2, 5) == [9]
    assert duplicates._copies([3, 9, 70, 400], 300, 5) == []


def test_one_word_repeated_is_reported_once_per_run_typed_twice():
    from newslint.checks import Context
    from newslint.language.analysis import Analysis
    from newslint.parsers import parse
    from newslint.settings import Settings

    n = 30_000
    doc, _ = parse("word " * n, "x.txt", "plain")
    ctx = Context(doc, Analysis(doc, Settings()), doc.blocks, Settings(), "structure.duplicate")
    hits = list(duplicates.check(duplicates.Options(), ctx))
    # The longest run (60 words) typed twice, then the next 120 words, and so on.
    assert len(hits) == n // 120
    assert [(h.start, h.end) for h in hits[:2]] == [(300, 599), (900, 1199)]
