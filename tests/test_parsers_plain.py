"""Plain-text parser: wire and web layouts, line endings, and exact source mapping.

Fixture articles are fictional, written for these tests.
"""

from __future__ import annotations

import re

from newslint.document import BLOCK_SEPARATOR, Document
from newslint.parsers.plain import parse_plain


def blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.scope, doc.block_text(b)) for b in doc.blocks]


def mapped(doc: Document, needle: str, nth: int = 0) -> str:
    """The source text behind the ``nth`` occurrence of ``needle`` in ``doc.text``."""
    index = -1
    for _ in range(nth + 1):
        index = doc.text.index(needle, index + 1)
    s, e = doc.source_map.to_source(index, index + len(needle))
    return doc.source[s:e]


def check_map(doc: Document) -> None:
    """Every verbatim piece copies the source; every word maps back to itself."""
    sm = doc.source_map
    for t, tl, s, sl, verbatim in zip(
        sm.text_starts, sm.text_lens, sm.source_starts, sm.source_lens, sm.verbatim, strict=True
    ):
        if verbatim:
            assert doc.text[t : t + tl] == doc.source[s : s + sl]
        else:
            assert doc.text[t : t + tl] == " " and not doc.source[s : s + sl].strip()
    assert doc.text == BLOCK_SEPARATOR.join(doc.block_text(b) for b in doc.blocks)
    for m in re.finditer(r"\S+", doc.text):
        s, e = sm.to_source(m.start(), m.end())
        assert doc.source[s:e] == m[0]


REUTERS = """\
LAKESIDE HARBOUR RAISES DOCK FEES

    By Claire Miller, Reuters
    CLEVELAND, Feb 26 - The Lakeside Harbour Authority said it
would raise dock fees by four pct from April 1.
    The authority said the increase would pay for two new
cranes, due in 1988.
 Reuter
"""


def test_reuters_layout() -> None:
    doc, problems = parse_plain(REUTERS, "wire.txt")
    assert problems == ()
    assert blocks(doc) == [
        ("headline", "LAKESIDE HARBOUR RAISES DOCK FEES"),
        ("byline", "By Claire Miller, Reuters"),
        ("dateline", "CLEVELAND, Feb 26 -"),
        (
            "paragraph",
            "The Lakeside Harbour Authority said it would raise dock fees by four pct from April 1.",
        ),
        ("paragraph", "The authority said the increase would pay for two new cranes, due in 1988."),
        ("paragraph", "Reuter"),
    ]
    check_map(doc)


def test_joined_hard_wrapped_line_maps_to_the_line_break() -> None:
    doc, _ = parse_plain(REUTERS, "wire.txt")
    assert mapped(doc, "said it would") == "said it\nwould"
    assert mapped(doc, "new cranes") == "new\ncranes"
    assert mapped(doc, "would raise") == "would raise"
    # A span that starts or ends on the joining space still maps inside the source.
    assert mapped(doc, "it would")[0] == "i"


BBC = """\
Council backs plan for new library

The town council has backed plans for a new central library on the old market site.

Councillor Amara Singh said the building would open in 2026.

"It is a good day for readers," she said.
"""


def test_bbc_layout_one_paragraph_per_line() -> None:
    doc, _ = parse_plain(BBC, "bbc.txt")
    assert blocks(doc) == [
        ("headline", "Council backs plan for new library"),
        ("paragraph", "The town council has backed plans for a new central library on the old market site."),
        ("paragraph", "Councillor Amara Singh said the building would open in 2026."),
        ("paragraph", '"It is a good day for readers," she said.'),
    ]
    check_map(doc)


def test_crlf_line_endings() -> None:
    source = BBC.replace("\n", "\r\n")
    doc, _ = parse_plain(source, "bbc.txt")
    assert [text for _, text in blocks(doc)] == [text for _, text in blocks(parse_plain(BBC)[0])]
    assert "\r" not in doc.text
    check_map(doc)


def test_crlf_hard_wrapped_join_covers_the_carriage_return() -> None:
    doc, _ = parse_plain("Title line\r\n\r\nThe ferry left\r\nat noon.\r\n")
    assert blocks(doc)[1] == ("paragraph", "The ferry left at noon.")
    assert mapped(doc, "left at") == "left\r\nat"


def test_tabs_stay_verbatim_and_map() -> None:
    doc, _ = parse_plain("Ferry news\n\nThe ferry\tleft at noon, officials said.\n")
    assert blocks(doc)[1] == ("paragraph", "The ferry\tleft at noon, officials said.")
    assert mapped(doc, "ferry\tleft") == "ferry\tleft"
    check_map(doc)


def test_tab_indented_first_lines_split_paragraphs() -> None:
    source = (
        "FERRY FARES RISE\n\n\tSOUTHPORT, March 3 - Fares will rise\nby two pct.\n\tThe operator said more.\n"
    )
    doc, _ = parse_plain(source)
    assert blocks(doc) == [
        ("headline", "FERRY FARES RISE"),
        ("dateline", "SOUTHPORT, March 3 -"),
        ("paragraph", "Fares will rise by two pct."),
        ("paragraph", "The operator said more."),
    ]
    check_map(doc)


def test_byline_lines_stay_separate_so_a_fused_word_is_visible() -> None:
    source = "Ferry service resumes\n\nJane Doe\nJane Doein London\n\nLONDON - The ferry service resumed on Monday.\n"
    doc, _ = parse_plain(source)
    assert blocks(doc) == [
        ("headline", "Ferry service resumes"),
        ("byline", "Jane Doe"),
        ("byline", "Jane Doein London"),
        ("dateline", "LONDON -"),
        ("paragraph", "The ferry service resumed on Monday."),
    ]
    assert mapped(doc, "Doein") == "Doein"
    check_map(doc)


def test_header_date_line_is_metadata_not_prose() -> None:
    source = "date 2024-01-13 The Harbourton Gazette\nFerry fares rise\n\nFares rose on Friday, the operator said.\n"
    doc, _ = parse_plain(source)
    assert str(doc.meta.date) == "2024-01-13"
    assert doc.meta.date_source == "header line"
    assert blocks(doc) == [
        ("headline", "Ferry fares rise"),
        ("paragraph", "Fares rose on Friday, the operator said."),
    ]
    check_map(doc)


def test_directive_comment_lines_are_not_prose() -> None:
    source = "Ferry fares rise\n\n<!-- newslint-disable words.repeated -->\nFares rose on Friday.\n"
    doc, _ = parse_plain(source)
    assert "newslint" not in doc.text


def test_non_ascii_maps_by_code_point() -> None:
    source = "Café opens\n\nJose\u0301 Nu\u00f1ez opened the 東京 café 🎉 on Monday.\n"
    doc, _ = parse_plain(source)
    assert mapped(doc, "Jose\u0301") == "Jose\u0301"
    assert mapped(doc, "東京") == "東京"
    assert mapped(doc, "🎉") == "🎉"
    check_map(doc)


def test_bom_before_header_date_line() -> None:
    source = "\ufeffdate 2024-01-13 The Gazette\nFerry fares rise\n\nFares rose on Friday.\n"
    doc, problems = parse_plain(source)
    assert problems == () and str(doc.meta.date) == "2024-01-13"
    assert doc.text.startswith("Ferry fares rise")


def test_wire_datelines_with_state_and_no_space_and_table_rows() -> None:
    def scopes(source: str) -> list[tuple[str, str]]:
        doc, _ = parse_plain(source)
        return [(b.scope, doc.text[b.start : b.end]) for b in doc.blocks]

    table = "ACME CORP <ACM> 1ST QTR NET\n\n    Shr 12 cts vs 10 cts\n    Net 1.2 mln vs 1.0 mln\n"
    assert scopes(table)[1][0] == "paragraph"  # an earnings table is body copy, not a deck
    assert ("dateline", "CUMBERLAND, R.I., March 13 -") in scopes(
        "ACME PROFIT UP\n\nCUMBERLAND, R.I., March 13 - Acme Corp said profits rose.\n"
    )
    assert ("dateline", "OTTAWA, Oct 2-") in scopes("CANADA TO ACT\n\nOTTAWA, Oct 2-Canada said it would act.\n")
    assert ("dateline", "NEW YORK, March 17 -") in scopes(
        "RATES FALL\n\nNEW YORK, March 17 -\n\nRates fell sharply on Tuesday, dealers said.\n"
    )


def test_caps_headline_ending_in_an_abbreviation() -> None:
    doc, _ = parse_plain("TRADE GAP WIDENS IN U.S.\n\n    WASHINGTON, March 3 - The gap widened.\n")
    assert [b.scope for b in doc.blocks] == ["headline", "dateline", "paragraph"]
    doc, _ = parse_plain("The talks ended.\n\nMore text follows here.\n")
    assert doc.blocks[0].scope != "headline"


def test_caps_headline_ending_in_a_full_stop() -> None:
    doc, _ = parse_plain("BANK WINS HARBOUR NOTE.\n\n    By Jane Doe, Reuters\n    LONDON, March 3 - The bank won.\n")
    assert [b.scope for b in doc.blocks] == ["headline", "byline", "dateline", "paragraph"]


def test_bylines_and_a_bare_dateline_above_a_table_are_lead_blocks() -> None:
    src = "PORT GAINS\n\n    By Jane Doe, Reuters\n    By Jane Doe, Reuters\n    OSLO, May 2 -\n    Shr 1.2 vs 1.1\n    Net 4 vs 3\n"
    assert blocks(parse_plain(src)[0]) == [
        ("headline", "PORT GAINS"),
        ("byline", "By Jane Doe, Reuters"),
        ("byline", "By Jane Doe, Reuters"),
        ("dateline", "OSLO, May 2 -"),
        ("paragraph", "Shr 1.2 vs 1.1 Net 4 vs 3"),
    ]
