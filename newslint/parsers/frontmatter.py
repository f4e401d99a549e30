"""YAML front matter and the leading ``date YYYY-MM-DD <publication>`` header line.

Both are recognised at the top of any input format and are metadata, never prose.
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..yamlfile import shared_node

_FENCE_OPEN = re.compile(r"---[ \t]*\r?\n")
_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_HEADER_DATE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[^\n]*(?:\n|\Z)", re.IGNORECASE)
#: What the first line of front matter can be: a key, a list item, a comment, or the close.
_YAML_START = re.compile(r"(?:[ \t]*\r?\n)*[ \t]*(?:[^\s:#][^:\n]*:(?:[ \t]|\r?$)|-[ \t]|#|(?:---|\.\.\.)[ \t]*\r?$|[\[{])", re.MULTILINE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Preamble:
    """What precedes the article text: where prose may start, and metadata."""

    body_start: int = 0
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    date: dt.date | None = None
    date_source: str | None = None
    #: (source offset, message) for a preamble that could not be read.
    problems: tuple[tuple[int, str], ...] = ()


#: Publication dates newslint accepts: date reasoning adds and subtracts years, which
#: near datetime's limits (years 1 and 9999) would overflow.
EARLIEST, LATEST = dt.date(1000, 1, 1), dt.date(8999, 12, 31)


def plausible(date: dt.date) -> bool:
    return EARLIEST <= date <= LATEST


def parse_date_value(value: Any) -> dt.date | None:
    """A publication date from a YAML value or an ISO string; None if unreadable or implausible."""
    date = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        if m:
            try:
                date = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return date if date is not None and plausible(date) else None


def _load_yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    return yaml.load(text)


def read_preamble(source: str, start: int = 0) -> Preamble:
    """Front matter (``---`` fenced YAML) then an optional header date line, from ``start``.

    A UTF-8 BOM at ``start`` is skipped, so ``body_start`` is never before real text.
    """
    pos = start + 1 if source.startswith("\ufeff", start) else start
    front: Mapping[str, Any] = {}
    problems: list[tuple[int, str]] = []
    date = None
    date_source = None
    m = _FENCE_OPEN.match(source, pos)
    if m and not _YAML_START.match(source, m.end()):
        m = None  # a leading '---' then prose is a rule (thematic break), not front matter
    if m:
        close = _FENCE_CLOSE.search(source, m.end())
        if close is None:
            problems.append((pos, "front matter opened with '---' is never closed; read as text"))
        else:
            raw = source[m.end() : close.start()]
            end = close.end()
            if end < len(source) and source[end] == "\n":
                end += 1
            try:
                loaded = _load_yaml(raw)
            except Exception as exc:  # ruamel raises many types; all mean bad YAML
                problems.append((m.end(), f"front matter is not valid YAML: {_first_line(exc)}"))
                loaded = None
            if shared_node(loaded) is not None:
                problems.append((m.end(), "front matter uses YAML anchors or aliases; not read"))
                loaded = None
            if loaded is None:
                loaded = {}
            if not isinstance(loaded, dict):
                problems.append((m.end(), "front matter must be a YAML mapping"))
                loaded = {}
            front = loaded
            pos = end
            if "date" in front:
                date = parse_date_value(front["date"])
                if date is None:
                    problems.append((m.end(), f"front matter 'date' is not a date (YYYY-MM-DD, years {EARLIEST.year}-{LATEST.year}): {reprlib.repr(front['date'])}"))
                else:
                    date_source = "front matter"
    h = _HEADER_DATE.match(source, pos)
    if h:
        header_date = parse_date_value(h[1])
        if header_date is not None:
            if date is None:
                date, date_source = header_date, "header line"
            pos = h.end()
    return Preamble(pos, front, date, date_source, tuple(problems))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(line.strip() for line in text[:3]) if text else type(exc).__name__
