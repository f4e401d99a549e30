"""GitHub Actions workflow commands, so findings show as inline PR annotations.

Escaping mirrors ``@actions/core`` (``escapeData`` / ``escapeProperty``); anything
less lets a ``:`` or ``,`` in a file name or a newline in a message corrupt the command.
"""

from __future__ import annotations

from collections.abc import Sequence

from newslint.model import FileResult, Rule, Severity

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    """Escape a command's message, as the Actions toolkit's ``escapeData``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value, as the Actions toolkit's ``escapeProperty``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: Sequence[tuple[str, object]], message: str) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in properties
    )
    return f"::{name} {props}::{escape_data(message)}"


def render(
    results: Sequence[FileResult], rules: Sequence[Rule], *, color: bool = False
) -> str:
    """One command per file error (``::error``) and per finding, in the order given."""
    lines: list[str] = []
    for result in results:
        for error in result.errors:
            lines.append(_command("error", [("file", error.path)], error.message))
        for f in result.findings:
            properties = [
                ("file", result.path),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line),
                ("endColumn", f.end_column),
                ("title", f"newslint [{f.rule}]"),
            ]
            lines.append(_command(_COMMAND[f.severity], properties, f.message))
    return "".join(line + "\n" for line in lines)
