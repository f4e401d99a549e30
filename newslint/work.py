"""Documents to lint, from article files or archive records, as plain picklable jobs.

The local runner and the Dask runner both lint this stream, so a JSONL archive
and a directory give the same documents, names and errors whichever runs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .inputs import InputError, Source, read_path
from .jsonl import Record, archive_records, is_archive
from .model import FileError, FileResult

if TYPE_CHECKING:
    from .runner import Options


@dataclass(frozen=True)
class Job:
    """One document's text and what it is linted as; ``name`` picks per-file ignores."""

    display: str
    name: str
    fmt: str
    text: str
    date: dt.date | None = None


def documents(source: Source, opts: Options, stdin_text: str | None = None) -> Iterator[Job | FileResult]:
    """The source's documents (one for an article, one per record for an archive), or its errors."""
    name = source.path or opts.stdin_filename or source.display
    if archive(source, opts):
        stdin_name = opts.stdin_filename or "-"
        for item in archive_records(source, stdin_text, opts.fields, stdin_name):
            yield _from_record(item, name) if isinstance(item, Record) else item
        return
    display = source.display if source.path is not None else (opts.stdin_filename or "-")
    try:
        text = stdin_text if source.path is None else read_path(source.path)
    except InputError as exc:
        yield FileResult(display, (), (FileError(display, str(exc)),))
        return
    assert text is not None
    yield Job(display, name, source.fmt or opts.fmt or _format_of(name), text)


def archive(source: Source, opts: Options) -> bool:
    """Whether this source is read as a JSON Lines archive under these options."""
    name = source.path or opts.stdin_filename or ""
    return is_archive(Source(name, name), "jsonl" if opts.jsonl else opts.fmt)


def _from_record(record: Record, archive: str) -> Job:
    return Job(record.display, archive, record.fmt, record.text, record.date)


def _format_of(path: str) -> str:
    from .parsers import format_for

    return format_for(path)


def text_reader(sources: Sequence[Source], opts: Options, stdin_text: str | None, wanted: set[str]) -> Callable[[str], str | None]:
    """Source text by display name, for baseline fingerprints. Articles are read again;
    the records named in ``wanted`` are collected in one pass over the archives, when first asked."""
    from .baseline import source_reader

    articles = {(s.display if s.path else opts.stdin_filename or "-"): s.path for s in sources if not archive(s, opts)}
    read_article = source_reader(articles, stdin_text)
    archives = [s for s in sources if archive(s, opts)]
    records: dict[str, str] = {}
    loaded = False

    def read(display: str) -> str | None:
        nonlocal loaded
        if display in articles:
            return read_article(display)
        if not loaded:
            loaded = True
            for source in archives:
                records.update((d.display, d.text) for d in documents(source, opts, stdin_text) if isinstance(d, Job) and d.display in wanted)
        return records.get(display)

    return read
