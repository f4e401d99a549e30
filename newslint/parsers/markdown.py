"""Markdown: CommonMark blocks and inlines (with GFM tables and strikethrough) to prose.

Two passes over the source, both linear and without recursion:

1. Blocks. Lines are read once. Block quote markers are container prefixes; list items
   are tracked by their content column; fenced (``` and ~~~) and indented code, raw HTML
   blocks (script, style, pre, textarea), HTML comments (an unclosed one runs to the end
   of the file), thematic breaks and link reference definitions are dropped. What is
   left becomes records: headings (ATX and setext), paragraphs, list items (one record
   per item paragraph), block-quote paragraphs and table cells (one per cell; the
   delimiter row is dropped).
2. Inlines. A record's lines are joined with ``\\n`` into one string, scanned once;
   code spans, autolinks, bare ``http(s)://``/``www.`` URLs, HTML comments and tags,
   link destinations and titles, reference labels and emphasis markers (``*``, ``_``,
   ``~~`` that pair up) are skipped; link text is kept; **images are dropped whole, alt
   text included** (alt text describes a picture, it is not part of the story's flow);
   backslash escapes and entities become their character, mapped to their whole source
   text; each line join becomes one space mapped to the line end, indentation and
   ``>`` markers it replaces. A block-level HTML tag inside a paragraph (``<p>``,
   ``<div>``, ``<td>`` …) splits it into separate blocks; ``<br>`` is a space.

Scopes: the first heading is the headline when it is the first block, otherwise the
first level-1 heading is; a heading right after the headline is the deck; other
headings are "heading". With no such heading, a one-line first paragraph that looks
like a headline is the headline (as in plain text). Paragraphs between the start and
the first body paragraph are split into lines and labelled with the plain-text lead
rules (byline, deck, caption), the first body paragraph gets its dateline split off,
and any paragraph that reads as a photo credit is a caption. List items are "list",
quoted text "blockquote", table cells "table".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from itertools import pairwise

from ..document import Document, DocumentBuilder, Meta
from . import structure
from .frontmatter import read_preamble
from .textrun import Lead, Run, match_entity

Problems = tuple[tuple[int, str], ...]
Seg = tuple[int, int]

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LINE_WS = " \t\r\f\v"

_ATX = re.compile(r"(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_THEMATIC = re.compile(r"([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_LIST_MARKER = re.compile(r"(?:[-+*]|(\d{1,9})[.)])(?=[ \t]|$)")
_RAW_OPEN = re.compile(r"<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE)
_BLOCK_TAG_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAG_NAMES})(?=[\s/>]|$)", re.IGNORECASE)
_BLOCK_TAG_NAME = re.compile(rf"(?:{_BLOCK_TAG_NAMES})\Z", re.IGNORECASE)
_REF_DEF = re.compile(
    r"\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*(?:<[^<>\n]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"
)
_TABLE_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"\\.|\|")
_COMMENT_TOKEN = re.compile(r"`+|<!--|-->")

_SPECIAL = re.compile(r"[\\`*_~<&\[\]!]|(?<![\w/@.-])(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>]*", re.IGNORECASE)
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>"
)
_TAG = re.compile(
    r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
)
_TICKS: dict[int, re.Pattern[str]] = {}

# Inline event kinds.
_SKIP, _PUT, _SPACE, _BREAK, _HARD = range(5)

_UNCLOSED_COMMENT = "HTML comment '<!--' is never closed; the rest of the file is not read"


def parse_markdown(source: str, path: str = "<text>") -> tuple[Document, Problems]:
    pre = read_preamble(source)
    problems: list[tuple[int, str]] = list(pre.problems)
    records, refs = _blocks(source, pre.body_start, problems)
    builder = DocumentBuilder(source, path, "markdown")
    _emit(builder, source, records, refs, problems)
    meta = Meta(date=pre.date, date_source=pre.date_source, front_matter=pre.front_matter)
    return builder.build(meta), tuple(sorted(problems))


# -- pass 1: blocks -----------------------------------------------------------------------


class _Para:
    __slots__ = ("depth", "in_comment", "kind", "plain", "segs")

    def __init__(self, kind: str, depth: int, plain: bool) -> None:
        self.kind = kind
        self.depth = depth
        self.plain = plain  # may still become a setext heading
        self.segs: list[Seg] = []
        self.in_comment = False


def _quotes(source: str, pos: int, end: int, limit: int | None) -> tuple[int, int]:
    """Block quote depth of a line and where its content starts."""
    depth = 0
    while limit is None or depth < limit:
        p = pos
        while p < end and source[p] == " " and p - pos < 3:
            p += 1
        if p < end and source[p] == ">":
            depth += 1
            p += 1
            if p < end and source[p] in " \t":
                p += 1
            pos = p
        else:
            break
    return depth, pos


def _indent(source: str, pos: int, end: int, col: int = 0) -> tuple[int, int]:
    """(column, position) of the first non-blank character from ``pos``."""
    while pos < end:
        c = source[pos]
        if c == " ":
            col += 1
        elif c == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return col, pos


def _comment_open(source: str, s: int, e: int, open_: bool) -> bool:
    """Whether an HTML comment is still open at the end of ``source[s:e]``."""
    if not open_ and source.find("<!--", s, e) == -1:
        return False
    pos = s
    while True:
        if open_:
            j = source.find("-->", pos, e)
            if j == -1:
                return True
            pos, open_ = j + 3, False
        m = _COMMENT_TOKEN.search(source, pos, e)
        if m is None:
            return False
        tok = m[0]
        if tok == "<!--":
            pos, open_ = m.start() + 2, True
        elif tok == "-->":
            pos = m.end()
        else:
            close = _ticks(len(tok)).search(source, m.end(), e)
            pos = close.end() if close else m.end()


def _ticks(k: int) -> re.Pattern[str]:
    pat = _TICKS.get(k)
    if pat is None:
        pat = _TICKS[k] = re.compile(rf"(?<!`)`{{{k}}}(?!`)")
    return pat


def _cells(source: str, s: int, e: int) -> list[Seg]:
    """Cell content ranges of a table row (split on unescaped pipes, trimmed)."""
    bounds = [m.start() for m in _PIPE.finditer(source, s, e) if m[0] == "|"]
    edges = [s - 1, *bounds, e]
    out = []
    for a, b in pairwise(edges):
        a += 1
        while a < b and source[a] in _LINE_WS:
            a += 1
        while b > a and source[b - 1] in _LINE_WS:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


# Line kinds for pass 1.
(
    _TEXT,
    _CODE,
    _FENCE_OPEN,
    _COMMENT,
    _RAW,
    _HTML,
    _ATX_HEADING,
    _SETEXT_LINE,
    _RULE,
    _ITEM,
    _REF,
    _TABLE,
    _TEXT_OR_TABLE,
) = range(13)


def _blocks(source: str, start: int, problems: list[tuple[int, str]]):
    """Pass 1: records ``(kind, segments, level)`` and link reference labels."""
    starts: list[int] = []
    ends: list[int] = []
    pos = start
    n = len(source)
    while pos <= n:
        nl = source.find("\n", pos)
        end = n if nl == -1 else nl
        starts.append(pos)
        ends.append(end)
        if nl == -1:
            break
        pos = nl + 1

    records: list[tuple[str, list[Seg], int]] = []
    refs: set[str] = set()
    para: _Para | None = None
    lists: list[int] = []  # content columns of the open list items
    list_depth = 0
    fence: tuple[str, int, int] | None = None  # (char, length, quote depth)
    raw: re.Pattern[str] | None = None
    table_depth: int | None = None

    def close() -> None:
        nonlocal para
        if para is not None and para.segs:
            records.append((para.kind, para.segs, 0))
        para = None

    def open_para(depth: int, in_list: bool, seg: Seg) -> None:
        nonlocal para
        kind = "quote" if depth else ("list" if in_list else "paragraph")
        para = _Para(kind, depth, kind == "paragraph")
        add_line(seg)

    def add_line(seg: Seg) -> None:
        assert para is not None
        para.segs.append(seg)
        para.in_comment = _comment_open(source, seg[0], seg[1], para.in_comment)

    nlines = len(starts)
    i = 0
    while i < nlines:
        ls, le = starts[i], ends[i]
        ce = le
        while ce > ls and source[ce - 1] in _LINE_WS:
            ce -= 1

        if para is not None and para.in_comment:
            add_line((ls, ce))  # inside a comment: the inline pass skips it
            i += 1
            continue

        depth, cpos = _quotes(source, ls, ce, fence[2] if fence else None)
        col, fs = _indent(source, cpos, ce)

        if fence is not None:
            if depth >= fence[2]:
                m = _FENCE.match(source, fs, ce)
                if m and m[1][0] == fence[0] and len(m[1]) >= fence[1] and not source[m.end() : ce].strip():
                    fence = None
                i += 1
                continue
            fence = None  # the block quote holding the fence ended
            depth, cpos = _quotes(source, ls, ce, None)
            col, fs = _indent(source, cpos, ce)
        if raw is not None:
            if raw.search(source, ls, le):
                raw = None
            i += 1
            continue

        if fs >= ce:  # blank line
            close()
            table_depth = None
            i += 1
            continue

        k = bisect.bisect_right(lists, col) if depth == list_depth else 0
        rel = col - (lists[k - 1] if k else 0)
        kind, m = _classify(source, fs, ce, rel, para is not None and para.depth == depth)

        # Table rows continue until a blank line or another block starts.
        if table_depth is not None:
            if depth == table_depth and kind in (_TEXT, _CODE, _TEXT_OR_TABLE):
                if not _TABLE_DELIM.match(source, fs, ce):
                    for cell in _cells(source, fs, ce):
                        records.append(("cell", [cell], 0))
                i += 1
                continue
            table_depth = None
        if kind == _TEXT_OR_TABLE:
            kind = _TEXT
            if i + 1 < nlines:
                ns, ne = starts[i + 1], ends[i + 1]
                ndepth, npos = _quotes(source, ns, ne, None)
                _, nfs = _indent(source, npos, ne)
                if ndepth == depth and "|" in source[nfs:ne] and _TABLE_DELIM.match(source, nfs, ne):
                    kind = _TABLE

        # Paragraph continuation (also lazy: fewer '>' or less indentation).
        if para is not None:
            if kind in (_TEXT, _CODE) and depth <= para.depth:
                add_line((fs, ce))
                i += 1
                continue
            if kind == _SETEXT_LINE and depth == para.depth:
                if para.plain:
                    records.append(("heading", para.segs, 1 if source[fs] == "=" else 2))
                    para = None
                    i += 1
                    continue
                if not _THEMATIC.match(source, fs, ce):
                    add_line((fs, ce))
                    i += 1
                    continue
                kind = _RULE
            if kind == _ITEM and para.kind != "list":
                number = m[1]
                if (number is not None and number.lstrip("0") != "1") or _at_end(source, m.end(), ce):
                    add_line((fs, ce))  # this item may not interrupt a paragraph
                    i += 1
                    continue
            close()

        if depth != list_depth:
            lists, list_depth, k = [], depth, 0
        if kind != _CODE:
            del lists[k:]

        if kind in (_CODE, _RULE):
            pass
        elif kind == _SETEXT_LINE:  # "===" with no paragraph above it is text
            open_para(depth, k > 0, (fs, ce))
        elif kind == _FENCE_OPEN:
            fence = (m[1][0], len(m[1]), depth)
        elif kind == _COMMENT:
            close_at = source.find("-->", fs + 2)
            if close_at == -1:
                problems.append((fs, _UNCLOSED_COMMENT))
                break
            while i < nlines and ends[i] < close_at + 3:
                i += 1
            if i >= nlines:
                break
            # Text after the comment on its closing line is read as a paragraph.
            rest_end = ends[i]
            while rest_end > close_at + 3 and source[rest_end - 1] in _LINE_WS:
                rest_end -= 1
            _, rest = _indent(source, close_at + 3, rest_end)
            if rest < rest_end:
                open_para(depth, k > 0, (rest, rest_end))
        elif kind == _RAW:
            end_tag = re.compile(rf"</{m[1]}\s*>", re.IGNORECASE)
            if not end_tag.search(source, m.end(), le):
                raw = end_tag
        elif kind == _ATX_HEADING:
            hs, he = _atx_content(source, m.end(), ce)
            records.append(("heading", [(hs, he)], len(m[1])))
        elif kind == _ITEM:
            mcol = col + (m.end() - fs)
            wcol, content = _indent(source, m.end(), ce, mcol)
            if content >= ce or wcol - mcol > 4:
                lists.append(mcol + 1)
            else:
                lists.append(wcol)
            list_depth = depth
            if content < ce:
                open_para(depth, True, (content, ce))
        elif kind == _REF:
            refs.add(_norm_label(m[1]))
        elif kind == _TABLE:
            for cell in _cells(source, fs, ce):
                records.append(("cell", [cell], 0))
            table_depth = depth
            i += 1  # the delimiter row
        else:  # _TEXT, _HTML
            open_para(depth, k > 0, (fs, ce))
        i += 1

    close()
    return records, refs


def _classify(source: str, fs: int, ce: int, rel: int, in_para: bool):
    """Kind of a non-blank line (content from ``fs``) and the match that decided it."""
    if rel >= 4:
        return _CODE, None
    c = source[fs]
    if c in "`~":
        m = _FENCE.match(source, fs, ce)
        if m and not (c == "`" and "`" in source[m.end() : ce]):
            return _FENCE_OPEN, m
    elif c == "<":
        if source.startswith("<!--", fs):
            return _COMMENT, None
        m = _RAW_OPEN.match(source, fs, ce)
        if m:
            return _RAW, m
        if _BLOCK_TAG.match(source, fs, ce):
            return _HTML, None
    elif c == "#":
        m = _ATX.match(source, fs, ce)
        if m:
            return _ATX_HEADING, m
    elif c == "[" and not in_para:
        m = _REF_DEF.match(source, fs, ce)
        if m and not m[1].startswith("^"):
            return _REF, m
    if c in "=-" and in_para and _SETEXT.match(source, fs, ce):
        return _SETEXT_LINE, None
    if c in "-*_" and _THEMATIC.match(source, fs, ce):
        return _RULE, None
    if c in "-+*0123456789":
        m = _LIST_MARKER.match(source, fs, ce)
        if m:
            return _ITEM, m
    if "|" in source[fs:ce]:
        return _TEXT_OR_TABLE, None
    return _TEXT, None


def _at_end(source: str, pos: int, end: int) -> bool:
    return not source[pos:end].strip()


def _atx_content(source: str, s: int, e: int) -> Seg:
    """Heading text range without the opening and optional closing ``#`` sequence."""
    while s < e and source[s] in " \t":
        s += 1
    b = e
    while b > s and source[b - 1] == "#":
        b -= 1
    if b == s or source[b - 1] in " \t":
        e = b
        while e > s and source[e - 1] in " \t":
            e -= 1
    return s, e


# -- pass 2: inlines and scopes -------------------------------------------------------------


def _emit(builder: DocumentBuilder, source: str, records, refs: set[str], problems) -> None:
    first_h1 = next((i for i, r in enumerate(records) if r[0] == "heading" and r[2] == 1), None)
    headline_done = False
    seen = False
    prev_scope: str | None = None
    lead = Lead()
    for index, (kind, segs, _level) in enumerate(records):
        for run in _inline(source, segs, refs, problems):
            if not run:
                continue
            text = run.text
            if kind == "heading":
                if not headline_done and (not seen or index == first_h1):
                    scope = "headline"
                    headline_done = True
                elif prev_scope == "headline":
                    scope = "deck"
                else:
                    scope = "heading"
                    lead.active = False
                run.emit(builder, scope)
            elif kind == "paragraph":
                if (
                    not seen
                    and first_h1 is None
                    and structure.looks_like_headline(text)
                    and not run.line_breaks
                ):
                    scope = "headline"
                    headline_done = True
                    run.emit(builder, scope)
                else:
                    scope = lead.emit(builder, run)
            else:
                scope = {"list": "list", "quote": "blockquote", "cell": "table"}[kind]
                run.emit(builder, scope)
            seen = True
            prev_scope = scope


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS"


def _inline(source: str, segs: list[Seg], refs: set[str], problems: list[tuple[int, str]]) -> list[Run]:
    """Pass 2 for one record: its text as runs (more than one when HTML block tags split it)."""
    vstarts: list[int] = []
    parts: list[str] = []
    vpos = 0
    for s, e in segs:
        vstarts.append(vpos)
        parts.append(source[s:e])
        vpos += e - s + 1
    v = "\n".join(parts)
    n = len(v)
    if _SPECIAL.search(v) is None:  # no markup at all: lines joined by spaces
        run = Run(source)
        for i, (s, e) in enumerate(segs):
            if i:
                run.line_break(segs[i - 1][1], s)
            run.keep(s, e)
        return [run.finish()]

    def src_start(vi: int) -> int:
        i = bisect.bisect_right(vstarts, vi) - 1
        s, e = segs[i]
        off = vi - vstarts[i]
        return s + off if off < e - s else e

    def src_end(vi: int) -> int:
        i = bisect.bisect_right(vstarts, vi - 1) - 1
        s, e = segs[i]
        off = vi - 1 - vstarts[i]
        return s + off + 1 if off < e - s else segs[i + 1][0]

    events: list[tuple[int, int, int, str]] = []
    delims: list[list] = []  # [pos, count, char, can_open, can_close]
    openers: list[tuple[int, bool]] = []  # '[' positions (image openers point at the '[')
    no_closer: set[int] = set()
    i = 0
    while True:
        m = _SPECIAL.search(v, i)
        if m is None:
            break
        i = m.start()
        c = v[i]
        if c == "\\":
            d = v[i + 1] if i + 1 < n else ""
            if d == "\n":
                events.append((i, i + 2, _HARD, " "))
                i += 2
            elif d and d in _ASCII_PUNCT:
                events.append((i, i + 2, _PUT, d))
                i += 2
            else:
                i += 1
        elif c == "`":
            j = i
            while j < n and v[j] == "`":
                j += 1
            k = j - i
            close = None
            if k not in no_closer:
                cm = _ticks(k).search(v, j)
                if cm:
                    close = cm.end()
                else:
                    no_closer.add(k)
            if close is not None:
                events.append((i, close, _SKIP, ""))
                i = close
            else:
                i = j
        elif c in "*_~":
            j = i
            while j < n and v[j] == c:
                j += 1
            prev = v[i - 1] if i else "\n"
            nxt = v[j] if j < n else "\n"
            prev_ws, nxt_ws = prev.isspace(), nxt.isspace()
            prev_p = not prev_ws and _is_punct(prev)
            nxt_p = not nxt_ws and _is_punct(nxt)
            left = not nxt_ws and (not nxt_p or prev_ws or prev_p)
            right = not prev_ws and (not prev_p or nxt_ws or nxt_p)
            if c == "_":
                can_open = left and (not right or prev_p)
                can_close = right and (not left or nxt_p)
            else:
                can_open, can_close = left, right
            if (can_open or can_close) and (c != "~" or j - i <= 2):
                delims.append([i, j - i, c, can_open, can_close])
            i = j
        elif c == "<":
            if v.startswith("<!--", i):
                end = v.find("-->", i + 2)
                if end == -1:
                    problems.append((src_start(i), _UNCLOSED_COMMENT))
                    events.append((i, n, _SKIP, ""))
                    break
                events.append((i, end + 3, _SKIP, ""))
                i = end + 3
                continue
            am = _AUTOLINK.match(v, i)
            if am:
                events.append((i, am.end(), _SKIP, ""))
                i = am.end()
                continue
            tm = _TAG.match(v, i)
            if tm:
                name = tm[1].lower()
                if name == "br":
                    events.append((i, tm.end(), _SPACE, " "))
                elif _BLOCK_TAG_NAME.match(name):
                    events.append((i, tm.end(), _BREAK, ""))
                else:
                    events.append((i, tm.end(), _SKIP, ""))
                i = tm.end()
                continue
            i += 1
        elif c == "&":
            ent = match_entity(v, i, n, strict=True)
            if ent:
                events.append((i, ent[1], _PUT, ent[0]))
                i = ent[1]
            else:
                i += 1
        elif c == "!":
            if i + 1 < n and v[i + 1] == "[":
                openers.append((i + 1, True))
                i += 2
            else:
                i += 1
        elif c == "[":
            openers.append((i, False))
            i += 1
        elif c == "]":
            if not openers:
                i += 1
                continue
            o_pos, is_image = openers.pop()
            end = _link_end(v, i, o_pos, refs)
            if end is None:
                i += 1
                continue
            if is_image:
                first = o_pos - 1
                while events and events[-1][0] >= first:
                    events.pop()
                while delims and delims[-1][0] >= first:
                    delims.pop()
                events.append((first, end, _SKIP, ""))
            else:
                events.append((o_pos, o_pos + 1, _SKIP, ""))
                events.append((i, end, _SKIP, ""))
                openers = [o for o in openers if o[1]]  # links do not contain links
            i = end
        else:  # a bare URL
            um = _URL.match(v, i)
            end = _trim_url(v, i, um.end()) if um else i + 1
            if end - i > 8:
                events.append((i, end, _SKIP, ""))
            i = max(end, i + 1)

    _pair_emphasis(delims, events)
    events.sort(key=lambda ev: ev[0])

    runs = [Run(source)]
    seg_i = 0
    seg_lens = [e - s for s, e in segs]

    def keep(va: int, vb: int) -> None:
        nonlocal seg_i
        while va < vb:
            while vstarts[seg_i] + seg_lens[seg_i] < va:
                seg_i += 1
            v0 = vstarts[seg_i]
            s, e = segs[seg_i]
            if va < v0 + seg_lens[seg_i]:
                stop = min(vb, v0 + seg_lens[seg_i])
                runs[-1].keep(s + va - v0, s + stop - v0)
                va = stop
            else:  # the joined line break after this segment
                runs[-1].line_break(e, segs[seg_i + 1][0])
                va += 1

    cur = 0
    for vs, ve, kind, text in events:
        if vs < cur:
            continue
        keep(cur, vs)
        if kind == _PUT:
            runs[-1].put(text, src_start(vs), src_end(ve))
        elif kind == _SPACE:
            runs[-1].space(src_start(vs), src_end(ve))
        elif kind == _HARD:
            runs[-1].line_break(src_start(vs), src_end(ve))
        elif kind == _BREAK:
            runs[-1].finish()
            runs.append(Run(source))
        elif kind == _SKIP and ve - vs > 2:  # code, a URL, an image, a comment; not '**'
            runs[-1].gap()
        cur = ve
    keep(cur, n)
    runs[-1].finish()
    return runs


def _pair_emphasis(delims: list[list], events: list[tuple[int, int, int, str]]) -> None:
    """Match emphasis delimiter runs (one stack per character) and skip the used markers."""
    stacks: dict[str, list[list]] = {"*": [], "_": [], "~": []}
    for pos, count, ch, can_open, can_close in delims:
        remaining, cursor = count, pos
        if can_close:
            stack = stacks[ch]
            while remaining and stack:
                opener = stack[-1]
                o_pos, o_left, o_count, o_can_close = opener
                if ch == "~":
                    if o_left != remaining:
                        break
                    use = remaining
                else:
                    if (
                        (o_can_close or can_open)
                        and (o_count + count) % 3 == 0
                        and not (o_count % 3 == 0 and count % 3 == 0)
                    ):
                        break
                    use = 2 if remaining >= 2 and o_left >= 2 else 1
                opener[1] = o_left - use
                events.append((o_pos + o_left - use, o_pos + o_left, _SKIP, ""))
                events.append((cursor, cursor + use, _SKIP, ""))
                cursor += use
                remaining -= use
                if opener[1] == 0:
                    stack.pop()
        if remaining and can_open:
            stacks[ch].append([cursor, remaining, count, can_close])


def _link_end(v: str, close: int, open_pos: int, refs: set[str]) -> int | None:
    """End of a link whose text is ``v[open_pos+1:close]``, or None if it is no link."""
    n = len(v)
    j = close + 1
    if j < n and v[j] == "(":
        end = _inline_destination(v, j + 1)
        if end is not None:
            return end
    if not refs:
        return None
    if j < n and v[j] == "[":
        k = v.find("]", j + 1, j + 1001)
        if k != -1 and "[" not in v[j + 1 : k]:
            label = v[j + 1 : k] or v[open_pos + 1 : close]
            if _norm_label(label) in refs:
                return k + 1
    if close - open_pos <= 1000 and _norm_label(v[open_pos + 1 : close]) in refs:
        return close + 1
    return None


def _skip_ws(v: str, p: int) -> int:
    n = len(v)
    while p < n and v[p] in " \t\n":
        p += 1
    return p


def _inline_destination(v: str, p: int) -> int | None:
    """End (after ``)``) of ``destination "title")`` starting at ``p``, or None."""
    n = len(v)
    p = _skip_ws(v, p)
    if p < n and v[p] == "<":
        q = p + 1
        while q < n and v[q] not in "<>\n":
            q += 2 if v[q] == "\\" else 1
        if q >= n or v[q] != ">":
            return None
        p = q + 1
    else:
        depth = 0
        while p < n:
            ch = v[p]
            if ch == "\\" and p + 1 < n:
                p += 2
                continue
            if ch.isspace() or ord(ch) < 32:
                break
            if ch == "(":
                depth += 1
                if depth > 32:
                    return None
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            p += 1
        if depth:
            return None
    q = _skip_ws(v, p)
    if q > p and q < n and v[q] in "\"'(":
        closer = ")" if v[q] == "(" else v[q]
        r = q + 1
        while r < n and v[r] != closer:
            r += 2 if v[r] == "\\" else 1
        if r >= n:
            return None
        q = _skip_ws(v, r + 1)
    if q < n and v[q] == ")":
        return q + 1
    return None


def _trim_url(v: str, start: int, end: int) -> int:
    """GFM-style: trailing punctuation and an unbalanced ``)`` are not part of a bare URL."""
    while end > start:
        ch = v[end - 1]
        if ch in "?!.,:;*_~'\"" or (ch == ")" and v.count("(", start, end) < v.count(")", start, end)):
            end -= 1
        else:
            break
    return end
