"""Bylines: printed twice in the lead, or run into the dateline ("By Jane Doein Washington")."""

from __future__ import annotations

import random
import re

from .base import Injection
from .corpus import Article
from .text import DATELINE

# Fictional bylines for stories that carry none (BBC copy, most wire copy).
GIVEN = ["Jane", "Mark", "Helen", "Peter", "Sarah", "David", "Anna", "Paul", "Ruth", "Simon", "Clare", "Martin"]
FAMILY = ["Ashworth", "Brindle", "Calloway", "Densmore", "Everly", "Fairbank", "Greaves", "Holloway", "Ingram", "Jessop"]
CITIES = ["Washington", "London", "Brussels", "Tokyo", "Paris", "Geneva", "Frankfurt", "Ottawa", "Madrid", "Chicago"]
_BYLINE = re.compile(r"^([ \t]*)([Bb]y [A-Z][^\n]{2,60})$", re.MULTILINE)


def _lead(text: str) -> int:
    """Offset where the lead starts: after the headline and its blank line."""
    cut = text.find("\n\n")
    return cut + 2 if cut != -1 else 0


def own_byline(text: str) -> re.Match[str] | None:
    """The story's byline line, if the lead has one (wire copy: "    By Jane Doe, Reuters")."""
    m = _BYLINE.search(text, _lead(text))
    return m if m and text.count("\n", _lead(text), m.start()) <= 1 else None


def _fictional(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def inject_byline_twice(art: Article, rng: random.Random) -> Injection | None:
    """The story's byline (or a fictional one) printed on two consecutive lines of the lead."""
    text = art.text
    m = own_byline(text)
    if m:
        indent, line = m.group(1), m.group(2)
        at = m.end()
        new = text[:at] + "\n" + indent + line + text[at:]
        return Injection(new, ((m.start(2), m.end()), (at + 1 + len(indent), at + 1 + len(indent) + len(line))), f"byline twice: {line}")
    at = _lead(text)
    wire = text[at : at + 4] == "    "
    line = f"By {_fictional(rng)}" + (", Reuters" if wire else "")
    indent = "    " if wire else ""
    block = f"{indent}{line}\n{indent}{line}\n" + ("" if wire else "\n")
    first = at + len(indent)
    second = first + len(line) + 1 + len(indent)
    return Injection(text[:at] + block + text[at:], ((first, first + len(line)), (second, second + len(line))), f"byline twice: {line}")


def inject_byline_fused(art: Article, rng: random.Random) -> Injection | None:
    """A byline whose name runs into "in <city>" or whose line runs into the dateline."""
    text = art.text
    m = own_byline(text)
    dateline = DATELINE.match(text, m.end() + 1 + len(m.group(1))) if m else None
    if m and dateline and rng.random() < 0.5:  # "By Jane Doe, ReutersWASHINGTON, March 3 - ..."
        start = m.start(2)
        new = text[: m.end()] + text[m.end() + 1 + len(m.group(1)) :]
        end = m.end() + len(dateline.group())
        return Injection(new, ((start, end),), f"byline run into the dateline: {new[start:end]}")
    at = _lead(text)
    wire = text[at : at + 4] == "    "
    if m:
        name = re.sub(r"(?i)^by\s+|,.*$", "", m.group(2)).strip()
        at, indent, tail = m.start(), m.group(1), text[m.end() :]
    else:
        name, indent, tail = _fictional(rng), "    " if wire else "", "\n" + ("" if wire else "\n") + text[at:]
    city = dateline.group().split(",")[0].title() if dateline else rng.choice(CITIES)
    line = f"By {name}in {city}"
    new = text[:at] + indent + line + tail
    start = at + len(indent)
    return Injection(new, ((start, start + len(line)),), f"byline fused: {line}")
