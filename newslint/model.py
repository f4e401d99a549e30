"""Plain data passed between stages: severities, positions, hits and findings.

Offsets are 0-based, half-open and counted in code points of the decoded source.
Lines and columns are 1-based code points, lines split on ``\\n`` only.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_level`` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` code points at ``offset`` with ``replacement``.

    In a Finding's fix the offsets index the decoded source (like Finding.offset);
    in a Hit they index ``Document.text`` until the engine maps them.
    """

    offset: int
    length: int
    replacement: str

    @property
    def end(self) -> int:
        return self.offset + self.length


FIX_APPLICABILITIES = ("safe", "unsafe")


@dataclass(frozen=True)
class Fix:
    """Edits that resolve one finding, applied all or none.

    ``safe`` fixes are always right (a doubled word); ``unsafe`` ones need judgement
    (a majority spelling), so ``--fix`` applies them only with ``--unsafe-fixes``.
    """

    applicability: str
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Hit:
    """What a check reports: a span of the document's prose text, not of the source.

    ``start``/``end`` index ``Document.text``. ``params`` fill the rule's message
    template; ``message`` overrides the template when a check builds its own text.
    """

    start: int
    end: int
    params: Mapping[str, str] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    message: str | None = None
    #: Proposed edits of ``Document.text``; they become a Fix when the rule allows one.
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    match: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.offset, self.length, self.rule, self.message)


@dataclass(frozen=True)
class FileError:
    """A problem with one input (unreadable, undecodable, a rule that timed out)."""

    path: str
    message: str


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[FileError, ...] = ()


@dataclass(frozen=True)
class Example:
    """A rule example; ``date`` and ``format`` let date and markup examples run as tests."""

    text: str
    date: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Examples:
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A loaded, validated rule. ``options`` is the check type's own frozen dataclass."""

    id: str
    check: str
    severity: Severity
    message: str
    options: object
    scope: frozenset[str] | None = None
    description: str = ""
    rationale: str = ""
    severity_basis: str = ""  # why this severity: the precision measured on real copy
    link: str = ""
    examples: Examples = field(default_factory=Examples)
    enabled: bool = True
    path: str = ""
    #: "safe", "unsafe" or None: whether the check's proposed edits become fixes.
    fix: str | None = None

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]
