"""One pathological file cannot stall or sink a run: the per-file time limit, and a
worker process that dies, each cost that file only — serially and with -j 2."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from pathlib import Path

import pytest
from clihelpers import demo, run_cli

import newslint.engine
import newslint.runner

GOOD = "Head\n\nWe leverage it.\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "f3.txt").write_text("Head\n\nTROUBLE: we leverage it.\n", encoding="utf-8")
    return tmp_path


def _patch_lint_source(monkeypatch, action) -> None:
    """Run ``action()`` inside the engine for the file that says TROUBLE (in every worker)."""
    real = newslint.engine.lint_source

    def patched(source, *args, **kwargs):
        if "TROUBLE" in source:
            action()
        return real(source, *args, **kwargs)

    monkeypatch.setattr(newslint.engine, "lint_source", patched)  # the runner imports it when linting


def _slow_check(monkeypatch) -> None:
    """A rule whose check never ends on the TROUBLE file (and swallows exceptions, as a
    careless check might)."""
    real = newslint.engine.run_rule

    def run_rule(rule, doc, analysis, settings):
        if "TROUBLE" in doc.text:
            while True:
                with contextlib.suppress(Exception):
                    time.sleep(0.01)
        return real(rule, doc, analysis, settings)

    monkeypatch.setattr(newslint.engine, "run_rule", run_rule)


def _json(args: list[str]) -> tuple[int, dict[str, list[str]], dict[str, str]]:
    r = run_cli(demo("--format", "json", *args))
    data = json.loads(r.out)
    found = {os.path.basename(f["path"]): [x["match"] for x in f["findings"]] for f in data["files"]}
    errors = {os.path.basename(e["path"]): e["message"] for e in data["errors"]}
    return r.code, found, errors


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_slow_file_is_skipped_and_reported_the_rest_finish(desk, monkeypatch, jobs):
    _slow_check(monkeypatch)
    code, found, errors = _json(["--timeout", "0.5", "-j", jobs, str(desk)])
    assert code == 2
    assert errors == {"f3.txt": "took longer than 0.5 s and was skipped (raise 'timeout' in config or --timeout)"}
    assert found["f3.txt"] == []
    assert all(found[f"f{i}.txt"] == ["leverage"] for i in (0, 1, 2, 4, 5))


def test_time_limit_from_config(desk, monkeypatch):
    _slow_check(monkeypatch)
    (desk / ".newslint.yaml").write_text("timeout: 0.5\n", encoding="utf-8")
    r = run_cli(["check", "--rule-dir", str(Path(__file__).parent / "fixtures" / "rules"), "--select", "demo", "-j", "2", str(desk)])
    assert r.code == 2 and "f3.txt: error: took longer than 0.5 s" in r.out
    assert r.out.count("demo.banned") == 5


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e400", "soon"])
def test_bad_timeout_on_the_command_line_is_a_usage_error(desk, value):
    r = run_cli(demo("--timeout", value, str(desk)))
    assert r.code == 2 and "--timeout" in r.err


@pytest.mark.parametrize("value", [".inf", ".nan", "-1", "0", "true", "'10'"])
def test_bad_timeout_in_config_is_reported(desk, value):
    (desk / ".newslint.yaml").write_text(f"timeout: {value}\n", encoding="utf-8")
    r = run_cli(["check", str(desk)])
    assert r.code == 2 and "'timeout' must be a positive number of seconds" in r.err


def test_zero_timeout_means_no_limit(desk):
    code, found, errors = _json(["--timeout", "0", str(desk)])
    assert code == 1 and not errors and found["f3.txt"] == ["leverage"]


@pytest.mark.parametrize(
    "death",
    [lambda: os._exit(3), lambda: os.kill(os.getpid(), signal.SIGKILL)],
    ids=["exit", "sigkill"],
)
def test_worker_that_dies_costs_only_its_file(desk, monkeypatch, death):
    """A worker killed mid-file (say by the OOM killer) must not hang the run."""
    _patch_lint_source(monkeypatch, death)
    code, found, errors = _json(["-j", "2", str(desk)])
    assert code == 2
    assert "f3.txt" in errors and "died" in errors["f3.txt"]
    assert all(found[f"f{i}.txt"] == ["leverage"] for i in (0, 1, 2, 4, 5))
    assert list(found) == [f"f{i}.txt" for i in range(6)]  # order kept


def test_unexpected_exception_costs_only_its_file(desk, monkeypatch):
    def boom() -> None:
        raise KeyError("boom")

    _patch_lint_source(monkeypatch, boom)
    for jobs in ("1", "2"):
        code, found, errors = _json(["-j", jobs, str(desk)])
        assert code == 2 and errors == {"f3.txt": "internal error: KeyError: 'boom'"}
        assert all(found[f"f{i}.txt"] == ["leverage"] for i in (0, 1, 2, 4, 5))


def test_a_config_added_between_two_runs_in_one_process_is_seen(tmp_path):
    """Long-running API users: config discovery is not cached across runs."""
    from newslint import lint_paths

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    rules = Path(__file__).parent / "fixtures" / "rules"
    (tmp_path / ".newslint.yaml").write_text(f"rule_dirs: ['{rules}']\nselect: [demo]\n", encoding="utf-8")
    first = list(lint_paths([str(tmp_path)]))
    assert [f.match for f in first[0].findings] == ["leverage"]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(GOOD, encoding="utf-8")
    list(lint_paths([str(tmp_path / "sub")]))
    (tmp_path / "sub" / ".newslint.yaml").write_text(f"rule_dirs: ['{rules}']\nselect: [demo]\nignore: [demo.banned]\n", encoding="utf-8")
    second = list(lint_paths([str(tmp_path / "sub")]))
    assert second[0].findings == ()


@pytest.mark.parametrize("span", [(-1, 3), (5, 2), (0, 10**9)])
def test_a_check_returning_a_bad_span_costs_only_that_rule(desk, monkeypatch, span):
    from newslint.model import Hit

    real = newslint.engine.run_rule

    def run_rule(rule, doc, analysis, settings):
        if rule.id == "demo.soft":
            return [Hit(*span)]
        return real(rule, doc, analysis, settings)

    monkeypatch.setattr(newslint.engine, "run_rule", run_rule)
    code, found, errors = _json([str(desk / "f0.txt")])
    assert code == 2 and found["f0.txt"] == ["leverage"]
    assert errors["f0.txt"].startswith("internal error in rule demo.soft: ValueError: hit ")


def test_absurd_job_count_is_capped(desk, monkeypatch):
    started = []
    real_parallel = newslint.runner._parallel

    def spy(items, todo, opts, jobs):
        started.append(jobs)
        return real_parallel(items, todo, opts, jobs)

    monkeypatch.setattr(newslint.runner, "_parallel", spy)
    code, found, _errors = _json(["-j", "100000", str(desk)])
    assert code == 1 and len(found) == 6
    assert started == [newslint.runner.MAX_JOBS]
