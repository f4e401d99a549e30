"""Lint many files: one config and rule set per directory, files in parallel, order kept.

All config and rule errors are found before any article is read; an unreadable
or pathological article is reported and the others are still checked.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, ConfigProblems, RuleSet, build_ruleset, discover, ignored_for, load_config
from .engine import lint_source
from .inputs import InputError, Source, read_path
from .model import FileError, FileResult
from .yamlfile import ConfigError

DEFAULT_TIMEOUT = 60.0
#: Longer limits than this (a year) are no limit; setitimer overflows on huge values.
MAX_TIMEOUT = 365 * 24 * 3600.0


@dataclass(frozen=True)
class Options:
    """Choices from the command line (or an API caller) that apply to every file."""

    config_path: str | None = None
    no_config: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    date: dt.date | None = None
    stdin_filename: str | None = None
    timeout: float | None = None
    jobs: int = 1
    fmt: str | None = None
    extra_rule_dirs: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Plan:
    """Each source with the config and rule set that apply to it."""

    items: tuple[tuple[Source, Config, RuleSet], ...]
    errors: tuple[ConfigError, ...]


def plan(sources: Sequence[Source], opts: Options) -> Plan:
    """Resolve configs and rule sets (cached per config file) for every source."""
    configs: dict[str | None, Config] = {}
    rulesets: dict[str | None, RuleSet] = {}
    errors: list[ConfigError] = []
    failed: set[str | None] = set()
    items = []
    for source in sources:
        key = _config_key(source, opts)
        if key in failed:
            continue
        if key not in configs:
            try:
                config = load_config(Path(key)) if key else Config()
            except ConfigProblems as exc:
                errors.extend(exc.errors)
                failed.add(key)
                continue
            if opts.extra_rule_dirs:
                config = _with_dirs(config, opts.extra_rule_dirs)
            ruleset, problems = build_ruleset(config, select=opts.select, ignore=opts.ignore)
            errors.extend(problems)
            if problems:
                failed.add(key)
                continue
            configs[key], rulesets[key] = config, ruleset
        items.append((source, configs[key], rulesets[key]))
    unique = list(dict.fromkeys(errors))
    return Plan(tuple(items), tuple(unique))


def _with_dirs(config: Config, dirs: tuple[str, ...]) -> Config:
    import dataclasses

    return dataclasses.replace(config, rule_dirs=(*config.rule_dirs, *(os.path.abspath(d) for d in dirs)))


def _config_key(source: Source, opts: Options) -> str | None:
    if opts.no_config:
        return None
    if opts.config_path:
        return os.path.abspath(opts.config_path)
    where = source.path or opts.stdin_filename or "."
    directory = where if os.path.isdir(where) else os.path.dirname(os.path.abspath(where))
    found = _discover_cached(directory)
    return str(found) if found else None


_DISCOVERED: dict[str, Path | None] = {}


def _discover_cached(directory: str) -> Path | None:
    if directory not in _DISCOVERED:
        _DISCOVERED[directory] = discover(Path(directory))
    return _DISCOVERED[directory]


class _FileTimeout(BaseException):
    """Raised by the SIGALRM handler. A BaseException, so that no ``except Exception``
    in a check or in the engine can swallow it and keep the file running past its limit."""


def lint_one(source: Source, config: Config, ruleset: RuleSet, opts: Options, stdin_text: str | None = None) -> FileResult:
    """Read and lint one source; every failure becomes a FileError, never an exception."""
    display = source.display if source.path is not None else (opts.stdin_filename or "-")
    try:
        text = stdin_text if source.path is None else read_path(source.path)
    except InputError as exc:
        return FileResult(display, (), (FileError(display, str(exc)),))
    assert text is not None
    ignored = ignored_for(config, source.path or opts.stdin_filename or display)
    rules = [r for r in ruleset.rules if not any(r.id == i or r.id.startswith(i + ".") for i in ignored)]
    fmt = source.fmt or opts.fmt
    name_for_format = source.path or opts.stdin_filename or display
    limit = opts.timeout if opts.timeout is not None else (config.timeout or DEFAULT_TIMEOUT)
    try:
        with _time_limit(limit):
            return lint_source(
                text,
                display,
                rules,
                config.settings(),
                fmt=fmt or _format_of(name_for_format),
                date=opts.date,
                known_ids=ruleset.known_ids,
            )
    except _FileTimeout:
        return FileResult(display, (), (FileError(display, f"took longer than {limit:g} s and was skipped (raise 'timeout' in config or --timeout)"),))
    except RecursionError:
        return FileResult(display, (), (FileError(display, "input is nested too deeply to lint"),))
    except Exception as exc:  # a bug anywhere must cost this file only, never the run
        return FileResult(display, (), (FileError(display, f"internal error: {type(exc).__name__}: {exc}"),))


def _format_of(path: str) -> str:
    from .parsers import format_for

    return format_for(path)


class _time_limit:
    """SIGALRM-based limit, only where signals work (main thread on POSIX)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (
            0 < seconds < MAX_TIMEOUT
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self) -> None:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            if self.previous is None:  # a handler not installed from Python cannot be restored
                self.previous = signal.SIG_DFL
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    @staticmethod
    def _fire(signum: int, frame: object) -> None:
        raise _FileTimeout()

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


_WORK: tuple | None = None


def _init_worker(work: tuple) -> None:
    global _WORK
    _WORK = work


def _lint_index(index: int) -> FileResult:
    assert _WORK is not None
    items, opts = _WORK
    source, config, ruleset = items[index]
    return lint_one(source, config, ruleset, opts)


def run(p: Plan, opts: Options, stdin_text: str | None = None) -> Iterator[FileResult]:
    """Results in the order of ``p.items``, whatever ``opts.jobs`` is."""
    items = p.items
    jobs = max(1, opts.jobs)
    if jobs == 1 or len(items) < 2 or not _fork_available():
        for source, config, ruleset in items:
            yield lint_one(source, config, ruleset, opts, stdin_text)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    stdin_results = {
        i: lint_one(s, c, r, opts, stdin_text) for i, (s, c, r) in enumerate(items) if s.path is None
    }
    indices = [i for i in range(len(items)) if i not in stdin_results]
    chunk = max(1, min(64, len(indices) // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=_init_worker, initargs=((items, opts),)) as pool:
        it = pool.imap(_lint_index, indices, chunksize=chunk)
        for i in range(len(items)):
            yield stdin_results[i] if i in stdin_results else next(it)


def _fork_available() -> bool:
    return sys.platform != "win32"
