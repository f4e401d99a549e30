"""newslint: a linter for news copy.

Python API for pipelines::

    from newslint import lint_text, lint_paths
    result = lint_text("The the talks collapsed.", date="2024-01-13")
    for finding in result.findings:
        print(finding.line, finding.column, finding.rule, finding.message)

Both return plain frozen dataclasses (``FileResult`` / ``Finding``) and never
raise for bad article input; a bad config or rule raises ``ConfigProblems``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import FileResult

__all__ = ["__version__", "lint_paths", "lint_text"]


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    return dt.date.fromisoformat(date)


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    format: str | None = None,
    date: dt.date | str | None = None,
    config: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> FileResult:
    """Lint one article given as a string. ``format``: plain, markdown or html (default: by path)."""
    from .config import ConfigProblems
    from .inputs import Source
    from .runner import Options, lint_one, plan

    opts = Options(
        config_path=config,
        no_config=config is None,
        select=tuple(select),
        ignore=tuple(ignore),
        date=_as_date(date),
        stdin_filename=path,
        fmt=format,
    )
    p = plan([Source(path, None, format)], opts)
    if p.errors:
        raise ConfigProblems(list(p.errors))
    source, cfg, ruleset = p.items[0]
    return lint_one(source, cfg, ruleset, opts, stdin_text=text)


def lint_paths(
    paths: Iterable[str],
    *,
    date: dt.date | str | None = None,
    config: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    jobs: int = 1,
) -> Iterator[FileResult]:
    """Lint files and directories; yields one result per file, in a stable order."""
    from .config import ConfigProblems
    from .inputs import discover
    from .model import FileError, FileResult
    from .runner import Options, plan, run

    opts = Options(config_path=config, select=tuple(select), ignore=tuple(ignore), date=_as_date(date), jobs=jobs)
    sources, errors = discover(list(paths))
    p = plan(sources, opts)
    if p.errors:
        raise ConfigProblems(list(p.errors))
    for path, message in errors:
        yield FileResult(path, (), (FileError(path, message),))
    yield from run(p, opts)
