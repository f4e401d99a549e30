"""Lint many files: one config and rule set per directory, files in parallel, order kept.

All config and rule errors are found before any article is read; an unreadable
or pathological article is reported and the others are still checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .archive.jsonl import Fields
from .caching import cache, regexcache, resultcache, rulecache
from .config import Config, ConfigProblems, RuleSet, discover, ignored_for, load_config
from .inputs import InputError, Source, read_path
from .model import FileError, FileResult
from .work import Job, archive, documents
from .yamlfile import ConfigError

if TYPE_CHECKING:  # imported when used: a run served from the result cache needs neither
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

DEFAULT_TIMEOUT = 60.0
#: Longer limits than this (a year) are no limit; setitimer overflows on huge values.
MAX_TIMEOUT = 365 * 24 * 3600.0
#: Linting is CPU-bound: more workers than this only exhaust memory and process slots.
MAX_JOBS = max(8, 4 * (os.cpu_count() or 1))


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
    jsonl: bool = False  # --input-format jsonl: every input is an archive, whatever its name
    fields: Fields = field(default_factory=Fields)
    #: Keep compiled rule sets and results in the user's cache directory (the CLI's
    #: default; ``--no-cache`` turns it off). Off for API callers unless they ask.
    cache: bool = False


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
    discovered: dict[str, Path | None] = {}  # per plan: a config created since the last run counts
    items = []
    for source in sources:
        key = _config_key(source, opts, discovered)
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
            ruleset, problems = rulecache.ruleset(config, select=opts.select, ignore=opts.ignore, use_cache=opts.cache)
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


def _config_key(source: Source, opts: Options, discovered: dict[str, Path | None]) -> str | None:
    if opts.no_config:
        return None
    if opts.config_path:
        return os.path.abspath(opts.config_path)
    where = source.path or opts.stdin_filename or "."
    directory = where if os.path.isdir(where) else os.path.dirname(os.path.abspath(where))
    if directory not in discovered:
        discovered[directory] = discover(Path(directory))
    found = discovered[directory]
    return str(found) if found else None


class _FileTimeout(BaseException):
    """Raised by the SIGALRM handler. A BaseException, so that no ``except Exception``
    in a check or in the engine can swallow it and keep the file running past its limit."""


def lint_one(source: Source, config: Config, ruleset: RuleSet, opts: Options, stdin_text: str | None = None, *, text: str | None = None) -> FileResult:
    """Read and lint one article, never an archive (or lint ``text`` for it); every failure becomes a FileError."""
    display = source.display if source.path is not None else (opts.stdin_filename or "-")
    try:
        if text is None:
            text = stdin_text if source.path is None else read_path(source.path)
    except InputError as exc:
        return FileResult(display, (), (FileError(display, str(exc)),))
    assert text is not None
    name = source.path or opts.stdin_filename or display
    return lint_job(Job(display, name, source.fmt or opts.fmt or _format_of(name), text), config, ruleset, opts)


def lint_item(source: Source, config: Config, ruleset: RuleSet, opts: Options, stdin_text: str | None = None) -> Iterator[FileResult]:
    """Every document of one source: an article's one result, or one per record of an archive."""
    remember = not archive(source, opts)  # an archive's records are not kept one by one
    for doc in documents(source, opts, stdin_text):
        yield doc if isinstance(doc, FileResult) else lint_job(doc, config, ruleset, opts, remember=remember)


def lint_job(job: Job, config: Config, ruleset: RuleSet, opts: Options, *, remember: bool = True) -> FileResult:
    """Lint one document's text (a file's or a JSONL record's); --date beats the record's date.

    With ``opts.cache`` (and ``remember``) a result of the same inputs is served from
    the result cache, and a new one is kept there."""
    ignored = ignored_for(config, job.name)
    date = opts.date or job.date
    key = None
    if opts.cache and remember and isinstance(ruleset, rulecache.CachedRuleSet):
        key = resultcache.key_of(ruleset.key, job.text, job.display, job.fmt, date, ignored)
        hit = resultcache.load(key)
        if hit is not None:
            return hit
    with cache.off(not opts.cache):  # --no-cache: the checks' word lists are parsed afresh too
        result = _lint_text(job, date, ignored, config, ruleset, opts)
        regexcache.save()  # here, not only at exit: forked workers never run atexit
    if key is not None:
        resultcache.store(key, result)
    return result


def _lint_text(job: Job, date: dt.date | None, ignored: tuple[str, ...], config: Config, ruleset: RuleSet, opts: Options) -> FileResult:
    from .engine import lint_source

    display = job.display
    rules = [r for r in ruleset.rules if not any(r.id == i or r.id.startswith(i + ".") for i in ignored)]
    limit = opts.timeout if opts.timeout is not None else (config.timeout or DEFAULT_TIMEOUT)
    try:
        with _time_limit(limit):
            return lint_source(job.text, display, rules, config.settings(), fmt=job.fmt, date=date, known_ids=ruleset.known_ids)
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


def run(p: Plan, opts: Options, stdin_text: str | None = None) -> Iterator[FileResult]:
    """Results in the order of ``p.items``, whatever ``opts.jobs`` is."""
    items = p.items
    jobs = min(max(1, opts.jobs), MAX_JOBS)
    if jobs == 1 or len(items) < 2 or not _fork_available():
        for source, config, ruleset in items:
            yield from lint_item(source, config, ruleset, opts, stdin_text)
        return
    here = {i for i, (s, _c, _r) in enumerate(items) if s.path is None or archive(s, opts)}
    done = {i: list(lint_item(*items[i], opts, stdin_text)) for i in here}  # archives: in this process
    todo = [i for i in range(len(items)) if i not in done]
    following = 0
    for index, result in _parallel(items, todo, opts, jobs):
        done[index] = [result]
        while following in done:
            yield from done.pop(following)
            following += 1
    while following in done:
        yield from done.pop(following)
        following += 1


def _worker(conn: Connection, items: tuple, opts: Options) -> None:
    """Lint the item index the parent sends, send back (index, result); stop at None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        if index is None:
            return
        source, config, ruleset = items[index]
        conn.send((index, lint_one(source, config, ruleset, opts)))


def _parallel(items: tuple, todo: list[int], opts: Options, jobs: int) -> Iterator[tuple[int, FileResult]]:
    """(index, result) as forked workers finish, one file at a time each.

    The parent knows which file every worker holds, so a worker that dies (the OOM
    killer, a crash in a C extension) costs that file only: it is reported and a
    fresh worker takes over. ``multiprocessing.Pool`` would wait for it forever.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork")
    queue = deque(todo)
    idle: list[tuple[Connection, BaseProcess]] = []
    busy: dict[Connection, tuple[BaseProcess, int]] = {}

    def start() -> None:
        here, there = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(there, items, opts), daemon=True)
        proc.start()
        there.close()
        idle.append((here, proc))

    for _ in range(min(jobs, len(queue))):
        start()
    try:
        while queue or busy:
            while idle and queue:
                conn, proc = idle.pop()
                index = queue.popleft()
                busy[conn] = (proc, index)
                with contextlib.suppress(OSError):  # a dead worker shows up as EOF below
                    conn.send(index)
            for conn in cast("list[Connection]", wait(list(busy))):
                proc, index = busy.pop(conn)
                try:
                    got, result = conn.recv()
                except (EOFError, OSError):
                    conn.close()
                    proc.join(5)
                    yield index, _died(items[index][0], proc.exitcode)
                    if queue:
                        start()
                    continue
                idle.append((conn, proc))
                yield got, result
    finally:
        workers = [*idle, *((c, p) for c, (p, _i) in busy.items())]
        for conn, _proc in workers:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        for _conn, proc in workers:
            proc.join(1)
            if proc.is_alive():
                proc.kill()
                proc.join()


def _died(source: Source, exitcode: int | None) -> FileResult:
    how = f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    message = f"the process checking this file died ({how}; out of memory?); its findings are missing"
    return FileResult(source.display, (), (FileError(source.display, message),))


def _fork_available() -> bool:
    return sys.platform != "win32"
