"""Compiled ``regex`` patterns kept between processes.

Most of a fresh process's lint time went to compiling the rules' patterns: ``regex``
parses and optimises a pattern in Python, 50-70 ms each for the tense-cue and acronym
alternations, ~0.35 s for all of them. A compiled ``regex`` pattern pickles as its
compiled code (``Pattern._pickled_data``; unpickling hands it straight to the C
``_regex.compile``), about a hundred times cheaper than compiling. So while the
cache is on, ``regex``'s one compile entry point is wrapped: a pattern that took
more than ``MIN_SECONDS`` to compile is pickled into one table in the cache
directory, and a later process unpickles it instead of compiling it again.

Why it can be trusted: the table's key covers the ``regex`` version and C module,
Python and newslint's code (``cache.key_of``), and an entry's own key is the pattern
text, flags and ``regex.DEFAULT_VERSION``; an unpickled pattern must have the same
text or it is compiled afresh. Named lists, ``DEBUG``, ``LOCALE`` and bytes patterns
are never cached. With the cache off (``--no-cache``, ``$NEWSLINT_NO_CACHE``) the
wrapper only calls ``regex``'s own compile.
"""

from __future__ import annotations

import atexit
import functools
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import cache

KIND = "regex"
#: Compiling faster than this is cheaper than keeping the pattern (unpickling one costs 20-50 us).
MIN_SECONDS = 0.0002
#: Patterns built from a document's words are not worth keeping; this bounds the table.
MAX_ENTRIES = 2048
#: In-process patterns kept (``regex`` keeps its own 500 the same way).
MAX_LIVE = 500

Key = tuple[str, int, int]

_lock = threading.Lock()
_table: dict[Key, bytes] | None = None  # read from disk on first use
_new: dict[Key, bytes] = {}  # compiled in this process, not yet stored
_live: dict[Key, Any] = {}


def install() -> None:
    """Wrap ``regex``'s compile step (once per process; harmless to call again)."""
    import regex._main as main

    original = main._compile
    if getattr(original, "newslint_cached", False) or not _known_signature(original):
        return  # already wrapped, or a regex release whose private entry point moved: no cache

    @functools.wraps(original)
    def compile_cached(pattern: Any, flags: int, ignore_unused: bool, kwargs: dict, cache_it: bool) -> Any:
        return _compile(original, pattern, flags, ignore_unused, kwargs, cache_it)

    compile_cached.newslint_cached = True  # type: ignore[attr-defined]
    main._compile = compile_cached
    atexit.register(save)


_EXPECTED = ("pattern", "flags", "ignore_unused", "kwargs", "cache_it")


def _known_signature(function: Callable[..., Any]) -> bool:
    """``regex._main._compile`` is private: wrap it only while it takes what this wrapper
    passes on, so a new ``regex`` release costs the cache, never a crash."""
    import inspect

    try:
        return tuple(inspect.signature(function).parameters) == _EXPECTED
    except (TypeError, ValueError):
        return False


def _compile(original: Callable[..., Any], pattern: Any, flags: int, ignore_unused: bool, kwargs: dict, cache_it: bool) -> Any:
    """``regex._main._compile``, served from the table for a pattern compiled before."""
    import regex

    if kwargs or not cache_it or type(pattern) is not str or flags & (regex.DEBUG | regex.LOCALE) or not cache.enabled():
        return original(pattern, flags, ignore_unused, kwargs, cache_it)
    key = (pattern, flags, regex.DEFAULT_VERSION)
    found = _live.get(key)
    if found is None:
        found = _unpickled(key)
    if found is None:
        began = time.perf_counter()
        found = original(pattern, flags, ignore_unused, kwargs, cache_it)
        if time.perf_counter() - began >= MIN_SECONDS:
            _remember(key, found)
    if len(_live) >= MAX_LIVE:
        _live.clear()
    _live[key] = found
    return found


def _unpickled(key: Key) -> Any | None:
    import regex

    data = _loaded().get(key) or _new.get(key)
    if data is None:
        return None
    try:
        found = pickle.loads(data)
    except Exception:  # a damaged entry: compile afresh
        return None
    return found if isinstance(found, regex.Pattern) and found.pattern == key[0] else None


def _remember(key: Key, compiled: Any) -> None:
    if len(_loaded()) + len(_new) >= MAX_ENTRIES:
        return
    try:
        data = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    with _lock:
        _new[key] = data


def _loaded() -> dict[Key, bytes]:
    global _table
    if _table is None:
        hit = cache.load(KIND, table_key())
        _table = hit if isinstance(hit, dict) else {}
    return _table


@functools.lru_cache(maxsize=1)
def table_key() -> str:
    """The table's key: ``regex``'s version and C module, and (through ``key_of``) Python and newslint."""
    import regex
    import regex._regex as c_module

    return cache.key_of(("regex-table", regex.__version__, cache.stamp(Path(c_module.__file__ or "?"))))


def save() -> None:
    """Store the patterns compiled since the last save (merged with the table on disk,
    which another process may have extended meanwhile). Cheap when there are none."""
    global _table
    if not _new or not cache.enabled():
        return
    with _lock:
        fresh = dict(_new)
        _new.clear()
    on_disk = cache.load(KIND, table_key())
    merged = {**(on_disk if isinstance(on_disk, dict) else {}), **(_table or {}), **fresh}
    _table = merged
    cache.store(KIND, table_key(), merged)
