"""Core pieces: the source map, line index, message templates, option coercion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from newslint.document import DocumentBuilder, LineIndex
from newslint.options import OptionError, build_options
from newslint.templates import fill, placeholders


def test_source_map_verbatim_replaced_and_separator():
    src = "Tom &amp; Jerry\n  ran\n\nNext"
    b = DocumentBuilder(src)
    b.verbatim(0, 4)  # "Tom "
    b.replace("&", 4, 9)  # entity
    b.verbatim(9, 15)  # " Jerry"
    b.replace(" ", 15, 18)  # line break + indentation
    b.verbatim(18, 21)  # "ran"
    b.end_block("paragraph")
    b.verbatim(23, 27)
    b.end_block("paragraph")
    doc = b.build()
    assert doc.text == "Tom & Jerry ran\n\nNext"
    m = doc.source_map
    assert m.to_source(0, 3) == (0, 3)
    amp = doc.text.index("&")
    assert src[slice(*m.to_source(amp, amp + 1))] == "&amp;"
    assert src[slice(*m.to_source(amp - 4, amp + 7))] == "Tom &amp; Jerry"
    j = doc.text.index("Jerry ran")
    assert src[slice(*m.to_source(j, j + 9))] == "Jerry\n  ran"
    n = doc.text.index("Next")
    assert src[slice(*m.to_source(n, n + 4))] == "Next"
    assert [blk.scope for blk in doc.blocks] == ["paragraph", "paragraph"]
    assert doc.block_at(n) == doc.blocks[1] and doc.block_at(n - 1) is None


def test_empty_span_maps_to_empty_span():
    b = DocumentBuilder("abc")
    b.verbatim(0, 3)
    b.end_block("paragraph")
    m = b.build().source_map
    assert m.to_source(1, 1) == (1, 1)


def test_line_index_counts_code_points_and_splits_on_newline_only():
    src = "a\r\nb\u2028c\n😀x"
    li = LineIndex.of(src)
    assert li.position(0) == (1, 1)
    assert li.position(3) == (2, 1)
    assert li.position(5) == (2, 3)  # U+2028 is not a line break here
    assert li.position(src.index("x")) == (3, 2)  # the emoji is one code point


def test_templates_reject_attribute_access_and_fill_plainly():
    assert placeholders("Use '{expected}' not '{match}'") == ["expected", "match"]
    for bad in ("{0.__class__}", "{match.upper}", "{a[0]}", "{match!r}", "{match:>10}", "{0}"):
        with pytest.raises(ValueError):
            placeholders(bad)
    assert fill("x {a} {b}", {"a": "{b}", "b": 1}) == "x {b} 1"


@dataclass(frozen=True)
class _Opts:
    tokens: tuple[str, ...]
    mode: Literal["fast", "slow"] = "fast"
    limit: int | None = None
    swap: dict[str, str] | None = None
    flag: bool = False


def test_options_coercion_and_errors():
    o = build_options(_Opts, {"tokens": ["a", "b"], "mode": "slow", "limit": 3, "swap": {"x": "y"}})
    assert o == _Opts(("a", "b"), "slow", 3, {"x": "y"})
    cases = [
        ({"tokens": "a"}, "'tokens' must be a list, not 'a'"),
        ({"tokens": [1]}, "'tokens[0]' must be a string, not 1"),
        ({"tokens": [], "mode": "medium"}, "'mode' must be one of 'fast', 'slow'"),
        ({"tokens": [], "flag": "yes"}, "'flag' must be true or false"),
        ({"tokens": [], "limit": True}, "'limit' must be an integer"),
        ({"tokns": []}, "unknown key 'tokns' (did you mean 'tokens'?)"),
        ({}, "missing required key 'tokens'"),
    ]
    for values, message in cases:
        with pytest.raises(OptionError) as exc:
            build_options(_Opts, values)
        assert message in exc.value.message
