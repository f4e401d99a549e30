"""SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest.

Columns are code points (``columnKind: unicodeCodePoints``), matching newslint's
one position currency; ``endColumn`` and ``charOffset + charLength`` are exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

import newslint
from newslint.fixes.fixing import positions
from newslint.model import FileResult, Finding, Rule, Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def path_to_uri(path: str) -> str:
    """A URI reference for ``path``: relative stays relative, with ``/`` separators."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    if (
        len(posix) > 2
        and posix[0].isascii()
        and posix[0].isalpha()
        and posix[1:3] == ":/"
    ):
        return PureWindowsPath(path).as_uri()
    return quote(posix, safe="/")


def _location(path: str) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": path_to_uri(path)}
    if not artifact["uri"].startswith("file:"):
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"physicalLocation": {"artifactLocation": artifact}}


def _rule(rule: Rule) -> dict[str, Any]:
    description = rule.description.strip()
    short = description.splitlines()[0] if description else rule.id
    entry: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": description or rule.id},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }
    if rule.rationale:
        entry["help"] = {"text": rule.rationale}
    if rule.link:
        entry["helpUri"] = rule.link
    entry["properties"] = {"tags": [rule.group]}
    return entry


def _result(path: str, f: Finding, index: dict[str, int]) -> dict[str, Any]:
    location = _location(path)
    location["physicalLocation"]["region"] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.offset,
        "charLength": f.length,
        "snippet": {"text": f.match},
    }
    result: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    result["level"] = _LEVEL[f.severity]
    result["message"] = {"text": f.message}
    result["locations"] = [location]
    if f.fix is not None:
        result["fixes"] = [_fix(path, f)]
    if f.suggestions:
        result["properties"] = {"suggestions": list(f.suggestions)}
    return result


def _fix(path: str, f: Finding) -> dict[str, Any]:
    """SARIF ``fix``: one artifact change; each edit a replacement of a region."""
    assert f.fix is not None
    replacements = []
    for e in f.fix.edits:
        line, column, end_line, end_column = positions(f, e)
        region = {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
            "charOffset": e.offset,
            "charLength": e.length,
        }
        replacements.append({"deletedRegion": region, "insertedContent": {"text": e.replacement}})
    change = {"artifactLocation": _location(path)["physicalLocation"]["artifactLocation"], "replacements": replacements}
    return {
        "description": {"text": f.fix.message},
        "artifactChanges": [change],
        "properties": {"applicability": f.fix.applicability},
    }


def render(
    results: Sequence[FileResult], rules: Sequence[Rule], *, color: bool = False
) -> str:
    """One run; ``rules`` become ``tool.driver.rules`` and findings refer to them by index."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    errors = [e for r in results for e in r.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": e.message},
                "locations": [_location(e.path)],
            }
            for e in errors
        ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": str(getattr(newslint, "__version__", "0")),
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(r.path, f, index) for r in results for f in r.findings
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
