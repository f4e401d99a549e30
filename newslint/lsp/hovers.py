"""Hover on a finding: the rule's documentation, as ``newslint rule ID`` prints it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lsprotocol import types

from ..docs import render_rule_doc
from ..model import Finding, Rule
from .diagnostics import span_range
from .positions import PositionIndex


def hover_at(offset: int, findings: Iterable[Finding], rules: Mapping[str, Rule], index: PositionIndex) -> types.Hover | None:
    """The docs of every rule with a finding under ``offset`` (ends included), None when there is none."""
    under = [f for f in findings if f.offset <= offset <= f.offset + f.length]
    if not under:
        return None
    parts, seen = [], set()
    for f in under:
        if f.rule in seen:
            continue
        seen.add(f.rule)
        rule = rules.get(f.rule)
        doc = render_rule_doc(rule) if rule is not None else f"{f.rule}\n"
        parts.append(f"{f.message}\n\n{doc}")
    first = under[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value="\n---\n\n".join(parts)),
        range=span_range(index, first.offset, first.length),
    )
