"""HTML: the prose of block elements, with every character mapped back to the source.

A small tokenizer of its own (``html.parser`` does not report exact offsets for text
and entities) reads the source once, left to right, with an explicit element stack: no
recursion, so 10,000 levels of nesting are fine, and linear time, so huge files are.
It follows the HTML5 tokenizer where prose depends on it: ``<`` not followed by a
letter, ``/``, ``!`` or ``?`` is text; comments run to ``-->`` (an unclosed one to the
end of the file, reported); ``script``, ``style``, ``textarea``, ``title``,
``noscript``, ``iframe`` … are raw text and skipped; unclosed ``p``, ``li``, ``td``,
``tr``, ``dd`` and headings are closed the way browsers close them; unknown end tags
are ignored.

Text: character references are decoded (named, decimal, hex, and the legacy names
HTML5 accepts without ``;``) and mapped to their whole source text; each run of
whitespace becomes one space (a single space stays verbatim); ``<br>`` is a space (and a
line break for the byline/deck rules); attributes and ``<img alt>`` are never text, nor
are bare ``http(s)://`` and ``www.`` URLs in text (``parsers/urls.py``, as in Markdown).
Skipped content: ``head``, ``template``, ``svg``, ``math``, ``nav``, ``select``,
``button``, ``object``, ``pre``, ``code``, ``rt``/``rp`` and elements with ``hidden``.

Blocks: the innermost block element's text is one block; a block-level start or end
tag ends the current block. Scopes:

- ``h1`` → headline for the first one inside ``article`` (else ``main``, else
  ``header``, else anywhere); with no ``h1``, a heading that is the first block. An
  ``h2``–``h6`` right after the headline → deck; other headings → heading.
- class containing "byline", ``rel="author"`` or ``<address>`` → byline (on an inline
  element inside a block, the whole block); class "dateline" → dateline (on an inline
  element, that element's text alone); class containing "caption", ``figcaption``,
  ``caption`` → caption; class containing "deck", "standfirst", "subtitle" or class
  "dek" → deck.
- ``li`` → list, ``td``/``th`` → table, ``blockquote`` → blockquote; elements inside
  these take their scope.
- Other text (``p``, ``div`` …) → paragraph, with the plain-text article rules after
  the headline: short lead lines are byline/deck/caption, the first body paragraph has
  its dateline split off, a photo-credit paragraph is a caption.

Publication date: front matter (or a ``date`` header line) first, then
``<meta property="article:published_time">`` (also ``name=`` or
``itemprop="datePublished"``), then the first ``<time datetime>``.
"""

from __future__ import annotations

import re
from html import unescape

from ..document import Document, DocumentBuilder, Meta
from .frontmatter import parse_date_value, read_preamble
from .textrun import Lead, Run, match_entity
from .urls import bare_urls

Problems = tuple[tuple[int, str], ...]

_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
#: One attribute (HTML5: a quoted value may hold '>'; an unclosed quote is read as unquoted).
_ATTR = re.compile(r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_TAG_END = re.compile(r"[\s/]*>")

#: Elements whose content is raw text up to the matching end tag.
_RAW = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
#: Elements whose content is never prose.
_SKIP = frozenset(
    {"head", "template", "svg", "math", "nav", "select", "button", "object", "pre", "code", "rt", "rp"}
)
_VOID = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul", "search", "option", "optgroup", "select", "head", "template", "colgroup",
    }
)  # fmt: skip
#: Start tags that close an open ``p``.
_CLOSES_P = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
        "dl", "dd", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "ul", "search", "xmp", "plaintext",
    }
)  # fmt: skip
#: Elements an open ``p`` is not closed through.
_P_SCOPE = frozenset(
    {"button", "table", "td", "th", "caption", "html", "template", "object", "marquee", "applet"}
)
_HEAD_CONTENT = frozenset(
    {
        "meta",
        "link",
        "title",
        "style",
        "script",
        "base",
        "basefont",
        "bgsound",
        "noscript",
        "template",
        "head",
    }
)
_RANK = {"article": 3, "main": 2, "header": 1}
_DATE_META = frozenset({"article:published_time", "datepublished", "og:article:published_time"})

_UNCLOSED_COMMENT = "HTML comment '<!--' is never closed; the rest of the file is not read"


class _El:
    """An open element: its name and what it means for the text inside it."""

    __slots__ = ("block", "dd_at", "kind", "li_at", "name", "p_at", "rank", "skip", "td_at", "tr_at")

    def __init__(self, name: str, kind: str | None, rank: int, skip: bool, block: bool) -> None:
        self.name = name
        self.kind = kind
        self.rank = rank
        self.skip = skip
        self.block = block
        self.p_at = self.li_at = self.dd_at = self.td_at = self.tr_at = -1


_ROOT = _El("#root", None, 0, False, True)


class _Reader:
    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = problems
        self.stack: list[_El] = []
        self.counts: dict[str, int] = {}
        self.headings_open = 0
        self.blocks: list[tuple[Run, str | None, int]] = []
        self.run = Run(source, collapse=True)
        self.run_kind: str | None = None
        self.run_rank = 0
        self.meta_date = None
        self.time_date = None
        self._raw_end: dict[str, re.Pattern[str]] = {}

    # -- tokenizer ------------------------------------------------------------------------

    def read(self, pos: int) -> None:
        src = self.source
        n = len(src)
        find = src.find
        while pos < n:
            lt = find("<", pos)
            if lt == -1:
                self.text(pos, n)
                break
            if lt > pos:
                self.text(pos, lt)
            nxt = src[lt + 1 : lt + 2]
            if nxt == "!":
                if src.startswith("<!--", lt):
                    if src.startswith("<!-->", lt) or src.startswith("<!--->", lt):
                        pos = find(">", lt + 4) + 1
                        continue
                    end = find("-->", lt + 4)
                    if end == -1:
                        self.problems.append((lt, _UNCLOSED_COMMENT))
                        break
                    pos = end + 3
                else:  # doctype, CDATA and other bogus comments end at '>'
                    gt = find(">", lt + 2)
                    pos = n if gt == -1 else gt + 1
            elif nxt == "?":
                gt = find(">", lt + 2)
                pos = n if gt == -1 else gt + 1
            elif nxt == "/":
                gt = find(">", lt + 2)
                if gt == -1:
                    break  # end of file inside a tag: the tag is dropped
                m = _TAG_NAME.match(src, lt + 2, gt)
                if m:
                    self.end_tag(m[0].lower(), lt, gt + 1)
                pos = gt + 1
            elif nxt.isascii() and nxt.isalpha():
                m = _TAG_NAME.match(src, lt + 1)
                assert m is not None
                tag = _scan_attrs(src, m.end())
                if tag is None:
                    break  # end of file inside a tag: the tag is dropped
                end, attrs = tag
                pos = self.start_tag(m[0].lower(), lt, end, attrs)
            else:
                self.text(lt, lt + 1)
                pos = lt + 1
        self.pop_to(0)
        self.flush()

    def text(self, a: int, b: int) -> None:
        top = self.stack[-1] if self.stack else _ROOT
        if top.skip:
            if top.name == "head" and self.source[a:b].strip():
                self.pop_to_name("head")  # text ends a head that was never closed
                top = self.stack[-1] if self.stack else _ROOT
            if top.skip:
                self.run.gap()
                return
        pos = a
        for start, end in bare_urls(self.source, a, b):
            if start < pos:
                continue
            self.prose(pos, start)
            self.run.gap()  # a URL is not prose (see parsers/urls.py)
            pos = min(end, b)
        self.prose(pos, b)

    def prose(self, a: int, b: int) -> None:
        """Keep ``source[a:b]``, character references decoded."""
        src = self.source
        run = self.run
        pos = a
        amp = src.find("&", a, b)
        while amp != -1:
            ent = match_entity(src, amp, b)
            if ent is not None:
                run.keep(pos, amp)
                run.put(ent[0], amp, ent[1])
                pos = ent[1]
                amp = src.find("&", pos, b)
            else:
                amp = src.find("&", amp + 1, b)
        run.keep(pos, b)

    # -- elements -------------------------------------------------------------------------

    def start_tag(self, name: str, lt: int, end: int, attrs: dict[str, str]) -> int:
        """Handle a start tag ``source[lt:end]``; returns where reading continues."""
        if self.counts.get("head") and name not in _HEAD_CONTENT:
            self.pop_to_name("head")
        if name in _RAW:
            return self.raw_text(name, lt, end)
        top = self.stack[-1] if self.stack else _ROOT
        if self.leaf_tag(name, lt, end, attrs, top):
            return end
        if name == "a" and "href" in attrs and not top.skip:
            after = _autolink_end(self.source, end, attrs["href"])
            if after is not None:
                self.run.gap()  # an address shown as its own text is not prose
                return after
        top = self.close_implied(name, top)
        own, block = self.own_scope(name, attrs, top)
        if name in _VOID or "/" in attrs:
            if block and not top.skip:
                self.flush()
            return end
        el = _child(name, attrs, top, own, block, len(self.stack))
        if block:
            self.flush()
        self.stack.append(el)
        self.counts[name] = self.counts.get(name, 0) + 1
        if name in _HEADINGS:
            self.headings_open += 1
        if block:
            self.run_kind = el.kind
            self.run_rank = el.rank
        return end

    def raw_text(self, name: str, lt: int, end: int) -> int:
        """Skip a raw-text element (script, style …) to its end tag; unclosed: the rest, reported."""
        src = self.source
        pat = self._raw_end.get(name)
        if pat is None:
            pat = self._raw_end[name] = re.compile(rf"</{name}[\s/>]", re.IGNORECASE)
        m = pat.search(src, end) if name != "plaintext" else None
        if m is None:
            self.problems.append((lt, f"<{name}> is never closed; the rest of the file is not read"))
            return len(src)
        gt = src.find(">", m.start())
        return len(src) if gt == -1 else gt + 1

    def leaf_tag(self, name: str, lt: int, end: int, attrs: dict[str, str], top: _El) -> bool:
        """Tags that open no element (meta, br, html, body); True when the tag is done with."""
        if name == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key in _DATE_META and self.meta_date is None:
                self.meta_date = parse_date_value(attrs.get("content", ""))
            return True
        if name == "time" and self.time_date is None and not top.skip and "datetime" in attrs:
            self.time_date = parse_date_value(attrs["datetime"])
        if name == "br":
            if not top.skip:
                self.run.line_break(lt, end)
            return True
        return name in ("html", "body")

    def close_implied(self, name: str, top: _El) -> _El:
        """Close what this tag implicitly ends (an open p, li, dd, td, tr, heading); the new top."""
        if top.p_at >= 0 and name in _CLOSES_P:
            self.pop_to(top.p_at)
            top = self.stack[-1] if self.stack else _ROOT
        at = -1
        if name == "li":
            at = top.li_at
        elif name in ("dd", "dt"):
            at = top.dd_at
        elif name in ("td", "th"):
            at = top.td_at
        elif name in ("tr", "thead", "tbody", "tfoot"):
            at = top.tr_at
        elif name in _HEADINGS and top.name in _HEADINGS:
            at = len(self.stack) - 1
        if at >= 0:
            self.pop_to(at)
            top = self.stack[-1] if self.stack else _ROOT
        return top

    def own_scope(self, name: str, attrs: dict[str, str], top: _El) -> tuple[str | None, bool]:
        """(the scope this element sets, whether it is a block); an inline byline or caption
        marks the current block instead."""
        own = None if top.skip else _own_scope(name, attrs)
        block = name in _BLOCK
        if own == "byline" and not block and self.run:
            self.run.scope = "byline"  # rel="author" or a byline class inside a block
            own = None
        elif own == "caption" and not block and self.run:
            self.run.scope = "caption"
            own = None
        elif own is not None and not block:
            block = True  # e.g. <span class="dateline"> is a block of its own
        return own, block

    def end_tag(self, name: str, lt: int, end: int) -> None:
        if name == "br":
            top = self.stack[-1] if self.stack else _ROOT
            if not top.skip:
                self.run.line_break(lt, end)
            return
        if name in ("html", "body"):
            return
        stack = self.stack
        if stack and stack[-1].name == name:
            self.pop_to(len(stack) - 1)
        elif self.counts.get(name):
            self.pop_to_name(name)
        elif name in _HEADINGS and self.headings_open:
            self.pop_to_name(None)

    def pop_to_name(self, name: str | None) -> None:
        """Pop up to and including the nearest open ``name`` (any heading when None)."""
        stack = self.stack
        for index in range(len(stack) - 1, -1, -1):
            el_name = stack[index].name
            if el_name == name or (name is None and el_name in _HEADINGS):
                self.pop_to(index)
                return

    def pop_to(self, index: int) -> None:
        """Close every element from ``stack[index]`` up."""
        stack = self.stack
        flush = False
        while len(stack) > index:
            el = stack.pop()
            self.counts[el.name] -= 1
            if el.name in _HEADINGS:
                self.headings_open -= 1
            flush = flush or el.block
        if flush:
            self.flush()

    def flush(self) -> None:
        """End the current block; the next one belongs to the element now on top."""
        run = self.run
        if run.pieces and run.finish().pieces:
            self.blocks.append((run, self.run_kind, self.run_rank))
            self.run = Run(self.source, collapse=True)
        else:
            run.scope = None
            run.line_breaks.clear()
        top = self.stack[-1] if self.stack else _ROOT
        self.run_kind = top.kind
        self.run_rank = top.rank


def _autolink_end(source: str, pos: int, href: str) -> int | None:
    """Where an ``<a>`` whose text is its own address ends (after ``</a>``), else None:
    ``<a href="https://x.example">https://x.example</a>``, ``mailto:`` + the address."""
    close = source.find("</a", pos, pos + _AUTOLINK_LOOKAHEAD)
    gt = source.find(">", close) if close != -1 else -1
    if gt == -1 or "<" in source[pos:close]:
        return None
    import urllib.parse  # only for links, and only here: keeps a cold start light

    text = unescape(source[pos:close]).strip()
    if text and text in (href, urllib.parse.unquote(href), href.removeprefix("mailto:"), href.removeprefix("MAILTO:")):
        return gt + 1
    return None


#: How far past ``<a>`` its end tag is looked for (keeps the reader linear).
_AUTOLINK_LOOKAHEAD = 2048


def _scan_attrs(source: str, pos: int) -> tuple[int, dict[str, str]] | None:
    """Attributes of a start tag from ``pos`` (after the name): (end after '>', attrs).

    None when the file ends inside the tag. Names are lower-cased, values decoded, the
    first of a repeated name wins; a self-closing tag gets the key ``"/"``.
    """
    attrs: dict[str, str] = {}
    while True:
        end = _TAG_END.match(source, pos)
        if end:
            if source[end.end() - 2] == "/" and end.end() - 2 >= pos:
                attrs["/"] = ""
            return end.end(), attrs
        m = _ATTR.match(source, pos)
        if m is None or m.end() == pos:
            return None
        key = m[1].lower()
        if key not in attrs:
            value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
            attrs[key] = unescape(value) if value and "&" in value else value or ""
        pos = m.end()


def _child(name: str, attrs: dict[str, str], top: _El, own: str | None, block: bool, index: int) -> _El:
    """The element a start tag opens at stack ``index``, with the stack positions of the
    open p, li, dd, td and tr it may implicitly close later."""
    skip = top.skip or name in _SKIP or "hidden" in attrs
    el = _El(
        name,
        own if own is not None else top.kind,
        max(top.rank, _RANK.get(name, 0)),
        skip,
        block,
    )
    if name == "p":
        el.p_at = index
    elif name not in _P_SCOPE:
        el.p_at = top.p_at
    if name == "li":
        el.li_at = index
    elif name not in ("ul", "ol", "menu", "dir", "table"):
        el.li_at = top.li_at
    if name in ("dd", "dt"):
        el.dd_at = index
    elif name not in ("dl", "table"):
        el.dd_at = top.dd_at
    if name in ("td", "th"):
        el.td_at = index
    elif name != "table":
        el.td_at = top.td_at
    if name == "tr":
        el.tr_at = index
    elif name != "table":
        el.tr_at = top.tr_at
    return el


def _own_scope(name: str, attrs: dict[str, str]) -> str | None:
    """The scope an element gives the text inside it, if any."""
    cls = attrs.get("class", "").lower()
    if cls:
        if "byline" in cls:
            return "byline"
        if "dateline" in cls:
            return "dateline"
        if "caption" in cls:
            return "caption"
        if "deck" in cls or "standfirst" in cls or "subtitle" in cls or "dek" in cls.split():
            return "deck"
    if "author" in attrs.get("rel", "").lower().split() or name == "address":
        return "byline"
    if name in _HEADINGS:
        return name
    if name in ("figcaption", "caption"):
        return "caption"
    if name == "li":
        return "list"
    if name in ("td", "th"):
        return "table"
    if name == "blockquote":
        return "blockquote"
    return None


def parse_html(source: str, path: str = "<text>") -> tuple[Document, Problems]:
    pre = read_preamble(source)
    problems: list[tuple[int, str]] = list(pre.problems)
    reader = _Reader(source, problems)
    reader.read(pre.body_start)
    builder = DocumentBuilder(source, path, "html")
    _emit(builder, reader.blocks)
    if pre.date is not None:
        date, date_source = pre.date, pre.date_source
    elif reader.meta_date is not None:
        date, date_source = reader.meta_date, "html meta"
    elif reader.time_date is not None:
        date, date_source = reader.time_date, "time element"
    else:
        date, date_source = None, None
    meta = Meta(date=date, date_source=date_source, front_matter=pre.front_matter)
    return builder.build(meta), tuple(sorted(problems))


_DASH = re.compile(r"(?:—|–|--|-)\s+")


def _emit(builder: DocumentBuilder, blocks: list[tuple[Run, str | None, int]]) -> None:
    headline = _headline_index(blocks)
    lead = Lead(active=headline is None)
    prev: str | None = None
    for index, (run, kind, _rank) in enumerate(blocks):
        text = run.text
        if index == headline:
            scope = "headline"
            lead.active = True
            run.emit(builder, scope)
        elif run.scope is not None:
            scope = run.scope
            run.emit(builder, scope)
        elif kind in _HEADINGS:
            if prev == "headline" and kind != "h1":
                scope = "deck"
            else:
                scope = "heading"
                if headline is not None and index > headline:
                    lead.active = False
            run.emit(builder, scope)
        elif kind is None:
            dash = None
            if prev == "dateline":  # <span class="dateline">…</span> — the story starts here
                lead.active = False
                dash = _DASH.match(text)
            scope = lead.emit(builder, run, dash.end() if dash else 0)
        else:
            scope = kind
            run.emit(builder, scope)
        prev = scope


def _headline_index(blocks: list[tuple[Run, str | None, int]]) -> int | None:
    best = None
    best_rank = -1
    for index, (_run, kind, rank) in enumerate(blocks):
        if kind == "h1" and rank > best_rank:
            best, best_rank = index, rank
    if best is None and blocks and blocks[0][1] in _HEADINGS:
        return 0
    return best
