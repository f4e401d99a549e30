"""Multi-word names misspelt once: "Westmre Harbour Board" beside three "Westmere Harbour Board".

The second half of ``names.org-variant`` (the first, in people.py, is a name written fused,
hyphenated or spaced). A run of capitalised words ("Westmere Harbour Board", "Bank of
England") is cut into its phrases of two to six words; two phrases that differ in one word,
one edit apart ("Westmre"/"Westmere", "Harbor"/"Harbour", an accent), are one name written
two ways when the article uses one of them at least twice and the other once, and the odd
word appears nowhere else in the article. That last test keeps real pairs apart: "Bank of
Iran" and "Bank of Iraq" in a story that names both countries again and again. People are
left to ``names.variant``; plurals and adjectives ("Anglo America"/"Anglo American") are
related words, not misspellings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..language.persons import similar

_WORD = r"\p{Lu}[\p{L}\p{M}]*"
#: Lower-case words that may sit inside a name ("Bank of England", "Trade and Industry").
_LINKS = frozenset(["of", "the", "and", "for", "on", "de", "du", "des", "la", "le", "del", "von", "van", "der", "den", "&"])
_LINK = "|".join(sorted(map(regex.escape, _LINKS), key=lambda w: (-len(w), w)))  # one order in every process
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’.-]){_WORD}(?:[ ](?:(?:{_LINK})[ ])*{_WORD})+(?![\p{{L}}\p{{M}}\d-])")
_TOKEN = regex.compile(r"\S+")
MAX_WORDS = 6
MAX_RUN = 16
#: Phrases sharing all words but one, compared pairwise: more is no name, and quadratic.
_MAX_GROUP = 40


@dataclass(frozen=True)
class Slip:
    """One occurrence of the less used form, and the form the article uses elsewhere."""

    start: int
    end: int
    form: str
    other: str
    other_at: tuple[int, ...]


def phrases(text: str, lo: int, hi: int, stop: frozenset[str]) -> Iterator[tuple[tuple[str, ...], int, int]]:
    """(words, start, end) of each capitalised phrase of 2-6 words in ``text[lo:hi]``: a run
    cut at stop words ("The", "On", "Monday"), starting and ending on a capitalised word."""
    for run in _RUN.finditer(text, lo, hi):
        words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, run.start(), run.end())]
        for part in _split(words, stop):
            if len(part) > MAX_RUN:
                continue  # a title-case line or a table row, not a name
            for i, (s, _e, w) in enumerate(part):
                if w in _LINKS:
                    continue
                for j in range(i + 1, min(len(part), i + MAX_WORDS)):
                    if part[j][2] not in _LINKS:
                        yield tuple(x[2] for x in part[i : j + 1]), s, part[j][1]


def _split(words: list[tuple[int, int, str]], stop: frozenset[str]) -> Iterator[list[tuple[int, int, str]]]:
    part: list[tuple[int, int, str]] = []
    for w in words:
        if w[2] in stop:
            if part:
                yield part
            part = []
        else:
            part.append(w)
    if part:
        yield part


def slips(found: dict[tuple[str, ...], list[int]], counts: dict[str, int], places: frozenset[str]) -> Iterator[Slip]:
    """Phrases used once that are one word's slip from a phrase the article uses more
    (see ``_outweighs``).

    ``found`` maps each phrase to where it starts; ``counts`` are the article's lower-cased
    word counts. Each slip is reported once, against its best-attested form (then the
    longest phrase)."""
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words in found:
        for i, w in enumerate(words):
            if w not in _LINKS and len(w) >= 4:
                groups.setdefault((*words[:i], "", *words[i + 1 :]), []).append(words)
    best: dict[int, tuple[tuple[int, int], Slip]] = {}
    for key, members in groups.items():
        if len(members) < 2 or len(members) > _MAX_GROUP:
            continue
        i = key.index("")
        for once in members:
            if len(found[once]) != 1 or counts.get(once[i].lower(), 0) != 1:
                continue
            for major in members:
                uses = len(found[major])
                if major is once or not _outweighs(major[i], uses, counts, once[i]) or not _one_slip(once[i], major[i], places):
                    continue
                at = found[once][0]
                form = " ".join(once)
                word_at = at + len(" ".join(once[:i])) + (1 if i else 0)  # the slip itself
                rank = (uses, len(form))  # the best-attested form, then the longest phrase
                if word_at not in best or rank > best[word_at][0]:
                    best[word_at] = (rank, Slip(at, at + len(form), form, " ".join(major), tuple(found[major])))
    yield from sorted((slip for _rank, slip in best.values()), key=lambda s: s.start)


def _outweighs(word: str, uses: int, counts: dict[str, int], slip: str) -> bool:
    """Whether the form with ``word`` is the article's own: the phrase used at least twice;
    or, when the slip is no English word, the other word used at least twice in the article
    ("Fidata Corp" once beside three more "Fidata") or an English word ("Harbour" against
    "Harbuor"). Two words ("Meat Futures", "Meal Futures") need the phrase twice."""
    if uses >= 2:
        return True
    from .typo import is_word  # the dictionaries load only for a pair used once each

    return not is_word(slip.lower()) and (counts.get(word.lower(), 0) >= 2 or is_word(word.lower()))


def _one_slip(a: str, b: str, places: frozenset[str]) -> bool:
    """Two spellings of one word: one edit or an accent apart, not a plural, an adjective, a
    people and their country, a change of case ("UKIP"/"Ukip" is house style) or two places
    ("Iran"/"Iraq")."""
    if a.lower() == b.lower() or (a in places and b in places):
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short) :] in ("s", "n", "an", "es", "i", "e", "ese", "y"):
        return False
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"s", "y"}:
        return False  # a people and their country: "Germans", "Germany"
    return similar(a, b, 4)
