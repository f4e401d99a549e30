"""Organisations: a multi-word name misspelt once where the article spells it right elsewhere."""

from __future__ import annotations

import random
import re

from .base import Injection
from .corpus import Article
from .people import one_edit
from .text import body_paragraphs, wordset

# The last word of a multi-word organisation name ("Standard Oil Co", "Bank of England" is taken by "of").
ORG_ENDS = (
    "Co", "Corp", "Inc", "Ltd", "Plc", "Group", "Bank", "Commission", "Council", "Association", "Party", "Ministry",
    "Department", "Board", "Exchange", "Institute", "Union", "Agency", "Fund", "Federation", "Organisation",
    "Organization", "Committee", "Authority", "Company", "Corporation", "Industries", "Motors", "Airways", "Airlines",
)
_CAP = r"[A-Z][a-z]+|[A-Z]{2,}|&"
_ORG = re.compile(
    rf"(?<![\w-])(?:(?:{_CAP}) ){{1,3}}(?:{'|'.join(ORG_ENDS)})\b"
    rf"|(?<![\w-])(?:Bank|Department|Ministry|Institute|Association|Federation|Council|Organisation|Organization|Union) of(?: the)?(?: (?:{_CAP})){{1,3}}\b"
)
_LEAD_WORDS = wordset("The A An In On At For But And Of To By As If It Its This That")


def org_names(text: str, lo: int) -> dict[str, list[int]]:
    """Multi-word organisation names used at least twice in the body, with their offsets."""
    found: dict[str, list[int]] = {}
    for m in _ORG.finditer(text, lo):
        name = m.group()
        first, _, rest = name.partition(" ")
        if first in _LEAD_WORDS:  # "The Bank" at a sentence start: drop the article
            name, at = rest, m.start() + len(first) + 1
        else:
            at = m.start()
        if " " in name and "\n" not in name:
            found.setdefault(name, []).append(at)
    return {name: offs for name, offs in found.items() if len(offs) >= 2}


def inject_org_variant(art: Article, rng: random.Random) -> Injection | None:
    """One later mention of an organisation named twice or more gets a one-letter slip in one of its words."""
    text = art.text
    body = body_paragraphs(text)
    if not body:
        return None
    names = org_names(text, body[0].start)
    if not names:
        return None
    name = rng.choice(sorted(names))
    words = [(m.start(), m.group()) for m in re.finditer(r"[A-Z][a-z]{4,}", name) if m.group() not in ORG_ENDS]
    if not words:
        return None
    at_word, word = rng.choice(words)
    wrong = one_edit(word, rng)
    if not wrong or re.search(rf"\b{wrong}\b", text, re.IGNORECASE):
        return None
    pos = rng.choice(names[name][1:]) + at_word
    new = text[:pos] + wrong + text[pos + len(word) :]
    return Injection(new, ((pos, pos + len(wrong)),), f"'{name}': '{word}' -> '{wrong}' once")
