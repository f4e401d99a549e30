"""How often a reader's prose equals the text of the CommonMark spec's reference HTML.

Reads ../shared/conformance/commonmark-0.31.2.json at run time (never copied into the
repo). Each example's Markdown goes through ``newslint.parse_view.read_source`` (the code
behind ``newslint parse``); its blocks' text is compared with the text content of the
reference HTML under the extraction policy of docs/markdown.md:

- dropped from the reference: the content of ``<code>`` and ``<pre>`` (code spans and
  blocks), images (an ``<img>`` has no text; its ``alt`` is not read), autolinks (an
  ``<a>`` whose text is its ``href``, or ``mailto:`` + its text); all tags themselves;
- kept: link text, emphasis text, headings, list items, block quotes, table cells;
- bare URLs (``http://``, ``https://``, ``www.`` up to whitespace or ``<``, trailing
  ``?!.,:;*_~'"`` and an unbalanced ``)`` not included) are dropped, as the reader drops
  them: CommonMark has no such autolinks, so the reference keeps them as text;
- where dropped content is followed by closing punctuation (``.,;:!?)]}”’»``), the space
  before it goes, as the reader does ("see `x`." reads "see.");
- entities and numeric references are decoded (``html.parser``'s ``convert_charrefs``);
- both sides: every run of whitespace (line breaks, block separators, ``<br />``) is one
  space, and leading and trailing whitespace is dropped. So block boundaries and line
  breaks are not compared, only the characters of the prose and where words split.

The "HTML blocks" and "Raw HTML" sections are left out (``--html-sections`` puts them
back): they test which tags start an HTML block and how raw HTML passes through, and the
reference extractor (Python's ``html.parser``) does not follow HTML5 on their edge cases
(``<!-->`` is an empty comment, ``<![CDATA[`` outside SVG a bogus comment).
``--reader html`` runs the HTML reader over each example's *reference HTML* instead: its
prose should be the same text.

``--strict`` leaves out the two policy rules above (bare URLs, space before punctuation),
for the plain text-content figure.

    python benchmarks/conformance.py [--reader markdown|html] [--strict] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote


def _spec_path() -> Path:
    """``$NEWSLINT_CONFORMANCE``, else ``shared/conformance`` beside the repo or any folder above it."""
    import os

    name = "commonmark-0.31.2.json"
    if os.environ.get("NEWSLINT_CONFORMANCE"):
        return Path(os.environ["NEWSLINT_CONFORMANCE"]) / name
    repo = Path(__file__).resolve().parents[1]
    for folder in repo.parents:
        if (folder / "shared" / "conformance" / name).is_file():
            return folder / "shared" / "conformance" / name
    return repo.parent / "shared" / "conformance" / name


SPEC = _spec_path()
HTML_SECTIONS = frozenset({"HTML blocks", "Raw HTML"})
_SPACE = re.compile(r"\s+")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>]*", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    example: int
    section: str
    expected: str
    got: str

    @property
    def equal(self) -> bool:
        return self.expected == self.got


def normalise(text: str) -> str:
    """Whitespace runs to one space, trimmed: block and line boundaries are not compared."""
    return _SPACE.sub(" ", text).strip()


class _ReferenceText(HTMLParser):
    """Text content of reference HTML, with code, images and autolinks replaced by a gap mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []  # open dropped elements
        self.link: list[tuple[str, int]] = []  # (href, index into parts) of open <a>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping.append(tag)
        elif tag == "a":
            self.link.append((dict(attrs).get("href") or "", len(self.parts)))
        elif tag == "img":
            self.parts.append(_GAP)
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED and tag in self.dropping:
            while self.dropping and self.dropping.pop() != tag:
                pass
            if not self.dropping:
                self.parts.append(_GAP)
        elif tag == "a" and self.link:
            href, start = self.link.pop()
            text = "".join(self.parts[start:])
            if text and unquote(href) in (text, f"mailto:{text}"):
                del self.parts[start:]
                self.parts.append(_GAP)
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


_GAP = "\x00"
_DROPPED = frozenset({"code", "pre", "script", "style", "textarea"})
_SPACE_BEFORE_CLOSING = re.compile(r"\s+(\x00[\x00\s]*)(?=[.,;:!?)\]}”’»])")
_BLOCK_TAGS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "pre", "div"]
)


def _drop_bare_urls(text: str) -> str:
    """Each bare URL becomes a gap mark."""
    out, pos = [], 0
    for m in _BARE_URL.finditer(text):
        end = m.end()
        while end > m.start():
            ch = text[end - 1]
            unbalanced = ch == ")" and text.count("(", m.start(), end) < text.count(")", m.start(), end)
            if ch not in "?!.,:;*_~'\"" and not unbalanced:
                break
            end -= 1
        out.append(text[pos : m.start()] + _GAP)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def reference_text(html: str, policy: bool = True) -> str:
    parser = _ReferenceText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    if policy:
        text = _SPACE_BEFORE_CLOSING.sub(r"\1", _drop_bare_urls(text))
    return normalise(text.replace(_GAP, ""))


def load(spec: Path = SPEC) -> list[dict]:
    return json.loads(spec.read_text(encoding="utf-8"))


def measure(
    examples: Iterable[dict], reader: str = "markdown", policy: bool = True, html_sections: bool = False
) -> list[Outcome]:
    """One outcome per example, the HTML sections left out unless ``html_sections``."""
    from newslint.parse_view import read_source

    outcomes = []
    for ex in examples:
        if ex["section"] in HTML_SECTIONS and not html_sections:
            continue
        source = ex["markdown"] if reader == "markdown" else ex["html"]
        parsed = read_source(source, f"example-{ex['example']}", reader)
        outcomes.append(Outcome(ex["example"], ex["section"], reference_text(ex["html"], policy), normalise(parsed.prose)))
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    equal = sum(o.equal for o in outcomes)
    failing = [o.example for o in outcomes if not o.equal]
    share = 100 * equal / len(outcomes) if outcomes else 0.0
    return f"{equal}/{len(outcomes)} equal ({share:.1f}%); failing examples: {failing}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--reader", choices=("markdown", "html"), default="markdown")
    ap.add_argument("--strict", action="store_true", help="plain text content: no bare-URL or punctuation rule")
    ap.add_argument("--html-sections", action="store_true", help="include the HTML blocks and Raw HTML sections")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print the first N differences")
    args = ap.parse_args(argv)
    if not SPEC.is_file():
        sys.stderr.write(f"{SPEC} not found\n")
        return 2
    outcomes = measure(load(), args.reader, not args.strict, args.html_sections)
    for o in [o for o in outcomes if not o.equal][: args.show]:
        print(f"#{o.example} ({o.section})\n  expected {o.expected!r}\n  got      {o.got!r}")
    print(f"{args.reader}{' (strict)' if args.strict else ''}: {summary(outcomes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
