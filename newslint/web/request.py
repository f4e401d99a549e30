"""Validate the body of ``POST /api/check`` into a frozen request, with messages a caller can act on."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

FORMATS = ("plain", "markdown", "html")
REPORTS = ("json", "sarif")


class BadRequest(ValueError):
    """The body cannot be checked; the message says why (answered as 400)."""


@dataclass(frozen=True)
class CheckRequest:
    text: str
    filename: str = "-"  # what the CLI calls stdin without --stdin-filename
    format: str | None = None
    date: dt.date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def parse_body(body: bytes) -> CheckRequest:
    """``{"text", "filename"?, "format"?, "date"?, "select"?, "ignore"?}`` → CheckRequest."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadRequest("body must be a JSON object")
    unknown = sorted(set(data) - {"text", "filename", "format", "date", "select", "ignore"})
    if unknown:
        raise BadRequest(f"unknown key(s): {', '.join(unknown)}")
    text = data.get("text")
    if not isinstance(text, str):
        raise BadRequest("'text' is required and must be a string")
    return CheckRequest(
        text=text,
        filename=_string(data, "filename") or "-",
        format=_format(data.get("format")),
        date=_date(data.get("date")),
        select=_ids(data, "select"),
        ignore=_ids(data, "ignore"),
    )


def _string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise BadRequest(f"'{key}' must be a string")
    return value


def _format(value: Any) -> str | None:
    if value in (None, "", "auto"):
        return None
    if value not in FORMATS:
        raise BadRequest(f"'format' must be one of {', '.join(FORMATS)} (or omitted), not {value!r}")
    return str(value)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    from newslint.parsers.frontmatter import plausible

    try:
        date = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        date = None
    if date is None or not plausible(date):
        raise BadRequest(f"'date' must be YYYY-MM-DD (years 1000-8999), not {value!r}")
    return date


def _ids(data: dict[str, Any], key: str) -> tuple[str, ...]:
    """A list of rule ids or prefixes, or one comma-separated string (as on the command line)."""
    value = data.get(key)
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise BadRequest(f"'{key}' must be a list of rule ids or a comma-separated string")
    return tuple(v.strip() for v in items if v.strip())
