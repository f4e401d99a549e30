"""Code-point offsets to LSP positions and back.

Findings count code points and split lines on ``\\n``; LSP splits lines on ``\\n``,
``\\r\\n`` or ``\\r`` and counts characters in the encoding the client and server
agreed on (UTF-16 code units unless the client offers another). An emoji before a
finding is one code point but two UTF-16 units: getting this wrong shifts every
squiggle after it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_EOL = re.compile(r"\r\n|\r|\n")
ENCODINGS = ("utf-8", "utf-16", "utf-32")


def units(text: str, encoding: str = "utf-16") -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class PositionIndex:
    """Line starts of one text, for converting offsets in either direction."""

    text: str
    starts: tuple[int, ...]
    encoding: str = "utf-16"

    @classmethod
    def of(cls, text: str, encoding: str = "utf-16") -> PositionIndex:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        return cls(text, (0, *(m.end() for m in _EOL.finditer(text))), encoding)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset, clamped to the text."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position; past the end of a line means its end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self._content_end(line)
        count, i = 0, start
        while i < end and count < character:
            count += units(self.text[i], self.encoding)
            i += 1
        return i

    def _content_end(self, line: int) -> int:
        """Where the line's text stops, before its line break."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        if self.text[end - 1] == "\n":
            end -= 1
            if end > self.starts[line] and self.text[end - 1] == "\r":
                end -= 1
        else:  # a lone \r
            end -= 1
        return end
