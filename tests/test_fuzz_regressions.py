"""Inputs the fuzz harness (``fuzz/fuzz_newslint.py``) found crashing, kept as regressions."""

from __future__ import annotations

import pytest
from invariants import PROBE_CONFIG, check_document, check_result

from newslint import lint_text
from newslint.parsers import parse

CRASHES = [
    # plain: a dateline matched across the first line's end ("LOND--\n-") broke the source map.
    ("plain", "-\nL\n\nLOND--\n-\nTt.\n"),
]


@pytest.mark.parametrize(("fmt", "source"), CRASHES)
def test_fuzz_crash_input(fmt, source):
    doc, _problems = parse(source, "x", fmt)
    check_document(doc)
    check_result(source, lint_text(source, format=fmt, config=str(PROBE_CONFIG)))
