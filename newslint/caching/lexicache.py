"""Word lists parsed once per installation, not once per process.

Parsing pyspellchecker's gzipped JSON or symspellpy's frequency file costs a fresh
process 0.1-0.3 s each; unpickling the parsed set or dict costs a third of that.
An entry is keyed by the data files' path, size and modification time (and
newslint's code, through ``cache.key_of``), so an upgraded package or edited list
is parsed afresh. Any problem with the cache means parsing, never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from . import cache

KIND = "lexicons"
T = TypeVar("T")


def cached(name: str, sources: Sequence[Path], kind: type[T], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``sources`` (checked to be a ``kind``)."""
    key = cache.key_of(("lexicon", name, *(cache.stamp(p) for p in sources)))
    hit = cache.load(KIND, key)
    if hit is not None and isinstance(hit, kind):
        return hit
    value = build()
    cache.store(KIND, key, value)
    return value
