"""benchmarks/missing_words.py: m2 reading and scoring on a fictional two-sentence file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from newslint.config import Config, build_ruleset

_SPEC = importlib.util.spec_from_file_location("mw_bench", Path(__file__).resolve().parents[1] / "benchmarks" / "missing_words.py")
assert _SPEC and _SPEC.loader
bench = importlib.util.module_from_spec(_SPEC)
sys.modules["mw_bench"] = bench  # dataclasses look their module up
_SPEC.loader.exec_module(bench)

M2 = """S The vote came at highly sensitive time for the mayor .
A 4 4|||M:DET|||a|||REQUIRED|||-NONE-|||0
A 4 4|||M:DET|||a|||REQUIRED|||-NONE-|||1

S She sat across her rival at lunch and ate cake .
A 3 3|||M:PREP|||from|||REQUIRED|||-NONE-|||0
A 8 9|||R:NOUN|||soup|||REQUIRED|||-NONE-|||1

S Nothing is wrong here .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
"""


def test_read_and_score(tmp_path: Path) -> None:
    path = tmp_path / "x.m2"
    path.write_text(M2, encoding="utf-8")
    sentences = list(bench.read_m2(path))
    assert [len(s.edits) for s in sentences] == [1, 2, 0]  # both annotators' same edit counted once
    ruleset, problems = build_ruleset(Config(), select=bench.RULES)
    assert not problems
    result = bench.score(sentences, ruleset.rules)
    assert result["M:DET"] == (1, 1)
    assert result["M:PREP"] == (1, 1)  # "sat across her" (the pronoun) is in the pattern
    assert result["precision"] == (2, 2)
