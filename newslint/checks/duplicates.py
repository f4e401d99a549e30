"""duplicates: text that appears twice — a pasted line, a repeated sentence, a byline
typed twice, or an update left in beside the paragraph it replaced.

``mode: exact`` finds, ignoring case and white space: a block (paragraph, byline,
headline …) equal to an earlier one; a sentence equal to an earlier one; and a run
of words repeated back to back ("the loan will be used the loan will be used" — a
hard-wrapped line typed twice). ``mode: near`` finds paragraphs that are nearly the
same as an earlier one (difflib ratio over their words) but not equal: the old and
the new version of an update, with a different number. The finding sits on the later
copy and names the earlier copy's line.

Short lines are boilerplate ("Reuter", "ends", "Jane Doe" over two stories), and
number rows are tables, so they only count when long enough and mostly words;
a byline or dateline needs only two words, since a byline typed twice is the
classic slip.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from ..document import Block, LineIndex
from ..language.analysis import Analysis
from ..model import Hit
from . import Context

PARAMS = frozenset({"kind", "line", "similarity"})

_LIST_ITEM = regex.compile(r"^(?:[-*•+]|\d{1,2}[.)])\s")
#: Table notes: "Note - …", "X - Less than 5,000 bales.", "N/A - Not eligible."
_FOOTNOTE = regex.compile(r"^(?:note\b|[\w/]{1,3}\s*--?\s)", regex.IGNORECASE)
_NUMBER = regex.compile(r"^\d[\d.,/-]*$")
_YEAR = regex.compile(r"^(?:1[89]|20)\d\d$")
_PERIODS = frozenset(["quarter", "quarters", "qtr", "month", "months", "year", "years", "week", "weeks", "half", "period"])
_WORD = regex.compile(r"\w+(?:['’.\-]\w+)*")
_ALPHA = regex.compile(r"\p{L}")
_SHORT_SCOPES = frozenset({"byline", "dateline"})
#: Blocks that need no full stop to be prose.
_TITLE_SCOPES = frozenset({"headline", "heading", "caption"})
_MAX_RUN = 60
#: The same block three or more times is a template (a table note), not a slip.
_BOILERPLATE = 3
#: A sentence end between two copies of a run makes it rhetoric ("It was. It was."), not a paste.
_SENTENCE_GAP = regex.compile(r"[.!?]")
_COLUMNS = regex.compile(r"\S(?:\t| {3,})\S")
_PROSE_END = regex.compile(r"""[.!?]["'”’)]*$""")


@dataclass(frozen=True)
class Options:
    mode: Literal["exact", "near"] = "exact"
    #: Fewest words for a block to count (bylines and datelines: two).
    min_words: int = 4
    min_sentence_words: int = 6
    #: Fewest words in a run repeated back to back.
    min_run_words: int = 5
    #: ``near``: least difflib ratio of two paragraphs' words, and fewest words.
    similarity: float = 0.8
    min_near_words: int = 15

    def problems(self) -> list[tuple[str, str]]:
        if not 0 < self.similarity < 1:
            return [("similarity", "'similarity' must be between 0 and 1 (exclusive)")]
        return []


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _wordy(words: list[str], least: int) -> bool:
    """Enough words, and mostly words rather than numbers (a table row is not prose)."""
    return len(words) >= least and sum(1 for w in words if _ALPHA.search(w)) * 2 > len(words)


#: Words joined by a newline: no word holds one, so the joined string is a cheap,
#: exact stand-in for the tuple of words (and a newline is neither cased nor
#: case-ignorable, so lowering the joined string lowers each word as on its own).
_SEP = "\n"
_NO_LETTER_LINE = regex.compile(r"^[^\p{L}\n]*$", regex.MULTILINE)


def _key(text: str, start: int, end: int) -> tuple[str, int]:
    """``_words`` of ``text[start:end]`` joined by ``_SEP``, and how many there are."""
    words = _WORD.findall(text, start, end)
    return _SEP.join(words).lower().replace("’", "'"), len(words)


def _wordy_key(key: str, n: int, least: int) -> bool:
    """``_wordy`` over the words of a ``_key``."""
    if n < least or n == 0:
        return False
    return (n - len(_NO_LETTER_LINE.findall(key))) * 2 > n


def _block_keys(analysis: Analysis) -> dict[Block, tuple[str, int]]:
    text = analysis.doc.text
    return {b: _key(text, b.start, b.end) for b in analysis.doc.blocks}


def _keys(ctx: Context) -> dict[Block, tuple[str, int]]:
    keys: dict[Block, tuple[str, int]] = ctx.analysis.memo("duplicates.keys", _block_keys)
    missing = [b for b in ctx.blocks if b not in keys]
    for b in missing:  # blocks are the document's own; this is only a safety net
        keys[b] = _key(ctx.doc.text, b.start, b.end)
    return keys


def _line_of(ctx: Context, offset: int) -> int:
    index: LineIndex = ctx.analysis.memo("line_index", lambda a: LineIndex.of(a.doc.source))
    return index.position(ctx.doc.source_map.to_source_start(offset))[0]


def _hit(ctx: Context, start: int, end: int, kind: str, other: int, similarity: float = 1.0) -> Hit:
    params = {"kind": kind, "line": str(_line_of(ctx, other)), "similarity": f"{similarity:.0%}"}
    return Hit(start, end, params)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    if options.mode == "near":
        yield from _near(options, ctx)
    else:
        yield from _exact(options, ctx)


def _exact(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    keys = _keys(ctx)
    times: dict[str, int] = {}
    for block in ctx.blocks:
        key = keys[block][0]
        times[key] = times.get(key, 0) + 1
    tables = _tables(ctx)
    seen: dict[str, Block] = {}
    taken = _Taken()
    for block in ctx.blocks:
        key, n = keys[block]
        if block in tables:
            taken.add(block.start, block.end)
        elif key in seen and times[key] < _BOILERPLATE and _counts(block, text, key, n, options):
            taken.add(block.start, block.end)
            kind = "line" if block.scope in _SHORT_SCOPES else block.scope
            yield _hit(ctx, block.start, block.end, kind, seen[key].start)
        seen.setdefault(key, block)
    yield from _sentences(options, ctx, taken)
    yield from _runs(options, ctx, taken, keys)


def _tables(ctx: Context) -> set[Block]:
    """``_table_parts`` of the rule's blocks, shared by ``exact`` and ``near``."""
    blocks = ctx.blocks
    return ctx.analysis.memo(("duplicates.tables", blocks), lambda a: _table_parts(blocks, a.doc.text))


def _table_parts(blocks: tuple[Block, ...], text: str) -> set[Block]:
    """Table rows (column layout) and the notes under a table: never compared."""
    out: set[Block] = set()
    previous = ""
    for block in blocks:
        body = text[block.start : block.end].strip()
        if _COLUMNS.search(body) or _FOOTNOTE.match(body) or (previous and _tabular(previous)):
            out.add(block)
        previous = body
    return out


def _counts(block: Block, text: str, key: str, n: int, options: Options) -> bool:
    """Is this block prose worth comparing? Bylines need two words, headlines
    ``min_words``; anything else must also end like a sentence."""
    if block.scope in _SHORT_SCOPES:
        return _wordy_key(key, n, 2)
    if block.scope in _TITLE_SCOPES:
        return _wordy_key(key, n, options.min_words)
    body = text[block.start : block.end].strip()
    return _wordy_key(key, n, options.min_words) and bool(_PROSE_END.search(body))


def _sentences(options: Options, ctx: Context, taken: _Taken) -> Iterator[Hit]:
    text = ctx.doc.text
    in_scope = set(ctx.blocks)
    least = options.min_sentence_words
    keyed = []
    times: dict[str, int] = {}
    for s in ctx.analysis.sentences:
        if s.block not in in_scope:
            continue
        key, n = _key(text, s.start, s.end)
        if _wordy_key(key, n, least):
            keyed.append((s, key))
            times[key] = times.get(key, 0) + 1
    seen: dict[str, int] = {}
    for s, key in keyed:
        if key in seen and times[key] < _BOILERPLATE and not taken.covers(s.start):
            taken.add(s.start, s.end)
            yield _hit(ctx, s.start, s.end, "sentence", seen[key])
        seen.setdefault(key, s.start)


class _Taken:
    """Spans already reported or excluded (tables), with logarithmic look-ups.

    Every span added is disjoint from the others (whole blocks, sentences inside
    blocks not taken, runs checked with ``overlaps`` first), so the span starting
    last at or before a point is the only one that can hold it.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._spans: set[tuple[int, int]] = set()

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._spans.add((start, end))

    def has(self, start: int, end: int) -> bool:
        return (start, end) in self._spans

    def covers(self, offset: int) -> bool:
        """Does a span hold ``offset`` (``start <= offset < end``)?"""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span share a character with ``start..end``?"""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and start < self._ends[i]


def _may_repeat(key: str, n: int, n_min: int) -> bool:
    """Could the block hold a run of ``n_min`` or more words typed twice back to back?
    Only if some ``n_min`` words in a row occur twice (the key's words fold ’ into ',
    so this lets through everything the exact comparison in ``_runs`` can find)."""
    if n < 2 * n_min:
        return False
    if n_min < 1:
        return True
    words = key.split(_SEP)
    grams = list(zip(*(words[k:] for k in range(n_min)), strict=False))
    return len(set(grams)) < len(grams)


def _copies(at: list[int], i: int, n_min: int) -> list[int]:
    """Of the sorted word positions ``at``, those ``n_min`` to ``_MAX_RUN`` words after
    ``i``, farthest first: the only places a copy of a run starting at ``i`` can start.
    (Visiting every position of the word made one word typed n times O(n²).)"""
    return at[bisect.bisect_left(at, i + n_min) : bisect.bisect_right(at, i + _MAX_RUN)][::-1]


def _runs(
    options: Options, ctx: Context, taken: _Taken, keys: dict[Block, tuple[str, int]]
) -> Iterator[Hit]:
    """Word runs typed twice back to back (at most ``_MAX_RUN`` words), longest first."""
    n_min = options.min_run_words
    for block in ctx.blocks:
        if taken.has(block.start, block.end):
            continue  # a table, or already reported whole
        if not _may_repeat(*keys[block], n_min):
            continue
        toks = list(_WORD.finditer(ctx.doc.text, block.start, block.end))
        low = [t.group().lower() for t in toks]
        where: dict[str, list[int]] = {}
        for k, w in enumerate(low):
            where.setdefault(w, []).append(k)
        i = 0
        while i + 2 * n_min <= len(low):
            found = 0
            for j in _copies(where[low[i]], i, n_min):
                n = j - i
                if (
                    low[i:j] == low[j : j + n]
                    and _wordy(low[i:j], n_min)
                    and not _SENTENCE_GAP.search(ctx.doc.text, toks[j - 1].end(), toks[j].start())
                ):
                    found = n
                    break
            if found:
                start, end = toks[i + found].start(), toks[i + 2 * found - 1].end()
                if not taken.overlaps(start, end):
                    taken.add(start, end)
                    yield _hit(ctx, start, end, "run of words", toks[i].start())
                i += 2 * found
            else:
                i += 1


_DIGIT = regex.compile(r"\d")


def _tabular(text: str) -> bool:
    words = _WORD.findall(text)
    if not words:
        return False
    # Every number holds a digit: too few digits and the row cannot be a table row.
    if len(_DIGIT.findall(text)) * 5 < len(words) * 2:
        return False
    return sum(1 for w in words if _NUMBER.match(w)) * 5 >= len(words) * 2


def _parallel(a: list[str], b: list[str], a_caps: list[bool], b_caps: list[bool]) -> bool:
    """Two paragraphs built to the same template about different things (Mexico's loans,
    then Venezuela's; 1987's quarter, then 1986's) rather than two versions of one."""
    numbers = 0
    reworded = False
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        left, right = a[i1:i2], b[j1:j2]
        if tag == "replace" and any(a_caps[i1:i2]) and any(b_caps[j1:j2]):
            return True  # a different name in the same slot
        if any(_YEAR.match(w) or w in _PERIODS for w in left + right):
            return True  # another year or period: "1986 qtr", "nine months"
        numbers += sum(1 for w in left if _NUMBER.match(w))
        if tag == "replace" and not any(map(_NUMBER.match, left)) and not any(map(_NUMBER.match, right)):
            reworded = True  # "including" → "without": another case, not another figure
    return numbers >= 3 or (numbers >= 1 and reworded)


_STARTERS = ".!?:\"“‘'("


def _caps(text: str) -> list[bool]:
    """Whether each word is capitalised other than at a sentence start (after
    ``.!?:`` or an opening quote or bracket, or first in ``text``)."""
    caps = []
    prev_end = -1
    for m in _WORD.finditer(text):
        w = m.group()
        gap = text[max(prev_end, 0) : m.start()].rstrip()
        # With nothing but space since the last word, the character before is that
        # word's last, a word character and never a starter.
        starts = gap[-1] in _STARTERS if gap else prev_end < 0
        caps.append(w[:1].isupper() and not starts)
        prev_end = m.end()
    return caps


def _near(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    keys = _keys(ctx)
    paras: list[tuple[Block, str, list[str], set[str], str]] = []
    caps: dict[Block, list[bool]] = {}

    def caps_of(block: Block, body: str) -> list[bool]:
        if block not in caps:
            caps[block] = _caps(body)
        return caps[block]

    tables = _tables(ctx)
    for block in ctx.blocks:
        body = text[block.start : block.end].strip()
        if block in tables or block.scope in _SHORT_SCOPES or _LIST_ITEM.match(body) or not _PROSE_END.search(body):
            continue
        key, n = keys[block]
        if not _wordy_key(key, n, options.min_near_words):
            continue
        words = key.split(_SEP)
        best: tuple[float, Block] | None = None
        vocab = set(words)
        for other, other_key, other_words, other_vocab, other_body in paras:
            if other_key == key:
                continue  # exact copies are mode: exact's business
            shorter, longer = sorted((len(words), len(other_words)))
            if shorter < options.similarity * longer:
                continue
            if len(vocab & other_vocab) < options.similarity * 0.8 * len(vocab | other_vocab):
                continue
            ratio = difflib.SequenceMatcher(None, other_words, words, autojunk=False).ratio()
            if ratio < options.similarity or (best is not None and ratio <= best[0]):
                continue
            if not _parallel(other_words, words, caps_of(other, other_body), caps_of(block, body)):
                best = (ratio, other)
        if best is not None:
            yield _hit(ctx, block.start, block.end, "paragraph", best[1].start, best[0])
        paras.append((block, key, words, vocab, body))
