"""Run rules over one Document and turn hits into located, filtered findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import time
from collections.abc import Iterable, Sequence
from types import ModuleType

from . import checks
from .directives import find_directives, suppressions, unknown_names
from .document import Document, LineIndex
from .fixes.fixing import source_fix
from .language.analysis import Analysis
from .model import FileError, FileResult, Finding, Hit, Rule
from .parsers import parse
from .parsers.frontmatter import EARLIEST, LATEST, plausible
from .settings import Settings
from .templates import fill


def lint_source(
    source: str,
    path: str,
    rules: Sequence[Rule],
    settings: Settings | None = None,
    *,
    fmt: str | None = None,
    date: dt.date | None = None,
    known_ids: Iterable[str] | None = None,
) -> FileResult:
    """Parse ``source`` and run ``rules`` on it; never raises for bad input."""
    settings = settings or Settings()
    try:
        doc, problems = parse(source, path, fmt)
    except RecursionError:
        raise
    except Exception as exc:  # a parser bug must cost one file, not the run
        return FileResult(path, (), (FileError(path, f"internal error while parsing: {type(exc).__name__}: {exc}"),))
    lines = LineIndex.of(source)
    errors = [FileError(path, _located(lines, offset, message)) for offset, message in problems]
    if date is not None and not plausible(date):
        errors.append(FileError(path, f"publication date {date} is out of range (years {EARLIEST.year}-{LATEST.year}); ignored"))
    elif date is not None:
        doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, date=date, date_source="command line"))
    directives = find_directives(source, lines)
    known = set(known_ids) if known_ids is not None else {r.id for r in rules}
    for d, name in unknown_names(directives, known):
        errors.append(FileError(path, f"{d.line}:{d.column}: unknown rule '{name}' in newslint-{d.kind} directive"))
    silenced = suppressions(directives)
    findings: list[Finding] = []
    analysis = Analysis(doc, settings)
    budget = settings.regex_budget + len(doc.text) / 1_000_000
    for rule in rules:
        if not rule.enabled:
            continue
        try:
            rule_settings = dataclasses.replace(settings, regex_deadline=time.monotonic() + budget)
            hits = list(run_rule(rule, doc, analysis, rule_settings))
            bad = next((h for h in hits if not 0 <= h.start <= h.end <= len(doc.text)), None)
            if bad is not None:
                raise ValueError(f"hit {bad.start}..{bad.end} is outside the text (0..{len(doc.text)})")
            located = [locate(rule, hit, doc, lines) for hit in hits]
        except TimeoutError:
            errors.append(FileError(path, f"rule {rule.id} timed out after {budget:.3g} s of pattern matching (a pattern backtracks too much?); its findings for this file are missing"))
            continue
        except Exception as exc:  # a bug in a check must not lose the other rules' findings
            errors.append(FileError(path, f"internal error in rule {rule.id}: {type(exc).__name__}: {exc}"))
            continue
        findings.extend(f for f in located if not silenced.silenced(rule.id, f.line))
    findings.sort(key=lambda f: f.sort_key)
    return FileResult(path, tuple(_dedupe(findings)), tuple(errors))


@functools.cache
def _check_module(check: str) -> ModuleType | None:
    """``checks.load`` lists the package directory on every call: once per check type is enough."""
    return checks.load(check)


def run_rule(rule: Rule, doc: Document, analysis: Analysis, settings: Settings) -> Iterable[Hit]:
    module = _check_module(rule.check)
    if module is None:  # validated at load time; kept as a guard for API users
        raise ValueError(f"unknown check type {rule.check!r}")
    ctx = checks.Context(doc, analysis, doc.blocks_in(rule.scope), settings, rule.id)
    return module.check(rule.options, ctx)


def locate(rule: Rule, hit: Hit, doc: Document, lines: LineIndex) -> Finding:
    start, end = doc.source_map.to_source(hit.start, hit.end)
    match = doc.source[start:end]
    params = {"match": _shorten(doc.text[hit.start : hit.end]), **hit.params}
    message = hit.message if hit.message is not None else fill(rule.message, params)
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=message,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        offset=start,
        length=end - start,
        match=match,
        suggestions=tuple(hit.suggestions),
        fix=source_fix(rule.fix, hit.edits, doc, (start, end)) if rule.fix and hit.edits else None,
    )


#: A message quotes at most this much of its match ('the the the …' over 800 KB
#: made an 800 KB message); the finding's ``match`` keeps the whole span.
MESSAGE_MATCH_CHARS = 200


def _shorten(text: str) -> str:
    if len(text) <= MESSAGE_MATCH_CHARS:
        return text
    return text[: MESSAGE_MATCH_CHARS - 21] + " … " + text[-18:]


def _located(lines: LineIndex, offset: int, message: str) -> str:
    line, col = lines.position(offset)
    return f"{line}:{col}: {message}"


def _dedupe(findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple] = set()
    for f in findings:
        key = (f.rule, f.offset, f.length, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


