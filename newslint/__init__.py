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
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import FileResult

__all__ = ["__version__", "fix_text", "lint_paths", "lint_text"]


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
    from .inputs import Source
    from .runner import lint_one

    stamp = _stamp(config)
    opts, config_, ruleset = _prepared(config, stamp, tuple(select), tuple(ignore), _as_date(date), path, format)
    return lint_one(Source(path, None, format), config_, ruleset, opts, stdin_text=text)


def fix_text(text: str, *, unsafe: bool = False, **options: object) -> tuple[str, FileResult]:
    """Apply ``text``'s safe fixes (all with ``unsafe``) as ``check --fix`` does; return the
    fixed text and the findings left in it. ``options`` are ``lint_text``'s keywords."""
    from .fixes.fixcli import fix_text as fix_passes

    outcome = fix_passes(lambda t: lint_text(t, **options), text, unsafe)  # type: ignore[arg-type]
    return outcome.after, outcome.result


def _stamp(config: str | None) -> tuple[int, int] | None:
    """Changes when the config file does, so an edited config is reloaded."""
    import os

    try:
        st = os.stat(config) if config else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st else None


@functools.lru_cache(maxsize=32)
def _prepared(config, stamp, select, ignore, date, path, format):  # type: ignore[no-untyped-def]
    """Config and rule set for ``lint_text``, loaded once per process for the same choices.

    Pipelines call ``lint_text`` once per article; reloading and revalidating every
    rule file each time would cost more than the linting.
    """
    from .config import ConfigProblems
    from .inputs import Source
    from .runner import Options, plan

    opts = Options(
        config_path=config,
        no_config=config is None,
        select=select,
        ignore=ignore,
        date=date,
        stdin_filename=path,
        fmt=format,
    )
    p = plan([Source(path, None, format)], opts)
    if p.errors:
        raise ConfigProblems(list(p.errors))
    _source, cfg, ruleset = p.items[0]
    return opts, cfg, ruleset


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
