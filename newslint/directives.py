"""Inline directives in HTML comments, the same in every input format.

``<!-- newslint-disable RULE… -->`` … ``<!-- newslint-enable RULE… -->``,
``<!-- newslint-disable-next-line RULE… -->`` and ``<!-- newslint-disable-file RULE… -->``
(no rule names = every rule). A rule name may be an id or a group prefix.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .document import LineIndex

_DIRECTIVE = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->"
)
ALL = "*"


@dataclass(frozen=True)
class Directive:
    kind: str
    rules: tuple[str, ...]
    line: int
    column: int


@dataclass(frozen=True)
class Suppressions:
    """Which (rule, line) pairs are silenced."""

    file_rules: frozenset[str]
    #: (rule or ALL, first line, last line) — last line inclusive; huge when never re-enabled.
    ranges: tuple[tuple[str, int, int], ...]

    @functools.cached_property
    def _spans(self) -> dict[str, tuple[list[int], list[int]]]:
        """Per name, disjoint sorted line spans (starts, ends): a lookup is a bisection,
        so a file with thousands of directives and findings stays linear."""
        by_name: dict[str, list[tuple[int, int]]] = {}
        for name, first, last in self.ranges:
            by_name.setdefault(name, []).append((first, last))
        out: dict[str, tuple[list[int], list[int]]] = {}
        for name, spans in by_name.items():
            starts: list[int] = []
            ends: list[int] = []
            for first, last in sorted(spans):
                if ends and first <= ends[-1] + 1:
                    ends[-1] = max(ends[-1], last)
                else:
                    starts.append(first)
                    ends.append(last)
            out[name] = (starts, ends)
        return out

    def silenced(self, rule_id: str, line: int) -> bool:
        if _matches(self.file_rules, rule_id):
            return True
        parts = rule_id.split(".")
        for name in (ALL, *(".".join(parts[: i + 1]) for i in range(len(parts)))):
            spans = self._spans.get(name)
            if spans is not None:
                i = bisect.bisect_right(spans[0], line) - 1
                if i >= 0 and line <= spans[1][i]:
                    return True
        return False


def _matches(names: frozenset[str], rule_id: str) -> bool:
    if ALL in names or rule_id in names:
        return True
    return any(rule_id.startswith(name + ".") for name in names)


def find_directives(source: str, lines: LineIndex) -> list[Directive]:
    out: list[Directive] = []
    if "newslint-" not in source:
        return out
    for m in _DIRECTIVE.finditer(source):
        line, col = lines.position(m.start())
        names = tuple(n for n in re.split(r"[\s,]+", m[2].strip()) if n)
        out.append(Directive(m[1], names, line, col))
    return out


def suppressions(directives: list[Directive]) -> Suppressions:
    file_rules: set[str] = set()
    ranges: list[tuple[str, int, int]] = []
    open_at: dict[str, int] = {}
    last_line = 1 << 30
    for d in directives:
        names = d.rules or (ALL,)
        if d.kind == "disable-file":
            file_rules.update(names)
        elif d.kind == "disable-next-line":
            ranges.extend((n, d.line + 1, d.line + 1) for n in names)
        elif d.kind == "disable":
            for n in names:
                open_at.setdefault(n, d.line)
        else:  # enable
            targets = list(open_at) if not d.rules else [n for n in dict.fromkeys(names) if n in open_at]
            for n in targets:
                ranges.append((n, open_at.pop(n), d.line))
    ranges.extend((n, start, last_line) for n, start in open_at.items())
    return Suppressions(frozenset(file_rules), tuple(ranges))


def unknown_names(directives: list[Directive], known_ids: set[str]) -> list[tuple[Directive, str]]:
    """Directive rule names that match no rule id or group."""
    groups = {rid.split(".", 1)[0] for rid in known_ids}
    return [
        (d, name)
        for d in directives
        for name in d.rules
        if name not in known_ids and name not in groups
    ]
