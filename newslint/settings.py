"""Run-wide settings that checks may read: the resolved config, not the rule options."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    #: Accepted words and names (config ``vocabulary``), lower-cased.
    vocabulary: frozenset[str] = frozenset()
    #: House order for ambiguous numeric dates: "mdy", "dmy" or None (never assert).
    date_order: str | None = None
    #: First day of the week, 0 = Monday (``last week``/``this week`` reasoning).
    week_start: int = 0
    #: Seconds a single regex may run on one document before the rule is reported.
    regex_timeout: float = 2.0
