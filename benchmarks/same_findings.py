"""Speed work must not change what newslint finds: save the findings of a corpus run,
change the code, run again and compare.

    python benchmarks/same_findings.py --save /tmp/before.json      # before the change
    python benchmarks/same_findings.py --against /tmp/before.json   # after: exit 1 on any difference

Runs ``newslint check --format json --no-cache`` over ../shared/corpus/bbc (or
``--corpus``) in a fresh process. ``--warm-cache`` instead runs twice with the cache on
in an empty cache folder of its own and compares the second run, which lints every
file afresh (results forgotten) with the rule-set, word-list and pattern caches warm. Keep the saved JSON outside the repository: it
quotes the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the repository (a worktree of it sits one level deeper)
from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

DEFAULT_CORPUS = default_corpus() / "bbc"


def findings(corpus: Path, jobs: int, cache_dir: Path | None = None) -> str:
    """The JSON report of one run over ``corpus``: uncached, or with the caches in ``cache_dir``."""
    cmd = [sys.executable, "-m", "newslint", "check", "--format", "json", "-q", "-j", str(jobs), str(corpus)]
    env = dict(os.environ)
    if cache_dir is None:
        cmd.append("--no-cache")
    else:
        env.pop("NEWSLINT_NO_CACHE", None)
        env["NEWSLINT_CACHE_DIR"] = str(cache_dir)
        shutil.rmtree(cache_dir / "results", ignore_errors=True)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"newslint exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def keyed(report: str) -> dict[str, list[str]]:
    """Each file's findings as sorted JSON lines (order-free, every field compared)."""
    return {f["path"]: sorted(json.dumps(x, sort_keys=True) for x in f["findings"]) for f in json.loads(report)["files"]}


def differences(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    out = []
    for path in sorted(set(before) | set(after)):
        old, new = set(before.get(path, ())), set(after.get(path, ()))
        out += [f"- {path}: {x}" for x in sorted(old - new)] + [f"+ {path}: {x}" for x in sorted(new - old)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--warm-cache", action="store_true", help="compare a run with warm caches (see above)")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write this run's JSON report here")
    group.add_argument("--against", type=Path, help="compare this run with a saved report")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.warm_cache:
        with tempfile.TemporaryDirectory() as where:
            findings(args.corpus, args.jobs, Path(where))  # fills the caches
            report = findings(args.corpus, args.jobs, Path(where))
    else:
        report = findings(args.corpus, args.jobs)
    if args.save:
        args.save.write_text(report, encoding="utf-8")
        print(f"saved {sum(map(len, keyed(report).values()))} findings to {args.save}")
        return 0
    before, after = keyed(args.against.read_text(encoding="utf-8")), keyed(report)
    diff = differences(before, after)
    print("\n".join(diff[:200]))
    print(f"{sum(map(len, before.values()))} findings before, {sum(map(len, after.values()))} after, {len(diff)} differences")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
