"""``newslint parse``: the blocks newslint reads, with scopes, dates and exact positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelpers import run_cli

STORY_MD = """\
---
date: 2024-03-05
---
# Harbour plan wins council vote

By Jane Roe

The *council* voted on [Tuesday](https://example.org/vote "the vote") to fund the `harbour_v2` plan.

> "We are pleased," said Mayor Ann Lee.

- Work starts in May
- It ends in 2026
"""

STORY_HTML = """\
<html><head><meta property="article:published_time" content="2023-11-02T08:00:00Z"></head>
<body><h1>Ferry &amp; bus fares frozen</h1>
<p>Fares stay at <b>today's</b> level, the operator said.</p>
<script>var x = "not prose";</script>
</body></html>
"""


def _offset(source: str, line: int, column: int) -> int:
    return sum(len(x) for x in source.splitlines(keepends=True)[: line - 1]) + column - 1


def _parse_json(*args: str, stdin: str = "") -> tuple[int, dict, str]:
    r = run_cli(["parse", "--format", "json", *args], stdin=stdin)
    return r.code, json.loads(r.out), r.err


@pytest.fixture
def story(tmp_path: Path) -> Path:
    p = tmp_path / "story.md"
    p.write_text(STORY_MD, encoding="utf-8")
    return p


def test_markdown_blocks_scopes_and_date(story: Path) -> None:
    code, doc, err = _parse_json(str(story))
    assert (code, err) == (0, "")
    assert doc["version"] == 1
    (f,) = doc["files"]
    assert list(f) == ["path", "format", "date", "blocks"]
    assert (f["path"], f["format"], f["date"]) == (str(story), "markdown", "2024-03-05")
    assert [(b["scope"], b["text"]) for b in f["blocks"]] == [
        ("headline", "Harbour plan wins council vote"),
        ("byline", "By Jane Roe"),
        ("paragraph", "The council voted on Tuesday to fund the plan."),
        ("blockquote", '"We are pleased," said Mayor Ann Lee.'),
        ("list", "Work starts in May"),
        ("list", "It ends in 2026"),
    ]
    assert all(list(b) == ["scope", "text", "line", "column", "end_line", "end_column"] for b in f["blocks"])


def test_positions_are_the_blocks_source_range(story: Path) -> None:
    _code, doc, _err = _parse_json(str(story))
    for b in doc["files"][0]["blocks"]:
        start = _offset(STORY_MD, b["line"], b["column"])
        end = _offset(STORY_MD, b["end_line"], b["end_column"])
        span = STORY_MD[start:end]
        assert span.startswith(b["text"][:2]) and span.endswith(b["text"][-2:]), (b, span)
    quote = doc["files"][0]["blocks"][3]
    assert (quote["line"], quote["column"], quote["end_line"], quote["end_column"]) == (10, 3, 10, 40)


def test_html_from_stdin_with_meta_date() -> None:
    code, doc, _err = _parse_json("-", "--stdin-filename", "fares.html", stdin=STORY_HTML)
    assert code == 0
    (f,) = doc["files"]
    assert (f["path"], f["format"], f["date"]) == ("fares.html", "html", "2023-11-02")
    texts = [b["text"] for b in f["blocks"]]
    assert texts[0] == "Ferry & bus fares frozen"
    assert "Fares stay at today's level, the operator said." in texts
    assert not any("not prose" in t for t in texts)
    head = f["blocks"][0]
    assert (head["line"], head["column"]) == (2, 11)  # the entity spans 5 source characters
    assert head["end_column"] - head["column"] == len("Ferry &amp; bus fares frozen")


def test_plain_text_and_forced_format(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("Storm closes ferry\n\nThe *ferry* did not sail on Monday.\n", encoding="utf-8")
    _code, doc, _err = _parse_json(str(p))
    assert doc["files"][0]["format"] == "plain"
    assert doc["files"][0]["date"] is None
    assert doc["files"][0]["blocks"][1]["text"] == "The *ferry* did not sail on Monday."
    _code, doc, _err = _parse_json("--input-format", "markdown", str(p))
    assert doc["files"][0]["format"] == "markdown"
    assert doc["files"][0]["blocks"][1]["text"] == "The ferry did not sail on Monday."


def test_date_option_overrides_and_is_checked(story: Path) -> None:
    _code, doc, _err = _parse_json("--date", "2025-01-31", str(story))
    assert doc["files"][0]["date"] == "2025-01-31"
    r = run_cli(["parse", "--date", "31/01/2025", str(story)])
    assert r.code == 2 and "--date must be YYYY-MM-DD" in r.err


def test_missing_file_is_exit_2_and_others_are_shown(story: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    code, doc, err = _parse_json(str(missing), str(story))
    assert code == 2
    assert f"{missing}: no such file or directory" in err
    assert [f["path"] for f in doc["files"]] == [str(story)]


def test_parse_problem_is_reported_with_position(tmp_path: Path) -> None:
    p = tmp_path / "open.md"
    p.write_text("Title here\n\nText <!-- never closed\n\nMore.\n", encoding="utf-8")
    code, doc, err = _parse_json(str(p))
    assert code == 2
    assert f"{p}: 3:6: HTML comment '<!--' is never closed" in err
    assert doc["files"][0]["blocks"][-1]["text"] == "Text"


def test_text_format(story: Path) -> None:
    r = run_cli(["parse", str(story)])
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == f"{story}: markdown, date 2024-03-05 (front matter), 6 block(s)"
    assert lines[1].split() == ["4:3-4:33", "headline", '"Harbour', "plan", "wins", "council", 'vote"']
    assert lines[4].split(None, 2)[2] == '"\\"We are pleased,\\" said Mayor Ann Lee."'
