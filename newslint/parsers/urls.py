"""Bare URLs in running text: not prose, in any reader.

A URL's dots, slashes and brackets would feed the bracket, quote and spelling rules
false alarms, so the Markdown and HTML readers leave them out of the prose alike
(GFM's extended-autolink rules decide where one ends).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_START = re.compile(r"(?<![\w/@.-])(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>]*", re.IGNORECASE)
_HINTS = ("://", "ww.", "wW.", "Ww.", "WW.")
#: Shorter matches ("www." alone, "http://") are not addresses.
_MIN_LENGTH = 9


def may_hold_url(source: str, s: int, e: int) -> bool:
    """A quick test first: plain finds are ten times faster than the regex scan."""
    find = source.find
    return any(find(hint, s, e) != -1 for hint in _HINTS)


def bare_urls(source: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Start and end of each bare URL that starts in ``source[s:e]`` (it may run past ``e``)."""
    if not may_hold_url(source, s, e):
        return
    for m in _START.finditer(source, s, e):
        url = _URL.match(source, m.start())
        end = trim_url(source, m.start(), url.end()) if url else m.start()
        if end - m.start() >= _MIN_LENGTH:
            yield m.start(), end


def trim_url(v: str, start: int, end: int) -> int:
    """GFM-style: trailing punctuation and an unbalanced ``)`` are not part of a bare URL."""
    while end > start:
        ch = v[end - 1]
        if ch in "?!.,:;*_~'\"" or (ch == ")" and v.count("(", start, end) < v.count(")", start, end)):
            end -= 1
        else:
            break
    return end
