"""The command line: exit codes, inputs, formats, config errors, directives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clihelpers import FIXTURE_RULES, demo, run_cli


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text("Firms leverage data\n\nThe firms said they would leverage synergy.\nIt was very good.\n", encoding="utf-8")
    return p


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    p = tmp_path / "clean.txt"
    p.write_text("Quiet day\n\nNothing happened today, officials said.\n", encoding="utf-8")
    return p


def test_findings_exit_1_with_exact_positions(article):
    r = run_cli(demo(str(article)))
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0] == f"{article}:1:7: error [demo.banned] Avoid 'leverage'."
    assert f"{article}:3:27: error [demo.banned] Avoid 'leverage'." in lines
    assert f"{article}:3:36: error [demo.banned] Avoid 'synergy'." in lines
    assert f"{article}:4:8: warning [demo.soft] Consider avoiding 'very'." in lines
    assert "4 findings" in r.err


def test_clean_file_exits_0(clean):
    r = run_cli(demo(str(clean)))
    assert (r.code, r.out) == (0, "")


def test_check_is_the_default_command(article):
    r = run_cli(["--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", str(article)])
    assert r.code == 1 and "demo.banned" in r.out


def test_fail_on_and_exit_zero(tmp_path):
    p = tmp_path / "w.txt"
    p.write_text("Head\n\nIt was very good.\n")
    assert run_cli(demo(str(p))).code == 0  # warnings only; default fail level is error
    assert run_cli(demo("--fail-on", "warning", str(p))).code == 1
    assert run_cli(demo("--fail-on", "warning", "--exit-zero", str(p))).code == 0


def test_missing_path_is_exit_2_but_other_files_are_checked(article, tmp_path):
    r = run_cli(demo(str(tmp_path / "nope.txt"), str(article)))
    assert r.code == 2
    assert "nope.txt: error: no such file or directory" in r.out
    assert "demo.banned" in r.out


def test_invalid_utf8_names_byte_offset_and_others_still_checked(article, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Head\n\nCaf\xe9 society\n")
    r = run_cli(demo(str(bad), str(article)))
    assert r.code == 2
    assert "not valid UTF-8: byte 0xe9 at offset 9" in r.out
    assert "demo.banned" in r.out


def test_empty_file_is_clean(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    assert run_cli(demo(str(p))).code == 0


def test_directory_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    r = run_cli(demo(str(tmp_path)))
    assert r.code == 2 and "contains no article files" in r.out


def test_directory_recursion_picks_article_extensions(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("H\n\nWe leverage it.\n")
    (tmp_path / "two.md").write_text("# H\n\nWe leverage it.\n")
    (tmp_path / "skip.csv").write_text("leverage\n")
    (tmp_path / "extra.rst").write_text("We leverage it.\n")
    r = run_cli(demo("--format", "json", str(tmp_path)))
    paths = [f["path"] for f in json.loads(r.out)["files"]]
    assert paths == [str(tmp_path / "two.md"), str(tmp_path / "a" / "one.txt")] or sorted(paths) == sorted(
        [str(tmp_path / "a" / "one.txt"), str(tmp_path / "two.md")]
    )
    r = run_cli(demo("--format", "json", "--include", "*.rst", str(tmp_path)))
    assert len(json.loads(r.out)["files"]) == 3


def test_stdin_with_filename(monkeypatch):
    r = run_cli(demo("-", "--stdin-filename", "story.md"), stdin="# We leverage\n\nText `leverage` here.\n")
    assert r.code == 1
    assert r.out.startswith("story.md:1:6: error [demo.banned]")
    assert r.out.count("demo.banned") == 1  # inline code is not prose


def test_json_shape(article):
    r = run_cli(demo("--format", "json", str(article)))
    data = json.loads(r.out)
    assert set(data) == {"version", "files", "errors"} and data["version"] == 1
    finding = data["files"][0]["findings"][0]
    assert list(finding) == ["rule", "severity", "message", "line", "column", "end_line", "end_column", "offset", "length", "match", "suggestions", "fix"]
    text = article.read_text()
    for f in data["files"][0]["findings"]:
        assert text[f["offset"] : f["offset"] + f["length"]] == f["match"]


def test_output_file_and_github_autodetect(article, tmp_path, monkeypatch):
    out = tmp_path / "report.sarif"
    r = run_cli(demo("--format", "sarif", "--output", str(out), str(article)))
    assert r.code == 1 and r.out == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    r = run_cli(demo(str(article)))
    assert r.out.startswith("::error file=")


def test_statistics(article):
    r = run_cli(demo("--statistics", str(article)))
    assert r.out.splitlines()[0].split() == ["3", "demo.banned", "error"]


def test_ignore_and_select(article):
    r = run_cli(demo("--ignore", "demo.banned", str(article)))
    assert "demo.banned" not in r.out and "demo.soft" in r.out


def test_jobs_give_same_output_as_serial(tmp_path):
    for i in range(12):
        (tmp_path / f"s{i:02d}.txt").write_text(f"H{i}\n\n" + "We leverage synergy. " * (i + 1) + "\n")
    serial = run_cli(demo("--format", "json", "-j", "1", str(tmp_path)))
    parallel = run_cli(demo("--format", "json", "-j", "2", str(tmp_path)))
    assert serial.out == parallel.out and serial.code == parallel.code == 1


def test_date_must_be_iso(article):
    r = run_cli(demo("--date", "13/01/2024", str(article)))
    assert r.code == 2 and "--date must be YYYY-MM-DD" in r.err


def test_usage_error_is_exit_2():
    assert run_cli(["check", "--format", "xml", "x.txt"]).code == 2
    assert run_cli(["check"]).code == 2


def test_version():
    from newslint import __version__

    r = run_cli(["--version"])
    assert r.code == 0 and __version__ in r.out


def test_rules_and_rule_commands():
    r = run_cli(["rules", "--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo"])
    assert r.code == 0
    assert r.out.splitlines()[0].split()[:2] == ["demo.banned", "error"]
    r = run_cli(["rule", "demo.soft", "--no-config", "--rule-dir", str(FIXTURE_RULES)])
    assert r.code == 0 and "## Why it matters" in r.out and "It was very good." in r.out
    r = run_cli(["rule", "demo.sfot", "--no-config", "--rule-dir", str(FIXTURE_RULES)])
    assert r.code == 2 and "did you mean 'demo.soft'" in r.err


def test_input_never_modified(article, tmp_path):
    before = article.read_bytes()
    mtime = os.stat(article).st_mtime_ns
    run_cli(demo("--output", str(tmp_path / "out.json"), "--format", "json", str(article)))
    assert article.read_bytes() == before and os.stat(article).st_mtime_ns == mtime


def test_rule_reference_is_up_to_date():
    from pathlib import Path

    r = run_cli(["rules", "--all", "--markdown", "--no-config"])
    page = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert r.code == 0
    assert r.out == page.read_text(encoding="utf-8"), "regenerate: newslint rules --all --markdown --no-config > docs/rules.md"
