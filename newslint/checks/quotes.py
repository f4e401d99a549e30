"""quotes: quotation marks left open or closed without opening, within a paragraph.

News convention: a quotation running over several paragraphs leaves its closing
mark off until its last paragraph, and each continuing paragraph opens with a mark.
So a paragraph that ends inside a quotation is fine when the next block of the same
scope opens with a quotation mark.

Double marks: curly marks say their direction; straight marks alternate (the first
opens, the next closes), and their surroundings only choose the message — except a
mark opening a sentence inside an open quotation, which is the next paragraph's
opening mark in copy whose paragraphs were merged into one, and ``army"s``, a
double mark typed for an apostrophe (reported as such). Single
marks are mostly apostrophes (don't, the '90s, rock 'n' roll, 'orrible, the Smiths'), so
they are judged conservatively: a mark at a word start (not a known elision) opens,
a mark after a word closes the latest open one or is an apostrophe; only an opening
single mark that nothing closes is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Block
from ..model import Hit
from . import Context
from ._attribution import attribution_in

PARAMS = frozenset({"problem"})

_MARKS = regex.compile(r"[\"“”„'‘’]")
# Leading apostrophes of elision: '90s, '771 (a code), 'em, rock 'n' roll, 'til, 'tis, 'cause.
_ELISION = regex.compile(
    r"['‘’](?:\d+s?\b|n['’]|(?i:em|n|til|tis|twas|cause|cos|bout|round|cept|fraid|nuff|allo|ello|ere|ow|un|ol|kay|sup|burbs|roid|roids|bot|bots|copter|phone|net)\b)"
)
_APOSTROPHE_S = regex.compile(r'"(?:s|t|m|d|ll|re|ve)(?![\p{L}])')
_REOPENS = regex.compile(r'[.?!…]\s+"[\p{L}\d]$')
_WORD_AT = regex.compile(r"\p{L}+")
_OPEN_BEFORE = set(" \t\n([{—–-/\u00a0")

NEVER_CLOSED = "this quotation mark is never closed in its paragraph (and the next paragraph does not continue the quotation)"
NEVER_OPENED = "this closing quotation mark has no opening mark in its paragraph"
AS_APOSTROPHE = "this double quotation mark stands for an apostrophe"
BEFORE_ATTRIBUTION = "this quotation is not closed before its attribution '{clause}'"
SINGLE_NEVER_CLOSED = "this single quotation mark is never closed in its paragraph"


@dataclass(frozen=True)
class Options:
    #: Also check single quotation marks (apostrophe-aware, conservative).
    singles: bool = True
    #: Accept the multi-paragraph convention (open at paragraph end, next paragraph opens).
    continuation: bool = True


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    blocks = ctx.blocks
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        yield from _block(text, block, nxt, options)


def _continues(text: str, block: Block, nxt: Block | None, singles: bool) -> bool:
    """The next block of the same scope opens with a quotation mark (of the same kind)."""
    if nxt is None or nxt.scope != block.scope:
        return False
    head = text[nxt.start : nxt.start + 1]
    return head in ('"“„' if not singles else "'‘")


def _block(text: str, block: Block, nxt: Block | None, options: Options) -> Iterator[Hit]:
    double_open: int | None = None
    singles: list[int] = []
    for m in _MARKS.finditer(text, block.start, block.end):
        pos, mark = m.start(), m.group()
        prev = text[pos - 1] if pos > block.start else " "
        after = text[pos + 1] if pos + 1 < block.end else " "
        if mark in '"“”„':
            if double_open is not None and (hit := _attribution_hit(text, double_open, pos)) is not None:
                yield hit  # the quotation ended before "…, she said": this mark starts anew
                double_open = pos if mark in "“„" or (mark == '"' and _looks_opening(prev, after)) else None
                continue
            if mark == '"':
                if prev.isdigit() and double_open is None and not after.isalpha():
                    continue  # 12" screen: an inch mark
                if prev.isalpha() and _APOSTROPHE_S.match(text, pos, block.end):
                    yield Hit(pos, pos + 1, {"problem": AS_APOSTROPHE})
                    continue  # army"s: a wire transmission slip, not a quotation
                if double_open is not None and _REOPENS.search(text, block.start, pos + 2):
                    continue  # '... minister. "If ...': the next paragraph's opening mark, lines merged
                opening = double_open is None
            else:
                opening = mark != "”"
            if opening:
                if double_open is not None:  # “ inside an open “
                    yield Hit(double_open, double_open + 1, {"problem": NEVER_CLOSED})
                double_open = pos
            elif double_open is None:
                yield Hit(pos, pos + 1, {"problem": NEVER_OPENED})
            else:
                double_open = None
            continue
        if not options.singles:
            continue
        word_before = prev.isalnum() or prev in ".,;:!?…)]%"
        word_after = after.isalnum()
        if prev.isalnum() and after.isalnum():
            continue  # don't, O'Brien
        if mark == "‘" or (mark == "'" and not word_before and word_after):
            if _ELISION.match(text, pos) or _h_dropped(text, pos + 1, block.end):
                continue
            if mark == "'" and prev not in _OPEN_BEFORE and prev not in '"“‘':
                continue
            singles.append(pos)
        elif mark in "'’" and (word_before or prev in '"”') and not word_after and singles:
            singles.pop()
    if double_open is not None and (hit := _attribution_hit(text, double_open, block.end)) is not None:
        yield hit  # open before its attribution: not a quotation continued in the next paragraph
    elif double_open is not None and not (options.continuation and _continues(text, block, nxt, False)):
        straight_closing = text[double_open] == '"' and _looks_closing(text, double_open, block)
        yield Hit(double_open, double_open + 1, {"problem": NEVER_OPENED if straight_closing else NEVER_CLOSED})
    if singles and not (options.continuation and _continues(text, block, nxt, True)):
        for pos in singles:
            yield Hit(pos, pos + 1, {"problem": SINGLE_NEVER_CLOSED})


def _attribution_hit(text: str, opened: int, end: int) -> Hit | None:
    """The quotation opened at ``opened`` holds a whole attribution clause before ``end``."""
    m = attribution_in(text, opened + 1, end)
    if m is None:
        return None
    clause = " ".join(m.group()[1:].split())
    return Hit(opened, opened + 1, {"problem": BEFORE_ATTRIBUTION.format(clause=clause)})


def _looks_opening(prev: str, after: str) -> bool:
    """A straight mark after a space or opening bracket and before a word: an opener by its looks."""
    return (prev.isspace() or prev in _OPEN_BEFORE) and not after.isspace()


def _h_dropped(text: str, start: int, end: int) -> bool:
    """'orrible, 'ello: a dropped h, when the word is English only with the h back."""
    m = _WORD_AT.match(text, start, end)
    if m is None:
        return False
    from .fused import unigrams  # symspellpy's English lexicon, loaded once and shared

    word = m.group().lower()
    lexicon = unigrams()
    return word not in lexicon and "h" + word in lexicon


def _looks_closing(text: str, pos: int, block: Block) -> bool:
    """A straight mark after a word and before a space or the end: a closer by its looks."""
    prev = text[pos - 1] if pos > block.start else " "
    after = text[pos + 1] if pos + 1 < block.end else " "
    return not prev.isspace() and prev not in _OPEN_BEFORE and (after.isspace() or after in ".,;:!?)]—–-")
