"""Unit-level cases for the generic check types: consistency, occurrence, conditional,
spelling-consistency — each run as a YAML rule, the way editors write them."""

from __future__ import annotations

import re
import textwrap

import pytest

from newslint.checks.acronym import spelled_out
from newslint.engine import lint_source
from newslint.rules import parse_rule
from newslint.yamlfile import load_yaml


def rule(body: str, rule_id: str = "test.rule"):
    data = load_yaml("test.yml", textwrap.dedent(body))
    parsed, errors = parse_rule(rule_id, "test.yml", data)
    assert not errors, errors
    return parsed


def rule_errors(body: str) -> list[str]:
    data = load_yaml("test.yml", textwrap.dedent(body))
    return [e.message for e in parse_rule("test.rule", "test.yml", data)[1]]


def hits(r, text: str) -> list[tuple[str, str]]:
    result = lint_source(text, "case.txt", [r])
    assert not result.errors, result.errors
    return [(f.match, f.message) for f in result.findings]


# --- consistency -----------------------------------------------------------------

ADVISER = """
    check: consistency
    message: "'{match}' ({count}) vs {expected_form} ({expected_count}): use '{expected}'"
    either: {adviser: advisor}
"""


def test_consistency_flags_the_minority_form_with_the_majority_as_suggestion():
    r = rule(ADVISER)
    got = hits(r, "The adviser spoke. Another adviser agreed. The advisor left.")
    assert got == [("advisor", "'advisor' (1) vs 'adviser' (2): use 'adviser'")]


def test_consistency_tie_flags_the_later_form_and_one_form_alone_is_fine():
    r = rule(ADVISER)
    assert [m for m, _ in hits(r, "An advisor came. An adviser left.")] == ["adviser"]
    assert hits(r, "An adviser came. An adviser left.") == []


def test_consistency_variants_exceptions_and_ignorecase():
    r = rule(
        """
        check: consistency
        message: "{match} -> {expected}"
        variants: [[grey, gray, graye]]
        ignorecase: true
        exceptions: ['Earl Grey']
        """
    )
    got = hits(r, "Grey skies. A grey coat. A gray hat. Earl Grey tea. Earl Grey again.")
    assert got == [("gray", "gray -> grey")]


def test_consistency_proper_names_option():
    body = """
        check: consistency
        message: "{match}"
        either: {labour: labor}
        ignorecase: true
        proper_names: %s
    """
    text = "Labour costs rose. The Australian Labor Party objected to labour reforms."
    assert hits(rule(body % "true"), text) == []
    assert [m for m, _ in hits(rule(body % "false"), text)] == ["Labor"]


def test_consistency_groups_may_overlap_on_one_span():
    r = rule(
        r"""
        check: consistency
        message: "{match}"
        nonword: true
        either:
          '(?<=\d)%': '(?<=\d )per cent'
        variants: [['\bper cent', '\bpercent']]
        """
    )
    got = [m for m, _ in hits(r, "Up 5%, 6%, then 7 per cent; nine percent and ten percent.")]
    assert got == ["per cent"]  # minority in both groups, flagged once


def test_consistency_validation():
    assert any("at least one" in m for m in rule_errors("check: consistency\nmessage: x\n"))
    assert any("at least two" in m for m in rule_errors("check: consistency\nmessage: x\nvariants: [[a]]\n"))
    assert any("regular expression" in m for m in rule_errors("check: consistency\nmessage: x\neither: {'a(': b}\n"))


# --- spelling-consistency ----------------------------------------------------------


def spelling_rule(tmp_path, spellings: str, message: str):
    """A spelling-consistency rule over a data file written from ``spellings``."""
    data = tmp_path / "sp.yml"
    data.write_text(spellings)
    return rule(f"check: spelling-consistency\nmessage: '{message}'\nspellings: {data}\n")


def test_spelling_consistency_with_a_custom_data_file(tmp_path):
    r = spelling_rule(
        tmp_path,
        "tea:\n  labels: [Tea spelling, Chai spelling]\n  pairs: {tea: chai}\n"
        "suffix:\n  labels: [-our, -or]\n  endings: [[our, or], [ours, ors]]\n  stems: [col, hon]\n",
        "{match} {form} {expected_form} {expected}",
    )
    got = hits(r, "Tea and tea. Then chai. Colours, honour and color.")
    assert got == [("chai", "chai Chai spelling Tea spelling tea"), ("color", "color -or -our colour")]


def test_spelling_consistency_reports_a_broken_data_file(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("tea: [1, 2]\n")
    assert any("cannot load spellings" in m for m in rule_errors(f"check: spelling-consistency\nmessage: x\nspellings: {bad}\n"))


def test_spelling_consistency_neutral_forms_in_their_context(tmp_path):
    r = spelling_rule(
        tmp_path,
        "contexts:\n  kitchen: [stove, Oven]\n"
        "tea:\n  labels: [Tea spelling, Chai spelling]\n  neutral_in: {kitchen: [chai]}\n  pairs: {tea: chai}\n",
        "{match}",
    )
    assert hits(r, "Tea and tea.\n\nThen chai.") == [("chai", "chai")]
    assert hits(r, "Tea and tea.\n\nThen chai by the STOVE.\n\nMore chai.") == []  # the sense holds article-wide
    assert hits(r, "Tea and tea.\n\nThen chai by the oven.") == [("chai", "chai")]  # 'Oven' only as written


def test_spelling_consistency_rejects_an_unknown_context(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("tea:\n  labels: [a, b]\n  neutral_in: {kitchen: [chai]}\n  pairs: {tea: chai}\n")
    errors = rule_errors(f"check: spelling-consistency\nmessage: x\nspellings: {bad}\n")
    assert any("unknown context 'kitchen'" in m for m in errors)


# --- occurrence ------------------------------------------------------------------


def test_occurrence_max_per_block_flags_the_first_match_past_the_limit():
    r = rule("check: occurrence\nmessage: '{count} of max {max}'\ntoken: very\nmax: 1\n")
    got = hits(r, "A very very good and very fine day.\n\nA very good day.")
    assert got == [("very", "3 of max 1")]
    result = lint_source("A very very good and very fine day.", "c.txt", [r])
    assert result.findings[0].column == 8


def test_occurrence_per_sentence_and_per_document():
    per_sentence = rule("check: occurrence\nmessage: x\ntoken: said\nmax: 1\nper: sentence\n")
    assert len(hits(per_sentence, "He said it. She said it. They said and said it.")) == 1
    per_doc = rule("check: occurrence\nmessage: '{count}<{min}'\ntoken: Reuters\nmin: 1\nper: document\n")
    assert hits(per_doc, "First block.\n\nSecond block.") == [("First block.", "0<1")]
    assert hits(per_doc, "First block.\n\nReuters said.") == []


def test_occurrence_validation():
    assert any("'max', 'min'" in m for m in rule_errors("check: occurrence\nmessage: x\ntoken: a\n"))
    assert any("larger" in m for m in rule_errors("check: occurrence\nmessage: x\ntoken: a\nmax: 1\nmin: 2\n"))
    assert any("per" in m for m in rule_errors("check: occurrence\nmessage: x\ntoken: a\nmax: 1\nper: page\n"))


# --- conditional -----------------------------------------------------------------

VALE_ACRONYMS = r"""
    check: conditional
    message: "{key} {status}"
    first: '\b([A-Z]{3,5})\b'
    second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
    exceptions: [NATO]
"""


def test_conditional_vale_acronym_rule():
    r = rule(VALE_ACRONYMS)
    text = "The WHO met NATO. Later the World Health Organization (WHO) and the IMF spoke. The IMF agreed."
    assert hits(r, text) == [("WHO", "WHO is used before it is defined"), ("IMF", "IMF is never defined")]
    assert hits(r, "The World Health Organization (WHO) met. The WHO agreed.") == []


def test_conditional_repeat_and_ignorecase():
    body = "check: conditional\nmessage: x\nfirst: 'the (widget)'\nsecond: 'a (widget) is a tool'\nignorecase: true\n"
    text = "The widget broke. The widget broke again. A widget is a tool. The widget works."
    assert len(hits(rule(body), text)) == 1
    assert len(hits(rule(body + "repeat: true\n"), text)) == 2


# --- acronym helpers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "acronym", "spells"),
    [
        ("Chinese Communist Party", "CCP", True),
        ("Organisation for Economic Co-operation and Development", "OECD", True),
        ("the Department of Defense", "DOD", True),
        ("the International Cocoa Organization", "ICCO", True),
        ("a payment-in-kind scheme", "PIK", True),
        ("television", "TV", False),
        ("the central bank raised rates", "CCP", False),
    ],
)
def test_spelled_out(phrase, acronym, spells):
    words = [(m.start(), m.group(), phrase[m.start() - 1 : m.start()] == "-") for m in re.finditer(r"\w+", phrase)]
    assert spelled_out(acronym, words) is spells
