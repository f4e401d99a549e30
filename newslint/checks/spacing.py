"""spacing: white space in the wrong place inside a sentence.

* two spaces between words inside a sentence ("the  talks"); two after a full stop
  are a typing convention, and three or more are column layout, so neither counts,
  nor two beside a figure, a dash or an all-capitals slug (table rows, wire headers),
  nor two in a short line with no full stop (a column heading);
* a space before , . ; : ? ! ("said ,") — not an ellipsis (" ...") or a decimal (" .5");
* no space after a sentence end ("said.He") — not "U.S.", "3.5", "e.g.", "Yahoo.com"
  or anything inside a URL or an e-mail address.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Edit, Hit
from . import Context

PARAMS = frozenset({"problem"})
#: Each fix only removes or adds one run of spaces the check has already vetted.
FIX = "safe"

_DOUBLE = regex.compile(r"(?<!\S)(\S+)  (?=(\S+))")
_CORE = regex.compile(r"^[\"“‘'(<\[]*([\p{L}'’\-]*\p{L}[\p{L}'’\-]*)[,;:>\"”’')\]]*$")
_SENTENCE_END = regex.compile(r"""[.!?]["”’')\]]*$""")
_BEFORE = regex.compile(r"(\S+?)( +)([,.;:?!])(?=[\s\"”’')\]]|\p{Lu}|$)")
_AFTER = regex.compile(r"(?<![\p{L}\d.@/])(\p{L}\p{Ll}+[.!?][\"”’')]?)(\p{Lu}\p{Ll}+)")
_LAYOUT_SCOPES = frozenset({"headline", "dateline", "table"})
_WEB = regex.compile(r"(?i)^(?:com|net|org|gov|edu|co|uk|io|info|biz|tv)$")
_COLUMNS = regex.compile(r"\S(?:\t| {3,})\S")
_NOT_WORD_BEFORE = regex.compile(r"^[\d.,]+$|^[^\p{L}\d]+$")


@dataclass(frozen=True)
class Options:
    double_spaces: bool = True
    #: Characters that take no space before them.
    no_space_before: str = ",.;:?!"
    missing_space_after: bool = True


def _prose(word: str) -> bool:
    """A word of running prose: letters only, not an all-capitals slug ("LTD", "APRIL")."""
    m = _CORE.match(word)
    return m is not None and not (len(m.group(1)) > 1 and m.group(1).isupper())


def _line_break(ctx: Context, start: int, end: int) -> bool:
    s, e = ctx.doc.source_map.to_source(start, end)
    return "\n" in ctx.doc.source[s:e]


def _token_at(text: str, start: int, end: int) -> str:
    """The whole run of non-space characters around ``text[start:end]``."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    timeout = ctx.settings.regex_timeout
    for block in ctx.blocks:
        if _COLUMNS.search(text, block.start, block.end) or block.scope in _LAYOUT_SCOPES:
            continue  # a table, a laid-out list, a headline or dateline: the spacing is layout
        body = text[block.start : block.end].strip()
        heading = len(body.split()) < 8 and not _SENTENCE_END.search(body)
        if options.double_spaces and not heading:  # a short line with no full stop: a column heading
            for m in _DOUBLE.finditer(text, block.start, block.end, timeout=timeout):
                first, second = m.group(1), m.group(2)
                if _SENTENCE_END.search(first) or not (_prose(first) and _prose(second)):
                    continue  # after a full stop (a typing convention), or a figure, dash or slug
                if _line_break(ctx, m.end(1), m.start(2)):
                    continue
                extra = Edit(m.end(1) + 1, 1, "")
                yield Hit(m.start(), m.end(2), {"problem": "two spaces between words"}, (f"{first} {second}",), edits=(extra,))
        if options.no_space_before:
            for m in _BEFORE.finditer(text, block.start, block.end, timeout=timeout):
                if m.group(3) not in options.no_space_before or _NOT_WORD_BEFORE.match(m.group(1)):
                    continue
                if _line_break(ctx, m.start(2), m.end(2)):
                    continue  # the "space" is a hard-wrap join: the source has a line break there
                fixed = m.group(1) + m.group(3)
                space = Edit(m.start(2), m.end(2) - m.start(2), "")
                yield Hit(m.start(), m.end(), {"problem": f"a space before '{m.group(3)}'"}, (fixed,), edits=(space,))
        if options.missing_space_after:
            for m in _AFTER.finditer(text, block.start, block.end, timeout=timeout):
                token = _token_at(text, m.start(), m.end())
                if _WEB.match(m.group(2)) or any(c in token for c in "/@<>") or token.lower().startswith("www"):
                    continue
                fixed = f"{m.group(1)} {m.group(2)}"
                yield Hit(m.start(), m.end(), {"problem": "no space after the sentence end"}, (fixed,), edits=(Edit(m.end(1), 0, " "),))
