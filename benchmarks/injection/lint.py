"""One newslint run over the whole set, through its CLI, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .build import Copy
from .corpus import ROOT


def run_newslint(directory: Path, out: Path, jobs: int) -> tuple[int, float, str]:
    cmd = [sys.executable, "-m", "newslint", "check", str(directory), "--format", "json", "-j", str(jobs),
           "--no-config", "--exit-zero", "--quiet", "--output", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return proc.returncode, time.perf_counter() - t0, proc.stderr



class BenchError(Exception):
    """A run that cannot go on: the message is for the user, the exit status 2."""


@dataclass(frozen=True)
class LintRun:
    """newslint's JSON report on the set, with its exit code and wall time."""

    report: dict
    exit: int
    seconds: float


def lint_copies(copies: list[Copy], jobs: int, keep: Path | None = None) -> LintRun:
    """Write every copy to a folder (temporary unless ``keep``) and lint it once; BenchError when it cannot."""
    if keep and keep.exists() and any(keep.iterdir()):
        raise BenchError(f"--keep folder must be new or empty: {keep}")
    with tempfile.TemporaryDirectory(prefix="newslint-quality-") as tmp:
        work = keep or Path(tmp)
        articles_dir = work / "articles"
        articles_dir.mkdir(parents=True)
        for c in copies:
            (articles_dir / c.name).write_text(c.text, encoding="utf-8")
        out_json = work / "newslint.json"
        code, seconds, stderr = run_newslint(articles_dir, out_json, jobs)
        if not out_json.is_file():
            raise BenchError(f"newslint failed (exit {code}):\n{stderr}")
        report = json.loads(out_json.read_text(encoding="utf-8"))
        if keep:
            (work / "manifest.json").write_text(json.dumps([
                {"file": c.name, "article": c.article.rel, "kind": c.kind.name if c.kind else None, "note": c.note, "lines": sorted(c.lines)}
                for c in copies], indent=1), encoding="utf-8")
    return LintRun(report, code, seconds)
