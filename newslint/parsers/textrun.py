"""Shared by the Markdown and HTML parsers: a block's text as mapped pieces, and entities.

A ``Run`` collects one block's text in source order as pieces ``(text, start, end)``:
verbatim pieces copy ``source[start:end]``; replaced pieces (an entity, a joined line
break, a ``<br>``) stand for their whole source range. Whitespace is dropped at the
start and end of the block and collapsed where skipped markup would leave two spaces
side by side. Parsers decide a run's scope after seeing its text, then ``emit`` it (or
parts of it, for a dateline or lead lines) through the ``DocumentBuilder``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from html import unescape
from html.entities import html5
from itertools import pairwise

from ..document import DocumentBuilder
from . import structure

WHITESPACE = " \t\n\r\f\v"
_CLOSING = frozenset(".,;:!?)]}”’»")
#: Whitespace runs that collapse to a replaced space (a lone " " stays verbatim).
_WS_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")

#: Named references HTML5 also accepts without the semicolon (``&amp``, ``&eacute``).
_LEGACY = frozenset(name for name in html5 if not name.endswith(";"))
_LEGACY_MAX = max(len(name) for name in _LEGACY)
_ENTITY = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))")
_STRICT_ENTITY = re.compile(r"&(?:#[xX][0-9A-Fa-f]{1,6};|#[0-9]{1,7};|([A-Za-z][A-Za-z0-9]{0,31});)")


@lru_cache(maxsize=4096)
def _numeric(reference: str) -> str:
    return unescape(reference)


def match_entity(source: str, pos: int, end: int, strict: bool = False) -> tuple[str, int] | None:
    """The character reference at ``source[pos]`` (an ``&``): (decoded text, end offset).

    HTML5 rules: numeric references with or without ``;`` (invalid code points become
    U+FFFD, C1 controls the Windows-1252 characters), named ones with ``;``, and the
    legacy names without it, longest match first (``&ampx`` is ``&x``). ``strict``
    is CommonMark: the semicolon is required. None when there is no reference.
    """
    if strict:
        m = _STRICT_ENTITY.match(source, pos, end)
        if not m or (m[1] is not None and m[1] + ";" not in html5):
            return None
        return _numeric(m[0]), m.end()
    m = _ENTITY.match(source, pos, end)
    if not m:
        return None
    if m[1] is not None or m[2] is not None:
        return _numeric(m[0]), m.end()
    name, semi = m[3], m[4]
    if semi and name + ";" in html5:
        return html5[name + ";"], m.end()
    for k in range(min(len(name), _LEGACY_MAX), 1, -1):
        if name[:k] in _LEGACY:
            return html5[name[:k]], pos + 1 + k
    return None


class Run:
    """One block's text in pieces that map back to the source.

    ``collapse`` (HTML) turns every run of ASCII whitespace into one space: a single
    ``" "`` stays verbatim, anything else becomes a replaced ``" "`` over the run.
    Without it (Markdown) text inside a line stays verbatim.
    """

    __slots__ = ("_gap", "_last", "_text", "collapse", "length", "line_breaks", "pieces", "scope", "source")

    def __init__(self, source: str, collapse: bool = False) -> None:
        self.source = source
        self.collapse = collapse
        #: [start, end, text (None when verbatim), text offset]
        self.pieces: list[list] = []
        self.length = 0
        self._last = " "  # last character of the text so far (a space at the start)
        self._text: str | None = None
        self._gap = False  # markup was skipped since the last text
        #: Text offsets where a source line break was joined (for lead-line checks).
        self.line_breaks: list[int] = []
        #: Set by a parser when markup inside the block decides its scope.
        self.scope: str | None = None

    # -- building -------------------------------------------------------------------

    def _verbatim(self, start: int, end: int) -> None:
        pieces = self.pieces
        if pieces:
            last = pieces[-1]
            if last[2] is None and last[1] == start:
                last[1] = end
                self.length += end - start
                self._last = self.source[end - 1]
                return
        pieces.append([start, end, None, self.length])
        self.length += end - start
        self._last = self.source[end - 1]

    def _replaced(self, text: str, start: int, end: int) -> None:
        self._gap = False
        self.pieces.append([start, end, text, self.length])
        self.length += len(text)
        self._last = text[-1]

    def gap(self) -> None:
        """Content was skipped here (code, a URL, an image …).

        If the text resumes with closing punctuation, the space before the gap goes, so
        "see `x`." reads "see." rather than "see .".
        """
        self._gap = True

    def _drop_trailing_space(self) -> None:
        pieces = self.pieces
        source = self.source
        while pieces:
            start, end, text, _ = pieces[-1]
            if text is None:
                cut = end
                while cut > start and source[cut - 1] in WHITESPACE:
                    cut -= 1
                self.length -= end - cut
                if cut > start:
                    pieces[-1][1] = cut
                    break
                pieces.pop()
            elif not text.strip(WHITESPACE):
                pieces.pop()
                self.length -= len(text)
            else:
                break
        if not pieces:
            self._last = " "
        else:
            start, end, text, _ = pieces[-1]
            self._last = source[end - 1] if text is None else text[-1]
        if self.line_breaks and self.line_breaks[-1] >= self.length:
            self.line_breaks = [b for b in self.line_breaks if b < self.length]

    def keep(self, start: int, end: int) -> None:
        """Keep ``source[start:end]`` as it is (whitespace handled as described above)."""
        source = self.source
        if self._gap:
            self._gap = False
            if self._last in WHITESPACE and self.pieces:
                p = start
                while p < end and source[p] in WHITESPACE:
                    p += 1
                if p < end and source[p] in _CLOSING:
                    self._drop_trailing_space()
        if not self.collapse:
            if self._last in WHITESPACE:
                while start < end and source[start] in WHITESPACE:
                    start += 1
            if start < end:
                self._verbatim(start, end)
            return
        if self._last in WHITESPACE:
            while start < end and source[start] in WHITESPACE:
                start += 1
        pos = start
        for m in _WS_COLLAPSE.finditer(source, start, end):
            ws, we = m.span()
            if ws > pos:
                self._verbatim(pos, ws)
            if self._last not in WHITESPACE:
                self._replaced(" ", ws, we)
            pos = we
        if pos < end:
            self._verbatim(pos, end)

    def put(self, text: str, start: int, end: int) -> None:
        """``text`` stands for ``source[start:end]`` as one atomic piece."""
        if not text:
            return
        if end - start == len(text) and text == self.source[start:end]:
            self.keep(start, end)
        else:
            self._replaced(text, start, end)

    def space(self, start: int, end: int) -> None:
        """A word separator standing for ``source[start:end]``; dropped if one is there."""
        if self._last not in WHITESPACE:
            if end - start == 1 and self.source[start] == " ":
                self._verbatim(start, end)
            else:
                self._replaced(" ", start, end)

    def line_break(self, start: int, end: int) -> None:
        """A joined line break (``source[start:end]``: line end, indentation, markers)."""
        self.line_breaks.append(self.length)
        self.space(start, end)

    def finish(self) -> Run:
        """Drop trailing whitespace; returns self."""
        pieces = self.pieces
        source = self.source
        while pieces:
            start, end, text, _ = pieces[-1]
            if text is None:
                cut = end
                while cut > start and source[cut - 1] in WHITESPACE:
                    cut -= 1
                self.length -= end - cut
                if cut == start:
                    pieces.pop()
                    continue
                pieces[-1][1] = cut
                break
            if text.strip(WHITESPACE):
                break
            pieces.pop()
            self.length -= len(text)
        if self.line_breaks:
            self.line_breaks = [b for b in self.line_breaks if 0 < b < self.length]
        self._text = None
        return self

    # -- reading --------------------------------------------------------------------

    @property
    def text(self) -> str:
        if self._text is None:
            source = self.source
            self._text = "".join(source[s:e] if t is None else t for s, e, t, _ in self.pieces)
        return self._text

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def lines(self) -> list[tuple[int, int]]:
        """Text ranges of the joined source lines, trimmed, empty ones left out."""
        text = self.text
        out = []
        for a, b in pairwise([0, *self.line_breaks, len(text)]):
            a, b = trim(text, a, b)
            if a < b:
                out.append((a, b))
        return out

    def emit(self, builder: DocumentBuilder, scope: str, start: int = 0, end: int | None = None) -> None:
        """Emit the text range ``[start, end)`` as one block.

        A replaced piece is atomic: it goes with the range its first character is in.
        """
        if end is None:
            end = self.length
        pieces = self.pieces
        first = max(0, bisect_right(pieces, start, key=_offset) - 1) if start else 0
        for i in range(first, len(pieces)):
            s, e, text, offset = pieces[i]
            size = e - s if text is None else len(text)
            if offset + size <= start:
                continue
            if offset >= end:
                break
            if text is None:
                builder.verbatim(s + max(0, start - offset), s + min(size, end - offset))
            elif offset >= start:
                builder.replace(text, s, e)
        builder.end_block(scope)


def _offset(piece: list) -> int:
    return piece[3]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in WHITESPACE:
        a += 1
    while b > a and text[b - 1] in WHITESPACE:
        b -= 1
    return a, b


def emit_with_dateline(builder: DocumentBuilder, run: Run, text: str, dateline: int, scope: str, start: int = 0) -> None:
    """Emit a body paragraph from text offset ``start`` whose first ``dateline`` chars are a
    dateline block."""
    if dateline:
        run.emit(builder, "dateline", start, start + dateline)
        a, b = trim(text, start + dateline, len(text))
        if a < b:
            run.emit(builder, scope, a, b)
        return
    run.emit(builder, scope, start)


class Lead:
    """The plain-text article rules for prose paragraphs, shared by Markdown and HTML.

    While ``active`` (between the start or the headline and the first body paragraph),
    a paragraph whose every line is a lead line (byline, deck, caption; see
    ``structure.lead_line_scope``) becomes one block per line; the first paragraph that
    is not ends the lead and has its dateline split off. A paragraph that reads as a
    photo credit is a caption anywhere.
    """

    def __init__(self, active: bool = True) -> None:
        self.active = active

    def emit(self, builder: DocumentBuilder, run: Run, start: int = 0) -> str:
        """Emit a prose paragraph (from text offset ``start``); returns its (last) scope."""
        text = run.text
        if start:
            start, _ = trim(text, start, len(text))
            if start >= len(text):
                return "paragraph"
            self.active = False
            run.emit(builder, "paragraph", start)
            return "paragraph"
        if structure.is_caption(text):
            run.emit(builder, "caption")
            return "caption"
        if self.active:
            lines = run.lines()
            scopes = [structure.lead_line_scope(text[a:b]) for a, b in lines]
            if lines and all(scopes) and all(b - a <= 200 for a, b in lines):
                for (a, b), scope in zip(lines, scopes, strict=True):
                    run.emit(builder, scope, a, b)  # type: ignore[arg-type]
                return scopes[-1]  # type: ignore[return-value]
            self.active = False
            marks = structure.leading_marks([text[a:b] for a, b in lines], scopes)
            for (a, b), scope in zip(lines[:marks], scopes, strict=False):
                run.emit(builder, scope, a, b)  # type: ignore[arg-type]
            if marks:
                start, first_end = lines[marks]
            else:
                start, first_end = 0, run.line_breaks[0] if run.line_breaks else len(text)
            dateline = structure.dateline_length(text[start:first_end])  # never past the first line
            emit_with_dateline(builder, run, text, dateline, "paragraph", start)
            return "paragraph"
        run.emit(builder, "paragraph")
        return "paragraph"
