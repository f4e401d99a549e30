"""Machine-readable output with a fixed, versioned shape for scripts and editors.

Key order is fixed and non-ASCII kept literal so diffs of saved reports stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newslint.fixes.fixing import positions
from newslint.model import FileResult, Finding, Rule

VERSION = 1


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.offset,
        "length": f.length,
        "match": f.match,
        "suggestions": list(f.suggestions),
        "fix": fix_object(f),
    }


def fix_object(f: Finding) -> dict[str, Any] | None:
    """The shared fix contract: applicability, message, edits with source offsets and positions."""
    if f.fix is None:
        return None
    edits = []
    for e in f.fix.edits:
        line, column, end_line, end_column = positions(f, e)
        edits.append({
            "offset": e.offset,
            "length": e.length,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "replacement": e.replacement,
        })
    return {"applicability": f.fix.applicability, "message": f.fix.message, "edits": edits}


def render(
    results: Sequence[FileResult], rules: Sequence[Rule], *, color: bool = False
) -> str:
    """Render ``{"version", "files", "errors"}``; ``rules`` and ``color`` are unused."""
    doc = {
        "version": VERSION,
        "files": [
            {"path": r.path, "findings": [_finding(f) for f in r.findings]}
            for r in results
        ],
        "errors": [
            {"path": e.path, "message": e.message} for r in results for e in r.errors
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
