"""Run the CLI in-process and capture its streams and exit code."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from newslint.cli import main

FIXTURE_RULES = Path(__file__).resolve().parent / "fixtures" / "rules"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(args: list[str], stdin: str | bytes = b"", monkeypatch=None) -> Run:
    out, err = io.StringIO(), io.StringIO()
    data = stdin.encode() if isinstance(stdin, str) else stdin
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, fake_in
    try:
        code = main(args)
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return Run(code, out.getvalue(), err.getvalue())


def demo(*args: str) -> list[str]:
    """Arguments that lint with only the demo test rules."""
    return ["check", "--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", *args]
