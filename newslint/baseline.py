"""Baselines: record today's findings by fingerprint and hide them on later runs.

A fingerprint is built from the rule, the file, the matched text and the match's
whitespace-normalised context (not line numbers), so that edits elsewhere in a file
do not resurrect old findings. Identical fingerprints are counted, so a second copy
of the same mistake in the same context is still reported as new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .model import FileResult, Finding

CONTEXT = 40  # characters either side of the match that make up its context
VERSION = 1
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file."""


@dataclass(frozen=True)
class Filtered:
    """Results with the baselined findings removed, and how many entries matched nothing."""

    results: tuple[FileResult, ...]
    stale: int


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def fingerprint(path: str, finding: Finding, source: str | None) -> str:
    """A stable hash of rule, file, matched text and normalised context (same line, 40 chars each side)."""
    context = ""
    if source is not None:
        start, stop = finding.offset, finding.offset + finding.length
        line_start = source.rfind("\n", 0, start) + 1  # context stays on the match's own lines, so
        line_end = source.find("\n", stop)  # an edit on a neighbouring line leaves it unchanged
        line_end = len(source) if line_end < 0 else line_end
        before = source[max(line_start, start - CONTEXT):start]
        after = source[stop:min(line_end, stop + CONTEXT)]
        context = _normalise(before) + "\0" + _normalise(after)
    key = "\x1f".join((finding.rule, path, finding.match, context))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _counts(results: Sequence[FileResult], read: Callable[[str], str | None]) -> Counter[tuple[str, str, str]]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for result in results:
        if not result.findings:
            continue
        source = read(result.path)
        for f in result.findings:
            counts[(result.path, f.rule, fingerprint(result.path, f, source))] += 1
    return counts


def dumps(results: Sequence[FileResult], read: Callable[[str], str | None]) -> str:
    """The baseline file's text: sorted, stable JSON, fit to commit."""
    entries = [{"file": p, "rule": r, "fingerprint": fp, "count": n} for (p, r, fp), n in sorted(_counts(results, read).items())]
    return json.dumps({"version": VERSION, "entries": entries}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: str) -> Counter[tuple[str, str, str]]:
    """Read a baseline file; a bad one raises BaselineError naming the file and the entry."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from exc
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: baseline must be an object with a list under 'entries'")
    counts: Counter[tuple[str, str, str]] = Counter()
    for i, e in enumerate(entries, 1):
        ok = isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("file", "rule", "fingerprint"))
        if not ok or not isinstance(e.get("count", 1), int) or isinstance(e.get("count", 1), bool):
            raise BaselineError(f"{path}: entry {i}: needs string 'file', 'rule', 'fingerprint' and an integer 'count'")
        counts[(e["file"], e["rule"], e["fingerprint"])] += e.get("count", 1)
    return counts


def apply(results: Sequence[FileResult], baseline: Counter[tuple[str, str, str]], read: Callable[[str], str | None]) -> Filtered:
    """Drop findings the baseline covers (each entry as many times as its count)."""
    left = Counter(baseline)
    out: list[FileResult] = []
    for result in results:
        if not result.findings:
            out.append(result)
            continue
        source = read(result.path)
        kept = []
        for f in result.findings:
            key = (result.path, f.rule, fingerprint(result.path, f, source))
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(f)
        out.append(replace(result, findings=tuple(kept)))
    return Filtered(tuple(out), sum(n for n in left.values() if n > 0))


def source_reader(paths: dict[str, str | None], stdin_text: str | None) -> Callable[[str], str | None]:
    """A reader from a result's display name to its source text (None when unreadable).

    ``paths`` maps display names to file paths (None for stdin); files are read again,
    because results do not carry their source text.
    """
    from .inputs import InputError, read_path

    def read(display: str) -> str | None:
        if display not in paths:
            return None
        path = paths[display]
        if path is None:
            return stdin_text
        try:
            return read_path(path)
        except InputError:
            return None

    return read


def write(path: str, results: Sequence[FileResult], read: Callable[[str], str | None]) -> None:
    """Write the baseline file; an OSError becomes a BaselineError naming the file."""
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(dumps(results, read))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from exc
