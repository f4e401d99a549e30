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

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from ..document import Block, LineIndex
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
    keyed = [(b, _words(text[b.start : b.end])) for b in ctx.blocks]
    times: dict[tuple[str, ...], int] = {}
    for _, words in keyed:
        times[tuple(words)] = times.get(tuple(words), 0) + 1
    tables = _table_parts(ctx.blocks, text)
    seen: dict[tuple[str, ...], Block] = {}
    taken: list[tuple[int, int]] = []
    for block, words in keyed:
        key = tuple(words)
        if block in tables:
            taken.append((block.start, block.end))
        elif key in seen and _counts(block, text, words, options) and times[key] < _BOILERPLATE:
            taken.append((block.start, block.end))
            kind = "line" if block.scope in _SHORT_SCOPES else block.scope
            yield _hit(ctx, block.start, block.end, kind, seen[key].start)
        seen.setdefault(key, block)
    yield from _sentences(options, ctx, taken)
    yield from _runs(options, ctx, taken)


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


def _counts(block: Block, text: str, words: list[str], options: Options) -> bool:
    """Is this block prose worth comparing? Bylines need two words, headlines
    ``min_words``; anything else must also end like a sentence."""
    body = text[block.start : block.end].strip()
    if block.scope in _SHORT_SCOPES:
        return _wordy(words, 2)
    if block.scope in _TITLE_SCOPES:
        return _wordy(words, options.min_words)
    return _wordy(words, options.min_words) and bool(_PROSE_END.search(body))


def _sentences(options: Options, ctx: Context, taken: list[tuple[int, int]]) -> Iterator[Hit]:
    text = ctx.doc.text
    in_scope = set(ctx.blocks)
    keyed = []
    times: dict[tuple[str, ...], int] = {}
    for s in ctx.analysis.sentences:
        words = _words(text[s.start : s.end])
        if s.block in in_scope and _wordy(words, options.min_sentence_words):
            keyed.append((s, tuple(words)))
            times[tuple(words)] = times.get(tuple(words), 0) + 1
    seen: dict[tuple[str, ...], int] = {}
    for s, key in keyed:
        if key in seen and times[key] < _BOILERPLATE and not any(a <= s.start < b for a, b in taken):
            taken.append((s.start, s.end))
            yield _hit(ctx, s.start, s.end, "sentence", seen[key])
        seen.setdefault(key, s.start)


def _runs(options: Options, ctx: Context, taken: list[tuple[int, int]]) -> Iterator[Hit]:
    """Word runs typed twice back to back (at most ``_MAX_RUN`` words), longest first."""
    n_min = options.min_run_words
    for block in ctx.blocks:
        if (block.start, block.end) in taken:
            continue  # a table, or already reported whole
        toks = list(_WORD.finditer(ctx.doc.text, block.start, block.end))
        low = [t.group().lower() for t in toks]
        where: dict[str, list[int]] = {}
        for k, w in enumerate(low):
            where.setdefault(w, []).append(k)
        i = 0
        while i + 2 * n_min <= len(low):
            found = 0
            for j in reversed(where[low[i]]):
                n = j - i
                if (
                    n_min <= n <= _MAX_RUN
                    and low[i:j] == low[j : j + n]
                    and _wordy(low[i:j], n_min)
                    and not _SENTENCE_GAP.search(ctx.doc.text, toks[j - 1].end(), toks[j].start())
                ):
                    found = n
                    break
            if found:
                start, end = toks[i + found].start(), toks[i + 2 * found - 1].end()
                if not any(a < end and start < b for a, b in taken):
                    taken.append((start, end))
                    yield _hit(ctx, start, end, "run of words", toks[i].start())
                i += 2 * found
            else:
                i += 1


def _tabular(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and sum(1 for w in words if _NUMBER.match(w)) * 5 >= len(words) * 2


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


def _words_and_caps(text: str) -> tuple[list[str], list[bool]]:
    """Lower-cased words, and whether each is capitalised other than at a sentence start."""
    words, caps = [], []
    for m in _WORD.finditer(text):
        w = m.group()
        before = text[: m.start()].rstrip()
        starts = not before or before[-1] in ".!?:\"“‘'("
        words.append(w.lower().replace("’", "'"))
        caps.append(w[:1].isupper() and not starts)
    return words, caps


def _near(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    paras: list[tuple[Block, list[str], list[bool], set[str]]] = []
    tables = _table_parts(ctx.blocks, text)
    for block in ctx.blocks:
        body = text[block.start : block.end].strip()
        if block in tables or block.scope in _SHORT_SCOPES or _LIST_ITEM.match(body) or not _PROSE_END.search(body):
            continue
        words, caps = _words_and_caps(body)
        if not _wordy(words, options.min_near_words):
            continue
        best: tuple[float, Block] | None = None
        vocab = set(words)
        for other, other_words, other_caps, other_vocab in paras:
            if other_words == words:
                continue  # exact copies are mode: exact's business
            shorter, longer = sorted((len(words), len(other_words)))
            if shorter < options.similarity * longer:
                continue
            if len(vocab & other_vocab) < options.similarity * 0.8 * len(vocab | other_vocab):
                continue
            ratio = difflib.SequenceMatcher(None, other_words, words, autojunk=False).ratio()
            if ratio < options.similarity or (best is not None and ratio <= best[0]):
                continue
            if not _parallel(other_words, words, other_caps, caps):
                best = (ratio, other)
        if best is not None:
            yield _hit(ctx, block.start, block.end, "paragraph", best[1].start, best[0])
        paras.append((block, words, caps, vocab))
