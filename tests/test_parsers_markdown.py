"""Markdown parser: what is prose, which scope it gets, and exact source mapping.

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
from newslint.parsers.markdown import parse_markdown


def md(source: str) -> Document:
    doc, _ = parse_markdown(source, "story.md")
    check(doc)
    return doc


_MARKUP = re.compile(r"<[^>]*>|[*_~\\]")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def check(doc: Document) -> None:
    """Map invariants, and every word maps to itself, or to itself written with markup."""
    check_document(doc)
    assert doc.text == BLOCK_SEPARATOR.join(texts(doc))
    for text in texts(doc):
        assert text == text.strip() and "\n" not in text
    sm = doc.source_map
    for m in re.finditer(r"\w+", doc.text):
        s, e = sm.to_source(m.start(), m.end())
        src = doc.source[s:e]
        assert src == m[0] or m[0] in (_ESCAPE.sub(r"\1", src), _MARKUP.sub("", unescape(src))), (m[0], src)


ARTICLE = """\
---
title: Harbour bridge reopens
date: 2024-01-13
tags: [transport]
---

# Harbour bridge reopens after repairs

## Commuters return to the span after a month

*By Jane Doe*

HARBOURTON, Jan 12 - The **harbour bridge** reopened on Friday after a
month of repairs, the city's transport office said.

Engineer Tomas Reyes said the deck had been _fully_ resurfaced.

Crews at work on the deck in December. Photo: Lee Park

### What changes

- Buses return to the bridge on Monday
- Cyclists get a new lane

> "We are glad to have it back," said
> commuter Ana Lima.
"""


def test_article_scopes_and_front_matter() -> None:
    doc, problems = parse_markdown(ARTICLE, "bridge.md")
    check(doc)
    assert problems == ()
    assert blocks(doc) == [
        ("headline", "Harbour bridge reopens after repairs"),
        ("deck", "Commuters return to the span after a month"),
        ("byline", "By Jane Doe"),
        ("dateline", "HARBOURTON, Jan 12 -"),
        (
            "paragraph",
            "The harbour bridge reopened on Friday after a month of repairs, "
            "the city's transport office said.",
        ),
        ("paragraph", "Engineer Tomas Reyes said the deck had been fully resurfaced."),
        ("caption", "Crews at work on the deck in December. Photo: Lee Park"),
        ("heading", "What changes"),
        ("list", "Buses return to the bridge on Monday"),
        ("list", "Cyclists get a new lane"),
        ("blockquote", '"We are glad to have it back," said commuter Ana Lima.'),
    ]
    assert doc.meta.date == dt.date(2024, 1, 13)
    assert doc.meta.date_source == "front matter"
    assert doc.meta.front_matter["tags"] == ["transport"]
    assert "title:" not in doc.text


def test_article_spans_map_exactly() -> None:
    doc = md(ARTICLE)
    assert_maps(doc, "harbour bridge")  # inside **…**: the markers are not part of the span
    assert_maps(doc, "By Jane Doe")
    assert_maps(doc, "fully")
    assert_maps(doc, "a month of", "a\nmonth of")  # joined hard-wrapped line
    assert_maps(doc, "said commuter", "said\n> commuter")  # the '>' marker is inside the join
    assert_maps(doc, "commuter Ana Lima")
    assert_maps(doc, "HARBOURTON, Jan 12 -")


def test_parse_dispatches_on_extension() -> None:
    doc, _ = parse("# Title\n\nBody *text*.\n", "story.markdown")
    assert doc.format == "markdown"
    assert texts(doc) == ["Title", "Body text."]


def test_header_date_line() -> None:
    doc = md("date 2024-02-01 The Harbourton Gazette\n# Ferry fares rise\n\nFares rose on Friday.\n")
    assert doc.meta.date == dt.date(2024, 2, 1)
    assert doc.meta.date_source == "header line"
    assert blocks(doc) == [("headline", "Ferry fares rise"), ("paragraph", "Fares rose on Friday.")]


def test_bom_before_front_matter_and_before_header_date() -> None:
    doc = md("\ufeff---\ndate: 2024-03-08\n---\n# Title\n\nBody.\n")
    assert doc.meta.date == dt.date(2024, 3, 8)
    assert texts(doc) == ["Title", "Body."]
    doc = md("\ufeffdate 2024-03-09 Gazette\n# Title\n\nBody.\n")
    assert doc.meta.date == dt.date(2024, 3, 9)
    assert texts(doc) == ["Title", "Body."]
    doc = md("\ufeff# Title\n\nBody.\n")
    assert "\ufeff" not in doc.text
    assert blocks(doc)[0] == ("headline", "Title")


def test_crlf_and_tabs() -> None:
    source = "# Ferry\tfares rise\r\n\r\nLONDON - Fares rose\r\n\ton Friday.\r\n\r\n- one\titem\r\n"
    doc = md(source)
    assert blocks(doc) == [
        ("headline", "Ferry\tfares rise"),
        ("dateline", "LONDON -"),
        ("paragraph", "Fares rose on Friday."),
        ("list", "one\titem"),
    ]
    assert "\r" not in doc.text
    assert_maps(doc, "rose on", "rose\r\n\ton")
    assert_maps(doc, "Ferry\tfares")


def test_code_is_never_prose() -> None:
    source = """\
# Budget

Use the `the the` helper.

```python
print("the the")
```

~~~
the the
~~~

    the the indented

Back to prose.

````
``` not a closing fence
the the
````

After.
"""
    doc = md(source)
    assert "the the" not in doc.text
    assert texts(doc) == ["Budget", "Use the helper.", "Back to prose.", "After."]


def test_unclosed_fence_runs_to_the_end() -> None:
    doc = md("# T\n\nBefore.\n\n```\ncode the the\n\nmore code\n")
    assert texts(doc) == ["T", "Before."]


def test_indented_line_continues_a_paragraph() -> None:
    doc = md("The ferry left\n    at noon.\n")
    assert texts(doc) == ["The ferry left at noon."]


def test_links_images_urls_autolinks() -> None:
    source = (
        "# T\n\n"
        'Read [the full report](https://example.com/report?id=1 "The report") today.\n'
        "![A photo of the pier](pier.jpg) The pier opened.\n"
        "See <https://example.com/a> or https://example.com/b, or www.example.org.\n"
        "Mail <editor@example.com> or see [the notes][notes] and [Notes].\n"
        "Keep [sic] and [brackets] that are not links.\n\n"
        '[notes]: https://example.com/notes "Notes"\n'
    )
    doc = md(source)
    text = doc.text
    for hidden in ("example", "http", "pier.jpg", "A photo", "The report", "editor@"):
        assert hidden not in text
    assert texts(doc)[1] == (
        "Read the full report today. The pier opened. See or, or. Mail or see the notes and Notes. "
        "Keep [sic] and [brackets] that are not links."
    )
    assert_maps(doc, "the full report")
    assert_maps(doc, "the notes")
    assert_maps(doc, "[sic]")


def test_link_text_keeps_emphasis_and_code_rules() -> None:
    doc = md("[**Bold** link `code`](http://example.com) end\n")
    assert texts(doc) == ["Bold link end"]
    assert_maps(doc, "Bold")


def test_emphasis_markers_are_skipped_and_map_exactly() -> None:
    doc = md("# T\n\nSaid **Jane Doe**, *a* __lead__ _writer_ and ***both*** ~~gone~~.\n")
    assert texts(doc)[1] == "Said Jane Doe, a lead writer and both gone."
    for word in ("Jane Doe", "a", "lead", "writer", "both", "gone"):
        assert_maps(doc, word, nth=0 if word != "a" else 1)


def test_literal_asterisks_and_underscores_stay() -> None:
    doc = md("# T\n\nIt costs 2 * 3 dollars, snake_case_name stays, and so does 5*.\n")
    assert texts(doc)[1] == "It costs 2 * 3 dollars, snake_case_name stays, and so does 5*."


def test_backslash_escapes_map_to_the_escape() -> None:
    doc = md("# T\n\nA \\*starred\\* word and a \\_score\\_ and C:\\path.\n")
    assert texts(doc)[1] == "A *starred* word and a _score_ and C:\\path."
    assert_maps(doc, "*starred*", "\\*starred\\*")
    assert_maps(doc, "C:\\path")


def test_hard_breaks_are_spaces() -> None:
    doc = md("The ferry left  \nat noon and\\\nreturned.\n")
    assert texts(doc) == ["The ferry left at noon and returned."]
    assert_maps(doc, "and returned", "and\\\nreturned")


def test_entities_decode_and_map_to_the_entity() -> None:
    doc = md("# T\n\nCaf&eacute; owner&#8217;s &amp; mayor&#x2019;s row&nbsp;ends. &bogus; stays.\n")
    assert texts(doc)[1] == "Café owner’s & mayor’s row\u00a0ends. &bogus; stays."
    assert_maps(doc, "Café", "Caf&eacute;")
    assert_maps(doc, "’", "&#8217;")
    assert_maps(doc, "&", "&amp;")
    assert_maps(doc, "mayor’s", "mayor&#x2019;s")
    assert_maps(doc, "\u00a0", "&nbsp;")
    assert_maps(doc, "&bogus;")


def test_html_comments() -> None:
    source = """\
# T

<!-- newslint-disable words.repeated -->
First paragraph.

<!--
A multi-line
comment the the
-->

Second <!-- inline --> paragraph.

Third <!-- spans
two lines --> paragraph.

<!-- note --> Text after a comment line.
"""
    doc, problems = parse_markdown(source, "c.md")
    check(doc)
    assert problems == ()
    assert texts(doc) == [
        "T",
        "First paragraph.",
        "Second paragraph.",
        "Third paragraph.",
        "Text after a comment line.",
    ]


def test_unclosed_comment_runs_to_end_of_file() -> None:
    source = "# T\n\nKept.\n\n<!-- never closed\n\nHidden the the.\n"
    doc, problems = parse_markdown(source, "c.md")
    check(doc)
    assert texts(doc) == ["T", "Kept."]
    assert problems == (
        (source.index("<!--"), "HTML comment '<!--' is never closed; the rest of the file is not read"),
    )
    source = "# T\n\nKept <!-- inline\n\nHidden.\n"
    doc, problems = parse_markdown(source, "c.md")
    check(doc)
    assert texts(doc) == ["T", "Kept"]
    assert [offset for offset, _ in problems] == [source.index("<!--")]


def test_inline_html_tags_are_skipped() -> None:
    doc = md(
        '# T\n\nA <span class="x">styled</span> word,<br>then <b>bold</b>.\n\n<div>One</div><div>Two</div>\n'
    )
    assert texts(doc) == ["T", "A styled word, then bold.", "One", "Two"]
    assert_maps(doc, "styled")
    assert "class" not in doc.text


def test_raw_html_blocks_are_skipped() -> None:
    doc = md("# T\n\n<script>\nvar a = 'the the';\n</script>\n\n<style>p {}</style>\n\nAfter.\n")
    assert texts(doc) == ["T", "After."]


def test_lists_one_block_per_item() -> None:
    source = """\
# T

Body paragraph.

- First item
  wrapped lazily
- Second item

  with a second paragraph
  1. Nested ordered
  2. Another
* Star item
+ Plus item

3) Paren item
"""
    doc = md(source)
    assert blocks(doc)[2:] == [
        ("list", "First item wrapped lazily"),
        ("list", "Second item"),
        ("list", "with a second paragraph"),
        ("list", "Nested ordered"),
        ("list", "Another"),
        ("list", "Star item"),
        ("list", "Plus item"),
        ("list", "Paren item"),
    ]
    assert_maps(doc, "item wrapped", "item\n  wrapped")


def test_numbers_do_not_start_lists_inside_a_paragraph() -> None:
    doc = md("The council met in\n2019. It agreed.\n")
    assert texts(doc) == ["The council met in 2019. It agreed."]


def test_blockquotes_strip_markers_via_the_source_map() -> None:
    doc = md("Intro text here.\n\n> Quoted text on\n> two lines.\n>\n> > Nested quote.\n")
    assert blocks(doc)[1:] == [
        ("blockquote", "Quoted text on two lines."),
        ("blockquote", "Nested quote."),
    ]
    assert_maps(doc, "two lines")
    assert_maps(doc, "on two", "on\n> two")
    assert_maps(doc, "Nested quote.")


def test_tables_one_block_per_cell() -> None:
    source = """\
# T

Body.

| Name | Role |
|------|:----:|
| Ana Lima | Mayor \\| chair |
| Bo Chen | *Clerk* |

After.
"""
    doc = md(source)
    assert blocks(doc)[2:] == [
        ("table", "Name"),
        ("table", "Role"),
        ("table", "Ana Lima"),
        ("table", "Mayor | chair"),
        ("table", "Bo Chen"),
        ("table", "Clerk"),
        ("paragraph", "After."),
    ]
    assert "---" not in doc.text
    assert_maps(doc, "Mayor | chair", "Mayor \\| chair")
    assert_maps(doc, "Clerk")


def test_headings() -> None:
    doc = md(
        "Intro paragraph here.\n\n# Real headline #\n\nText.\n\nSection\n-------\n\nMore.\n\n## Sub ##\n"
    )
    assert blocks(doc) == [
        ("paragraph", "Intro paragraph here."),
        ("headline", "Real headline"),
        ("paragraph", "Text."),
        ("heading", "Section"),
        ("paragraph", "More."),
        ("heading", "Sub"),
    ]


def test_first_heading_is_headline_when_it_is_the_first_block() -> None:
    doc = md("## Ferry fares rise\n\nFares rose.\n\n# Later level one\n")
    assert blocks(doc) == [
        ("headline", "Ferry fares rise"),
        ("paragraph", "Fares rose."),
        ("heading", "Later level one"),
    ]
    doc = md("Ferry fares rise\n================\n\nFares rose.\n")
    assert blocks(doc)[0] == ("headline", "Ferry fares rise")


def test_headline_like_first_line_without_headings() -> None:
    doc = md("Ferry fares rise\n\nFares rose on Friday, the operator said.\n")
    assert blocks(doc) == [
        ("headline", "Ferry fares rise"),
        ("paragraph", "Fares rose on Friday, the operator said."),
    ]


def test_lead_lines_split_into_byline_and_deck() -> None:
    doc = md(
        "# Ferry service resumes\n\nJane Doe\nJane Doein London\n\nLONDON - The ferry resumed on Monday.\n"
    )
    assert blocks(doc) == [
        ("headline", "Ferry service resumes"),
        ("byline", "Jane Doe"),
        ("byline", "Jane Doein London"),
        ("dateline", "LONDON -"),
        ("paragraph", "The ferry resumed on Monday."),
    ]
    assert_maps(doc, "Doein")


def test_dateline_is_looked_for_on_the_first_line_only() -> None:
    doc = md("# T\n\nLONDON - The ferry\nresumed on Monday.\n")
    assert blocks(doc)[1:] == [("dateline", "LONDON -"), ("paragraph", "The ferry resumed on Monday.")]
    doc = md("# T\n\nLONDON -\nThe ferry resumed on Monday.\n")  # a dateline on a line of its own
    assert blocks(doc)[1:] == [("dateline", "LONDON -"), ("paragraph", "The ferry resumed on Monday.")]


def test_bylines_typed_above_the_story_are_blocks_of_their_own() -> None:
    doc = md("# T\n\nBy Jane Doe, Reuters\nBy Jane Doe, Reuters\nLONDON -\nShr 1.2 vs 1.1\nNet 4 vs 3\n")
    assert blocks(doc)[1:] == [
        ("byline", "By Jane Doe, Reuters"),
        ("byline", "By Jane Doe, Reuters"),
        ("dateline", "LONDON -"),
        ("paragraph", "Shr 1.2 vs 1.1 Net 4 vs 3"),
    ]


def test_directive_only_lines_are_never_prose() -> None:
    doc = md(
        "# T\n\n<!-- newslint-disable words.repeated -->\n\nThe the text.\n\n  <!-- newslint-enable -->\n"
    )
    assert texts(doc) == ["T", "The the text."]


def test_non_ascii_text_maps_by_code_point() -> None:
    source = "# 東京の新しい橋\n\nJose\u0301 Nu\u00f1ez opened the **東京** café 🎉 on Monday.\n"
    doc = md(source)
    assert texts(doc) == ["東京の新しい橋", "Jose\u0301 Nu\u00f1ez opened the 東京 café 🎉 on Monday."]
    assert_maps(doc, "Jose\u0301")
    assert_maps(doc, "東京", nth=1)
    assert_maps(doc, "🎉 on")
    assert_maps(doc, "café")


@pytest.mark.parametrize(
    "source",
    [
        ">" * 10000 + " deep quote\n",
        "".join("  " * i + "- item\n" for i in range(2000)),
        "[" * 20000 + "]" * 20000,
        "[a](" * 20000,
        "*a " * 20000 + "_b " * 20000,
        "`" * 5000 + "x" + "``" * 5000,
        "<a b c " * 20000,
        "![a " * 10000 + "](u)" * 10000,
        "&" * 20000 + "&#" * 10000 + "&amp" * 10000,
        "\\" * 20001,
        "<!--" * 10000,
        "| a |\n|---|\n" * 5000,
        "- " * 20000,
        "> - # x\n" * 5000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_pathological_input_is_fine(source: str) -> None:
    doc, _ = parse_markdown(source, "x.md")
    check_document(doc)


def test_random_markdown_keeps_the_map_invariants() -> None:
    rng = random.Random(20240113)
    alphabet = ["a", "b", " ", "\n", "\n\n", "*", "_", "`", "```", "~", "[", "]", "(", ")", "!", "<",
                ">", "<!--", "-->", "&amp;", "&", "#", "# ", "- ", "1. ", "|", "---", "\\", "\t", "\r\n",
                "é", "東", "🎉", "http://x.y", "<br>", "<p>", "    "]  # fmt: skip
    for _ in range(400):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        doc, _ = parse_markdown(source, "fuzz.md")
        check_document(doc)
        for b in doc.blocks:
            assert doc.block_text(b) == doc.block_text(b).strip()
