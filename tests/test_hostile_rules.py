"""Hostile rules and config: each is a located error before any article is read, or
(for a pattern that backtracks) a per-file error naming the rule while the run goes on."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from clihelpers import FIXTURE_RULES, run_cli

from newslint import lint_text
from newslint.config import ConfigProblems, load_config

GOOD = "Head\n\nWe leverage it.\n"


def write_rule(root: Path, rule_id: str, body: str) -> Path:
    group, name = rule_id.split(".")
    path = root / group / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def check_with(rules: Path, *args: str):
    return run_cli(["check", "--no-config", "--rule-dir", str(FIXTURE_RULES), "--rule-dir", str(rules), *args])


# -- a pattern that backtracks catastrophically ---------------------------------------

BACKTRACK = """\
check: existence
message: "Slow '{match}'."
tokens: ['(?:a|aa)+b']
nonword: true
"""


def test_backtracking_pattern_is_reported_once_per_file_and_the_run_goes_on(tmp_path):
    rules = tmp_path / "rules"
    write_rule(rules, "slow.backtrack", BACKTRACK)
    hostile = tmp_path / "a.txt"
    hostile.write_text("Head\n\nWe leverage " + "a" * 40 + " it.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    r = check_with(rules, "--select", "demo,slow", "--format", "json", str(tmp_path))
    data = json.loads(r.out)
    assert r.code == 2
    errors = [e for e in data["errors"] if e["path"] == str(hostile)]
    assert len(errors) == 1 and "rule slow.backtrack" in errors[0]["message"]
    assert "timed out" in errors[0]["message"]
    found = {f["path"]: [x["rule"] for x in f["findings"]] for f in data["files"]}
    assert found == {str(hostile): ["demo.banned"], str(tmp_path / "b.txt"): ["demo.banned"]}


def test_regex_time_is_bounded_per_document_not_per_block(tmp_path):
    """Each block alone stays under the regex timeout; all of them together must not
    multiply it by the number of blocks."""
    rules = tmp_path / "rules"
    write_rule(rules, "slow.backtrack", BACKTRACK)
    hostile = tmp_path / "a.txt"
    hostile.write_text("Head\n\n" + "".join("a" * 28 + "\n\n" for _ in range(60)), encoding="utf-8")
    r = check_with(rules, "--select", "slow", "--timeout", "0", str(hostile))
    assert r.code == 2
    assert r.out.count("rule slow.backtrack") == 1 and "timed out" in r.out


# -- YAML tricks ------------------------------------------------------------------------

ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_in_a_rule_file(tmp_path):
    rules = tmp_path / "rules"
    write_rule(rules, "bomb.rule", "check: existence\nmessage: x\n" + ALIAS_BOMB.replace("i: &i", "tokens: &i"))
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = check_with(rules, str(tmp_path / "a.txt"))
    assert r.code == 2
    assert "bomb/rule.yml:3:4: error: YAML anchors and aliases are not allowed" in r.err
    assert "no article was checked" in r.err


@pytest.mark.parametrize("key", ["vocabulary", "select", "rules"])
def test_alias_bomb_in_config(tmp_path, key):
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text(ALIAS_BOMB.replace(": &", ": &", 1).replace("a: &a", "x_a: &a").replace("i: &i", f"{key}: &i"), encoding="utf-8")
    with pytest.raises(ConfigProblems) as exc:
        load_config(cfg)
    assert "anchors and aliases are not allowed" in str(exc.value)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli(["check", str(tmp_path / "a.txt")])
    assert r.code == 2 and "anchors and aliases are not allowed" in r.err


@pytest.mark.parametrize("fmt", ["plain", "markdown", "html"])
def test_alias_bomb_in_front_matter(fmt):
    """Front matter is article input: a bomb there is a located problem, never a hang."""
    body = ALIAS_BOMB.replace("i: &i", "date: &i").replace("h: &h", "title: &h")
    source = "---\n" + body + "---\nHead\n\nWe leverage it.\n"
    result = lint_text(source, format=fmt, config=str(Path(__file__).parent / "fixtures" / "demo-config" / ".newslint.yaml"))
    assert [f.match for f in result.findings] == ["leverage"]
    assert any("front matter" in e.message for e in result.errors)
    assert all(len(e.message) < 500 for e in result.errors)


def test_recursive_alias_in_front_matter():
    source = "---\ndate: &d [*d]\ntitle: &t {a: *t}\n---\nHead\n\nWe leverage it.\n"
    result = lint_text(source, config=str(Path(__file__).parent / "fixtures" / "demo-config" / ".newslint.yaml"))
    assert [f.match for f in result.findings] == ["leverage"]
    assert all(len(e.message) < 500 for e in result.errors)


def test_deeply_nested_yaml_rule_and_config(tmp_path):
    rules = tmp_path / "rules"
    write_rule(rules, "deep.rule", "check: existence\nmessage: x\ntokens: " + "[" * 400 + "]" * 400 + "\n")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = check_with(rules, str(tmp_path / "a.txt"))
    assert r.code == 2 and "deep/rule.yml" in r.err
    (tmp_path / ".newslint.yaml").write_text("vocabulary: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    r = run_cli(["check", str(tmp_path / "a.txt")])
    assert r.code == 2 and ".newslint.yaml" in r.err


# -- malformed rules and configs --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- check: existence\n- message: x\n", "a rule file must be a mapping of keys, not a list"),
        ("just a string\n", "a rule file must be a mapping of keys, not str"),
        ("", "a rule file must be a mapping of keys, not empty"),
        ("check: exisstence\nmessage: x\ntokens: [a]\n", "unknown check type 'exisstence' (did you mean 'existence'?)"),
        ("check: _patterns\nmessage: x\n", "unknown check type '_patterns'"),
        ("check: ../../os\nmessage: x\n", "unknown check type '../../os'"),
        ("check: existence.py\nmessage: x\ntokens: [a]\n", "unknown check type 'existence.py'"),
        ("check: [existence]\nmessage: x\n", "'check' must be a string"),
        ("check: existence\nmessage: x\ntokens: ['(unclosed']\n", "tokens[0] is not a valid regular expression"),
        ("check: existence\nmessage: x\ntokens: ['" + "(" * 600 + "a" + ")" * 600 + "']\n", "tokens[0] is too deeply nested"),
        ("check: substitution\nmessage: x\nswap:\n  ? '" + "(?:" * 600 + "a" + ")" * 600 + "'\n  : b\n", "too deeply nested"),
        ("check: existence\nmessage: x\ntokens: [a]\ntokens: [b]\n", "invalid YAML"),
    ],
)
def test_malformed_rule_file_is_a_located_error(tmp_path, body, message):
    rules = tmp_path / "rules"
    write_rule(rules, "bad.rule", body)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = check_with(rules, str(tmp_path / "a.txt"))
    assert r.code == 2 and r.out == ""
    assert "bad/rule.yml" in r.err and message in r.err


@pytest.mark.parametrize(
    "template",
    [
        "{0.__class__}",
        "{match.__class__.__init__.__globals__}",
        "{match[0]}",
        "{match!r}",
        "{match:>99999999}",
        "{}",
        "{0}",
        "{match",
        "match}",
        "{expected.__doc__}",
    ],
)
def test_message_template_tricks_are_rejected_at_load_time(tmp_path, template):
    rules = tmp_path / "rules"
    write_rule(rules, "bad.template", f"check: existence\nmessage: {json.dumps(template)}\ntokens: [leverage]\n")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = check_with(rules, str(tmp_path / "a.txt"))
    assert r.code == 2 and "bad/template.yml:2:" in r.err
    assert "__" not in r.out and "class" not in r.out


def test_yaml_tags_are_never_constructed(tmp_path):
    rules = tmp_path / "rules"
    marker = tmp_path / "pwned"
    write_rule(rules, "tag.rule", f"check: existence\nmessage: x\ntokens: !!python/object/apply:os.system ['touch {marker}']\n")
    (tmp_path / ".newslint.yaml").write_text(f"vocabulary: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(f"---\ndate: !!python/object/apply:os.system ['touch {marker}']\n---\n" + GOOD, encoding="utf-8")
    check_with(rules, str(tmp_path / "a.txt"))
    run_cli(["check", str(tmp_path / "a.txt")])
    assert not marker.exists()


def test_braces_in_the_matched_text_are_not_a_template(tmp_path):
    rules = tmp_path / "rules"
    write_rule(rules, "brace.rule", "check: existence\nseverity: error\nmessage: \"Saw '{match}' {{literally}}.\"\ntokens: ['\\{[^}]*\\}']\nnonword: true\n")
    p = tmp_path / "a.txt"
    p.write_text("Head\n\nThe {0.__class__} and {match} text.\n", encoding="utf-8")
    r = check_with(rules, "--select", "brace", str(p))
    assert r.code == 1
    assert "Saw '{0.__class__}' {literally}." in r.out and "Saw '{match}' {literally}." in r.out


def test_config_that_extends_itself(tmp_path):
    cfg = tmp_path / ".newslint.yaml"
    cfg.write_text("extends: .newslint.yaml\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli(["check", str(tmp_path / "a.txt")])
    assert r.code == 2 and "'extends' forms a cycle" in r.err


def test_configs_that_extend_each_other(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: sub/.newslint.yaml\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".newslint.yaml").write_text("extends: ../base.yaml\n", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli(["check", str(tmp_path / "sub" / "a.txt")])
    assert r.code == 2 and "'extends' forms a cycle" in r.err
    assert r.err.count("forms a cycle") == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- select: [demo]\n", "a config file must be a mapping of keys"),
        ("extends: [1, 2]\n", "'extends' must be a path or a list of paths"),
        ("extends: /\n", "'extends' names a file that does not exist"),
        ("rules: {demo.nope: off}\n", "unknown rule id 'demo.nope'"),
        ("rules: {1: off}\n", "unknown rule id '1'"),
        ("rules: {demo.banned: {options: {tokens: '(bad'}}}\n", "options for demo.banned"),
        ("rules: {demo.banned: {options: {tokens: ['(bad']}}}\n", "not a valid regular expression"),
        ("per_file_ignores: {'[': 7}\n", "per_file_ignores entry must be a list of rule ids"),
        ("vocabulary: {a: b}\n", "'vocabulary' must be a list of strings"),
        ("rule_dirs: ['/nonexistent/rules']\n", "rule directory does not exist"),
        ("selct: [demo]\n", "unknown key 'selct' (did you mean 'select'?)"),
    ],
)
def test_malformed_config_is_a_located_error(tmp_path, body, message):
    (tmp_path / ".newslint.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli(["check", "--rule-dir", str(FIXTURE_RULES), str(tmp_path / "a.txt")])
    assert r.code == 2 and r.out == ""
    assert ".newslint.yaml" in r.err and message in r.err


# -- a huge word list -------------------------------------------------------------------


def _word_list(n: int) -> list[str]:
    import random

    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(5, 12))) for _ in range(n + n // 10)}
    return sorted(words)[:n]


def test_hundred_thousand_word_list_is_a_set_lookup_and_lints_in_flat_time(tmp_path):
    """The structure, not a clock, is asserted: plain words go to a set, not a 100,000-branch
    regex, and lint time is compared only with a 100-word list in the same process. Absolute
    speed lives in benchmarks/speed.py."""
    from newslint.config import Config, build_ruleset
    from newslint.engine import lint_source
    from newslint.rules import load_rules

    words = _word_list(100_000)
    small, big = tmp_path / "small", tmp_path / "big"
    write_rule(small, "big.words", "check: existence\nmessage: x\ntokens: " + json.dumps(words[::997][:100]) + "\n")
    write_rule(big, "big.words", "check: existence\nmessage: x\ntokens: " + json.dumps(words) + "\n")

    start = time.process_time()
    loaded = load_rules([big])
    (rule,) = loaded.rules
    _ = rule.options.pattern, rule.options.literals  # compiled lazily: count it
    load_seconds = time.process_time() - start
    assert not loaded.errors
    assert rule.options.pattern is None, "plain words must not be compiled into an alternation"
    assert len(rule.options.literals.words) == len(words)
    assert load_seconds < 30, f"loading a 100,000-word list took {load_seconds:.2f} s (hang guard)"

    body = "\n\n".join(f"Officials said the {words[i * 997]} plan would go ahead, as {words[i * 991]}-based firms had hoped." for i in range(100))
    article = "Head\n\n" + body + "\n"

    def lint_seconds(rules_dir: Path) -> float:
        ruleset, problems = build_ruleset(Config(rule_dirs=(str(rules_dir),)), select=("big",))
        assert not problems
        lint_source(article, "a.txt", ruleset.rules)  # warm up: lazy compilation
        start = time.process_time()
        for _ in range(20):
            result = lint_source(article, "a.txt", ruleset.rules)
        assert [f.match for f in result.findings] == [words[i * 997] for i in range(100)]
        return time.process_time() - start

    t_small, t_big = lint_seconds(small), lint_seconds(big)
    print(f"load {load_seconds:.3f} s; lint x20: 100 words {t_small:.3f} s, 100,000 words {t_big:.3f} s")
    assert t_big < 2 * t_small, f"100,000 words: {t_big:.3f} s vs 100 words: {t_small:.3f} s"
