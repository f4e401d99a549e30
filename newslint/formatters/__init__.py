"""Output formatters: one pure module per format, imported only when chosen.

Lazy imports keep ``newslint check`` start-up lean: the JSON, SARIF and JUnit
modules pull in ``json`` / ``xml.etree`` that a plain text run never needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from newslint.formatters.text import summary
from newslint.model import FileResult, Rule

__all__ = ["FORMATS", "render", "summary"]

FORMATS = ("text", "json", "sarif", "github", "junit")


def render(
    fmt: str,
    results: Sequence[FileResult],
    rules: Sequence[Rule],
    *,
    color: bool = False,
    unsafe_fixes: bool = False,
) -> str:
    """Render ``results`` in format ``fmt``; ``color`` and ``unsafe_fixes`` (mark
    unsafe fixes as fixable) only affect ``text``."""
    if fmt not in FORMATS:
        raise ValueError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    module = importlib.import_module(f"{__name__}.{fmt}")
    if fmt == "text":
        return module.render(results, rules, color=color, unsafe_fixes=unsafe_fixes)
    return module.render(results, rules, color=color)
