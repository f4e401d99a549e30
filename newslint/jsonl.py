"""JSON Lines archives: each record is one document, reported as ``FILE#ID``.

Records are streamed (``.jsonl.gz`` too), so an archive of millions of stories
never sits in memory. A bad record costs that record only: it becomes an error
naming the file and the record, and the other records are still checked.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .inputs import InputError, Source
from .model import FileError, FileResult

FORMATS = ("plain", "markdown", "html")
SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class Fields:
    """Which keys of a record hold its text, id, publication date and format."""

    text: str = "text"
    id: str | None = None
    date: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Record:
    """One record's document: its display name (``FILE#ID``), text, date and format."""

    display: str
    text: str
    date: dt.date | None
    fmt: str


def is_archive(source: Source, input_format: str | None) -> bool:
    """JSONL when asked for, or by the file name's ending."""
    if input_format == "jsonl":
        return True
    name = (source.path or "").lower()
    return input_format is None and name.endswith(SUFFIXES)


def _lines(source: Source, stdin_text: str | None) -> Iterator[bytes]:
    if source.path is None:
        yield from (stdin_text or "").encode("utf-8").splitlines()
        return
    _regular(source.path)
    if source.path.lower().endswith(".gz"):
        try:
            with gzip.open(source.path, "rb") as fh:
                yield from fh
        except (OSError, EOFError) as exc:
            raise InputError(f"cannot read gzip stream: {exc}") from None
        return
    with open(source.path, "rb") as fh:
        yield from fh


def _regular(path: str) -> None:
    """Refuse what cannot be streamed; no size limit, unlike an article (an archive is many)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError((exc.strerror or str(exc)).lower()) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(mode):
        raise InputError("not a regular file (a FIFO, socket or device); not read")


def records(display: str, lines: Iterable[bytes], fields: Fields) -> Iterator[Record | FileResult]:
    """Each non-blank line's Record, or a FileResult with the error for a bad record."""
    number = 0
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        number += 1
        try:
            yield _record(display, number, raw, fields, first=lineno == 1)
        except ValueError as exc:
            name = f"{display}#{number}"
            yield FileResult(name, (), (FileError(name, f"record {number} (line {lineno}): {exc}"),))


def _record(display: str, number: int, raw: bytes, fields: Fields, first: bool = False) -> Record:
    try:
        data = json.loads(raw.decode("utf-8-sig" if first else "utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict):
        raise ValueError(f"must be a JSON object, not {type(data).__name__}")
    text = _string(data, fields.text, required=True)
    assert text is not None
    if "\x00" in text:
        raise ValueError(f"field '{fields.text}' contains a NUL character")
    ident = data.get(fields.id) if fields.id else None
    if ident is not None and (not isinstance(ident, (str, int)) or isinstance(ident, bool) or ident == ""):
        raise ValueError(f"field '{fields.id}' must be a non-empty string or an integer")
    fmt = _string(data, fields.format) or "plain"
    if fmt not in FORMATS:
        raise ValueError(f"field '{fields.format}' must be one of {', '.join(FORMATS)}, not {fmt!r}")
    date = _date(data, fields.date)
    return Record(f"{display}#{ident if ident is not None else number}", text, date, fmt)


def _string(data: dict, key: str | None, required: bool = False) -> str | None:
    if key is None:
        return None
    if key not in data:
        if required:
            raise ValueError(f"has no field '{key}'")
        return None
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"field '{key}' must be a string, not {type(value).__name__}")
    return value


def _date(data: dict, key: str | None) -> dt.date | None:
    value = _string(data, key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"field '{key}' must be a date YYYY-MM-DD, not {value!r}") from None


def archive_records(source: Source, stdin_text: str | None, fields: Fields, stdin_name: str) -> Iterator[Record | FileResult]:
    """The records of one archive; an unreadable archive is one error for the file."""
    display = source.display if source.path is not None else stdin_name
    try:
        yield from records(display, _lines(source, stdin_text), fields)
    except InputError as exc:
        yield FileResult(display, (), (FileError(display, str(exc)),))
    except OSError as exc:
        yield FileResult(display, (), (FileError(display, exc.strerror or str(exc)),))
