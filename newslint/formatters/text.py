"""Human, greppable output: ``path:line:col: severity [rule.id] message``.

One line per finding so editors and ``grep`` can jump to it; the summary line is
separate because the CLI writes it to stderr, keeping stdout machine-parsable.
"""

from __future__ import annotations

from collections.abc import Sequence

from newslint.model import FileResult, Finding, Rule, Severity

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[31m",  # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.INFO: "\x1b[36m",  # cyan
}


def _one_line(message: str) -> str:
    """Keep each finding on one line so line-oriented tools stay correct."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def fixable(f: Finding, unsafe_fixes: bool) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when asked) would fix ``f``."""
    return f.fix is not None and (unsafe_fixes or f.fix.applicability == "safe")


def render(
    results: Sequence[FileResult], rules: Sequence[Rule], *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """Render file errors then findings, file by file, in the order given; ``[*]`` marks
    a finding ``--fix`` would fix."""
    lines: list[str] = []
    for result in results:
        for error in result.errors:
            path = _paint(error.path, _BOLD, color)
            label = _paint("error", _SEVERITY_COLOR[Severity.ERROR], color)
            lines.append(f"{path}: {label}: {_one_line(error.message)}")
        for f in result.findings:
            where = _paint(f"{result.path}:{f.line}:{f.column}", _BOLD, color)
            severity = _paint(str(f.severity), _SEVERITY_COLOR[f.severity], color)
            rule = _paint(f"[{f.rule}]", _DIM, color)
            mark = " [*]" if fixable(f, unsafe_fixes) else ""
            lines.append(f"{where}: {severity} {rule}{mark} {_one_line(f.message)}")
    return "".join(line + "\n" for line in lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(results: Sequence[FileResult], *, unsafe_fixes: bool = False) -> str:
    """One line, e.g. ``3 findings (1 error, 2 warnings) in 2 of 5 files; 1 fixable with --fix``."""
    findings = [f for r in results for f in r.findings]
    by_severity = [
        _plural(n, str(sev))
        for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if (n := sum(1 for f in findings if f.severity == sev))
    ]
    total = len(results)
    text = _plural(len(findings), "finding")
    if findings:
        with_findings = sum(1 for r in results if r.findings)
        text += f" ({', '.join(by_severity)}) in {with_findings} of {_plural(total, 'file')}"
    else:
        text += f" in {_plural(total, 'file')}"
    text += _fixable_note(findings, unsafe_fixes)
    errors = sum(len(r.errors) for r in results)
    if errors:
        text += f"; {_plural(errors, 'error')} reading input"
    return text


def _fixable_note(findings: Sequence[Finding], unsafe_fixes: bool) -> str:
    """``; 2 fixable with --fix; 1 more with --fix --unsafe-fixes`` (empty when none is)."""
    safe = sum(1 for f in findings if fixable(f, False))
    unsafe = sum(1 for f in findings if f.fix is not None) - safe
    if unsafe_fixes:
        return f"; {safe + unsafe} fixable with --fix --unsafe-fixes" if safe + unsafe else ""
    note = f"; {safe} fixable with --fix" if safe else ""
    if unsafe:
        note += f"; {unsafe} {'more' if safe else 'fixable'} with --fix --unsafe-fixes"
    return note
