"""A small on-disk cache in the user's cache directory, shared by the rule-set and
result caches.

Why it can be trusted: every entry is named by a SHA-256 key over everything its
value depends on (including this installation's code, so an upgrade or an edited
check never reads an old entry), and the key is stored inside the entry too, so a
truncated, corrupt or foreign file is simply a miss. Writes go to a temporary file
that is renamed into place, so a crash or two processes at once never leave half an
entry. Nothing here raises: a cache that cannot be read or written is no cache.
Deleting the directory is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: Bump when the layout of any cached value changes.
FORMAT = 1


#: Depth of ``off()`` blocks in this process (a ``--no-cache`` lint in progress).
_off = 0


def enabled() -> bool:
    """False inside ``off()`` and when ``$NEWSLINT_NO_CACHE`` is set (to anything but empty or 0)."""
    return not _off and os.environ.get("NEWSLINT_NO_CACHE", "") in ("", "0")


@contextlib.contextmanager
def off(when: bool = True) -> Iterator[None]:
    """No cache (not even the checks' word lists) inside this block, when ``when``."""
    global _off
    _off += when
    try:
        yield
    finally:
        _off -= when


def cache_dir() -> Path:
    """``$NEWSLINT_CACHE_DIR``, else the platform's user cache directory + ``newslint``."""
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What this installation's code is: version, Python, and every module's size and
    modification time (a stat per file, no reading), so a changed check is never
    served an entry made by the old one."""
    from .. import __version__

    package = Path(__file__).resolve().parent.parent  # the whole newslint package
    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{package}".encode())
    for path in sorted(package.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"\0{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    for path in data_files():
        h.update(f"\0{stamp(path)}".encode())
    return h.hexdigest()


def data_files() -> list[Path]:
    """The data files checks read besides rule files: the built-in ``_data`` lists and
    the word lists inside symspellpy and pyspellchecker (located, not imported)."""
    import importlib.util

    from ..rules import builtin_rules_dir

    found = sorted((builtin_rules_dir() / "_data").glob("*"))
    for package, sub in (("symspellpy", ""), ("spellchecker", "resources")):
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        for where in (spec.submodule_search_locations or ()) if spec else ():
            found.extend(sorted(Path(where, sub).glob("*.txt")) + sorted(Path(where, sub).glob("*.gz")))
    return found


def stamp(path: Path) -> str:
    """Path, size and modification time of a file ("missing" when it cannot be read)."""
    try:
        st = path.stat()
    except OSError:
        return f"{path}\0missing"
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}"


def key_of(parts: Iterable[bytes | str]) -> str:
    """SHA-256 over ``parts`` (each length-prefixed, so no two lists collide) and the code."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _path(kind: str, key: str) -> Path:
    return cache_dir() / kind / key[:2] / f"{key[2:]}.pickle"


def load(kind: str, key: str) -> Any | None:
    """The value stored under ``key``, or None when missing, unreadable or corrupt."""
    if not enabled():
        return None
    try:
        with open(_path(kind, key), "rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:  # a corrupt entry may fail in any way while unpickling
        return None
    return value if stored_key == key else None


def store(kind: str, key: str, value: Any) -> None:
    """Write ``value`` under ``key`` atomically; silently does nothing when it cannot."""
    if not enabled():
        return
    try:
        path = _path(kind, key)  # no home directory: no cache
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception:  # read-only home, full disk, an unpicklable value: no cache
        return

