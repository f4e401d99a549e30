"""action.yml is a composite action whose steps work: run each one under a simulated GitHub runner.

Expressions are filled in the way the runner does for the ones the action uses
(``inputs.*``, ``github.action_path``); any other expression fails the test, so the
simulation cannot silently skip part of a step.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASH = shutil.which("bash")
STORY = "# Council backs the the plan\n\nThe council met on Tuesday, 14 March 2024.\n"
CLEAN = "# Council backs the plan\n\nThe council met on Thursday, 14 March 2024.\n"

pytestmark = pytest.mark.skipif(BASH is None, reason="the action's steps run in bash")


def _action() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _fill(value: str, inputs: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"the simulated runner does not know ${{{{ {expr} }}}}")

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def _run_step(step: dict, given: dict[str, str], workspace: Path, path: str) -> tuple[subprocess.CompletedProcess, dict, str]:
    action = _action()
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()} | given
    output, summary = workspace / "github_output", workspace / "step_summary"
    output.write_text("")
    summary.write_text("")
    env = {
        "PATH": path,
        "HOME": str(workspace),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(workspace),
    }
    env |= {k: _fill(v, inputs) for k, v in step.get("env", {}).items()}
    assert step["shell"] == "bash"
    script = _fill(step["run"], inputs)
    # the runner's bash invocation for `shell: bash`
    proc = subprocess.run([BASH, "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc, outputs, summary.read_text()


def _venv_path() -> str:
    return os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"])


def test_action_is_composite_with_the_inputs():
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "fail-on", "config", "sarif-file", "version"}
    assert {"exit-code", "findings", "sarif-file"} <= set(action["outputs"])
    assert all(s["shell"] == "bash" for s in action["runs"]["steps"])


def _step(name: str) -> dict:
    (step,) = [s for s in _action()["runs"]["steps"] if s["name"] == name]
    return step


@pytest.mark.parametrize(("version", "expected"), [("", str(ROOT)), ("0.1.0", "newslint==0.1.0")])
def test_install_step_installs_the_requested_newslint(tmp_path, version, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "pip-args"
    fake = bin_dir / "python3"  # records what pip would be asked to install; no network in tests
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{log}"\n')
    fake.chmod(0o755)
    proc, _outputs, _summary = _run_step(_step("Install newslint"), {"version": version}, tmp_path, f"{bin_dir}:/usr/bin:/bin")
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines() == ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", expected]


def test_lint_step_annotates_writes_sarif_outputs_and_fails(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "council.md").write_text(STORY)
    (tmp_path / "news" / "clean.md").write_text(CLEAN)
    proc, outputs, summary = _run_step(_step("Run newslint"), {"paths": "news\nnews/clean.md", "sarif-file": "out/report.sarif"}, tmp_path, _venv_path())
    assert proc.returncode == 1, proc.stderr
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert any(a.startswith("::error file=news/council.md,line=1,") and "words.repeated" in a for a in annotations)
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"news/council.md"}
    assert outputs["exit-code"] == "1"
    assert outputs["sarif-file"] == "out/report.sarif"
    assert int(outputs["findings"]) == len(annotations) == len(results) >= 2
    assert f"{outputs['findings']} finding(s)" in summary


def test_lint_step_passes_clean_copy_and_respects_fail_on(tmp_path):
    (tmp_path / "clean.md").write_text(CLEAN)
    proc, outputs, _summary = _run_step(_step("Run newslint"), {"paths": "clean.md"}, tmp_path, _venv_path())
    assert proc.returncode == 0 and outputs["exit-code"] == "0" and outputs["findings"] == "0"
    sarif = json.loads((tmp_path / "newslint.sarif").read_text())
    assert sarif["runs"][0]["results"] == []


def test_lint_step_reports_a_bad_config_as_exit_2(tmp_path):
    (tmp_path / "clean.md").write_text(CLEAN)
    (tmp_path / "bad.yaml").write_text("rulez: {}\n")
    proc, outputs, summary = _run_step(_step("Run newslint"), {"paths": "clean.md", "config": "bad.yaml"}, tmp_path, _venv_path())
    assert proc.returncode == 2 and outputs["exit-code"] == "2"
    assert "bad.yaml" in proc.stderr and "config, rule or input error" in summary
