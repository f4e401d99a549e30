"""repetition: a word doubled by accident ("the the"), across line breaks, any case.

Only words separated by nothing but white space count: "New York, New York" and
"'is' is" have punctuation between them. What stays silent, and why:

* ``exceptions`` — doubles that are grammatical ("had had", "that that", "her her");
* ``emphasis`` — doubles used for effect ("very very") inside quotation marks, where they
  are speech; in the writer's own prose they are slips ("too too low"); ``flag_emphasis``
  flags them in quotes too;
* ``quoted`` — doubles allowed inside quotation marks (speech rendered verbatim: "is is");
* capitalised pairs ("Duran Duran", "Walla Walla", "Sirhan Sirhan") are names, unless
  the word is a function word in an all-capitals headline ("TALKS TO TO RESUME");
* numbers ("won 6-4 6-4", "nil nil" in tables) unless ``numbers``, words set apart
  by a tab or a run of spaces, and anything in a block laid out in columns (tables).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..language.analysis import Analysis
from ..model import Edit, Hit
from . import Context

PARAMS = frozenset({"word"})
#: Deleting the extra copies is always right: the finding is a slip, not a choice.
FIX = "safe"

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
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Options:
    #: Words whose doubling is grammatical and never flagged ("had had", "that that").
    exceptions: tuple[str, ...] = ()
    #: Words doubled for emphasis ("very very"): speech, silent inside quotation marks unless
    #: ``flag_emphasis``; in the writer's own prose a slip ("prices were too too low").
    emphasis: tuple[str, ...] = ()
    flag_emphasis: bool = False
    #: Words whose doubling is allowed inside quotation marks ("is is").
    quoted: tuple[str, ...] = ()
    #: Flag doubled numbers too ("in 20 20 cases"); off because scores and tables repeat.
    numbers: bool = False

    @functools.cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.exceptions)

    @functools.cached_property
    def allowed_quoted(self) -> frozenset[str]:
        words = set(self.quoted) | (set() if self.flag_emphasis else set(self.emphasis))
        return frozenset(w.lower() for w in words)


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


def _starts(analysis: Analysis) -> list[int]:
    """Where each of ``analysis.tokens`` starts (shared with other checks)."""
    return analysis.token_starts


def _candidates(analysis: Analysis) -> list[int]:
    """Offsets where a doubled word may begin: a superset of ``_DOUBLE``'s match starts.

    A match's first copy is a whole token (``analysis.tokens`` use the same word
    pattern) and its second copy is the next token, equal to it ignoring case. When
    both tokens and the space between are ASCII, "equal ignoring case" is plain
    ``lower()`` equality; anywhere near a non-ASCII character (full case folding:
    "ß" and "SS", "ﬁ" and "fi") the token is a candidate whatever it says.
    """
    tokens = analysis.tokens
    if len(tokens) < 2:
        return []
    starts = _starts(analysis)
    lows = "\n".join(map(operator.itemgetter(2), tokens)).lower().split("\n")
    equal = map(operator.eq, lows, itertools.islice(lows, 1, None))
    found = set(itertools.compress(range(len(lows) - 1), equal))
    text = analysis.doc.text
    if not text.isascii():
        for m in _NON_ASCII.finditer(text):
            k = bisect.bisect_right(starts, m.start()) - 1
            found.update((k, k - 1))  # in token k or the space after it; or in token k itself
    return sorted(starts[k] for k in found if k >= 0)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    candidates: list[int] = ctx.analysis.memo("repetition.candidates", _candidates)
    for block in ctx.blocks:
        lo = bisect.bisect_left(candidates, block.start)
        hi = bisect.bisect_left(candidates, block.end)
        if lo == hi:
            continue  # no match can start in this block
        if _TABLE.search(text, block.start, block.end):
            continue  # column layout: a header "loads loads" names two columns
        # The matches ``_DOUBLE.finditer`` over the block would give: each starts at a
        # candidate, and the search resumes where the last match ended.
        resume = block.start
        for at in candidates[lo:hi]:
            if at < resume:
                continue
            m = _DOUBLE.match(text, at, block.end, timeout=ctx.settings.regex_timeout)
            if m is None:
                continue
            resume = m.end()
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
            extra = Edit(m.end(1), m.end() - m.end(1), "")  # the space and second copy
            yield Hit(m.start(), m.end(), {"word": word}, (word,), edits=(extra,))
