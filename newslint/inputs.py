"""Find article files and read them as text, with errors that say exactly what is wrong."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from .parsers import EXTENSIONS

#: Larger files are refused: a 50 MB article already peaks at 1.1 GB RSS before the time limit.
MAX_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be linted; the message names the problem (and byte offset)."""


@dataclass(frozen=True)
class Source:
    """One article to lint: ``display`` is the path as the user gave or found it."""

    display: str
    path: str | None  # None for stdin
    fmt: str | None = None


def discover(paths: list[str], include: tuple[str, ...] = ()) -> tuple[list[Source], list[tuple[str, str]]]:
    """Expand directories (recursing into article files) and keep named files as given.

    Returns the sources in a stable order and ``(path, message)`` errors for
    paths that do not exist or directories with no articles.
    """
    sources: list[Source] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            sources.append(Source("-", None))
            continue
        if not os.path.lexists(arg):
            errors.append((arg, "no such file or directory"))
            continue
        if os.path.isdir(arg):
            found = list(_walk(arg, include, errors))
            if not found and not any(path.startswith(arg) for path, _ in errors):
                errors.append((arg, "directory contains no article files (.txt, .md, .markdown, .html, .htm)"))
            for path in found:
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    sources.append(Source(path, path))
            continue
        key = os.path.realpath(arg)
        if key not in seen:
            seen.add(key)
            sources.append(Source(arg, arg))
    return sources, errors


def _walk(root: str, include: tuple[str, ...], errors: list[tuple[str, str]]) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:  # os.walk would skip the directory silently
        errors.append((exc.filename or root, f"cannot read directory: {_os_message(exc)}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            ext = os.path.splitext(name)[1].lower()
            if ext in EXTENSIONS or any(fnmatch.fnmatch(name, g) for g in include):
                yield os.path.join(dirpath, name)


def read_path(path: str) -> str:
    """The decoded text of a regular file; InputError says why not."""
    return decode(read_bytes(path))


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; InputError says why not.

    The file is opened first (non-blocking, so a FIFO swapped in cannot hang the
    run) and checked through its descriptor, so nothing can change between the
    check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(_os_message(exc)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file (a FIFO, socket or device); not read")
        if st.st_size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(_os_message(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # it grew while we read
        raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
    return data


def decode(data: bytes) -> str:
    """UTF-8 (BOM dropped) or UTF-16/32 with a BOM; anything else is a clear error."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec.upper()} at byte {exc.start}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "convert the file to UTF-8"
        ) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    nul = text.find("\x00")
    if nul != -1:
        raise InputError(f"contains a NUL character at offset {nul}: binary file, not read")
    return text


def _os_message(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)
