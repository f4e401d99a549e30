"""Duplicated text: a body sentence or a whole paragraph repeated right after itself."""

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



def inject_duplicate_paragraph(art: Article, rng: random.Random) -> Injection | None:
    """A whole body paragraph printed twice, the copy starting a paragraph of its own."""
    text = art.text
    paras = [p for p in body_paragraphs(text) if not DATELINE.match(text, p.start)]
    if not paras:
        return None
    para = rng.choice(paras)
    chunk = text[para.start : para.end]
    sep = "\n    " if para.indented else "\n\n"
    at = para.end + len(sep)
    new = text[: para.end] + sep + chunk + text[para.end :]
    return Injection(new, ((at, at + len(chunk)),), f"paragraph repeated: {' '.join(chunk.split())[:60]}")
