"""HTML parser: what is prose, which scope it gets, dates, and exact source mapping.

Fixture articles are fictional, written for these tests.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from html import unescape

import pytest
from docviews import assert_maps, blocks, texts
from invariants import check_document

from newslint.document import BLOCK_SEPARATOR, Document
from newslint.parsers import parse
from newslint.parsers.html import parse_html


def page(source: str) -> Document:
    doc, _ = parse_html(source, "story.html")
    check(doc)
    return doc


_TAGS = re.compile(r"<[^>]*>")


def check(doc: Document, words: bool = True) -> None:
    """Map invariants; whitespace collapsed; every word maps to itself (entities decoded).

    ``words=False`` when skipped content (``<rt>``, a swallowed attribute) may sit
    inside a word: its span then covers the skipped source too.
    """
    check_document(doc)
    assert doc.text == BLOCK_SEPARATOR.join(texts(doc))
    for text in texts(doc):
        assert text == text.strip(" \t\n\r\f")
        assert not re.search(r"[ \t\n\r\f]{2}|[\t\n\r\f]", text), text
    sm = doc.source_map
    for t, tl, s, sl, verbatim in zip(
        sm.text_starts, sm.text_lens, sm.source_starts, sm.source_lens, sm.verbatim, strict=True
    ):
        if not verbatim:
            text, src = doc.text[t : t + tl], doc.source[s : s + sl]
            assert (text == " " and not _TAGS.sub("", src).strip()) or unescape(src) == text, (text, src)
    for m in re.finditer(r"\w+", doc.text) if words else ():
        s, e = sm.to_source(m.start(), m.end())
        src = doc.source[s:e]
        assert src == m[0] or unescape(_TAGS.sub("", src)) == m[0], (m[0], src)


ARTICLE = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta property="article:published_time" content="2024-01-13T09:30:00Z">
  <title>Harbour bridge reopens | The Gazette</title>
  <style>p.byline { color: #333 }</style>
  <script>var s = "<p>not prose</p>"; if (a < b) {}</script>
  <noscript><p>Enable scripts</p></noscript>
</head>
<body>
<header class="site"><h1>The Harbourton Gazette</h1><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article>
  <h1>Harbour bridge reopens after repairs</h1>
  <h2>Commuters return to the span after a month</h2>
  <p class="byline">By <a rel="author" href="/staff/jdoe">Jane Doe</a></p>
  <p>HARBOURTON, Jan 12 - The harbour bridge reopened on Friday after a
     month of repairs, the city&#8217;s transport office said.</p>
  <p>Engineer Tom&aacute;s Reyes said the deck had been <em>fully</em> resurfaced.</p>
  <figure>
    <img src="bridge.jpg" alt="The bridge at dawn">
    <figcaption>Crews at work in December. Photo: Lee Park</figcaption>
  </figure>
  <h3>What changes</h3>
  <ul>
    <li>Buses return on Monday
    <li>Cyclists get a new lane
  </ul>
  <table>
    <tr><th>Route</th><th>Reopens</th></tr>
    <tr><td>Route 5</td><td>Monday</td></tr>
  </table>
  <blockquote><p>We are glad to have it back.</p></blockquote>
  <p class="photo-caption">The old toll booth.</p>
  <address>Reporting by Sam Okafor</address>
  <!-- newslint-disable words.repeated -->
  <template><p>Template text</p></template>
</article>
<footer><p>&copy; 2024 The Gazette</p></footer>
</body>
</html>
"""


def test_article_scopes_and_meta_date() -> None:
    doc, problems = parse_html(ARTICLE, "bridge.html")
    check(doc)
    assert problems == ()
    assert blocks(doc) == [
        ("heading", "The Harbourton Gazette"),
        ("headline", "Harbour bridge reopens after repairs"),
        ("deck", "Commuters return to the span after a month"),
        ("byline", "By Jane Doe"),
        ("dateline", "HARBOURTON, Jan 12 -"),
        (
            "paragraph",
            "The harbour bridge reopened on Friday after a month of repairs, "
            "the city’s transport office said.",
        ),
        ("paragraph", "Engineer Tomás Reyes said the deck had been fully resurfaced."),
        ("caption", "Crews at work in December. Photo: Lee Park"),
        ("heading", "What changes"),
        ("list", "Buses return on Monday"),
        ("list", "Cyclists get a new lane"),
        ("table", "Route"),
        ("table", "Reopens"),
        ("table", "Route 5"),
        ("table", "Monday"),
        ("blockquote", "We are glad to have it back."),
        ("caption", "The old toll booth."),
        ("byline", "Reporting by Sam Okafor"),
        ("paragraph", "© 2024 The Gazette"),
    ]
    assert doc.meta.date == dt.date(2024, 1, 13)
    assert doc.meta.date_source == "html meta"
    for hidden in (
        "not prose",
        "Enable scripts",
        "color",
        "Home",
        "bridge.jpg",
        "dawn",
        "Template",
        "newslint",
    ):
        assert hidden not in doc.text


def test_article_spans_map_exactly() -> None:
    doc = page(ARTICLE)
    assert_maps(doc, "Jane Doe")
    assert_maps(doc, "By Jane Doe", 'By <a rel="author" href="/staff/jdoe">Jane Doe')
    assert_maps(doc, "a month of", "a\n     month of")  # a whitespace run is one space
    assert_maps(doc, "city’s", "city&#8217;s")
    assert_maps(doc, "Tomás", "Tom&aacute;s")
    assert_maps(doc, "fully")
    assert_maps(doc, "©", "&copy;")


def test_parse_dispatches_on_extension() -> None:
    doc, _ = parse("<p>Hello <b>there</b></p>", "story.htm")
    assert doc.format == "html"
    assert texts(doc) == ["Hello there"]


def test_entities() -> None:
    source = (
        "<p>Caf&eacute; &amp; bar&#8217;s &#x2019;quote&#X2019; a&nbsp;b &amp legacy, AT&T, "
        "&copy2024, &notit; &bogus; &#0; &#x110000; &#128512; &#150; &lt;tag&gt;</p>"
    )
    doc = page(source)
    assert texts(doc) == [
        "Café & bar’s ’quote’ a\u00a0b & legacy, AT&T, ©2024, ¬it; &bogus; \ufffd \ufffd 😀 – <tag>"
    ]
    assert_maps(doc, "Café", "Caf&eacute;")
    assert_maps(doc, "&", "&amp;")
    assert_maps(doc, "’", "&#8217;")
    assert_maps(doc, "’quote’", "&#x2019;quote&#X2019;")
    assert_maps(doc, "\u00a0", "&nbsp;")
    assert_maps(doc, "& legacy", "&amp legacy")
    assert_maps(doc, "AT&T")
    assert_maps(doc, "©2024", "&copy2024")
    assert_maps(doc, "¬", "&not")
    assert_maps(doc, "&bogus;")
    assert_maps(doc, "😀", "&#128512;")
    assert_maps(doc, "–", "&#150;")  # C1 range: the Windows-1252 character
    assert_maps(doc, "<tag>", "&lt;tag&gt;")


def test_whitespace_collapses_and_maps() -> None:
    source = "<h1>T</h1><p>  One\ttwo  three\r\n   four five<br>six<br/>seven.\n</p>"
    doc = page(source)
    assert texts(doc) == ["T", "One two three four five six seven."]
    assert_maps(doc, "One two", "One\ttwo")
    assert_maps(doc, "two three", "two  three")
    assert_maps(doc, "three four", "three\r\n   four")
    assert_maps(doc, "four five")  # a single space stays verbatim
    assert_maps(doc, "five six", "five<br>six")
    assert_maps(doc, "six seven", "six<br/>seven")


def test_inline_tags_do_not_split_words_and_attributes_are_never_text() -> None:
    doc = page('<p>Un<b>believ</b>able <a href="http://example.com" title="A title">link</a> text</p>')
    assert texts(doc) == ["Unbelievable link text"]
    assert_maps(doc, "Unbelievable", "Un<b>believ</b>able")


def test_skipped_content() -> None:
    source = """\
<p>Before</p>
<script>document.write("<p>the the</p>")</script>
<style>.a{}</style>
<noscript>Turn on scripts</noscript>
<template><p>Template</p></template>
<svg><text>Chart label</text></svg>
<pre>code the the</pre>
<p>Use <code>the the</code> here.</p>
<p hidden>Hidden text</p>
<textarea>Typed text</textarea>
<select><option>Choice</option></select>
<button>Share</button>
<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>
<p>After</p>
"""
    doc, _ = parse_html(source, "x.html")
    check(doc, words=False)
    assert texts(doc) == ["Before", "Use here.", "漢字", "After"]
    assert_maps(doc, "漢字", "漢<rt>kan</rt>字")


def test_block_elements_split_text() -> None:
    doc = page("<div>Top text<p>Para one<p>Para two</div>Loose text<ul><li>A<li>B</ul><dl><dt>T<dd>D</dl>")
    assert texts(doc) == ["Top text", "Para one", "Para two", "Loose text", "A", "B", "T", "D"]


def test_scopes_from_classes_and_elements() -> None:
    source = """\
<h1>Ferry fares rise</h1>
<p class="standfirst">Operator blames fuel costs</p>
<div class="article-byline">By Ana Lima</div>
<p><span class="dateline">SOUTHPORT</span> — Fares will rise by two pct from April.</p>
<p>The operator said more. <span class="image-caption">Not a separate block</span></p>
<div class="caption">A ferry at dawn.</div>
<h2>Later heading</h2>
"""
    doc = page(source)
    assert blocks(doc) == [
        ("headline", "Ferry fares rise"),
        ("deck", "Operator blames fuel costs"),
        ("byline", "By Ana Lima"),
        ("dateline", "SOUTHPORT"),
        ("paragraph", "Fares will rise by two pct from April."),
        ("caption", "The operator said more. Not a separate block"),
        ("caption", "A ferry at dawn."),
        ("heading", "Later heading"),
    ]


def test_lead_rules_after_the_headline() -> None:
    source = (
        "<h1>Ferry service resumes</h1><p>Jane Doe<br>Jane Doein London</p>"
        "<p>LONDON - The ferry resumed on Monday.</p><p>LONDON - A second paragraph.</p>"
    )
    doc = page(source)
    assert blocks(doc) == [
        ("headline", "Ferry service resumes"),
        ("byline", "Jane Doe"),
        ("byline", "Jane Doein London"),
        ("dateline", "LONDON -"),
        ("paragraph", "The ferry resumed on Monday."),
        ("paragraph", "LONDON - A second paragraph."),
    ]
    assert_maps(doc, "Doein")


def test_headline_without_article() -> None:
    doc = page("<p>Menu text</p><h1>Ferry fares rise</h1><h1>Another</h1>")
    assert blocks(doc) == [
        ("paragraph", "Menu text"),
        ("headline", "Ferry fares rise"),
        ("heading", "Another"),
    ]
    doc = page("<h2>Ferry fares rise</h2><p>Fares rose.</p>")
    assert blocks(doc)[0] == ("headline", "Ferry fares rise")
    doc = page("<p>LONDON - Fares rose on Friday.</p>")
    assert blocks(doc) == [("dateline", "LONDON -"), ("paragraph", "Fares rose on Friday.")]


def test_time_element_date_and_precedence() -> None:
    doc = page(
        '<p>Updated <time datetime="2024-02-03T10:00">Saturday</time></p><time datetime="2025-01-01">x</time>'
    )
    assert (doc.meta.date, doc.meta.date_source) == (dt.date(2024, 2, 3), "time element")
    both = '<meta property="article:published_time" content="2024-05-06"><p><time datetime="2024-02-03">x</time></p>'
    doc = page(both)
    assert (doc.meta.date, doc.meta.date_source) == (dt.date(2024, 5, 6), "html meta")
    doc = page("---\ndate: 2023-12-31\n---\n" + both)
    assert (doc.meta.date, doc.meta.date_source) == (dt.date(2023, 12, 31), "front matter")
    assert "date" not in doc.text
    doc = page("date 2023-11-30 Gazette\n" + both)
    assert (doc.meta.date, doc.meta.date_source) == (dt.date(2023, 11, 30), "header line")
    doc = page('<meta property="article:published_time" content="soon"><p>x</p>')
    assert doc.meta.date is None


def test_bom_crlf_and_tabs() -> None:
    source = "\ufeff<h1>Ferry\tfares rise</h1>\r\n<p>SOUTHPORT - Fares\r\n\twill rise.</p>\r\n"
    doc = page(source)
    assert blocks(doc) == [
        ("headline", "Ferry fares rise"),
        ("dateline", "SOUTHPORT -"),
        ("paragraph", "Fares will rise."),
    ]
    assert_maps(doc, "Ferry fares", "Ferry\tfares")
    assert_maps(doc, "Fares will", "Fares\r\n\twill")
    doc = page("\ufeffdate 2024-01-13 Gazette\n<p>Text.</p>")
    assert doc.meta.date == dt.date(2024, 1, 13)
    assert texts(doc) == ["Text."]


def test_non_ascii_maps_by_code_point() -> None:
    doc = page(
        "<h1>東京の新しい橋</h1><p>Jose\u0301 Nu&ntilde;ez opened the <b>東京</b> café 🎉 on Monday.</p>"
    )
    assert texts(doc) == ["東京の新しい橋", "Jose\u0301 Nuñez opened the 東京 café 🎉 on Monday."]
    assert_maps(doc, "Jose\u0301")
    assert_maps(doc, "Nuñez", "Nu&ntilde;ez")
    assert_maps(doc, "東京", nth=1)
    assert_maps(doc, "café 🎉")


def test_unclosed_comment_runs_to_end_of_file() -> None:
    source = "<p>Kept</p><!-- never closed <p>Hidden</p>"
    doc, problems = parse_html(source, "x.html")
    check(doc)
    assert texts(doc) == ["Kept"]
    assert problems == (
        (source.index("<!--"), "HTML comment '<!--' is never closed; the rest of the file is not read"),
    )


def test_unclosed_script_runs_to_end_of_file() -> None:
    source = "<p>Kept</p><script>var a = 1; <p>Hidden</p>"
    doc, problems = parse_html(source, "x.html")
    assert texts(doc) == ["Kept"]
    assert problems == (
        (source.index("<script"), "<script> is never closed; the rest of the file is not read"),
    )


def test_stray_angle_brackets_and_bogus_markup() -> None:
    doc = page("<p>a < b, 3 <4, x<3 and <> and </> and <!doctype x> and <?php ?> end</p>")
    assert texts(doc) == ["a < b, 3 <4, x<3 and <> and and and end"]
    doc = page("<p>Kept <a href='x")
    assert texts(doc) == ["Kept"]
    doc = page('<p title="a > b">Quoted &gt; attribute</p>')
    assert texts(doc) == ["Quoted > attribute"]
    doc = page('<p title="never closed>Text after</p><p>Next</p>')
    check_document(doc)


def test_unknown_and_mismatched_end_tags() -> None:
    doc = page("<div><p>One</span></b></p></section>Two</div></div></p>Three")
    assert texts(doc) == ["One", "Two", "Three"]
    doc = page("<h2>Open heading</h3><p>Body</p>")
    assert texts(doc) == ["Open heading", "Body"]


def test_deep_nesting_without_recursion() -> None:
    depth = 10000
    doc = page("<div>" * depth + "Deep text" + "</div>" * depth + "<p>After</p>")
    assert texts(doc) == ["Deep text", "After"]
    doc = page("<div><span>" * depth + "Unclosed deep")
    assert texts(doc) == ["Unclosed deep"]
    doc = page("<blockquote>" * depth + "<p>Quoted</p>")
    assert blocks(doc) == [("blockquote", "Quoted")]
    doc = page("<ul><li>" * depth + "Item")
    assert blocks(doc) == [("list", "Item")]
    doc = page("<p><table><tr><td>" + "<div>" * depth + "Cell" + "</span>" * depth)
    assert blocks(doc) == [("table", "Cell")]


@pytest.mark.parametrize(
    "source",
    [
        "a < b <c " * 20000,
        "<a " * 20000,
        '<a title="x>' + "text " * 20000,
        '<a title="x>' * 20000,
        "<!-- x --> y " * 20000,
        "&amp&ampere;&#99999999999999;&#x;&" * 5000,
        "</" * 20000,
        "<p>" * 20000,
        "<li>" * 20000,
        "<td>" * 20000,
        "<h1><h2>" * 10000,
        "<head><p>x" * 5000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_pathological_input_is_fine(source: str) -> None:
    doc, _ = parse_html(source, "x.html")
    check_document(doc)


def test_random_html_keeps_the_map_invariants() -> None:
    rng = random.Random(20240113)
    alphabet = ["a", "b", " ", "\n", "  ", "\t", "\r\n", "<p>", "</p>", "<div>", "</div>", "<li>", "<td>",
                "<b>", "</b>", "<br>", "<", ">", "&", "&amp;", "&amp", "&#8217;", "&nbsp;", "<!--", "-->",
                "<script>", "</script>", '<a href="', '">', "'", "<h1>", "</h1>", "é", "東", "🎉",
                '<span class="dateline">', "</span>", "<head>", "<time datetime=2024-01-01>"]  # fmt: skip
    for _ in range(400):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        doc, _ = parse_html(source, "fuzz.html")
        check(doc, words=False)


def test_bare_urls_and_autolinks_are_not_prose() -> None:
    doc = page(
        "<p>Details at https://council.example/budget?y=2026&amp;p=2 (page two).</p>\n"
        '<p>Write to <a href="mailto:desk@paper.example">desk@paper.example</a> or see '
        '<a href="https://paper.example/x">our guide</a>.</p>\n'
    )
    assert texts(doc) == ["Details at (page two).", "Write to or see our guide."]


def test_an_unclosed_link_is_read_as_text() -> None:
    doc = page('<p>See <a href="https://x.example">the report and more</p>')
    assert texts(doc) == ["See the report and more"]
