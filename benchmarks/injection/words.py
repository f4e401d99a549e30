"""Word-level defects: doubled and fused words, double negatives, and their look-alikes."""

from __future__ import annotations

import random
import re

from .base import OBJECTS, SUBJECTS, SUBJECTS_PLURAL, Injection, insert_sentence
from .corpus import Article
from .text import body_paragraphs, caps_line, sentences, wordset

_SKIP_DOUBLE = wordset("had that is do bye very")


def inject_doubled(art: Article, rng: random.Random) -> Injection | None:
    """Double one word inside a body sentence ("the the")."""
    cands = []
    for para in body_paragraphs(art.text):
        for s, e in sentences(art.text, para):
            for m in re.finditer(r"(?<=[a-z,] )([a-z]{2,})(?= [a-z])", art.text[s:e]):
                if m.group(1) not in _SKIP_DOUBLE:
                    cands.append(s + m.start(1))
    if not cands:
        return None
    pos = rng.choice(cands)
    word = re.match(r"[a-z]+", art.text[pos:])
    assert word
    w = word.group()
    new = art.text[:pos] + w + " " + art.text[pos:]
    return Injection(new, ((pos, pos + 2 * len(w) + 1),), f"doubled '{w}'")


FUNCTION_WORDS = ("in", "of", "and", "at", "on", "to", "for", "the", "said")


def inject_fused(art: Article, rng: random.Random) -> Injection | None:
    """Run a body word (a name used elsewhere, preferably) into the next function word."""
    text = art.text
    names, words = [], []
    fw = "|".join(FUNCTION_WORDS)
    for para in body_paragraphs(text):
        for m in re.finditer(rf"(?<![\w-])([A-Z][a-z]{{3,}}|[a-z]{{4,}}) ({fw})\b", text[para.start : para.end]):
            token = m.group(1)
            if len(re.findall(rf"\b{token}\b", text)) >= 2 and token[0].isupper():
                names.append(para.start + m.start())
            elif token.islower():
                words.append(para.start + m.start())
    pool = names or words
    if not pool:
        return None
    pos = rng.choice(pool)
    m = re.match(rf"(\w+) ({fw})\b", text[pos:])
    assert m
    fused = m.group(1) + m.group(2)
    new = text[:pos] + fused + text[pos + m.end() :]
    return Injection(new, ((pos, pos + len(fused)),), f"fused '{m.group()}' -> '{fused}'")


def inject_double_negative(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"Neither side has yet to comment on {rng.choice(OBJECTS)}.",
            f"None of the {rng.choice(SUBJECTS_PLURAL)} has yet to explain {rng.choice(OBJECTS)}.",
            f"{rng.choice(SUBJECTS)} did not deny nothing about {rng.choice(OBJECTS)}.",
            f"The {rng.choice(SUBJECTS_PLURAL)} said they can't hardly keep up with demand.",
            f"Neither company has yet to respond to {rng.choice(OBJECTS)}.",
            f"{rng.choice(SUBJECTS)} never gave no reason for {rng.choice(OBJECTS)}.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def control_had_had(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"{rng.choice(SUBJECTS)} had had talks with several buyers before {rng.choice(OBJECTS)} was made public.",
            f"The {rng.choice(SUBJECTS_PLURAL)} had had doubts about {rng.choice(OBJECTS)} for months.",
            "By then the group had had three chief executives in two years.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def control_neither_nor(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"Neither the company nor its advisers would comment on {rng.choice(OBJECTS)}.",
            f"Neither {rng.choice(SUBJECTS).lower()} nor the {rng.choice(SUBJECTS_PLURAL)} has said when {rng.choice(OBJECTS)} will be published.",
            f"The {rng.choice(SUBJECTS_PLURAL)} have neither confirmed nor denied {rng.choice(OBJECTS)}.",
            f"Neither the bank nor the government expects {rng.choice(OBJECTS)} to change.",
        ]
    )
    return insert_sentence(art, rng, sentence)




_FUNCTION = r"(?:in|of|and|at|on|to|for|the|said|is|was|has|with|from)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
_CAPITAL_RUNS = {
    "month": re.compile(rf"(?<![\w.-])({_MONTH}) ({_FUNCTION})\b"),
    "acronym": re.compile(rf"(?<![\w.-])([A-Z]{{2,6}}) ({_FUNCTION})\b"),
    "name": re.compile(rf"(?<=[a-z,] )([A-Z][a-z]{{2,}}) ({_FUNCTION})\b"),  # not sentence-initial
}
_INTO_SAID = re.compile(r"(?<![\w'-])([A-Za-z]{2,}s|[A-Za-z]+'s|[A-Za-z]+s') (said)\b")


def _fuse_one(art: Article, rng: random.Random, pattern: re.Pattern[str], what: str) -> Injection | None:
    """Delete the space of one random match of ``pattern`` (word, space, word) in a body paragraph."""
    text = art.text
    hits = [m for para in body_paragraphs(text) for m in pattern.finditer(text, para.start, para.end)
            if not caps_line(text, m.start())]
    if not hits:
        return None
    m = rng.choice(hits)
    fused = m.group(1) + m.group(2)
    new = text[: m.start()] + fused + text[m.end() :]
    return Injection(new, ((m.start(), m.start() + len(fused)),), f"fused {what} '{m.group()}' -> '{fused}'")


def inject_fused_capital(art: Article, rng: random.Random) -> Injection | None:
    """A month, an acronym or a capitalised name run into the function word after it ("Marchin", "OPECsaid")."""
    kinds = list(_CAPITAL_RUNS)
    rng.shuffle(kinds)
    for what in kinds:
        inj = _fuse_one(art, rng, _CAPITAL_RUNS[what], what)
        if inj:
            return inj
    return None


def inject_fused_said(art: Article, rng: random.Random) -> Injection | None:
    """A plural or possessive run into "said" ("officialssaid", "Reuters'said")."""
    return _fuse_one(art, rng, _INTO_SAID, "plural/possessive")
