"""Bad rules and bad config: every problem reported as path:line:col, exit 2, nothing linted."""

from __future__ import annotations

from pathlib import Path

from clihelpers import FIXTURE_RULES, run_cli


def _rule(root: Path, rel: str, body: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(body, encoding="utf-8")
    return p


def _lint_with(rule_dir: Path, tmp_path: Path, *extra: str):
    art = tmp_path / "a.txt"
    art.write_text("H\n\nText.\n")
    return run_cli(["check", "--no-config", "--rule-dir", str(rule_dir), "--select", "bad", *extra, str(art)])


def test_every_broken_rule_file_is_reported_at_once(tmp_path):
    d = tmp_path / "r"
    _rule(d, "bad/syntax.yml", "check: existence\nmessage: 'x\n")
    _rule(d, "bad/unknown-key.yml", "check: existence\nmessage: m\ntokens: [a]\nignorecas: true\n")
    _rule(d, "bad/wrong-type.yml", "check: existence\nmessage: m\ntokens: a\n")
    _rule(d, "bad/regex.yml", "check: existence\nmessage: m\ntokens: ['(unclosed']\n")
    _rule(d, "bad/placeholder.yml", "check: existence\nmessage: 'use {expected}'\ntokens: [a]\n")
    _rule(d, "bad/check.yml", "check: existance\nmessage: m\n")
    _rule(d, "bad/list.yml", "- check: existence\n")
    _rule(d, "bad/severity.yml", "check: existence\nseverity: fatal\nmessage: m\ntokens: [a]\n")
    _rule(d, "bad/scope.yml", "check: existence\nscope: [paragrap]\nmessage: m\ntokens: [a]\n")
    _rule(d, "bad/trick.yml", "check: existence\nmessage: '{match.__class__}'\ntokens: [a]\n")
    r = _lint_with(d, tmp_path)
    assert r.code == 2 and r.out == ""
    err = r.err
    assert f"{d}/bad/unknown-key.yml:4:1: error: unknown key 'ignorecas' (did you mean 'ignorecase'?)" in err
    assert f"{d}/bad/wrong-type.yml:3:1: error: 'tokens' must be a list, not 'a'" in err
    assert f"{d}/bad/regex.yml:3:1: error: tokens[0] is not a valid regular expression" in err
    assert f"{d}/bad/placeholder.yml:2:10: error: placeholder '{{expected}}' is not provided" in err
    assert f"{d}/bad/check.yml:1:8: error: unknown check type 'existance' (did you mean 'existence'?)" in err
    assert f"{d}/bad/list.yml:1:1: error: a rule file must be a mapping of keys, not a list" in err
    assert f"{d}/bad/severity.yml:2:11: error: 'severity' must be one of error, warning, info" in err
    assert f"{d}/bad/scope.yml:2:8: error: unknown scope 'paragrap' (did you mean 'paragraph'?)" in err
    assert f"{d}/bad/trick.yml:2:10: error: message placeholder '{{match.__class__}}' is not allowed" in err
    assert f"{d}/bad/syntax.yml:" in err and "invalid YAML" in err
    assert "Traceback" not in err


def test_alias_bomb_rejected(tmp_path):
    d = tmp_path / "r"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
    _rule(d, "bad/bomb.yml", "check: existence\nmessage: m\ntokens: [a]\n" + bomb.replace("a:", "xa:"))
    r = _lint_with(d, tmp_path)
    assert r.code == 2 and "aliases are not allowed" in r.err


def _config(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("H\n\nWe leverage it.\n")
    p = tmp_path / ".newslint.yaml"
    p.write_text(body, encoding="utf-8")
    return p


def _run_config(tmp_path: Path, *extra: str):
    return run_cli(["check", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", *extra, str(tmp_path / "a.txt")])


def test_config_unknown_key_and_rule(tmp_path):
    cfg = _config(tmp_path, "rulez: {}\nrules:\n  demo.banned: warning\n  demo.bannd: off\n")
    r = _run_config(tmp_path)
    assert r.code == 2
    assert f"{cfg}:1:1: error: unknown key 'rulez' (did you mean 'rules'?)" in r.err


def test_config_unknown_rule_id(tmp_path):
    cfg = _config(tmp_path, "rules:\n  demo.bannd: off\n")
    r = _run_config(tmp_path)
    assert r.code == 2
    assert f"{cfg}:2:3: error: unknown rule id 'demo.bannd' (did you mean 'demo.banned'?)" in r.err


def test_config_not_a_mapping(tmp_path):
    cfg = _config(tmp_path, "- a\n- b\n")
    r = _run_config(tmp_path)
    assert r.code == 2 and f"{cfg}:1:1: error: a config file must be a mapping" in r.err


def test_config_severity_override_and_off(tmp_path):
    _config(tmp_path, "rules:\n  demo.banned: warning\n")
    r = _run_config(tmp_path)
    assert r.code == 0 and "warning [demo.banned]" in r.out
    _config(tmp_path, "rules:\n  demo.banned: off\n")
    assert "demo.banned" not in _run_config(tmp_path).out


def test_config_options_override_is_validated(tmp_path):
    _config(tmp_path, "rules:\n  demo.banned: {options: {tokens: [it]}}\n")
    r = _run_config(tmp_path)
    assert "Avoid 'it'" in r.out and "leverage" not in r.out
    cfg = _config(tmp_path, "rules:\n  demo.banned: {options: {tokns: [it]}}\n")
    r = _run_config(tmp_path)
    assert r.code == 2 and f"{cfg}:2:3: error: options for demo.banned: unknown key 'tokns'" in r.err


def test_config_extends_cycle(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: .newslint.yaml\n")
    _config(tmp_path, "extends: base.yaml\n")
    r = _run_config(tmp_path)
    assert r.code == 2 and "'extends' forms a cycle" in r.err


def test_config_extends_merges(tmp_path):
    (tmp_path / "base.yaml").write_text("rules:\n  demo.banned: warning\nfail_on: warning\n")
    _config(tmp_path, "extends: base.yaml\n")
    r = _run_config(tmp_path)
    assert r.code == 1 and "warning [demo.banned]" in r.out


def test_nearest_config_wins(tmp_path):
    _config(tmp_path, "rules:\n  demo.banned: off\n")
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / ".newslint.yaml").write_text("rules:\n  demo.banned: error\n")
    (sub / "b.txt").write_text("H\n\nWe leverage it.\n")
    r = run_cli(["check", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", str(tmp_path / "a.txt"), str(sub / "b.txt")])
    assert "a.txt" not in r.out and "b.txt:3:4: error [demo.banned]" in r.out


def test_per_file_ignores(tmp_path):
    _config(tmp_path, "per_file_ignores:\n  'a.txt': [demo.banned]\n")
    r = _run_config(tmp_path)
    assert "demo.banned" not in r.out


def test_no_config_and_explicit_config(tmp_path):
    _config(tmp_path, "rules:\n  demo.banned: off\n")
    assert "demo.banned" in _run_config(tmp_path, "--no-config").out
    other = tmp_path / "other.yaml"
    other.write_text("rules:\n  demo.banned: warning\n")
    assert "warning [demo.banned]" in _run_config(tmp_path, "--config", str(other)).out
