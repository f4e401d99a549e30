"""Spelling variants mixed within one article."""

from __future__ import annotations

import random
import re

from .base import Injection
from .corpus import Article
from .text import body_paragraphs, caps_line

VARIANTS = [
    ("per cent", "percent"), ("percent", "per cent"), ("U.S.", "US"), ("organisation", "organization"),
    ("organization", "organisation"), ("defence", "defense"), ("defense", "defence"), ("centre", "center"),
    ("center", "centre"), ("favour", "favor"), ("behaviour", "behavior"), ("realise", "realize"),
    ("recognise", "recognize"), ("criticised", "criticized"), ("criticized", "criticised"),
    ("privatisation", "privatization"), ("privatization", "privatisation"), ("analysed", "analyzed"),
    ("emphasised", "emphasized"), ("labour", "labor"), ("labor", "labour"),
    ("e-mail", "email"), ("email", "e-mail"), ("travelled", "traveled"), ("cancelled", "canceled"),
    ("colour", "color"), ("offences", "offenses"), ("jewellery", "jewelry"),
]




def inject_variant(art: Article, rng: random.Random) -> Injection | None:
    """Change one later occurrence of a spelling the article uses at least twice to its variant."""
    text = art.text
    body = body_paragraphs(text)
    if not body:
        return None
    lo = body[0].start
    options = []
    for a, b in VARIANTS:
        if re.search(rf"\b{re.escape(b)}(?!\w)", text, re.IGNORECASE):
            continue  # already mixed
        hits = [m.start() for m in re.finditer(rf"(?<![\w.]){re.escape(a)}(?!\w)", text) if m.start() >= lo and not caps_line(text, m.start())]
        if len(hits) >= 2:
            options.append((a, b, hits))
    if not options:
        return None
    a, b, hits = rng.choice(options)
    pos = rng.choice(hits[1:])
    new = text[:pos] + b + text[pos + len(a) :]
    return Injection(new, ((pos, pos + len(b)),), f"'{a}' -> '{b}' once")


