"""Write fixed text back byte-exactly and atomically, or show it as a unified diff.

Only the fixed spans may change: the text is encoded with the file's own encoding
and byte-order mark, and line endings and a missing final newline are untouched
because the edits never touch them. A file is replaced by renaming a complete
temporary file over it, so a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass

from ..inputs import InputError, decode, read_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)


@dataclass(frozen=True)
class Encoded:
    """A file's decoded text and how to turn text back into its bytes."""

    data: bytes
    text: str
    bom: bytes
    codec: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """(byte-order mark, codec without BOM handling), as ``inputs.decode`` reads it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", "utf-8"


def read_encoded(path: str) -> Encoded:
    """Read ``path`` for fixing; InputError when it cannot be read or written back exactly."""
    data = read_bytes(path)
    text = decode(data)
    bom, codec = encoding_of(data)
    encoded = Encoded(data, text, bom, codec)
    if encoded.encode(text) != data:  # cannot happen for valid input; refuse rather than rewrite
        raise InputError(f"cannot write back byte-exactly as {codec}; not fixed")
    return encoded


def write_atomic(path: str, original: bytes, data: bytes) -> None:
    """Replace ``path`` with ``data`` if it still holds ``original``; keep its mode.

    The temporary file lives in the same directory (``os.replace`` is atomic only
    within one file system) and is removed on any failure. A symbolic link is
    followed, so the link stays a link to the fixed file.
    """
    real = os.path.realpath(path)
    if read_bytes(real) != original:
        raise InputError("changed while it was being fixed; not written")
    mode = stat.S_IMODE(os.stat(real).st_mode)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(real), prefix=f".{os.path.basename(real)}.", suffix=".newslint-fix")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``diff -u`` of the change, marking a last line without a newline like GNU diff."""
    lines = difflib.unified_diff(
        _lines(before), _lines(after), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split on ``\n`` only (like the LineIndex), each keeping its ending."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines
