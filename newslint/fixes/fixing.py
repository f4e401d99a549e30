"""Fixes as pure text edits: map a check's edits to the source, choose and apply them.

A check proposes edits of ``Document.text``; here they become edits of the source,
but only where the source under them is the prose itself: a span that crosses
markup, an entity or a block boundary is not fixed, because rewriting it would
break the markup or change what the reader sees elsewhere.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from ..document import Document
from ..model import Edit, Finding, Fix


def source_fix(applicability: str, edits: Sequence[Edit], doc: Document, within: tuple[int, int]) -> Fix | None:
    """The Fix for a hit's text edits, or None when any edit cannot be mapped exactly.

    Every edit must lie inside the finding's source span ``within``: a fix edits its
    own finding only, and so its positions follow from the finding's (``positions``).
    """
    mapped: list[Edit] = []
    for edit in edits:
        span = source_span(doc, edit.offset, edit.end)
        if span is None:
            return None
        start, end = span
        if not within[0] <= start <= end <= within[1]:
            return None
        mapped.append(Edit(start, end - start, edit.replacement))
    mapped.sort(key=lambda e: (e.offset, e.length))
    if not mapped or _self_overlapping(mapped):
        return None
    return Fix(applicability, describe(mapped, doc.source), tuple(mapped))


def source_span(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Source span under ``text[start:end]`` when it is the prose itself, else None.

    Every map piece the span touches must be verbatim, or a replaced piece wholly
    inside the span whose text and source are both white space (a hard-wrapped
    line joined with a space: deleting it deletes the line break). The pieces must
    follow each other without a gap in text and source. An insertion (``start ==
    end``) must fall strictly inside one verbatim piece.
    """
    smap = doc.source_map
    ts, tl, ss, sl, verbatim = smap.text_starts, smap.text_lens, smap.source_starts, smap.source_lens, smap.verbatim
    i = bisect.bisect_right(ts, start) - 1
    if i < 0 or start >= ts[i] + tl[i]:
        return None
    if start == end:
        if not (verbatim[i] and ts[i] < start):
            return None
        return ss[i] + start - ts[i], ss[i] + start - ts[i]
    first = i
    while True:
        covered = start <= ts[i] and ts[i] + tl[i] <= end
        if not verbatim[i] and not (covered and _blank_piece(doc, i)):
            return None
        if ts[i] + tl[i] >= end:
            break
        if i + 1 >= len(ts) or ts[i + 1] != ts[i] + tl[i] or ss[i + 1] != ss[i] + sl[i]:
            return None  # a gap: a block separator or skipped markup
        i += 1
    s = ss[first] + (start - ts[first] if verbatim[first] else 0)
    e = ss[i] + (end - ts[i] if verbatim[i] else sl[i])
    return s, e


def positions(finding: Finding, edit: Edit) -> tuple[int, int, int, int]:
    """1-based (line, column, end_line, end_column) of an edit inside ``finding``'s span.

    Counted from the finding's own start and ``match`` (its source text), lines split
    on ``\n`` only, so no formatter needs the source.
    """
    def at(offset: int) -> tuple[int, int]:
        before = finding.match[: offset - finding.offset]
        breaks = before.count("\n")
        if not breaks:
            return finding.line, finding.column + len(before)
        return finding.line + breaks, len(before) - before.rfind("\n")

    return (*at(edit.offset), *at(edit.end))


def _blank_piece(doc: Document, i: int) -> bool:
    """A replaced piece that is white space in the text and in the source (a joined line break)."""
    m = doc.source_map
    text = doc.text[m.text_starts[i] : m.text_starts[i] + m.text_lens[i]]
    source = doc.source[m.source_starts[i] : m.source_starts[i] + m.source_lens[i]]
    return text.isspace() and source.isspace()


def _self_overlapping(edits: Sequence[Edit]) -> bool:
    return any(_overlap(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :])


def _overlap(a: Edit, b: Edit) -> bool:
    """Overlapping spans, or two edits at one point where either inserts (order would matter)."""
    if a.offset == b.offset and (a.length == 0 or b.length == 0):
        return True
    return max(a.offset, b.offset) < min(a.end, b.end)


def describe(edits: Sequence[Edit], source: str) -> str:
    """What the fix does, in a few words: "Delete ' the'", "Replace 'color' with 'colour'"."""
    parts = []
    for e in edits:
        old = source[e.offset : e.end]
        if not old:
            parts.append(f"Insert {_quote(e.replacement)}")
        elif not e.replacement:
            parts.append("Delete extra white space" if not old.strip() else f"Delete {_quote(old)}")
        else:
            parts.append(f"Replace {_quote(old)} with {_quote(e.replacement)}")
    return "; ".join(parts)


def _quote(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "…"
    return "'" + shown.replace("\r", "\\r").replace("\n", "\\n") + "'"


def applicable(findings: Iterable[Finding], unsafe: bool) -> list[Fix]:
    """The fixes ``--fix`` applies: safe ones, and unsafe ones with ``--unsafe-fixes``."""
    return [f.fix for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]


def _order(fix: Fix) -> tuple:
    return (tuple((e.offset, e.length, e.replacement) for e in fix.edits), fix.message)


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """``text`` with ``fixes`` applied and how many were; deterministic whatever the order given.

    Fixes are taken in source order (by their edits' offsets, lengths, then
    replacements); a fix that overlaps one already taken is dropped whole, to be
    found again on the next lint pass if it still applies.
    """
    taken: list[Edit] = []
    count = 0
    for fix in sorted(fixes, key=_order):
        if any(e.end > len(text) for e in fix.edits):
            continue
        if any(_overlap(a, b) for a in fix.edits for b in taken):
            continue
        taken.extend(fix.edits)
        count += 1
    pieces: list[str] = []
    last = 0
    for e in sorted(taken, key=lambda e: e.offset):
        pieces += [text[last : e.offset], e.replacement]
        last = e.end
    pieces.append(text[last:])
    return "".join(pieces), count
