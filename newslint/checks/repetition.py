"""repetition: a word doubled by accident ("the the"), across line breaks, any case.

Only words separated by nothing but white space count: "New York, New York" and
"'is' is" have punctuation between them. What stays silent, and why:

* ``exceptions`` — doubles that are grammatical ("had had", "that that", "her her");
* ``emphasis`` — doubles used for effect ("very very"), flagged only with ``flag_emphasis``;
* ``quoted`` — doubles allowed inside quotation marks (speech rendered verbatim: "is is");
* capitalised pairs ("Duran Duran", "Walla Walla", "Sirhan Sirhan") are names, unless
  the word is a function word in an all-capitals headline ("TALKS TO TO RESUME");
* numbers ("won 6-4 6-4", "nil nil" in tables) unless ``numbers``, words set apart
  by a tab or a run of spaces, and anything in a block laid out in columns (tables).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Hit
from . import Context

PARAMS = frozenset({"word"})

_DOUBLE = regex.compile(r"(?<![\w'’\-])(\w+(?:['’\-]\w+)*)(?:\s+\1)+(?![\w'’\-])", regex.V1 | regex.IGNORECASE)
_CAPS_FUNCTION_WORDS = frozenset(
    ["the", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "from", "with", "is", "was", "are", "were", "be", "has", "have", "it", "as"]
)
_OPEN, _CLOSE, _STRAIGHT = "“«", "”»", '"'
#: Table cells in prose form ("Phila nil nil, Balt 12 unch") count as numbers.
_NUMBER_WORDS = frozenset({"nil", "unch"})
#: A run of spaces or a tab between the two words is column layout, not a slip.
_COLUMNS = regex.compile(r"\t| {3,}")
_TABLE = regex.compile(r"\S(?:\t| {3,})\S")


@dataclass(frozen=True)
class Options:
    #: Words whose doubling is grammatical and never flagged ("had had", "that that").
    exceptions: tuple[str, ...] = ()
    #: Words doubled for emphasis ("very very"); silent unless ``flag_emphasis``.
    emphasis: tuple[str, ...] = ()
    flag_emphasis: bool = False
    #: Words whose doubling is allowed inside quotation marks ("is is").
    quoted: tuple[str, ...] = ()
    #: Flag doubled numbers too ("in 20 20 cases"); off because scores and tables repeat.
    numbers: bool = False

    @functools.cached_property
    def allowed(self) -> frozenset[str]:
        words = set(self.exceptions) | (set() if self.flag_emphasis else set(self.emphasis))
        return frozenset(w.lower() for w in words)

    @functools.cached_property
    def allowed_quoted(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.quoted)


def _is_name_pair(words: list[str]) -> bool:
    """Capitalised doubles are names ("Walla Walla"); all-caps function words are slips."""
    second = words[1]
    if not second[:1].isupper():
        return False
    return not (second.isupper() and len(second) > 1 and second.lower() in _CAPS_FUNCTION_WORDS)


def _in_quotes(text: str, block_start: int, pos: int) -> bool:
    depth = 0
    straight = False
    for ch in text[block_start:pos]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == _STRAIGHT:
            straight = not straight
    return depth > 0 or straight


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    for block in ctx.blocks:
        if _TABLE.search(text, block.start, block.end):
            continue  # column layout: a header "loads loads" names two columns
        for m in _DOUBLE.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout):
            word = m.group(1)
            key = word.lower()
            if key in options.allowed:
                continue
            if not options.numbers and (key in _NUMBER_WORDS or any(c.isdigit() for c in word)):
                continue
            if _COLUMNS.search(m.group()):
                continue
            if _is_name_pair(m.group().split()):
                continue
            if key in options.allowed_quoted and _in_quotes(text, block.start, m.start()):
                continue
            yield Hit(m.start(), m.end(), {"word": word}, (word,))
