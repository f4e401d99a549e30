"""Markdown: CommonMark (with GFM tables, strikethrough and footnotes) to prose, via pulldown-cmark.

Parsing is pyromark's (bindings to pulldown-cmark, a CommonMark-conformant parser); this
module only applies the extraction policy to its events. ``events_with_range`` gives a
UTF-8 byte range for every event; ``_ByteOffsets`` turns them into str offsets, and each
text event becomes a verbatim piece (its text equals its source range) or a replaced one
(an entity, an escape, a line break) through ``textrun.Run``, so the source map is exact.

Policy (docs/markdown.md): code (spans, fenced and indented blocks), images (alt text
included), autolinks, bare ``http(s)://``/``www.`` URLs, raw HTML tags and comments,
link destinations, titles and reference definitions, footnote references and emphasis
markers are dropped; link text, emphasis text and footnote text are kept. HTML blocks of
script, style, pre and textarea are dropped whole; other HTML blocks keep their text,
split into blocks at block-level tags (``<br>`` is a space). An HTML comment that is never
closed hides the rest of the file and is reported.

Scopes: the first heading is the headline when it is the first block, otherwise the first
level-1 heading is; a heading right after the headline is the deck; other headings are
"heading". With no such heading, a one-line first paragraph that looks like a headline is
the headline (as in plain text). Paragraphs up to the first body paragraph go through the
plain-text lead rules (``textrun.Lead``: byline, deck, caption, dateline). Text in a block
quote is "blockquote", in a list item "list", table cells "table".
"""

from __future__ import annotations

import bisect
import re

import pyromark

from ..document import Document, DocumentBuilder, Meta
from . import structure
from .frontmatter import read_preamble
from .textrun import Lead, Run, match_entity
from .urls import bare_urls

Problems = tuple[tuple[int, str], ...]
Record = tuple[str, int, list[Run]]  # (kind, heading level, runs)

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH | pyromark.Options.ENABLE_FOOTNOTES
)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BLOCK_TAG_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_BLOCK_TAG_NAME = re.compile(rf"(?:{_BLOCK_TAG_NAMES})\Z", re.IGNORECASE)
_RAW_BLOCK = re.compile(r"[ \t]*<(?:script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE)
_HTML_TOKEN = re.compile(r"<!--|</?([A-Za-z][A-Za-z0-9-]*)[^<>]*>|&")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_SKIPPED = frozenset({"Image", "CodeBlock", "Link:Autolink", "Link:Email", "MetadataBlock"})
_LEAVES = frozenset({"Paragraph", "Heading", "TableCell"})

_UNCLOSED_COMMENT = "HTML comment '<!--' is never closed; the rest of the file is not read"


def parse_markdown(source: str, path: str = "<text>") -> tuple[Document, Problems]:
    pre = read_preamble(source)
    problems: list[tuple[int, str]] = list(pre.problems)
    records = _Reader(source, problems).read(pre.body_start)
    builder = DocumentBuilder(source, path, "markdown")
    _emit(builder, records)
    meta = Meta(date=pre.date, date_source=pre.date_source, front_matter=pre.front_matter)
    return builder.build(meta), tuple(sorted(problems))


class _ByteOffsets:
    """UTF-8 byte offsets of ``text`` (which starts at ``base`` in the source) to str offsets."""

    def __init__(self, text: str, base: int) -> None:
        self.base = base
        self.starts: list[int] = []  # byte offset of each non-ASCII character
        self.extra: list[int] = []  # extra bytes of the non-ASCII characters up to and including it
        if text.isascii():
            return
        total = 0
        for m in re.finditer(r"[^\x00-\x7f]", text):
            self.starts.append(m.start() + total)
            total += len(m[0].encode()) - 1
            self.extra.append(total)

    def __call__(self, byte: int) -> int:
        if not self.starts or byte <= self.starts[0]:
            return self.base + byte
        i = bisect.bisect_left(self.starts, byte) - 1
        return self.base + byte - (self.extra[i] if i >= 0 else 0)


def _tag(event) -> tuple[str, object, object]:
    """(kind, tag name, tag value) of an event: ``("Start", "Heading", {...})``, ``("Text", None, "x")``."""
    if isinstance(event, str):
        return event, None, None
    ((kind, value),) = event.items()
    if kind not in ("Start", "End"):
        return kind, None, value
    if isinstance(value, str):
        return kind, value, None
    ((name, detail),) = value.items()
    if name == "Link" and kind == "Start" and detail["link_type"] in ("Autolink", "Email"):
        name = "Link:" + detail["link_type"]
    return kind, name, detail


class _Reader:
    """Walks the events once, collecting one record (with its runs) per leaf block."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = problems
        self.records: list[Record] = []
        self.run: Run | None = None
        self.quotes = 0
        self.lists = 0
        self.skip: list[str] = []  # open tags whose content is dropped
        self.html: list[tuple[int, int]] = []  # line ranges of the open HTML block
        self.covered = 0  # end of the last event's range
        self.url_end = 0  # a bare URL is being skipped up to here
        self.stopped = False

    def read(self, start: int) -> list[Record]:
        body = self.source[start:]
        offsets = _ByteOffsets(body, start)
        for event, rng in pyromark.events_with_range(body, options=_OPTIONS):
            self.feed(event, offsets(rng["start"]), offsets(rng["end"]))
            if self.stopped:
                break
        self.flush()
        return self.records

    # -- records and runs -----------------------------------------------------------------

    def open(self, kind: str, level: int = 0) -> Run:
        self.flush()
        self.run = Run(self.source)
        self.records.append((kind, level, [self.run]))
        return self.run

    def flush(self) -> None:
        if self.run is not None:
            self.run.finish()
            self.run = None

    def split(self) -> None:
        """A block-level HTML tag inside a block: the text after it is a new block."""
        if self.run is not None:
            self.run.finish()
            self.run = Run(self.source)
            self.records[-1][2].append(self.run)

    def current(self) -> Run:
        """The run for text outside a paragraph (a tight list item's text)."""
        return self.run if self.run is not None else self.open(self.container_kind())

    def container_kind(self) -> str:
        return "quote" if self.quotes else ("list" if self.lists else "paragraph")

    # -- events ---------------------------------------------------------------------------

    def feed(self, event, s: int, e: int) -> None:
        kind, name, value = _tag(event)
        if self.skip:
            if kind == "Start":
                self.skip.append(name)  # type: ignore[arg-type]
            elif kind == "End":
                self.skip.pop()
            self.covered = max(self.covered, e)
            return
        if kind == "Start":
            self.start(name, value, s, e)  # type: ignore[arg-type]
        elif kind == "End":
            self.end(name)  # type: ignore[arg-type]
        else:
            self.inline(kind, value, s, e)
        self.covered = max(self.covered, e) if kind != "Start" else self.covered

    def start(self, name: str, value, s: int, e: int) -> None:
        if name in _SKIPPED:
            self.skip.append(name)
            if self.run is not None:
                self.run.gap()
            self.covered = max(self.covered, e)
        elif name == "Heading":
            self.open("heading", int(value["level"][1]))
        elif name == "Paragraph":
            self.open(self.container_kind())
        elif name == "TableCell":
            self.open("cell")
        elif name == "BlockQuote":
            self.flush()
            self.quotes += 1
        elif name in ("List", "Item", "FootnoteDefinition", "HtmlBlock", "Table"):
            self.flush()
            self.lists += name == "List"
            self.html = []

    def end(self, name: str) -> None:
        if name in _LEAVES or name == "Item":
            self.flush()
        elif name == "BlockQuote":
            self.flush()
            self.quotes -= 1
        elif name == "List":
            self.flush()
            self.lists -= 1
        elif name == "HtmlBlock":
            self.html_block()
        elif name == "Link" and self.run is not None:
            self.run.gap()

    def inline(self, kind: str, value, s: int, e: int) -> None:
        if kind == "Text":
            self.text(value, s, e)
        elif kind in ("SoftBreak", "HardBreak"):
            if self.run is not None:
                self.run.line_break(s, e)
        elif kind in ("Code", "FootnoteReference", "InlineMath", "DisplayMath"):
            if self.run is not None:
                self.run.gap()
        elif kind == "InlineHtml":
            self.inline_html(value, s)
        elif kind == "Html":
            self.html.append((s, e))

    def text(self, text: str, s: int, e: int) -> None:
        run = self.current()
        source = self.source
        if text != source[s:e]:
            run.put(text, s, e)
            return
        if s and source[s - 1] == "\\" and self.covered <= s - 1 and source[s] in _ASCII_PUNCT:
            run.put(source[s], s - 1, s + 1)  # a backslash escape stands for both characters
            s += 1
        comment = source.find("<!--", s, e + 3)
        if -1 < comment < e and source.find("-->", comment + 4) == -1:
            self.keep(run, s, comment)
            self.problems.append((comment, _UNCLOSED_COMMENT))
            self.stopped = True
            return
        self.keep(run, s, e)

    def keep(self, run: Run, s: int, e: int) -> None:
        """Keep ``source[s:e]``, leaving out bare URLs (which may span several text events)."""
        source = self.source
        if self.url_end > s:
            if self.url_end >= e:
                return
            s = self.url_end
        for start, end in bare_urls(source, s, e):
            if start < s:
                continue
            run.keep(s, start)
            run.gap()
            self.url_end = end
            if end >= e:
                return
            s = end
        if s < e:
            run.keep(s, e)

    def inline_html(self, html: str, s: int) -> None:
        if self.run is None:
            return
        m = _TAG_NAME.match(html)
        name = m[1].lower() if m else ""
        if name == "br":
            self.run.space(s, s + len(html))
        elif _BLOCK_TAG_NAME.match(name):
            self.split()
        else:
            self.run.gap()

    def html_block(self) -> None:
        """The text of an HTML block: tags and comments dropped, entities decoded."""
        lines, self.html = self.html, []
        if not lines or _RAW_BLOCK.match(self.source, lines[0][0]):
            return
        self.open(self.container_kind())
        source = self.source
        pos = lines[0][0]
        for i, (ls, le) in enumerate(lines):
            if pos >= le:
                continue
            if i and pos <= ls and self.run:
                self.run.line_break(ls - 1, ls)
            pos = self.html_line(max(pos, ls), _line_end(source, ls, le))
            if self.stopped:
                break
        self.flush()

    def html_line(self, pos: int, end: int) -> int:
        """Read one line of an HTML block from ``pos``; returns where reading resumes."""
        source = self.source
        run: Run = self.run  # type: ignore[assignment]
        while pos < end:
            m = _HTML_TOKEN.search(source, pos, end)
            if m is None:
                run.keep(pos, end)
                return end
            run.keep(pos, m.start())
            pos = m.end()
            if m[0] == "<!--":
                close = source.find("-->", m.end())
                if close == -1:
                    self.problems.append((m.start(), _UNCLOSED_COMMENT))
                    self.stopped = True
                    return len(source)
                run.gap()
                pos = close + 3
                if pos > end:
                    return pos
            elif m[0] == "&":
                entity = match_entity(source, m.start(), end, strict=True)
                if entity:
                    run.put(entity[0], m.start(), entity[1])
                    pos = entity[1]
                else:
                    run.keep(m.start(), pos)
            elif m[1].lower() == "br":
                run.space(m.start(), pos)
            elif _BLOCK_TAG_NAME.match(m[1]):
                self.split()
                run = self.run  # type: ignore[assignment]
            else:
                run.gap()
        return pos


def _line_end(source: str, start: int, end: int) -> int:
    while end > start and source[end - 1] in "\r\n":
        end -= 1
    return end


# -- scopes ---------------------------------------------------------------------------------


def _emit(builder: DocumentBuilder, records: list[Record]) -> None:
    """Give each run its scope (headline, deck, lead lines, body …) and emit it."""
    first_h1 = next((i for i, r in enumerate(records) if r[0] == "heading" and r[1] == 1), None)
    headline_done = False
    seen = False
    prev_scope: str | None = None
    lead = Lead()
    for index, (kind, _level, runs) in enumerate(records):
        for run in runs:
            if not run:
                continue
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
                if not seen and first_h1 is None and structure.looks_like_headline(run.text) and not run.line_breaks:
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
