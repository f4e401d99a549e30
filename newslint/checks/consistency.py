"""consistency: variants of one thing mixed within a document (Vale's ``consistency``).

Each variant set — a Vale ``either`` pair, or a ``variants`` list of three or more
forms — is counted over the rule's blocks. When an article uses more than one form,
every use of a minority form is flagged with the majority form as suggestion: the
copy desk fixes the odd ones out, not the house choice. Uses outside quotation marks
count first (the writer's prose shows the house style better than a quoted speaker);
a tie goes to the form the article used first, so the later-introduced form is
flagged (the writer drifted).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import regex

from ..model import Edit, Hit
from . import Context
from ._patterns import compile_problems, finditer

PARAMS = frozenset({"expected", "count", "expected_count", "expected_times", "form", "expected_form"})

_WORDISH = regex.compile(r"[\p{L}]+(?:['’][\p{L}]+)*")
_OPENERS = "\"'“‘([{«"
_DQUOTE = regex.compile(r'["\u201c\u201d]')
# Blocks shorter than this (wire table lines) are searched with the alternation: one call.
_SHORT = 200
# What ties a form to the others in one alternation: group numbers, recursion, global flags.
_GROUP_REFS = regex.compile(r"\\[1-9g]|\(\?(?:P[=>]|&|R|[-+]?\d|\(|\||[a-zA-Z-]+\))")


@dataclass(frozen=True)
class Use:
    """One occurrence of a form. ``counterpart`` is this word in the other form, if known."""

    start: int
    end: int
    group: str
    form: int
    counterpart: str | None = None


@dataclass(frozen=True)
class Options:
    #: Vale's pairs: pattern of one form → pattern of the other.
    either: dict[str, str] = field(default_factory=dict)
    #: Sets of three or more forms of one thing (``[per cent, percent, pct]``).
    variants: tuple[tuple[str, ...], ...] = ()
    ignorecase: bool = False
    nonword: bool = False
    #: Patterns whose matches are exempt: a use inside one of them is not counted.
    exceptions: tuple[str, ...] = ()
    #: Skip capitalised uses of lower-case forms (names, titles: "Pearl Harbor") and
    #: uses inside ALL-CAPS text; sentence-initial capitals still count.
    proper_names: bool = False

    #: Subclasses with another source of forms (a data file) may leave both lists empty.
    _needs_forms: ClassVar[bool] = True

    def problems(self) -> list[tuple[str, str]]:
        out = compile_problems("either", [*self.either, *self.either.values()], ignorecase=self.ignorecase)
        for i, group in enumerate(self.variants):
            if len(group) < 2:
                out.append(("variants", f"variants[{i}] must list at least two forms"))
            out += compile_problems("variants", group, ignorecase=self.ignorecase)
        out += compile_problems("exceptions", self.exceptions, ignorecase=self.ignorecase)
        if not self.either and not self.variants and self._needs_forms:
            out.append(("either", "'either' must map at least one pattern to its variant"))
        return out

    @functools.cached_property
    def groups(self) -> tuple[tuple[str, ...], ...]:
        return tuple((a, b) for a, b in self.either.items()) + self.variants

    @functools.cached_property
    def pattern(self) -> regex.Pattern | None:
        """One alternation; form ``j`` of group ``i`` is the named group ``nlv{i}_{j}``."""
        parts = [f"(?P<nlv{i}_{j}>{p})" for i, g in enumerate(self.groups) for j, p in enumerate(g)]
        if not parts:
            return None
        body = "|".join(parts)
        if not self.nonword:
            body = rf"(?<![\w-])(?:{body})(?![\w-])"
        return regex.compile(body, regex.V1 | (regex.IGNORECASE if self.ignorecase else 0))

    @functools.cached_property
    def searches(self) -> tuple[tuple[str, int, regex.Pattern], ...] | None:
        """(group, form, pattern) for each form alone, bounded as in ``pattern``, whose
        matches ``pattern_uses`` merges into ``pattern``'s: an alternation of forms led by
        lookbehinds defeats ``regex``'s literal scan (6x slower on style.consistency).
        None when a form refers to groups by number or sets global flags: ``pattern`` then."""
        if not self.groups or any(_GROUP_REFS.search(p) for g in self.groups for p in g):
            return None
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        return tuple(
            (str(i), j, regex.compile(f"(?:{p})" if self.nonword else rf"(?<![\w-])(?:{p})(?![\w-])", flags))
            for i, g in enumerate(self.groups)
            for j, p in enumerate(g)
        )

    @functools.cached_property
    def form_patterns(self) -> tuple[tuple[regex.Pattern, ...], ...]:
        """Each form alone, to test a span found by another group's form."""
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        return tuple(tuple(regex.compile(p, flags) for p in g) for g in self.groups)

    @functools.cached_property
    def exempt(self) -> regex.Pattern | None:
        if not self.exceptions:
            return None
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        return regex.compile("|".join(f"(?:{e})" for e in self.exceptions), flags)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    uses = pattern_uses(options, ctx)
    if not contested(uses):
        return  # no group has two forms: nothing to flag, whatever the filters drop
    yield from resolve(filter_uses(options, ctx, uses), ctx, _quoted_label(ctx.text))


def pattern_uses(options: Options, ctx: Context) -> list[Use]:
    """Every match of the either/variants forms, tagged with its group and form.

    A span may belong to several groups ("5 per cent" is both a word form and a
    number form): after the one pass, the other groups' forms are tried on the span.
    """
    pattern = options.pattern
    if pattern is None:
        return []
    text = ctx.text
    out = []
    for start, end, group, form in _matches(options, ctx):
        out.append(Use(start, end, group, form))
        for i, g in enumerate(options.form_patterns):
            if str(i) == group:
                continue
            j = next((j for j, p in enumerate(g) if p.fullmatch(text, start, end)), None)
            if j is not None:
                out.append(Use(start, end, str(i), j))
    return out


def _matches(options: Options, ctx: Context) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, group, form) of each match of ``options.pattern`` in the rule's blocks.

    Found from each form's own pattern: every start where a form matches (overlapped),
    then the alternation's walk — at the leftmost start, the first form listed that
    matches there, and on from its end. A block where some form matches empty (whose
    successor rules differ) is searched with the alternation itself.
    """
    searches, text = options.searches, ctx.text
    for block in ctx.blocks:
        found: dict[int, tuple[int, str, int]] = {}
        empty = searches is None or block.end - block.start < _SHORT
        for group, form, search in () if empty else searches:
            timeout = ctx.settings.regex_timeout  # what is left of the rule's budget: read per call
            for m in search.finditer(text, block.start, block.end, overlapped=True, timeout=timeout):
                start, end = m.span()
                if start == end:
                    empty = True
                    break
                if start not in found:
                    found[start] = (end, group, form)
            if empty:
                break
        if empty:
            for m in options.pattern.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout):
                name = next(k for k, v in m.groupdict().items() if k.startswith("nlv") and v is not None)
                group, form = name[3:].split("_")
                yield m.start(), m.end(), group, int(form)
            continue
        pos = block.start
        for start in sorted(found):
            if start >= pos:
                end, group, form = found[start]
                yield start, end, group, form
                pos = end


def contested(uses: Iterable[Use]) -> bool:
    """True when some group has uses of two forms (only then can ``resolve`` flag anything)."""
    seen: dict[str, int] = {}
    return any(seen.setdefault(u.group, u.form) != u.form for u in uses)


def filter_uses(options: Options, ctx: Context, uses: Iterable[Use]) -> list[Use]:
    """Drop uses inside an exception match, and names/shouting when ``proper_names``."""
    spans = exception_spans(options.exempt, ctx)
    text = ctx.text
    names = _NameWords(text, ctx)  # built only if a sentence-initial capital needs it
    out = []
    for u in uses:
        if spans and any(s <= u.start and u.end <= e for s, e in spans):
            continue
        if options.proper_names and is_name_or_shouting(text, u.start, u.end, ctx, names):
            continue
        out.append(u)
    return out


def exception_spans(pattern: regex.Pattern | None, ctx: Context) -> list[tuple[int, int]]:
    return [] if pattern is None else [m.span() for m in finditer(pattern, ctx)]


def _respell(old: str, start: int, expected: str) -> tuple[Edit, ...]:
    """Swap one spelling for another: words only. A symbol form ("%" for "percent")
    also changes the spacing around it ("12 percent" is "12%"), which no span swap gets right."""
    if not (any(c.isalpha() for c in old) and any(c.isalpha() for c in expected)):
        return ()
    return (Edit(start, len(old), expected),)


def resolve(
    uses: Iterable[Use],
    ctx: Context,
    label: Callable[[str, int, list[Use]], str],
    prior: Callable[[str, int], int] | None = None,
) -> Iterator[Hit]:
    """Flag every use of a minority form; ties flag the form introduced later.

    The majority is counted outside quotation marks first — the writer's own prose
    shows the house style better than a quoted speaker — then by ``prior`` (a hint
    from elsewhere in the article), then over all uses. A span flagged by an
    earlier group is not flagged again by a later one.
    """
    text = ctx.text
    groups: dict[str, list[Use]] = {}
    for u in sorted(uses, key=lambda u: u.start):
        groups.setdefault(u.group, []).append(u)
    quoted = quoted_ranges(ctx)
    flagged: set[tuple[int, int]] = set()
    for key, members in groups.items():
        counts = Counter(u.form for u in members)
        if len(counts) < 2:
            continue
        prose = Counter(u.form for u in members if not _inside(quoted, u.start))
        first: dict[int, int] = {}
        for u in members:
            first.setdefault(u.form, u.start)
        hint = {f: prior(key, f) if prior else 0 for f in counts}
        major = max(counts, key=lambda f: (prose[f], hint[f], counts[f], -first[f]))
        surface = Counter(text[u.start : u.end] for u in members if u.form == major).most_common(1)[0][0]
        expected_form = label(key, major, members)
        for u in members:
            if u.form == major or (u.start, u.end) in flagged:
                continue
            flagged.add((u.start, u.end))
            expected = match_case(text[u.start : u.end], u.counterpart or surface)
            params = {
                "expected": expected,
                "count": str(counts[u.form]),
                "expected_count": str(counts[major]),
                "expected_times": "1 time" if counts[major] == 1 else f"{counts[major]} times",
                "form": label(key, u.form, members),
                "expected_form": expected_form,
            }
            yield Hit(u.start, u.end, params, (expected,), edits=_respell(text[u.start : u.end], u.start, expected))


def prose_majority(uses: Iterable[Use], ctx: Context) -> dict[str, int]:
    """Each group's strictly most used form outside quotation marks (groups with a tie left out)."""
    quoted = quoted_ranges(ctx)
    counts: dict[str, Counter[int]] = {}
    for u in uses:
        if not _inside(quoted, u.start):
            counts.setdefault(u.group, Counter())[u.form] += 1
    out = {}
    for group, c in counts.items():
        top = c.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[group] = top[0][0]
    return out


def quoted_ranges(ctx: Context) -> list[tuple[int, int]]:
    """Spans inside double quotation marks, by simple pairing within each block."""
    return ctx.analysis.memo("double-quoted-ranges", _quoted_ranges)


def _quoted_ranges(analysis) -> list[tuple[int, int]]:
    text = analysis.doc.text
    out: list[tuple[int, int]] = []
    for block in analysis.doc.blocks:
        opened: int | None = None
        for m in _DQUOTE.finditer(text, block.start, block.end):
            mark = m.group()
            if opened is None and mark != "”":
                opened = m.start()
            elif opened is not None and mark != "“":
                out.append((opened, m.end()))
                opened = None
        if opened is not None:
            out.append((opened, block.end))
    return out


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _quoted_label(text: str) -> Callable[[str, int, list[Use]], str]:
    """A form's label is its commonest spelling in the article, quoted: ``'U.S.'``."""

    def label(group: str, form: int, members: list[Use]) -> str:
        surface = Counter(text[u.start : u.end] for u in members if u.form == form)
        return f"'{surface.most_common(1)[0][0]}'"

    return label


def match_case(found: str, target: str) -> str:
    """``target`` with ``found``'s capitalisation (Colour → Color, COLOUR → COLOR, grey → gray)."""
    if not target or not any(c.islower() for c in target):
        return target
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and found[0].isupper() and target[0].islower():
        return target[0].upper() + target[1:]
    if letters and found[0].islower() and target[0].isupper() and target[1:].islower():
        return target[0].lower() + target[1:]
    return target


def name_words(text: str, ctx: Context) -> frozenset[str]:
    """Lower-cased words the article capitalises mid-sentence: names ("Stuart Gray")."""

    def build(analysis) -> frozenset[str]:
        out = set()
        for tok in analysis.tokens:
            if tok.text[:1].isupper() and not tok.text.isupper() and not sentence_initial(text, tok.start, ctx):
                out.add(tok.text.lower())
        return frozenset(out)

    return ctx.analysis.memo("mid-sentence-capitalised-words", build)


class _NameWords:
    """``name_words`` on first membership test."""

    def __init__(self, text: str, ctx: Context) -> None:
        self.text, self.ctx = text, ctx

    def __contains__(self, word: str) -> bool:
        return word in name_words(self.text, self.ctx)


def is_name_or_shouting(
    text: str, start: int, end: int, ctx: Context, names: frozenset[str] | _NameWords = frozenset()
) -> bool:
    """A capitalised lower-case word inside a name or title, or any word in ALL-CAPS text."""
    if in_caps_run(text, start, end, ctx):
        return True
    word = text[start:end]
    if not word[:1].isupper() or not any(c.islower() for c in word):
        return False
    if not sentence_initial(text, start, ctx) or word.lower() in names:
        return True
    # "Defense Secretary ...", "Center for Strategic Studies": a name at sentence start.
    nxt = regex.match(r"[ \t]+(?:(?:of|for|on|and|de)[ \t]+(?:the[ \t]+)?)?(\p{Lu})", text[end : end + 40])
    return nxt is not None


def sentence_initial(text: str, start: int, ctx: Context) -> bool:
    block = ctx.doc.block_at(start)
    lo = block.start if block else 0
    i = start
    while i > lo and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        i -= 1
    return i == lo or text[i - 1] in ".!?:;—–-"


def in_caps_run(text: str, start: int, end: int, ctx: Context, window: int = 3, need: int = 4) -> bool:
    """True when most words around the span are ALL CAPS: a wire headline or table line."""
    block = ctx.doc.block_at(start)
    lo, hi = (block.start, block.end) if block else (0, len(text))
    before = _WORDISH.findall(text[max(lo, start - 60) : start])[-window:]
    after = _WORDISH.findall(text[end : min(hi, end + 60)])[:window]
    caps = sum(1 for w in before + after if len(w) > 1 and w.isupper())
    return caps >= need
