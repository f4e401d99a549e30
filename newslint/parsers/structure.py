"""Recognise the parts of a news article: headline, deck, byline, dateline, caption.

Pure predicates over a paragraph's text, shared by the plain-text and Markdown
parsers, so both formats label scopes the same way.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w'’.-]*"
_BYLINE = re.compile(
    rf"""^(?:
        (?:by|BY|By)\s+\S.*                                   # By Jane Doe, Reuters
      | {_NAME}(?:\s+{_NAME}){{1,3}}
        (?:\s+(?:and|&)\s+{_NAME}(?:\s+{_NAME}){{1,3}})?
        (?:\s*,\s*[A-Z][\w .&'’-]{{1,40}}|\s+in\s+[A-Z][\w .'’-]{{1,40}})?   # , Reuters | in London
    )$""",
    re.VERBOSE,
)
_BY = re.compile(r"\s*(?:by|BY|By)\s+[A-Z]")
_DATELINE = re.compile(
    r"""^(?P<dl>
        [A-Z][A-Z.'’-]*(?:[ /][A-Z][A-Z.'’-]*){0,4}           # HONG KONG, ZURICH, ST. LOUIS
        (?:,\s*(?:(?:[A-Z]\.){1,3}                            # , R.I.   , D.C.
                |[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?))?      # , Calif.   , British Columbia
        (?P<date>,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?  # , Jan 12 | 12 March
        (?:\s*\([A-Za-z][A-Za-z .&-]{1,30}\))?                 # (Reuters)
        \s*(?:—|–|--|-)
    )(?:\s+(?=\S)|(?(date)(?=["“A-Z])|(?!)))""",
    re.VERBOSE,
)
#: A table row: "vs", or two numbers with something between them. Searched as two
#: patterns: one alternation scans slowly, and ``\d[\d,.]*\D+\d`` (the same test)
#: backtracked for minutes over a long run of digits followed by letters.
_TABLE_VS = re.compile(r"\bvs\b")
_TABLE_NUMBERS = re.compile(r"\d\D+\d")
_CAPTION = re.compile(
    r"(?:^|[\s(])(?:Photo(?:graph)?|Picture|Image|Credit|Illustration)s?\s*(?:by\s+|:\s*)[^.:]{1,80}[.)]?\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-*•+]|\d{1,2}[.)])\s+\S")
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")


def is_byline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 100 and bool(_BYLINE.match(line)) and not _SENTENCE_END.search(line)


def dateline_length(text: str) -> int:
    """Length of a leading dateline such as ``ZURICH, March 9 -`` (0 when none)."""
    m = _DATELINE.match(text)
    if not m:
        return 0
    place = m["dl"].split(",")[0].split("(")[0].strip(" -—–")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return 0
    return m.end("dl")


def is_caption(text: str) -> bool:
    return len(text) <= 400 and bool(_CAPTION.search(text))


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line.strip()))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def looks_like_headline(text: str) -> bool:
    """One short line without closing punctuation; an all-caps wire headline may end with a
    full stop ("... TO U.S.", "MERRILL MANDATED FOR IEL U.S. NOTE.")."""
    text = text.strip()
    if not 0 < len(text) <= 200 or "\n" in text:
        return False
    if text.endswith("."):
        return text.isupper()
    return not text.endswith((",", ";", ":"))


def is_dateline_only(line: str) -> bool:
    """A line that is nothing but a dateline (``NEW YORK, March 17 -``)."""
    line = line.strip()
    return bool(line) and dateline_length(line + " x") >= len(line)


def leading_marks(lines: list[str], scopes: list[str | None]) -> int:
    """How many of a paragraph's first lines are "By ..." bylines or bare datelines typed
    above the story without a blank line ("By Jane Doe, Reuters" / "HOUSTON, April 1 -" /
    a table): blocks of their own, the rest is the body paragraph. Never the whole
    paragraph, and never a wrapped line of the story ("SALT LAKE CITY, April 3 - USX ...")."""
    n = 0
    while n < len(lines) - 1 and (scopes[n] == "dateline" or (scopes[n] == "byline" and _BY.match(lines[n]))):
        n += 1
    return n


def lead_line_scope(line: str) -> str | None:
    """Scope of a short line between headline and body, or None if it is body copy."""
    if is_caption(line):
        return "caption"
    if is_dateline_only(line):
        return "dateline"
    if ("vs" in line and _TABLE_VS.search(line)) or _TABLE_NUMBERS.search(line):
        return None  # wire earnings tables ("Shr 1.23 vs 1.11") are body copy, not a deck
    if is_byline(line):
        return "byline"
    if is_bullet(line):
        return "deck"
    if len(line) <= 200 and not ends_sentence(line) and not dateline_length(line):
        return "deck"
    return None
