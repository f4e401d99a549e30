"""Findings, input problems and config errors as LSP diagnostics.

Every diagnostic the editor shows comes from here, so a bad config or rule is as
visible as a finding: it lands on the document it stops, naming the file, line
and key, and the server carries on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from lsprotocol import types

from ..model import FileError, Finding, Rule, Severity
from ..yamlfile import MAX_YAML_BYTES, ConfigError
from .positions import PositionIndex

SOURCE = "newslint"
#: docs/rules.md of this repository; a rule's own ``link`` wins.
RULES_DOC = "https://example.org/newslint/newslint/blob/main/docs/rules.md"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: FileError messages that start "line:col: " (parse problems, unknown directive names).
_LOCATED = re.compile(r"(\d+):(\d+): ")


def doc_link(rule: Rule | None, rule_id: str, base: str = RULES_DOC) -> str:
    """The rule's own link, else its anchor in the generated reference (as docs.py writes it)."""
    if rule is not None and rule.link:
        return rule.link
    return f"{base}#{rule_id.replace('.', '')}"


def span_range(index: PositionIndex, offset: int, length: int) -> types.Range:
    start, end = index.position(offset), index.position(offset + length)
    return types.Range(types.Position(*start), types.Position(*end))


def finding_diagnostic(finding: Finding, index: PositionIndex, rules: Mapping[str, Rule], base: str = RULES_DOC) -> types.Diagnostic:
    return types.Diagnostic(
        range=span_range(index, finding.offset, finding.length),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=doc_link(rules.get(finding.rule), finding.rule, base)),
        source=SOURCE,
    )


def file_error_diagnostic(error: FileError, index: PositionIndex) -> types.Diagnostic:
    """An input problem at the place its message names, else on the first line."""
    offset, message = 0, error.message
    m = _LOCATED.match(error.message)
    if m:
        offset = _newline_offset(index.text, int(m.group(1)), int(m.group(2)))
        message = error.message[m.end() :]
    return types.Diagnostic(
        range=span_range(index, offset, 0),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def config_error_diagnostic(error: ConfigError, encoding: str = "utf-16") -> types.Diagnostic:
    """A config or rule file defect, shown on the document it keeps from being checked,
    with the defect's own place as related information (editors link to it)."""
    where = config_error_location(error, encoding)
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"{error}; this document was not checked",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        related_information=[types.DiagnosticRelatedInformation(where, error.message)] if where else None,
    )


def config_file_diagnostics(errors: Iterable[ConfigError], encoding: str = "utf-16") -> dict[str, list[types.Diagnostic]]:
    """The same defects on the config and rule files themselves, by file URI, for editors that have them open."""
    out: dict[str, list[types.Diagnostic]] = {}
    for error in errors:
        where = config_error_location(error, encoding)
        if where is not None:
            diagnostic = types.Diagnostic(range=where.range, message=error.message, severity=types.DiagnosticSeverity.Error, source=SOURCE)
            out.setdefault(where.uri, []).append(diagnostic)
    return out


def config_error_location(error: ConfigError, encoding: str = "utf-16") -> types.Location | None:
    """Where in its file a defect is (the file's start when the line is unknown); None for no file."""
    if not os.path.isabs(error.path):
        return None
    try:
        with open(error.path, encoding="utf-8") as fh:
            text = fh.read(MAX_YAML_BYTES)
    except (OSError, UnicodeDecodeError):
        text = ""
    offset = _newline_offset(text, error.line, error.col) if error.line else 0
    return types.Location(Path(error.path).as_uri(), span_range(PositionIndex.of(text, encoding), offset, 0))


def _newline_offset(text: str, line: int, column: int) -> int:
    """Offset of a 1-based line and code-point column, lines split on ``\\n`` (as findings count)."""
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl == -1:
            return len(text)
        start = nl + 1
    return min(start + column - 1, len(text))
