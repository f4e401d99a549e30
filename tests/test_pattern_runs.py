"""Alternatives of single words are matched as one set lookup (``Alt.runs``): every
pattern must find exactly what the branch-by-branch walk of the definition finds."""

from __future__ import annotations

import itertools
import random
import re

from newslint.language.patterngrammar import Alt, Gap, Not, Opt, Rx, Tok, Word, normalise, parse

PATTERNS = [
    "(at|in|on|for|has|is) (variety|lot|number|great deal|good deal) of",
    "(in|on) (wide|large) (range|lot|bit) of",
    "neither _{0,4}!(and|but|nor) (has|have|had) yet to",
    "(a|the|a lot|the lot|of) (lot|of)? (of|the)",
    "!(the|a) (lot|bit) , *{0,2} (of|in)",
    "(/l.t/|bit|lot) (of|in|/o./)",
    "(x|y x|x y|y) (y|x)? x",
]
VOCABULARY = ["at", "in", "on", "for", "has", "is", "variety", "lot", "number", "great", "deal", "good", "of", "wide", "large", "range", "bit", "neither", "and", "but", "nor", "have", "had", "yet", "to", "a", "the", "lat", "x", "y", ",", ";"]


def toks(text: str) -> list[Tok]:
    return [Tok(normalise(t), t, t[0].isalnum()) for t in re.findall(r"\w+|[,;:]", text)]


def one(atom, tok: Tok) -> bool:
    """The definition, branch by branch."""
    if isinstance(atom, Word):
        return tok.norm == atom.text
    if isinstance(atom, Rx):
        return tok.is_word and atom.compiled.fullmatch(tok.text) is not None
    if isinstance(atom, Not):
        return tok.is_word and not one(atom.atom, tok)
    return any(one(b[0], tok) for b in atom.branches)


def seq(elements, k, ts, i):
    if k == len(elements):
        yield i
        return
    for j in element(elements[k], ts, i):
        yield from seq(elements, k + 1, ts, j)


def element(e, ts, i):
    if isinstance(e, Gap):
        j = i
        for count in range(e.high + 1):
            if count >= e.low:
                yield j
            if j >= len(ts) or (not e.crosses and not ts[j].is_word) or (e.exclude is not None and one(e.exclude, ts[j])):
                return
            j += 1
    elif isinstance(e, Opt):
        yield from element(e.element, ts, i)
        yield i
    elif isinstance(e, Alt):
        for branch in e.branches:
            yield from seq(branch, 0, ts, i)
    elif i < len(ts) and one(e, ts[i]):
        yield i + 1


def reference(pattern, ts) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(ts):
        end = next(seq(pattern.elements, 0, ts, i), None)
        if end is not None and end > i:
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def test_runs_group_consecutive_one_word_branches_in_order():
    alt = parse("(a|b|c d|e|f|/g/|h)").elements[0]
    assert alt.runs == (frozenset({"a", "b"}), (Word("c"), Word("d")), frozenset({"e", "f"}), (Rx("g"),), frozenset({"h"}))


def test_every_pattern_finds_what_the_definition_finds():
    rng = random.Random(13)
    texts = [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 14))) for _ in range(600)]
    texts += [" ".join(p) for p in itertools.product(["in", "lot", "of", "x", "y"], repeat=4)]
    found = 0
    for source in PATTERNS:
        pattern = parse(source)
        for text in texts:
            ts = toks(text)
            expected = reference(pattern, ts)
            assert list(pattern.finditer(ts)) == expected, (source, text)
            found += len(expected)
    assert found > 100  # the texts do exercise the patterns
