"""A real pre-commit run in a throwaway repo blocks a defective article and passes a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def head_rev() -> str:
    if shutil.which("git") is None or (shutil.which("pre-commit") is None and not _has_module("pre_commit")):
        pytest.skip("git and pre-commit are needed for this test")
    rev = _git(ROOT, "rev-parse", "HEAD")
    if rev.returncode != 0:
        pytest.skip("not running from a git checkout of newslint")
    return rev.stdout.strip()


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _desk(tmp_path: Path, head_rev: str) -> tuple[Path, dict[str, str], list[str]]:
    """A throwaway editorial repo using this checkout's hook at HEAD: (repo, env, pre-commit command)."""
    repo = tmp_path / "desk"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    env.pop("GITHUB_ACTIONS", None)
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head_rev}\n    hooks:\n      - id: newslint\n"
    )
    pre_commit = [os.path.join(os.path.dirname(os.sys.executable), "pre-commit")]
    if not os.path.exists(pre_commit[0]):
        pre_commit = [os.sys.executable, "-m", "pre_commit"]
    return repo, env, pre_commit


def test_precommit_blocks_defective_article_and_passes_clean_one(tmp_path, head_rev):
    repo, env, pre_commit = _desk(tmp_path, head_rev)
    (repo / ".newslint.yaml").write_text(f"rule_dirs: [{ROOT / 'tests' / 'fixtures' / 'rules'}]\nselect: [demo]\n")

    (repo / "bad.md").write_text("# Firms merge\n\nThe firms will leverage their synergy.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    proc = subprocess.run([*pre_commit, "run", "--files", "bad.md"], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bad.md:3:16: error [demo.banned]" in proc.stdout

    subprocess.run([*pre_commit, "install"], cwd=repo, check=True, capture_output=True, env=env)
    blocked = subprocess.run(["git", "commit", "-qm", "bad"], cwd=repo, capture_output=True, text=True, env=env)
    assert blocked.returncode != 0, "the hook did not block a defective article"

    (repo / "bad.md").write_text("# Firms merge\n\nThe firms will combine their teams.\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    ok = subprocess.run(["git", "commit", "-qm", "clean"], cwd=repo, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr


ACCEPTANCE = """# Talks stall over port deal

By Jane Doein Washington

Negotiators for the two governments met for a third day on the port agreement. Neither side has yet to comment on the draft.
"""


def test_fused_byline_and_double_negative_fail_check_and_hook(tmp_path, head_rev):
    """The canonical defects are errors: `newslint check` exits 1 and the shipped hook fails, showing both."""
    from newslint.cli import main

    story = tmp_path / "story.md"
    story.write_text(ACCEPTANCE)
    assert main(["check", str(story), "--no-config"]) == 1

    repo, env, pre_commit = _desk(tmp_path, head_rev)
    (repo / "story.md").write_text(ACCEPTANCE)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    proc = subprocess.run([*pre_commit, "run", "--files", "story.md"], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "story.md:3:9: error [words.fused]" in proc.stdout
    assert "error [grammar.double-negative]" in proc.stdout

    (repo / "story.md").write_text(WARNING_ONLY)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    shown = subprocess.run([*pre_commit, "run", "--files", "story.md"], cwd=repo, capture_output=True, text=True, env=env)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "story.md:5:5: warning [style.consistency]" in shown.stdout, "a passing hook hid the writer's warning"


WARNING_ONLY = "# Charity grows\n\nThe organisation grew last year. The organisation hired staff.\n\nThe organization expanded abroad.\n"
