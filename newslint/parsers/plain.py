"""Plain text: paragraphs split on blank lines and on wire-style indented first lines.

Hard-wrapped lines of one paragraph are joined with a single space (mapped back to
the line break and indentation it replaces), so a doubled word or a name can be
found across a line break.
"""

from __future__ import annotations

import re

from ..document import Document, DocumentBuilder, Meta
from . import structure
from .frontmatter import read_preamble

_DIRECTIVE_LINE = re.compile(r"[ \t]*<!--.*-->[ \t]*$")

Line = tuple[int, int, int]  # (content start, content end, indentation width)


def _lines(source: str, start: int) -> list[Line | None]:
    """Content ranges of each line from ``start``; None for blank and directive lines."""
    out: list[Line | None] = []
    pos = start
    n = len(source)
    while pos <= n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl
        s, e = pos, end
        while s < e and source[s] in " \t\r\f\v\u00a0\ufeff":
            s += 1
        while e > s and source[e - 1] in " \t\r\f\v\u00a0":
            e -= 1
        if s == e or _DIRECTIVE_LINE.match(source, pos, end):
            out.append(None)
        else:
            indent = sum(4 if c == "\t" else 1 for c in source[pos:s])
            out.append((s, e, indent))
        if nl == -1:
            break
        pos = nl + 1
    return out


def _paragraphs(lines: list[Line | None]) -> list[list[Line]]:
    """Blank-line chunks, split again where a line is indented more than the chunk's least."""
    chunks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line is None:
            if current:
                chunks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        chunks.append(current)
    paragraphs: list[list[Line]] = []
    for chunk in chunks:
        least = min(line[2] for line in chunk)
        para: list[Line] = []
        for line in chunk:
            if para and line[2] > least:
                paragraphs.append(para)
                para = []
            para.append(line)
        paragraphs.append(para)
    return paragraphs


def _scopes(source: str, paragraphs: list[list[Line]]) -> list[list[tuple[str, list[Line], int]]]:
    """For each paragraph, the blocks it becomes: (scope, lines, dateline length)."""
    out: list[list[tuple[str, list[Line], int]]] = []
    in_lead = True
    for index, para in enumerate(paragraphs):
        text = " ".join(source[s:e] for s, e, _ in para)
        if index == 0 and len(para) == 1 and structure.looks_like_headline(text):
            out.append([("headline", para, 0)])
            continue
        if structure.is_caption(text):
            out.append([("caption", para, 0)])
            continue
        if in_lead:
            scopes = [structure.lead_line_scope(source[s:e]) for s, e, _ in para]
            if all(scopes) and all(e - s <= 200 for s, e, _ in para):
                out.append([(scope, [line], 0) for scope, line in zip(scopes, para, strict=True)])  # type: ignore[misc]
                continue
            in_lead = False
            marks = structure.leading_marks([source[s:e] for s, e, _ in para], scopes)
            blocks: list[tuple[str, list[Line], int]] = [(scope, [line], 0) for scope, line in zip(scopes[:marks], para, strict=False)]  # type: ignore[misc]
            first_s, first_e, _ = para[marks]
            dl = structure.dateline_length(source[first_s:first_e])  # never past the first line
            out.append([*blocks, ("paragraph", para[marks:], dl)])
            continue
        out.append([("paragraph", para, 0)])
    return out


def parse_plain(source: str, path: str = "<text>") -> tuple[Document, tuple[tuple[int, str], ...]]:
    pre = read_preamble(source)
    builder = DocumentBuilder(source, path, "plain")
    paragraphs = _paragraphs(_lines(source, pre.body_start))
    for blocks in _scopes(source, paragraphs):
        for scope, lines, dateline in blocks:
            emit_lines(builder, lines, scope, dateline)
    meta = Meta(date=pre.date, date_source=pre.date_source, front_matter=pre.front_matter)
    return builder.build(meta), pre.problems


def emit_lines(builder: DocumentBuilder, lines: list[Line], scope: str, dateline: int = 0) -> None:
    """Emit one block of joined lines; the first ``dateline`` chars become a dateline block."""
    first_s, first_e, _ = lines[0]
    if dateline:
        builder.verbatim(first_s, first_s + dateline)
        builder.end_block("dateline")
        first_s += dateline
        while first_s < first_e and builder.source[first_s] in " \t":
            first_s += 1
    builder.verbatim(first_s, first_e)
    prev_end = first_e
    for s, e, _ in lines[1:]:
        builder.replace(" ", prev_end, s)
        builder.verbatim(s, e)
        prev_end = e
    builder.end_block(scope)
