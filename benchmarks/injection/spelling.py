"""Spelling variants mixed within one article."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .base import Injection, insert_sentence
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




@dataclass(frozen=True)
class Family:
    """A British/American spelling family: stems, the two endings, and the suffixes they take."""

    name: str
    stems: tuple[str, ...]
    british: str
    american: str
    suffixes: tuple[str, ...]


FAMILIES = (
    Family("-our/-or", ("col", "fav", "lab", "hon", "behavi", "neighb", "rum", "harb", "vig", "flav", "hum", "endeav", "arm", "tum"),
           "our", "or", ("", "s", "ed", "ing", "ite", "ites", "able", "ably", "er", "ers", "hood", "ful")),
    Family("-ise/-ize", ("organ", "real", "recogn", "critic", "privat", "emphas", "apolog", "author", "final", "maxim", "minim",
                         "priorit", "summar", "character", "modern", "mobil", "capital", "stabil", "subsid", "util", "legal",
                         "scrutin", "jeopard", "special", "sympath", "normal", "optim", "civil", "liberal", "categor", "standard"),
           "is", "iz", ("e", "es", "ed", "ing", "ation", "ations")),
    Family("-yse/-yze", ("anal", "paral", "catal"), "ys", "yz", ("e", "es", "ed", "ing")),
    Family("-re/-er", ("cent", "theat", "fib", "lit", "calib", "spect", "somb", "meag", "lust", "sab", "kilomet"),
           "re", "er", ("", "s")),
    Family("-ogue/-og", ("catal", "dial", "anal", "monol", "prol", "epil"), "ogue", "og", ("", "s")),
    Family("-ence/-ense", ("def", "off", "pret"), "ence", "ense", ("", "s")),
    Family("doubled l", ("trave", "cance", "labe", "mode", "fue", "signa", "tota", "leve", "channe", "counse", "marve", "quarre"),
           "ll", "l", ("ed", "ing", "er", "ers", "or", "ors", "ous")),
    Family("programme/program", ("program",), "me", "", ("", "s")),
)


def family_words(fam: Family, text: str, lo: int) -> dict[str, list[tuple[int, str, str]]]:
    """Lower-case uses at or after ``lo``, by convention: (offset, word, the other convention's spelling)."""
    out: dict[str, list[tuple[int, str, str]]] = {"british": [], "american": []}
    stems = "|".join(sorted(fam.stems, key=len, reverse=True))
    sufs = "|".join(sorted(fam.suffixes, key=len, reverse=True))
    for conv, mine, other in (("british", fam.british, fam.american), ("american", fam.american, fam.british)):
        for m in re.finditer(rf"(?<![\w-])({stems}){mine}({sufs})(?![\w-])", text):
            if m.start() < lo or caps_line(text, m.start()) or (fam.name.startswith("programme") and text[max(0, m.start() - 9) : m.start()] == "computer "):
                continue
            out[conv].append((m.start(), m.group(), m.group(1) + other + m.group(2)))
    return out


def inject_family(art: Article, rng: random.Random) -> Injection | None:
    """In a family the article spells one way at least twice, one later use switched to the other way."""
    text = art.text
    body = body_paragraphs(text)
    if not body:
        return None
    options = []
    for fam in FAMILIES:
        uses = family_words(fam, text, body[0].start)
        for conv, other in (("british", "american"), ("american", "british")):
            if len(uses[conv]) >= 2 and not uses[other]:
                options.append((fam, uses[conv]))
    if not options:
        return None
    fam, uses = rng.choice(options)
    pos, word, switched = rng.choice(uses[1:])
    new = text[:pos] + switched + text[pos + len(word) :]
    return Injection(new, ((pos, pos + len(switched)),), f"{fam.name}: '{word}' -> '{switched}' once")


def control_computer_program(art: Article, rng: random.Random) -> Injection | None:
    """British copy that spells "programme" and also names a "computer program" (the accepted exception)."""
    text = art.text
    if not re.search(r"\bprogrammes?\b", text):
        return None
    sentence = rng.choice([
        "The work is done by a computer program written for the purpose.",
        "Officials said a computer program had been used to check the figures.",
        "The computer program that handles the bookings was updated last year.",
    ])
    return insert_sentence(art, rng, sentence)
