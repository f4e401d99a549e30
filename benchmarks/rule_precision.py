"""corpus_findings.py, fast: build the rule set once and lint articles in parallel.

    python benchmarks/rule_precision.py --select style.consistency --sample 40
    python benchmarks/rule_precision.py --select punctuation -j 8 --json /tmp/f.json

``lint_text`` reloads every rule file per call (~0.8 s), which makes a full-corpus run
take hours; this driver calls the engine directly with one prepared rule set.
Reads ../shared/corpus at run time (research-use data, never copied into the repo).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint.config import Config, build_ruleset  # noqa: E402
from newslint.engine import lint_source  # noqa: E402

DEFAULT_CORPUS = default_corpus()
_RULES: list = []


def _init(select: list[str]) -> None:
    ruleset, problems = build_ruleset(Config(), select=tuple(select))
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    _RULES[:] = ruleset.rules


def _lint(item: tuple[str, str, str | None]) -> tuple[str, int, list[tuple[str, int, int, str, str, str]], list[str]]:
    rel, path, date = item
    text = Path(path).read_text(encoding="utf-8")
    result = lint_source(text, path, _RULES, date=dt.date.fromisoformat(date) if date else None)
    lines = text.split("\n")
    found = [(f.rule, f.line, f.column, f.match, f.message, lines[f.line - 1]) for f in result.findings]
    return rel, len(text.split()), found, [e.message for e in result.errors]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--source", action="append", choices=("bbc", "reuters21578"), help="default: both")
    ap.add_argument("--select", action="append", default=[], help="rule ids or prefixes")
    ap.add_argument("--limit", type=int, default=0, help="at most this many articles per source")
    ap.add_argument("--sample", type=int, default=30, help="findings to print per rule")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=4)
    ap.add_argument("--json", type=Path, help="write all findings here")
    args = ap.parse_args(argv)
    items = []
    for source in args.source or ["bbc", "reuters21578"]:
        with (args.corpus / source / "index.jsonl").open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if args.limit and i >= args.limit:
                    break
                meta = json.loads(line)
                items.append((f"{source}/{meta['path']}", str(args.corpus / source / meta["path"]), meta.get("date")))
    by_rule: dict[str, list] = {}
    words = 0
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(args.select,)) as pool:
        for rel, n, found, errors in pool.map(_lint, items, chunksize=64):
            words += n
            for f in found:
                by_rule.setdefault(f[0], []).append((rel, *f[1:]))
            for e in errors:
                print(f"ERROR {rel}: {e}", file=sys.stderr)
    print(f"{len(items)} articles, {words} words")
    per_source = Counter()
    for rule, hits in sorted(by_rule.items()):
        per_source.update((rule, h[0].split("/")[0]) for h in hits)
        split = ", ".join(f"{s}: {per_source[(rule, s)]}" for s in ("bbc", "reuters21578"))
        print(f"\n== {rule}: {len(hits)} findings ({split}; {len(hits) * 10000 / max(words, 1):.2f} per 10k words)")
        shuffled = list(hits)
        random.Random(args.seed).shuffle(shuffled)  # per rule, so a sample does not depend on --select
        for rel, line, col, match, message, text in shuffled[: args.sample]:
            print(f"  {rel}:{line}:{col} [{match}] {message}\n      | {text.strip()[:160]}")
    if args.json:
        args.json.write_text(json.dumps({r: [dict(path=h[0], line=h[1], col=h[2], match=h[3], message=h[4]) for h in hits] for r, hits in by_rule.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
