"""Lint on Dask: documents go out in batches sized by bytes, results come back in input order.

Why Dask and not a bigger process pool: an archive of millions of stories needs
more than one machine, and Dask already schedules, retries and survives lost
workers. Each batch carries its rules *spec* (the config and the command line's
choices), never the rules: a worker builds the rule set once per spec and keeps
it, so rules are loaded once per worker, not once per batch. Output is the same
FileResults, in the same order, as a local ``-j 1`` run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .config import Config, RuleSet, build_ruleset
from .jsonl import Fields, Record, records
from .model import FileError, FileResult
from .runner import Options, Plan, lint_job
from .work import Job, documents

#: A batch closes at this many bytes of text: ~45,000 words, about a second of work,
#: so Dask's few milliseconds per task stay under 1% (see docs/benchmarks.md).
BATCH_BYTES = 256 * 1024
RETRIES = 2
INSTALL = "--dask needs Dask: pip install 'newslint[dask]' (dask[distributed])"

Entry = Job | FileResult  # a FileResult here is an input error, passed through in its place


_ADDRESS = re.compile(r"[a-z]+://\S+|[\w.-]+:\d+")


def is_address(value: str) -> bool:
    """Whether ``--dask VALUE`` names a scheduler (tcp://host:port, host:port), not a path to lint."""
    return bool(_ADDRESS.fullmatch(value)) and not os.path.exists(value)


class DaskError(Exception):
    """Dask cannot run this check (not installed, no scheduler); the message says why."""


class DaskMissing(DaskError):
    """Dask is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Spec:
    """What a worker needs to build a rule set; ``key`` names it in the worker's cache."""

    key: str
    config: Config
    select: tuple[str, ...]
    ignore: tuple[str, ...]


def spec_for(config: Config, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Spec:
    key = hashlib.sha256(pickle.dumps((config, select, ignore))).hexdigest()[:24]
    return Spec(key, config, select, ignore)


_RULESETS: dict[str, RuleSet] = {}
_LOCK = threading.Lock()


def worker_ruleset(spec: Spec) -> RuleSet:
    """The spec's rule set, built on first use in this worker process and kept."""
    with _LOCK:
        if spec.key not in _RULESETS:
            ruleset, problems = build_ruleset(spec.config, select=spec.select, ignore=spec.ignore)
            if problems:  # the client validated these rules: this worker sees other files
                raise RuntimeError("rules failed to load on this worker: " + "; ".join(map(str, problems[:3])))
            _RULESETS[spec.key] = ruleset
        return _RULESETS[spec.key]


def loaded_specs() -> int:
    """How many rule sets this worker has built (rules are loaded once per worker and spec)."""
    return len(_RULESETS)


def lint_batch(spec: Spec, entries: list[Entry], opts: Options) -> list[FileResult]:
    """Lint one batch on a worker; a check that raises costs its document only (lint_job)."""
    ruleset = worker_ruleset(spec)
    return [e if isinstance(e, FileResult) else lint_job(e, spec.config, ruleset, opts) for e in entries]


def batches(entries: Iterable[tuple[Spec, Entry]], limit: int = BATCH_BYTES) -> Iterator[tuple[Spec, list[Entry]]]:
    """Consecutive entries grouped while they share a spec and stay under ``limit`` bytes of text."""
    current: list[Entry] = []
    spec: Spec | None = None
    size = 0
    for s, entry in entries:
        if current and (s.key != spec.key or size >= limit):  # type: ignore[union-attr]
            yield spec, current  # type: ignore[misc]
            current, size = [], 0
        spec = s
        current.append(entry)
        size += len(entry.text) if isinstance(entry, Job) else 0
    if current:
        yield spec, current  # type: ignore[misc]


def plan_entries(p: Plan, opts: Options, stdin_text: str | None) -> Iterator[tuple[Spec, Entry]]:
    """Every document of the plan, in input order, with its rules spec (read here, linted there)."""
    specs: dict[int, Spec] = {}
    for source, config, ruleset in p.items:
        spec = specs.setdefault(id(ruleset), spec_for(config, opts.select, opts.ignore))
        for entry in documents(source, opts, stdin_text):
            yield spec, entry


def run_dask(
    p: Plan,
    opts: Options,
    stdin_text: str | None = None,
    address: str | None = None,
    *,
    workers: int | None = None,
    batch_bytes: int = BATCH_BYTES,
    client: Any = None,
) -> Iterator[FileResult]:
    """Results in input order from a LocalCluster, the scheduler at ``address``, or ``client``."""
    if client is None:
        client, closers = _connect(address, workers)  # raises DaskMissing now, not on first next()
    else:
        closers = []
    return _results(client, closers, batches(plan_entries(p, opts, stdin_text), batch_bytes), opts)


def _connect(address: str | None, workers: int | None) -> tuple[Any, list[Any]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskMissing(INSTALL) from None
    if address:
        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise DaskError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        return client, [client]
    n = workers or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=":0", silence_logs=40)
    client = Client(cluster)
    return client, [client, cluster]


def _results(client: Any, closers: list[Any], work: Iterator[tuple[Spec, list[Entry]]], opts: Options) -> Iterator[FileResult]:
    """Keep a window of batches in flight; yield each batch's results in submission order."""
    window = 2 * max(1, len(client.nthreads())) + 2  # two batches per worker in flight keep it busy
    pending: deque[tuple[Any, Spec, list[Entry]]] = deque()
    try:
        for spec, entries in work:
            pending.append((client.submit(lint_batch, spec, entries, opts, retries=RETRIES, pure=False), spec, entries))
            if len(pending) >= window:
                yield from _collect(client, *pending.popleft(), opts)
        while pending:
            yield from _collect(client, *pending.popleft(), opts)
    finally:
        for future, _s, _e in pending:
            future.cancel()
        for closer in closers:
            closer.close()


def _collect(client: Any, future: Any, spec: Spec, entries: list[Entry], opts: Options) -> list[FileResult]:
    """The batch's results; a batch that failed every retry is re-run one document per task,
    so the document that kills its worker (or the task) is an error entry and the rest are kept."""
    try:
        return future.result()
    except Exception:
        singles = [client.submit(lint_batch, spec, [e], opts, retries=0, pure=False) for e in entries]
        return [_single(f, e) for f, e in zip(singles, entries, strict=True)]


def _single(future: Any, entry: Entry) -> FileResult:
    try:
        return future.result()[0]
    except Exception as exc:
        display = entry.display if isinstance(entry, Job) else entry.path
        message = f"internal error: the Dask task checking this document failed ({type(exc).__name__}: {exc}); its findings are missing"
        return FileResult(display, (), (FileError(display, message),))


def lint_bag(
    bag: Any,
    *,
    config: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fields: Fields | None = None,
    name: str = "bag",
) -> Any:
    """A Dask bag of FileResults for a bag of texts, JSONL-style dicts or (id, text) pairs.

    For pipelines already on Dask: ``lint_bag(db.read_text("a/*.jsonl").map(json.loads))``,
    or a dataframe column as ``lint_bag(df["text"].to_bag(index=True))``. A document is
    named ``name#ID`` (a dict's id field, a pair's first item) or ``name#P.N`` (partition, item).
    """
    import dask
    import dask.bag as db

    from .runner import plan

    opts = Options(config_path=config, no_config=config is None, select=tuple(select), ignore=tuple(ignore))
    p = plan([_source_for(config)], opts)
    if p.errors:
        raise ValueError("; ".join(str(e) for e in p.errors))
    _source, cfg, _ruleset = p.items[0]
    spec = spec_for(cfg, opts.select, opts.ignore)
    parts = bag.to_delayed()
    lint = dask.delayed(_lint_partition, pure=True)
    return db.from_delayed([lint(part, i, spec, opts, fields or Fields(), name) for i, part in enumerate(parts)])


def _source_for(config: str | None) -> Any:
    from .inputs import Source

    return Source(config or ".", None)


def _lint_partition(items: list[Any], index: int, spec: Spec, opts: Options, fields: Fields, name: str) -> list[FileResult]:
    return lint_batch(spec, [_entry(item, f"{name}#{index}.{n}", fields, name) for n, item in enumerate(items, 1)], opts)


def _entry(item: Any, fallback: str, fields: Fields, name: str) -> Entry:
    """A bag element as a Job (or the error a bad record is)."""
    if isinstance(item, str):
        return Job(fallback, name, "plain", item)
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return Job(f"{name}#{item[0]}", name, "plain", item[1])
    import json

    raw = json.dumps(item, default=str).encode("utf-8")
    got = next(records(name, [raw], fields))
    if isinstance(got, Record):
        ident = item.get(fields.id) if fields.id and isinstance(item, dict) else None
        return Job(fallback if ident is None else f"{name}#{ident}", name, got.fmt, got.text, got.date)
    return FileResult(fallback, (), (FileError(fallback, got.errors[0].message.split(": ", 1)[-1]),))
