"""Where defects can go: body paragraphs and sentences of an article, found without newslint."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """A body paragraph: source offsets, and whether the article indents paragraphs (wire style)."""

    start: int
    end: int
    indented: bool


_TABLE_GAP = re.compile(r"\S {3,}\S")
_WORDISH = re.compile(r"[A-Za-z]")


def paragraphs(text: str) -> list[Para]:
    """Paragraphs split on blank lines and on indented first lines (wire copy)."""
    out: list[Para] = []
    start: int | None = None
    indented = False
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not line.strip():
            if start is not None:
                out.append(Para(start, pos - 1, indented))
                start = None
        else:
            lead = len(line) - len(line.lstrip(" \t"))
            if start is not None and lead >= 2:
                out.append(Para(start, pos - 1, indented))
                start = None
            if start is None:
                start, indented = pos + lead, lead >= 2
        pos = end + 1
    if start is not None:
        out.append(Para(start, len(text), indented))
    return out


def body_paragraphs(text: str) -> list[Para]:
    """Prose paragraphs after the headline: no tables, enough words, not the wire sign-off."""
    out = []
    for para in paragraphs(text)[1:]:
        chunk = text[para.start : para.end]
        tokens = chunk.split()
        if len(tokens) < 12 or _TABLE_GAP.search(chunk.replace("\n", " ").strip()):
            continue
        if sum(1 for t in tokens if _WORDISH.search(t)) < 0.75 * len(tokens):
            continue
        out.append(para)
    return out


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ABBREV = wordset(
    "mr mrs ms dr st jr sr inc co corp ltd plc gen gov sen rep jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n no vs dlrs pct mln bln cts"
)
_SENT_END = re.compile(r"""(?<=[a-z0-9%)][.!?])["”]?(?=\s+["“]?[A-Z]|\s*$)""")


def _quote_balanced(text: str, start: int, pos: int) -> bool:
    chunk = text[start:pos]
    return chunk.count('"') % 2 == 0 and chunk.count("“") == chunk.count("”")


def sentence_ends(text: str, para: Para) -> list[int]:
    """Offsets just after a sentence end inside ``para`` (outside quotations)."""
    out = []
    for m in _SENT_END.finditer(text, para.start, para.end):
        punct = m.start() - 1
        before = re.search(r"([\w.]+)$", text[max(para.start, punct - 15) : punct])
        word = before.group(1).lower() if before else ""
        if word.rstrip(".") in _ABBREV or len(word) == 1:
            continue
        if _quote_balanced(text, para.start, m.end()):
            out.append(m.end())
    return out


def sentences(text: str, para: Para) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a paragraph, by the same ends."""
    out = []
    start = para.start
    for end in [*sentence_ends(text, para), para.end]:
        s = start
        while s < end and text[s].isspace():
            s += 1
        if end > s:
            out.append((s, end))
        start = end
    return out


DATELINE = re.compile(r"[A-Z][A-Z .'-]+,.{0,40}? - ")



def caps_line(text: str, pos: int) -> bool:
    """An ALL-CAPS line (a wire sub-heading), where house style rules do not apply."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    letters = [c for c in text[start : end if end != -1 else len(text)] if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.8 * len(letters)



