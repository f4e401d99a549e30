"""The severity policy: every built-in rule says why it has its severity, and the defects fail the gate."""

from __future__ import annotations

import textwrap

from newslint.config import Config, build_ruleset
from newslint.docs import render_reference, render_rule_doc
from newslint.model import Severity
from newslint.rules import parse_rule
from newslint.yamlfile import load_yaml

#: Findings that are defects whenever they fire (issue 12): these rules must be errors.
DEFECT_RULES = (
    "words.repeated", "words.fused", "words.repeated-phrase", "grammar.double-negative", "dates.weekday",
    "dates.impossible", "punctuation.quotes", "punctuation.brackets", "structure.duplicate", "names.variant",
)


def _rules():
    ruleset, problems = build_ruleset(Config())
    assert not problems, problems
    return {r.id: r for r in ruleset.rules}


def test_every_built_in_rule_states_its_severity_basis():
    missing = [rid for rid, r in _rules().items() if not r.severity_basis.strip()]
    assert missing == []


def test_defects_are_errors_and_style_is_not():
    rules = _rules()
    assert {rid: rules[rid].severity for rid in DEFECT_RULES} == {rid: Severity.ERROR for rid in DEFECT_RULES}
    for rid in ("style.consistency", "style.acronym", "names.first-reference", "punctuation.quote-style"):
        assert rules[rid].severity < Severity.ERROR, rid


def test_severity_basis_is_rendered_and_validated():
    body = """
        check: existence
        severity: warning
        tokens: [synergy]
        message: "Avoid '{match}'."
        severity_basis: "Precision 9/10 on a test corpus."
    """
    parsed, errors = parse_rule("test.rule", "test.yml", load_yaml("test.yml", textwrap.dedent(body)))
    assert not errors and parsed is not None
    assert "Why this severity" in render_rule_doc(parsed) and "Precision 9/10" in render_rule_doc(parsed)
    assert "**Why this severity.** Precision 9/10 on a test corpus." in render_reference([parsed])
    bad = body.replace('"Precision 9/10 on a test corpus."', "[not, a, string]")
    _, errors = parse_rule("test.rule", "test.yml", load_yaml("test.yml", textwrap.dedent(bad)))
    assert any("severity_basis" in e.message for e in errors)
