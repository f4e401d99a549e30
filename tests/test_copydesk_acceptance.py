"""Issue 3's acceptance article, linted with every default rule: a fused byline name
and a double negative are both found, on the right lines and columns, and the lexicon
behind words.fused loads lazily."""

from __future__ import annotations

import subprocess
import sys

from newslint import lint_text

ARTICLE = """Harbour bridge to close for repairs
Jane Doe
Jane Doein London

The city council voted on Monday to close the harbour bridge for six weeks of
repairs, in a move that angered ferry operators and shop owners.

Neither side has yet to comment.

Engineers said the work would start in March.
"""


def test_fused_byline_and_double_negative_are_both_flagged():
    result = lint_text(ARTICLE, path="article.txt")
    assert not result.errors
    found = {(f.rule, f.line, f.column, f.match) for f in result.findings}
    assert ("words.fused", 3, 6, "Doein") in found
    assert ("grammar.double-negative", 8, 1, "Neither side has yet to") in found
    fused = next(f for f in result.findings if f.rule == "words.fused")
    assert fused.suggestions == ("Doe in",)


def test_lexicon_is_not_loaded_by_importing_or_loading_rules():
    code = (
        "import newslint.checks.fused as f\n"
        "from newslint.config import Config, build_ruleset\n"
        "build_ruleset(Config())\n"
        "print(f.unigrams.cache_info().currsize, f.bigrams.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]
