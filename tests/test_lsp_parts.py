"""The language server's pure parts: positions, formats, diagnostics, code actions and hovers."""

from __future__ import annotations

import dataclasses

import pytest
from lsprotocol import types

from newslint.lsp.codeactions import FIX_ALL_KIND, fix_all, non_overlapping, quick_fixes, wanted
from newslint.lsp.diagnostics import (
    config_error_diagnostic,
    config_file_diagnostics,
    doc_link,
    file_error_diagnostic,
    finding_diagnostic,
)
from newslint.lsp.doclint import format_of, lint_document
from newslint.lsp.hovers import hover_at
from newslint.lsp.positions import PositionIndex, units
from newslint.model import FileError, Finding, Severity
from newslint.yamlfile import ConfigError

HAS_FIX = "fix" in {f.name for f in dataclasses.fields(Finding)}
try:  # the fix model (the fixes branch); the same shape is declared here until it is merged
    from newslint.model import Edit, Fix  # type: ignore[attr-defined]
except ImportError:

    @dataclasses.dataclass(frozen=True)
    class Edit:  # type: ignore[no-redef]
        offset: int
        length: int
        replacement: str

    @dataclasses.dataclass(frozen=True)
    class Fix:  # type: ignore[no-redef]
        applicability: str
        message: str
        edits: tuple[Edit, ...]


if not HAS_FIX:

    @dataclasses.dataclass(frozen=True)
    class _FindingWithFix(Finding):
        fix: object = None


def finding(text: str, match: str, rule: str = "words.repeated", fix: Fix | None = None, nth: int = 0) -> Finding:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(match, offset + 1)
    f = Finding(rule, Severity.ERROR, f"Repeated word: '{match}'.", 1, 1, 1, 1, offset, len(match), match)
    if fix is None:
        return f
    if HAS_FIX:
        return dataclasses.replace(f, fix=fix)  # type: ignore[call-arg]
    return _FindingWithFix(**{k.name: getattr(f, k.name) for k in dataclasses.fields(f)}, fix=fix)


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """An independent oracle for LF-only texts: count lines, then UTF-16 units on the last one."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, len(text[start:offset].encode("utf-16-le")) // 2


def test_astral_characters_count_two_utf16_units_before_a_finding():
    text = "Rain 🌧️ fell.\n🙂🙂 The the vote was 𝔸 late and and close."
    index = PositionIndex.of(text)
    for match in ("The the", "and and"):
        start = text.index(match)
        assert index.position(start) == utf16_position(text, start)
        assert index.position(start + len(match)) == utf16_position(text, start + len(match))
        assert index.offset(*index.position(start)) == start
    assert index.position(text.index("The the")) == (1, 5)


def test_line_breaks_are_lsp_line_breaks_crlf_and_lone_cr():
    text = "one\r\ntwo\rthree\nfour"
    index = PositionIndex.of(text)
    assert [index.position(text.index(w)) for w in ("one", "two", "three", "four")] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert index.offset(0, 99) == text.index("\r\n")  # past the end of a line is its end, not the next line
    assert index.offset(1, 99) == text.index("\rthree")
    assert index.offset(9, 0) == len(text)


def test_other_position_encodings():
    text = "é🙂 x"
    assert units(text, "utf-8") == 8 and units(text, "utf-16") == 5 and units(text, "utf-32") == 4
    assert PositionIndex.of(text, "utf-8").position(3) == (0, 7)
    assert PositionIndex.of(text, "utf-32").offset(0, 3) == 3
    with pytest.raises(ValueError):
        PositionIndex.of(text, "latin-1")


def test_format_from_language_id_then_extension():
    assert format_of("markdown", "/a/story.txt") == "markdown"
    assert format_of("html", "/a/story") == "html"
    assert format_of("plaintext", "/a/story.md") == "plain"
    assert format_of("restructuredtext", "/a/story.md") == "markdown"
    assert format_of(None, "/a/story.htm") == "html"


def test_finding_diagnostic_carries_rule_code_link_and_severity():
    text = "🙂 rose and and rose"
    f = dataclasses.replace(finding(text, "and and"), severity=Severity.WARNING)
    d = finding_diagnostic(f, PositionIndex.of(text), {})
    assert d.code == "words.repeated" and d.source == "newslint"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description is not None and d.code_description.href.endswith("docs/rules.md#wordsrepeated")
    assert (d.range.start.character, d.range.end.character) == (8, 15)


def test_doc_link_prefers_the_rules_own_link():
    outcome = lint_document("x", "/tmp/x.txt", "plain")
    rule = dataclasses.replace(outcome.rules["words.repeated"], link="https://style.example/doubles")
    assert doc_link(rule, rule.id) == "https://style.example/doubles"
    assert doc_link(None, "dates.weekday", "https://d.example/rules.md") == "https://d.example/rules.md#datesweekday"


def test_file_error_is_placed_where_its_message_says():
    text = "a\n🙂 b <!-- newslint-disable nope -->"
    d = file_error_diagnostic(FileError("s.md", "2:5: unknown rule 'nope' in newslint-disable directive"), PositionIndex.of(text))
    assert d.message == "unknown rule 'nope' in newslint-disable directive"
    assert (d.range.start.line, d.range.start.character) == (1, 5)  # column 5 in code points is character 5 in UTF-16
    whole = file_error_diagnostic(FileError("s.md", "took longer than 1 s"), PositionIndex.of(text))
    assert (whole.range.start.line, whole.range.start.character) == (0, 0)


def test_config_error_names_file_line_and_key(tmp_path):
    config = tmp_path / ".newslint.yaml"
    config.write_text("# 🙂 house style\nrules:\n  words.repeated: off\n  🙂x: off\n", encoding="utf-8")
    error = ConfigError(str(config), 4, 3, "unknown rule id '🙂x'")
    d = config_error_diagnostic(error)
    assert d.message.startswith(f"{config}:4:3: error: unknown rule id '🙂x'")
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.related_information is not None and d.related_information[0].location.uri == config.as_uri()
    on_file = config_file_diagnostics([error, ConfigError(str(config), 0, 0, "'extends' forms a cycle")])
    [(uri, [keyed, whole])] = on_file.items()
    assert uri == config.as_uri() and (keyed.range.start.line, keyed.range.start.character) == (3, 2)
    assert (whole.range.start.line, whole.range.start.character) == (0, 0)
    assert config_file_diagnostics([ConfigError("<command line>", 0, 0, "select/ignore names no rule")]) == {}


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    index = PositionIndex.of(text)
    spans = [(index.offset(e.range.start.line, e.range.start.character), index.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_quick_fix_per_finding_in_range_with_its_edits():
    text = "🙂 rose and and rose; the the end"
    index = PositionIndex.of(text)
    safe = finding(text, "and and", fix=Fix("safe", "Delete the repeated 'and'", (Edit(text.index("and and") + 3, 4, ""),)))
    unsafe = finding(text, "the the", fix=Fix("unsafe", "Delete the repeated 'the'", (Edit(text.index("the the") + 3, 4, ""),)))
    plain = finding(text, "rose", rule="names.variant")
    pairs = [(f, finding_diagnostic(f, index, {})) for f in (safe, unsafe, plain)]
    at_and = text.index("and and") + 2
    actions = quick_fixes("file:///s.txt", pairs, index, at_and, at_and)
    assert [a.title for a in actions] == ["Delete the repeated 'and'"]
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    assert action.diagnostics == [pairs[0][1]]
    assert action.edit is not None and action.edit.changes is not None
    assert _apply(text, action.edit.changes["file:///s.txt"]) == "🙂 rose and rose; the the end"
    everywhere = quick_fixes("file:///s.txt", pairs, index, 0, len(text))
    assert [a.is_preferred for a in everywhere] == [True, False]
    assert everywhere[1].title.endswith("(check the result)")


def test_fix_all_applies_safe_fixes_only_and_never_overlapping_edits():
    text = "so so so far and and on"
    first = finding(text, "so so", fix=Fix("safe", "a", (Edit(0, 5, "so"),)))
    second = finding(text, "so so", nth=1, fix=Fix("safe", "b", (Edit(3, 5, "so"),)))  # overlaps the first
    third = finding(text, "and and", fix=Fix("safe", "c", (Edit(text.index("and and") + 3, 4, ""),)))
    judged = finding(text, "far", rule="style.consistency", fix=Fix("unsafe", "d", (Edit(text.index("far"), 3, "near"),)))
    assert non_overlapping([second, third, first]) == [first, third]
    action = fix_all("file:///s.txt", [judged, third, second, first], PositionIndex.of(text))
    assert action is not None and action.kind == FIX_ALL_KIND and action.title == "Fix all safe newslint findings"
    assert action.edit is not None and action.edit.changes is not None
    assert _apply(text, action.edit.changes["file:///s.txt"]) == "so so far and on"
    assert fix_all("file:///s.txt", [judged, finding(text, "on")], PositionIndex.of(text)) is None
    # an insertion where another edit starts clashes; edits that only touch do not
    insert = finding(text, "so so", fix=Fix("safe", "e", (Edit(0, 0, "So, "),)))
    touching = finding(text, "far", fix=Fix("safe", "f", (Edit(text.index("far"), 3, "near"),)))
    before_far = finding(text, "so so", nth=1, fix=Fix("safe", "g", (Edit(5, 4, " "),)))
    assert non_overlapping([first, insert]) == [insert]
    assert non_overlapping([touching, before_far]) == [before_far, touching]


def test_requested_kinds():
    assert wanted(FIX_ALL_KIND, None) and wanted(FIX_ALL_KIND, ["source"]) and wanted(FIX_ALL_KIND, ["source.fixAll"])
    assert not wanted(types.CodeActionKind.QuickFix, ["source"])
    assert not wanted(FIX_ALL_KIND, ["quickfix"])


def test_hover_shows_the_rule_documentation_on_the_finding_only():
    text = "🙂 rose and and rose"
    outcome = lint_document(text, "/tmp/x.txt", "plain")
    index = PositionIndex.of(text)
    inside = text.index("and and") + 4
    hover = hover_at(inside, outcome.findings, outcome.rules, index)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "words.repeated" in hover.contents.value and "## What it catches" in hover.contents.value
    assert hover.range is not None and hover.range.start.character == utf16_position(text, text.index("and and"))[1]
    assert hover_at(1, outcome.findings, outcome.rules, index) is None
