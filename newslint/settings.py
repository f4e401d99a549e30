"""Run-wide settings that checks may read: the resolved config, not the rule options."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    #: Accepted words and names (config ``vocabulary``), lower-cased.
    vocabulary: frozenset[str] = frozenset()
    #: House order for ambiguous numeric dates: "mdy", "dmy" or None (never assert).
    date_order: str | None = None
    #: First day of the week, 0 = Monday (``last week``/``this week`` reasoning).
    week_start: int = 0
    #: Seconds of regex matching one rule may spend on one document (the engine adds
    #: one second per million characters) before the rule is reported for that file.
    regex_budget: float = 2.0
    #: ``time.monotonic()`` by which the running rule must be done; set by the engine.
    regex_deadline: float | None = None

    @property
    def regex_timeout(self) -> float:
        """The ``timeout=`` for a ``regex`` call: what is left of the rule's budget for
        this document, so a check that runs a pattern once per block cannot multiply it."""
        if self.regex_deadline is None:
            return self.regex_budget
        return max(1e-6, self.regex_deadline - time.monotonic())
