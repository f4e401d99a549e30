"""The Markdown reader against the CommonMark 0.31.2 examples (benchmarks/conformance.py).

The examples are read from ../shared/conformance at run time; the comparison rules
(what the reference text keeps and drops, whitespace, entities) are in docs/markdown.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "conformance.py"
_spec = importlib.util.spec_from_file_location("newslint_conformance", _PATH)
conformance = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules[_spec.name] = conformance  # type: ignore[union-attr]  # dataclasses look the module up
_spec.loader.exec_module(conformance)  # type: ignore[union-attr]

needs_spec = pytest.mark.skipif(
    not conformance.SPEC.is_file(), reason=f"CommonMark examples not found at {conformance.SPEC}"
)
THRESHOLD = 98.5


def _share(outcomes) -> float:
    return 100 * sum(o.equal for o in outcomes) / len(outcomes)


@needs_spec
@pytest.mark.parametrize("policy", [True, False], ids=["policy", "strict"])
def test_markdown_prose_equals_reference_text(policy: bool) -> None:
    outcomes = conformance.measure(conformance.load(), "markdown", policy=policy)
    assert len(outcomes) == 588  # 655 examples less the HTML blocks and Raw HTML sections
    report = conformance.summary(outcomes)
    print(f"markdown ({'policy' if policy else 'strict'}): {report}")
    assert _share(outcomes) >= THRESHOLD, report


@needs_spec
def test_the_measure_can_fail() -> None:
    """Plain text reading of the same Markdown leaks every marker: far below the bar."""
    examples = [ex for ex in conformance.load() if ex["section"] not in conformance.HTML_SECTIONS]
    from newslint.parse_view import read_source

    equal = sum(
        conformance.reference_text(ex["html"]) == conformance.normalise(read_source(ex["markdown"], "x.txt", "plain").prose)
        for ex in examples
    )
    assert 100 * equal / len(examples) < 60


@needs_spec
def test_html_reader_prose_equals_reference_text() -> None:
    """The HTML reader over the reference HTML itself: bare URLs and autolinks
    (an ``<a>`` whose text is its address) are dropped, as in Markdown."""
    outcomes = conformance.measure(conformance.load(), "html")
    report = conformance.summary(outcomes)
    print(f"html: {report}")
    assert _share(outcomes) >= THRESHOLD, report


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a <em>b</em>\nc</p>\n<p>d</p>", "a b c d"),
        ("<p>see <code>x</code>.</p>", "see."),
        ("<p>see <code>x</code> now</p>", "see now"),
        ('<p><a href="/u" title="t">link</a> &amp; &#35; &copy;</p>', "link & # ©"),
        ('<p><a href="https://a.example/%5B">https://a.example/[</a> x</p>', "x"),
        ('<p><a href="mailto:a@b.example">a@b.example</a></p>', ""),
        ('<p><img src="i.png" alt="alt text" /> caption</p>', "caption"),
        ("<pre><code>code\n</code></pre>\n<p>after</p>", "after"),
        ("<p>go to https://example.com/path. Then</p>", "go to. Then"),
        ("<p>a<br />\nb</p>", "a b"),
    ],
)
def test_reference_text_rules(html: str, text: str) -> None:
    assert conformance.reference_text(html) == text


def test_strict_reference_keeps_bare_urls() -> None:
    assert conformance.reference_text("<p>go to https://example.com/path. Then</p>", policy=False) == (
        "go to https://example.com/path. Then"
    )
