"""bigram-gap: rule validation, multi-word heads, exact spans."""

from __future__ import annotations

from pathlib import Path

from clihelpers import run_cli

from newslint import lint_text


def _rule(root: Path, name: str, body: str) -> Path:
    p = root / "gap" / f"{name}.yml"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(body, encoding="utf-8")
    return root


def test_bad_options_are_reported_with_their_key(tmp_path):
    d = _rule(tmp_path / "r", "no-heads", "check: bigram-gap\nmessage: m\nheads: []\ninsert: of\n")
    _rule(d, "two-words", "check: bigram-gap\nmessage: m\nheads: [lot]\ninsert: 'of to'\n")
    art = tmp_path / "a.txt"
    art.write_text("Text.\n")
    r = run_cli(["check", "--no-config", "--rule-dir", str(d), "--select", "gap", str(art)])
    assert r.code == 2
    assert "no-heads.yml:3:1: error: 'heads' must list at least one word" in r.err
    assert "two-words.yml:4:1: error: 'insert' must be one word" in r.err
    assert "Traceback" not in r.err


def test_multi_word_head_needs_its_first_word(tmp_path):
    d = _rule(tmp_path / "r", "of", "check: bigram-gap\nmessage: '{suggestion}'\nheads: ['a lot']\ninsert: of\nrivals: []\n")
    text = "Headline here\n\nThere were a lot people. The car lot people were kind.\n"
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    r = run_cli(["check", "--no-config", "--rule-dir", str(d), "--select", "gap", "--format", "json", str(art)])
    assert r.code in (0, 1)
    assert r.out.count('"lot people"') == 1  # "car lot people" has no "a" before "lot"
    assert "lot of people" in r.out


def test_spans_are_exact_for_default_rules():
    text = "The firm was able put the matter behind it.\n\nShe was trying make sure.\n"
    findings = [f for f in lint_text(text, path="a.txt", select=["grammar.missing-to"]).findings]
    assert [f.match for f in findings] == ["able put", "trying make"]
    for f in findings:
        assert text[f.offset : f.offset + f.length] == f.match
