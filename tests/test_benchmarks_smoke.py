"""Smoke run of the quality benchmark on a small slice of the shared corpus.

A check that benchmarks/quality.py works end to end (injection, one newslint run,
scoring, JSON report) — not a timing and not a quality gate: the figures themselves
are recorded in docs/benchmarks.md. Skipped when the corpus is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("NEWSLINT_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus")

REQUIRED_CLASSES = {
    "doubled word", "fused words", "double negative", "name variant", "title conflict", "weekday mismatch",
    "impossible date", "relative-day mismatch", "past tense after publication", "unbalanced quote",
    "duplicated sentence", "spelling-variant mix",
    # issue 12's classes and variants
    "fused: month/acronym/name + function word", "fused: plural/possessive + said", "fused: byline into dateline",
    "past tense: date with year", "past tense: weekday still to come", "duplicated paragraph", "byline twice in the lead",
    "name variant: given name", "organisation misspelt once", "title conflict: any kind of office",
    "spelling families mixed", "quote open before attribution", "unbalanced bracket",
}
REQUIRED_CONTROLS = {
    "control: right weekday", "control: had had", "control: neither ... nor", "control: quote over paragraphs",
    "control: two people, similar surnames", "control: past tense, bare weekday", "control: quote closed before attribution",
    "control: computer program in British copy",
}

pytestmark = pytest.mark.skipif(
    not (CORPUS / "reuters21578" / "index.jsonl").is_file() or not (CORPUS / "bbc" / "index.jsonl").is_file(),
    reason=f"news corpus not found at {CORPUS} (set NEWSLINT_CORPUS, or put shared/corpus beside the repo)",
)


def _in_unit(x: object) -> bool:
    return isinstance(x, (int, float)) and 0.0 <= x <= 1.0


def test_quality_benchmark_runs_on_a_slice(tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    cmd = [sys.executable, str(REPO / "benchmarks" / "quality.py"), str(CORPUS), "--limit", "600", "--per-class", "2",
           "--untouched", "15", "--seed", "7", "-j", "2", "--out", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "defect class" in proc.stdout
    result = json.loads(out.read_text(encoding="utf-8"))

    assert set(result["classes"]) >= REQUIRED_CLASSES
    assert set(result["controls"]) >= REQUIRED_CONTROLS
    for name, c in result["classes"].items():
        assert 1 <= c["n"] <= 2, name  # every class found a host article in the slice
        assert _in_unit(c["recall"]) and _in_unit(c["rule_recall"]) and _in_unit(c["span_recall"]), name
        assert c["rule_detected"] <= c["detected"] <= c["n"], name
        assert c["group"] == c["rule"].split(".")[0], name
    for name, c in result["controls"].items():
        assert 1 <= c["n"] <= 2, name
        assert _in_unit(c["false_alarm_rate"]) and c["false_alarms"] <= c["n"], name
    fams = result["families"]
    assert {v for f in fams.values() for v in f["variants"]} == set(result["classes"])
    for name, f in fams.items():
        assert f["n"] == sum(result["classes"][v]["n"] for v in f["variants"]), name
        assert f["recall"] == round(f["detected"] / f["n"], 4), name
    assert result["macro_recall"] == round(sum(f["detected"] / f["n"] for f in fams.values()) / len(fams), 4)
    total = result["controls_total"]
    assert total["n"] == sum(c["n"] for c in result["controls"].values())
    assert total["flagged"] == sum(c["false_alarms"] for c in result["controls"].values())
    for rule, r in result["precision"].items():
        assert 0 <= r["on_defect"] <= r["findings"] and r["precision"] == round(r["on_defect"] / r["findings"], 4), rule
    assert "macro recall" in proc.stdout and "precision on the injected set" in proc.stdout
    untouched = result["untouched"]
    assert untouched["articles"] == 15 and untouched["words"] > 0
    assert untouched["per_10k_words"] >= 0
    assert sum(r["findings"] for r in untouched["rules"].values()) == untouched["findings"]
    assert result["newslint"]["exit"] in (0, 2)  # 2: a file error was reported (counted in the JSON)
