"""Invariants every parse and every lint result must satisfy, whatever the input.

Shared by the property tests (``tests/test_properties.py``) and the atheris fuzz
harness (``fuzz/fuzz_newslint.py``), so a fuzz crash and a failing property mean
the same thing.
"""

from __future__ import annotations

from pathlib import Path

from newslint.document import Document, LineIndex
from newslint.fixes.fixing import positions
from newslint.model import FileResult

HERE = Path(__file__).resolve().parent
#: A config whose ``rule_dirs`` add probe rules that fire on almost any text
#: (every word, word pairs across line joins, empty matches), on top of the built-ins.
PROBE_CONFIG = HERE / "fixtures" / "probe" / ".newslint.yaml"


def check_document(doc: Document) -> None:
    """The source map and blocks of a parsed Document are consistent with its text."""
    text, source, m = doc.text, doc.source, doc.source_map
    n = len(m.text_starts)
    assert len(m.text_lens) == len(m.source_starts) == len(m.source_lens) == len(m.verbatim) == n
    prev_t = prev_s = 0
    for i in range(n):
        t, tl, s, sl = m.text_starts[i], m.text_lens[i], m.source_starts[i], m.source_lens[i]
        assert tl > 0 and sl >= 0, f"piece {i}: empty text or negative source length"
        assert prev_t <= t and t + tl <= len(text), f"piece {i}: text range out of order or out of bounds"
        assert prev_s <= s and s + sl <= len(source), f"piece {i}: source range out of order or out of bounds"
        if m.verbatim[i]:
            assert text[t : t + tl] == source[s : s + sl], f"piece {i}: verbatim text differs from source"
        prev_t, prev_s = t + tl, s + sl
    prev_end = 0
    for b in doc.blocks:
        assert prev_end <= b.start < b.end <= len(text), f"block {b} out of order or out of bounds"
        prev_end = b.end


def check_result(source: str, result: FileResult) -> None:
    """Every finding names exactly the source characters it reports, at the right line/column."""
    lines = LineIndex.of(source)
    for f in result.findings:
        assert f.offset >= 0 and f.length >= 0 and f.offset + f.length <= len(source), f
        assert source[f.offset : f.offset + f.length] == f.match, f
        assert lines.position(f.offset) == (f.line, f.column), f
        assert lines.position(f.offset + f.length) == (f.end_line, f.end_column), f
        before = source[: f.offset]
        assert f.line == before.count("\n") + 1, f
        assert f.column == f.offset - (before.rfind("\n") + 1) + 1, f
        if f.fix is not None:  # a fix edits its own finding's span, in order, without overlaps
            assert f.fix.applicability in ("safe", "unsafe") and f.fix.edits, f
            ends = [f.offset] + [e.end for e in f.fix.edits]
            for e, prev in zip(f.fix.edits, ends, strict=False):
                assert prev <= e.offset <= e.end <= f.offset + f.length, f
                assert positions(f, e) == (*lines.position(e.offset), *lines.position(e.end)), f
    keys = [f.sort_key for f in result.findings]
    assert keys == sorted(keys), "findings are not in source order"
    internal = [e.message for e in result.errors if "internal error" in e.message]
    assert not internal, internal
