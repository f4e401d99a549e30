"""Duplicated text: a body sentence repeated right after itself."""

from __future__ import annotations

import random

from .base import Injection
from .corpus import Article
from .text import DATELINE, body_paragraphs, sentences


def inject_duplicate(art: Article, rng: random.Random) -> Injection | None:
    text = art.text
    cands = [
        (s, e)
        for para in body_paragraphs(text)
        for s, e in sentences(text, para)
        if len(text[s:e].split()) >= 8 and text[s:e].count('"') % 2 == 0 and not DATELINE.match(text, s)
    ]
    if not cands:
        return None
    s, e = rng.choice(cands)
    sentence = " ".join(text[s:e].split())
    if sentence[-1] not in ".!?\"”":
        return None
    new = text[:e] + " " + sentence + text[e:]
    return Injection(new, ((e + 1, e + 1 + len(sentence)),), f"repeated: {sentence[:60]}")



