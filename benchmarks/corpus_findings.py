"""Run rules over the shared news corpus and show what fires: the false-positive hunt.

    python benchmarks/corpus_findings.py --select words.repeated --sample 40
    python benchmarks/corpus_findings.py --source reuters --select dates --limit 3000

Reads ../shared/corpus at run time (research-use data, never copied into the repo).
Reuters articles are linted with their wire date as publication date.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint import lint_text  # noqa: E402

DEFAULT_CORPUS = default_corpus()


def articles(corpus: Path, sources: list[str]):
    for source in sources:
        index = corpus / source / "index.jsonl"
        with index.open(encoding="utf-8") as fh:
            for line in fh:
                meta = json.loads(line)
                yield source, corpus / source / meta["path"], meta.get("date")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--source", action="append", choices=("bbc", "reuters21578"), help="default: both")
    ap.add_argument("--select", action="append", default=[], help="rule ids or prefixes (default: all default rules)")
    ap.add_argument("--limit", type=int, default=0, help="at most this many articles per source")
    ap.add_argument("--sample", type=int, default=30, help="findings to print per rule")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write all findings here")
    args = ap.parse_args(argv)
    sources = args.source or ["bbc", "reuters21578"]
    by_rule: dict[str, list] = {}
    words = 0
    n = Counter()
    for source, path, date in articles(args.corpus, sources):
        if args.limit and n[source] >= args.limit:
            continue
        n[source] += 1
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        result = lint_text(text, path=str(path), date=date, select=args.select)
        lines = text.split("\n")
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append((str(path.relative_to(args.corpus)), f, lines[f.line - 1]))
        for e in result.errors:
            print(f"ERROR {e.path}: {e.message}", file=sys.stderr)
    rng = random.Random(args.seed)
    print(f"{sum(n.values())} articles, {words} words")
    for rule, items in sorted(by_rule.items()):
        print(f"\n== {rule}: {len(items)} findings ({len(items) * 10000 / max(words, 1):.2f} per 10k words)")
        for rel, f, line in rng.sample(items, min(args.sample, len(items))):
            print(f"  {rel}:{f.line}:{f.column} [{f.match}] {f.message}\n      | {line.strip()[:160]}")
    if args.json:
        args.json.write_text(json.dumps({r: [dict(path=p, line=f.line, col=f.column, match=f.match, message=f.message) for p, f, _ in items] for r, items in by_rule.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
