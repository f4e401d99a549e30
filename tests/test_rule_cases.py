"""Every rule's case file, run with exact expectations: missing and extra findings fail."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from rulecases import CASES_DIR, load_cases

from newslint import fix_text, lint_text
from newslint.config import Config, build_ruleset

CASES = load_cases()
RULESET, _ = build_ruleset(Config())
ALL_RULES = {r.id: r for r in RULESET.all_rules}


def _ext(fmt: str | None) -> str:
    return {"markdown": ".md", "html": ".html"}.get(fmt or "plain", ".txt")


def _options(case, tmp_path: Path) -> dict:
    config = None
    if case.config:
        config = tmp_path / ".newslint.yaml"
        YAML(typ="safe", pure=True).dump(case.config, config)
        config = str(config)
    return {"path": f"case{_ext(case.format)}", "format": case.format, "date": case.date, "config": config, "select": [case.rule_id]}


def _lint(case, tmp_path: Path):
    return lint_text(case.text, **_options(case, tmp_path))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule_id}:{c.name}" for c in CASES])
def test_rule_case(case, tmp_path):
    assert case.rule_id in ALL_RULES, f"{case.file}: no rule {case.rule_id}"
    result = _lint(case, tmp_path)
    assert not result.errors, result.errors
    got = [f for f in result.findings if f.rule == case.rule_id]
    for f in got:  # the source-map invariant, on every finding
        assert case.text.lstrip("\ufeff")[f.offset : f.offset + f.length] == f.match
    wants_message = any("message" in e for e in case.expect)
    got_keys = Counter(
        (f.line, f.column, f.match, f.message if wants_message else None) for f in got
    )
    want_keys = Counter(
        (e["line"], e["col"], e["match"], e.get("message") if wants_message else None)
        for e in case.expect
    )
    assert got_keys == want_keys, "\n".join(
        [f"{case.file} / {case.name}", "got:"]
        + [f"  {f.line}:{f.column} {f.match!r} {f.message}" for f in got]
    )
    if case.fixed is not None:
        fixed, _left = fix_text(case.text, unsafe=True, **_options(case, tmp_path))
        assert fixed == case.fixed, f"{case.file} / {case.name}: fixed to {fixed!r}"


def test_every_fixable_rule_has_a_case_showing_its_fix():
    fixed = {c.rule_id for c in CASES if c.fixed is not None and c.fixed != c.text}
    missing = [r.id for r in RULESET.all_rules if r.fix and r.id not in fixed]
    assert not missing, f"rules with fixes but no case with 'fixed:' in {CASES_DIR}: {missing}"


def test_every_rule_has_cases_that_fire_and_that_stay_silent():
    by_rule: dict[str, list] = {}
    for case in CASES:
        by_rule.setdefault(case.rule_id, []).append(case)
    missing = []
    for rule_id in ALL_RULES:
        cases = by_rule.get(rule_id, [])
        if not any(c.expect for c in cases) or not any(not c.expect for c in cases):
            missing.append(rule_id)
    assert not missing, f"rules without a firing and a silent case in {CASES_DIR}: {missing}"


@pytest.mark.parametrize("rule", RULESET.all_rules, ids=lambda r: r.id)
def test_rule_is_documented_and_its_examples_hold(rule):
    assert rule.description, f"{rule.id}: no description"
    assert rule.rationale, f"{rule.id}: no rationale"
    assert rule.examples.bad and rule.examples.good, f"{rule.id}: needs bad and good examples"
    for kind, examples in (("bad", rule.examples.bad), ("good", rule.examples.good)):
        for ex in examples:
            result = lint_text(ex.text, path=f"example{_ext(ex.format)}", format=ex.format, date=ex.date, select=[rule.id])
            hits = [f for f in result.findings if f.rule == rule.id]
            if kind == "bad":
                assert hits, f"{rule.id}: bad example not flagged: {ex.text!r}"
            else:
                assert not hits, f"{rule.id}: good example flagged: {ex.text!r} -> {hits}"
