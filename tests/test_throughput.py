"""Speed-ups that must not change a finding: each fast path against the plain
definition it replaces."""

from __future__ import annotations

import pytest

from newslint.checks import typo
from newslint.checks.fused import frequencies


def _two_edits_by_definition(word: str) -> set[str]:
    freq = frequencies()
    return {
        w
        for e in typo.edits1(word)
        for w in typo.edits1(e)
        if w in freq and w[-2:] == word[-2:] and (w[0] == word[0] or w == word[1] + word[0] + word[2:])
    }


@pytest.mark.parametrize("word", ["definetly", "goverment", "recieved", "adress", "untill", "seperate", "ab", "zqxwvjkpy"])
def test_two_edits_finds_exactly_the_words_two_edits_away(word):
    assert typo.two_edits(word) == _two_edits_by_definition(word)


def test_two_edits_of_a_word_longer_than_any_in_the_lexicon_builds_nothing(monkeypatch):
    """No edit neighbourhood is built when no lexicon word is near enough in length
    (counted, not timed: building them for this word would take minutes)."""
    calls = []
    real = typo.edits1
    monkeypatch.setattr(typo, "edits1", lambda w: calls.append(w) or real(w))
    assert typo.two_edits("q" * 20_000 + "ing") == set()
    assert calls == []
