"""Results of unchanged files, kept between runs (a pre-commit hook run again).

A result is stored under a key over everything it depends on: the file's decoded
text and display name, the input format, the ``--date``, the per-file ignores,
and the rule-set key (rule files, config, select/ignore, newslint's code). Front
matter dates are part of the text. Only results without errors are stored: a
timeout or an unreadable file is tried again next time.
"""

from __future__ import annotations

import datetime as dt

from ..model import FileResult
from . import cache

KIND = "results"


def key_of(ruleset_key: str, text: str, display: str, fmt: str, date: dt.date | None, ignored: tuple[str, ...]) -> str:
    return cache.key_of(("result", ruleset_key, display, fmt, date.isoformat() if date else "", "\0".join(ignored), text))


def load(key: str) -> FileResult | None:
    hit = cache.load(KIND, key)
    return hit if isinstance(hit, FileResult) else None


def store(key: str, result: FileResult) -> None:
    if not result.errors:
        cache.store(KIND, key, result)
