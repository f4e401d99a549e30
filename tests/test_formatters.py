"""Formatter tests on hand-built results: exact output, shapes, escaping, validity."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newslint.formatters import FORMATS, render, summary
from newslint.formatters.github import escape_data, escape_property
from newslint.formatters.sarif import path_to_uri
from newslint.model import Edit, FileError, FileResult, Finding, Fix, Rule, Severity


def finding(
    rule: str = "words.repeated",
    severity: Severity = Severity.WARNING,
    message: str = "Repeated word 'the'.",
    line: int = 3,
    column: int = 5,
    match: str = "the the",
    offset: int = 40,
    suggestions: tuple[str, ...] = (),
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(match),
        offset=offset,
        length=len(match),
        match=match,
        suggestions=suggestions,
    )


def rule(rule_id: str, severity: Severity = Severity.WARNING, **kw: object) -> Rule:
    return Rule(
        id=rule_id,
        check="existence",
        severity=severity,
        message="m",
        options=None,
        **kw,
    )


RULES = (
    rule(
        "words.repeated", description="Doubled words.\nCopy desks catch these by eye."
    ),
    rule(
        "dates.weekday", Severity.ERROR, link="https://example.org/rules/dates.weekday"
    ),
    rule("style.percent", Severity.INFO, rationale="House style."),
)

RESULTS = (
    FileResult(
        path="news/a.md",
        findings=(
            finding(suggestions=("the",)),
            finding(
                rule="dates.weekday",
                severity=Severity.ERROR,
                message="Jan. 12, 2024 was a Friday, not Thursday.",
                line=7,
                column=1,
                match="Thursday, Jan. 12, 2024",
                offset=120,
            ),
        ),
    ),
    FileResult(path="news/clean.txt"),
    FileResult(
        path="news/ünïcode story.txt",
        findings=(
            finding(
                rule="style.percent",
                severity=Severity.INFO,
                message="Use “percent” — not “per cent” 📰.",
                line=1,
                column=2,
                match="per cent",
                offset=1,
                suggestions=("percent",),
            ),
        ),
    ),
    FileResult(
        path="news/broken.txt",
        errors=(FileError("news/broken.txt", "cannot decode byte 0xff"),),
    ),
)


def _schema_path() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:  # the repo's sibling ../shared, from a worktree too
        candidate = parent / "shared/schemas/sarif-schema-2.1.0.json"
        if candidate.is_file():
            return candidate
    return None


# --- dispatch and summary -------------------------------------------------------------


def test_every_format_renders() -> None:
    for fmt in FORMATS:
        assert isinstance(render(fmt, RESULTS, RULES), str)
        assert render(fmt, [], RULES) is not None


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render("xml", RESULTS, RULES)


def test_summary() -> None:
    assert summary(RESULTS) == (
        "3 findings (1 error, 1 warning, 1 info) in 2 of 4 files; 1 error reading input"
    )
    assert summary([FileResult("a"), FileResult("b")]) == "0 findings in 2 files"
    one = [FileResult("a", findings=(finding(),))]
    assert summary(one) == "1 finding (1 warning) in 1 of 1 file"
    two = [FileResult("a", findings=(finding(), finding(offset=99)))]
    assert summary(two) == "2 findings (2 warnings) in 1 of 1 file"


# --- text -----------------------------------------------------------------------------


def test_text_exact_lines() -> None:
    assert render("text", RESULTS, RULES).splitlines() == [
        "news/a.md:3:5: warning [words.repeated] Repeated word 'the'.",
        "news/a.md:7:1: error [dates.weekday] Jan. 12, 2024 was a Friday, not Thursday.",
        "news/ünïcode story.txt:1:2: info [style.percent] Use “percent” — not “per cent” 📰.",
        "news/broken.txt: error: cannot decode byte 0xff",
    ]
    assert render("text", [], RULES) == ""


def test_text_color_only_when_asked() -> None:
    plain = render("text", RESULTS, RULES)
    colored = render("text", RESULTS, RULES, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31merror\x1b[0m" in colored
    assert "\x1b[33mwarning\x1b[0m" in colored


def test_text_keeps_one_line_per_finding() -> None:
    results = [FileResult("a.txt", findings=(finding(message="two\nlines"),))]
    assert (
        render("text", results, RULES)
        == "a.txt:3:5: warning [words.repeated] two\\nlines\n"
    )


# --- json -----------------------------------------------------------------------------


def test_json_shape() -> None:
    out = render("json", RESULTS, RULES)
    doc = json.loads(out)
    assert list(doc) == ["version", "files", "errors"]
    assert doc["version"] == 1
    assert [f["path"] for f in doc["files"]] == [r.path for r in RESULTS]
    first = doc["files"][0]["findings"][0]
    assert list(first) == [
        "rule", "severity", "message", "line", "column", "end_line", "end_column",
        "offset", "length", "match", "suggestions", "fix",
    ]  # fmt: skip
    assert first == {
        "rule": "words.repeated",
        "severity": "warning",
        "message": "Repeated word 'the'.",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 12,
        "offset": 40,
        "length": 7,
        "match": "the the",
        "suggestions": ["the"],
        "fix": None,
    }
    assert doc["files"][1] == {"path": "news/clean.txt", "findings": []}
    assert doc["files"][0]["findings"][1]["suggestions"] == []
    assert doc["errors"] == [
        {"path": "news/broken.txt", "message": "cannot decode byte 0xff"}
    ]
    # non-ASCII kept literal, indent 2
    assert "“percent” — not “per cent” 📰" in out
    assert '\n  "files": [' in out


# --- sarif ----------------------------------------------------------------------------


def test_sarif_validates_against_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    path = _schema_path()
    if path is None:
        pytest.skip(
            "SARIF schema not found at ../shared/schemas/sarif-schema-2.1.0.json"
        )
    schema = json.loads(path.read_text(encoding="utf-8"))
    for results in (RESULTS, [], [FileResult("a.txt")], FIXABLE):
        log = json.loads(render("sarif", results, RULES))
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)


#: A doubled word across a line break and a missing space, each with its fix.
FIXABLE = [
    FileResult(
        "news/fix.txt",
        (
            Finding(
                "words.repeated", Severity.ERROR, "Repeated word: 'to\nto'.", 2, 30, 3, 3, 60, 5, "to\nto",
                fix=Fix("safe", "Delete '\\nto'", (Edit(62, 3, ""),)),
            ),
            Finding(
                "punctuation.spacing", Severity.WARNING, "No space.", 4, 1, 4, 8, 80, 7, "said.He",
                fix=Fix("unsafe", "Insert ' '", (Edit(85, 0, " "),)),
            ),
        ),
    )
]


def test_sarif_fixes() -> None:
    (run,) = json.loads(render("sarif", FIXABLE, RULES))["runs"]
    first, second = run["results"]
    (change,) = first["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "news/fix.txt", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 2, "startColumn": 32, "endLine": 3, "endColumn": 3, "charOffset": 62, "charLength": 3},
            "insertedContent": {"text": ""},
        }
    ]
    assert first["fixes"][0]["properties"] == {"applicability": "safe"}
    region = second["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert (region["startColumn"], region["endColumn"], region["charLength"]) == (6, 6, 0)
    plain = json.loads(render("sarif", RESULTS, RULES))["runs"][0]["results"]
    assert not any("fixes" in r for r in plain)


def test_json_fix_contract() -> None:
    doc = json.loads(render("json", FIXABLE, RULES))
    first, second = doc["files"][0]["findings"]
    assert first["fix"] == {
        "applicability": "safe",
        "message": "Delete '\\nto'",
        "edits": [{"offset": 62, "length": 3, "line": 2, "column": 32, "end_line": 3, "end_column": 3, "replacement": ""}],
    }
    assert second["fix"]["edits"][0] == {
        "offset": 85, "length": 0, "line": 4, "column": 6, "end_line": 4, "end_column": 6, "replacement": " ",
    }  # fmt: skip
    assert json.loads(render("json", RESULTS, RULES))["files"][0]["findings"][0]["fix"] is None


def test_text_marks_fixable() -> None:
    out = render("text", FIXABLE, RULES)
    assert "[words.repeated] [*] Repeated" in out
    assert "[punctuation.spacing] No space." in out  # unsafe: not fixable by --fix alone
    assert "[punctuation.spacing] [*] No space." in render("text", FIXABLE, RULES, unsafe_fixes=True)
    assert summary(FIXABLE).endswith("; 1 fixable with --fix; 1 more with --fix --unsafe-fixes")
    assert summary(FIXABLE, unsafe_fixes=True).endswith("; 2 fixable with --fix --unsafe-fixes")
    assert "fixable" not in summary(RESULTS)


def test_sarif_content() -> None:
    log = json.loads(render("sarif", RESULTS, RULES))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint"
    assert isinstance(driver["version"], str)
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [
        "words.repeated",
        "dates.weekday",
        "style.percent",
    ]
    assert rules[0]["shortDescription"] == {"text": "Doubled words."}
    assert rules[0]["fullDescription"]["text"].startswith("Doubled words.\nCopy desks")
    assert rules[1]["shortDescription"] == {"text": "dates.weekday"}
    assert rules[1]["helpUri"] == "https://example.org/rules/dates.weekday"
    assert "helpUri" not in rules[0]
    levels = [r["defaultConfiguration"]["level"] for r in rules]
    assert levels == ["warning", "error", "note"]

    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("words.repeated", 0, "warning"),
        ("dates.weekday", 1, "error"),
        ("style.percent", 2, "note"),
    ]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "news/a.md"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 12,
        "charOffset": 40,
        "charLength": 7,
        "snippet": {"text": "the the"},
    }
    assert results[0]["message"] == {"text": "Repeated word 'the'."}
    assert results[0]["properties"] == {"suggestions": ["the"]}
    assert "properties" not in results[1]
    uri = results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "news/%C3%BCn%C3%AFcode%20story.txt"

    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "cannot decode byte 0xff"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "news/broken.txt"
    )


def test_sarif_clean_run_and_unknown_rule() -> None:
    results = [FileResult("a.txt", findings=(finding(rule="custom.thing"),))]
    (run,) = json.loads(render("sarif", results, RULES))["runs"]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"][0]["ruleId"] == "custom.thing"
    assert "ruleIndex" not in run["results"][0]


def test_sarif_uris() -> None:
    assert path_to_uri("a b/c#1?.md") == "a%20b/c%231%3F.md"
    assert path_to_uri("dir\\file.txt") == "dir/file.txt"
    assert path_to_uri("/tmp/x y.txt") == "file:///tmp/x%20y.txt"
    assert path_to_uri("C:\\news\\a.txt") == "file:///C:/news/a.txt"
    assert path_to_uri("a:b.txt") == "a%3Ab.txt"  # not mistaken for a URI scheme


# --- github ---------------------------------------------------------------------------


def test_github_escaping_helpers() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("100% a:b,c\n") == "100%25 a%3Ab%2Cc%0A"


def test_github_exact_lines() -> None:
    assert render("github", RESULTS, RULES).splitlines() == [
        (
            "::warning file=news/a.md,line=3,col=5,endLine=3,endColumn=12,"
            "title=newslint [words.repeated]::Repeated word 'the'."
        ),
        (
            "::error file=news/a.md,line=7,col=1,endLine=7,endColumn=24,"
            "title=newslint [dates.weekday]::Jan. 12, 2024 was a Friday, not Thursday."
        ),
        (
            "::notice file=news/ünïcode story.txt,line=1,col=2,endLine=1,endColumn=10,"
            "title=newslint [style.percent]::Use “percent” — not “per cent” 📰."
        ),
        "::error file=news/broken.txt::cannot decode byte 0xff",
    ]


def test_github_escapes_file_names_and_messages() -> None:
    results = [
        FileResult(
            "odd:name, 100%.txt",
            findings=(finding(message="50% of it,\nsaid: no"),),
            errors=(FileError("odd:name, 100%.txt", "bad\r\nbytes"),),
        )
    ]
    assert render("github", results, RULES).splitlines() == [
        "::error file=odd%3Aname%2C 100%25.txt::bad%0D%0Abytes",
        (
            "::warning file=odd%3Aname%2C 100%25.txt,line=3,col=5,endLine=3,endColumn=12,"
            "title=newslint [words.repeated]::50%25 of it,%0Asaid: no"
        ),
    ]


# --- junit ----------------------------------------------------------------------------


def test_junit_parses_and_counts() -> None:
    out = render("junit", RESULTS, RULES)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "newslint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        "4",
        "3",
        "1",
    )
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.path for r in RESULTS]
    assert {c.get("classname") for c in cases} == {"newslint"}
    assert len(root.findall(".//failure")) == 3
    assert len(root.findall(".//error")) == 1
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("type") == "words.repeated"
    assert failure.get("message") == "Repeated word 'the'."
    assert (
        failure.text == "news/a.md:3:5: warning [words.repeated] Repeated word 'the'."
    )
    emoji = cases[2].find("failure")
    assert (
        emoji is not None
        and emoji.get("message") == "Use “percent” — not “per cent” 📰."
    )
    error = cases[3].find("error")
    assert error is not None and error.get("message") == "cannot decode byte 0xff"
    assert cases[1].find("failure") is None


def test_junit_strips_forbidden_characters() -> None:
    bad = "nul\x00 bell\x07 esc\x1b surrogate\ud800 fffe\ufffe tab\tnewline\n ok"
    results = [
        FileResult(
            "a\x01.txt",
            findings=(finding(message=bad, match="x\x0by"),),
            errors=(FileError("a\x01.txt", bad),),
        )
    ]
    out = render("junit", results, RULES)
    root = ET.fromstring(out.encode("utf-8"))
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message") == "nul bell esc surrogate fffe tab\tnewline\n ok"
    assert root.find(".//testcase").get("name") == "a.txt"  # type: ignore[union-attr]
