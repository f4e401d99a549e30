"""Code actions from findings' fixes: one quick fix per finding, and "fix all safe".

A fix is read as ``getattr(finding, "fix", None)``: ``Fix(applicability, message,
edits)`` with ``Edit(offset, length, replacement)`` in code points of the source,
the contract ``--fix`` shares. Only the edits' positions are converted here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types

from ..model import Finding
from .diagnostics import span_range
from .positions import PositionIndex

FIX_ALL_KIND = "source.fixAll.newslint"
FIX_ALL_TITLE = "Fix all safe newslint findings"
KINDS = (types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND)


def fix_of(finding: Finding) -> Any:
    return getattr(finding, "fix", None)


def text_edits(fix: Any, index: PositionIndex) -> list[types.TextEdit]:
    return [types.TextEdit(span_range(index, e.offset, e.length), e.replacement) for e in fix.edits]


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """LSP's ``context.only``: a kind is wanted when it is, or falls under, a listed kind."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def quick_fixes(
    uri: str,
    pairs: Iterable[tuple[Finding, types.Diagnostic]],
    index: PositionIndex,
    start: int,
    end: int,
) -> list[types.CodeAction]:
    """A quick fix for each finding with a fix whose span touches ``[start, end]`` (code points)."""
    actions = []
    for finding, diagnostic in pairs:
        fix = fix_of(finding)
        if fix is None or not fix.edits or finding.offset > end or finding.offset + finding.length < start:
            continue
        actions.append(
            types.CodeAction(
                title=fix.message + ("" if fix.applicability == "safe" else " (check the result)"),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.applicability == "safe",
                edit=types.WorkspaceEdit(changes={uri: text_edits(fix, index)}),
            )
        )
    return actions


def fix_all(uri: str, findings: Iterable[Finding], index: PositionIndex, kind: str = FIX_ALL_KIND) -> types.CodeAction | None:
    """Every safe fix that does not overlap an earlier one, as one edit; None when there is none."""
    chosen = non_overlapping(f for f in findings if getattr(fix_of(f), "applicability", None) == "safe" and fix_of(f).edits)
    if not chosen:
        return None
    edits = [te for f in chosen for te in text_edits(fix_of(f), index)]
    return types.CodeAction(title=FIX_ALL_TITLE, kind=kind, edit=types.WorkspaceEdit(changes={uri: edits}))


def non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Findings whose fixes can be applied together, chosen as ``--fix`` chooses: in source order
    (edits' offsets, lengths, replacements, then the message), a fix that overlaps one already taken
    dropped whole until the next run (LSP also forbids overlapping edits in one change)."""
    kept: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=_order):
        spans = [(e.offset, e.offset + e.length) for e in fix_of(f).edits]
        if any(_clash(a, b) for a in spans for b in taken):
            continue
        kept.append(f)
        taken.extend(spans)
    return kept


def _order(finding: Finding) -> tuple:
    fix = fix_of(finding)
    return (tuple((e.offset, e.length, e.replacement) for e in fix.edits), fix.message)


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping spans, or two edits at one point where either inserts (their order would matter)."""
    if a[0] == b[0] and (a[0] == a[1] or b[0] == b[1]):
        return True
    return max(a[0], b[0]) < min(a[1], b[1])
