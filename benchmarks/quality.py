"""Detection quality: inject one defect per article copy, lint once, measure recall and false alarms.

    python benchmarks/quality.py                          # 30 copies per class, 1500 untouched, seed 1
    python benchmarks/quality.py --limit 400 --per-class 2 --untouched 20 --out /tmp/q.json   # quick
    python benchmarks/quality.py --show-misses 5          # print missed defects for rule work

Reads the corpus (default ../shared/corpus beside the repo, or $NEWSLINT_CORPUS) at run
time; every copy is written to a temporary directory, never into the repo. Each copy gets
exactly one injected defect (or one correct "control" that looks like a defect) placed
inside the article's own body text. Copies of dated articles start with a header line
``date YYYY-MM-DD Corpus`` (metadata, not prose), so date rules know the publication date.
newslint runs ONCE over the whole set through its CLI (``--format json``) and the report
gives, per defect class, recall (a finding of the expected rule group on a line of the
defect), per control, false alarms (a finding of that group on the control's lines), and
on untouched articles the findings per 10,000 words of every rule.

The work is done by the package benchmarks/injection/ (one module per concern).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from injection.build import Copy, build_copies
from injection.corpus import SOURCES, default_corpus, load_articles
from injection.kinds import KINDS
from injection.lint import BenchError, LintRun, lint_copies
from injection.report import render, render_misses
from injection.score import score


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus(), help="corpus folder (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="draw from only this many (seeded random) articles (0 = all)")
    ap.add_argument("--per-class", type=int, default=30, help="copies per defect class (shared among its variants) and per control")
    ap.add_argument("--untouched", type=int, default=1500, help="articles linted unchanged, for findings per 10,000 words")
    ap.add_argument("--source", action="append", choices=SOURCES, help="corpus sources (default: both)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--keep", type=Path, help="keep the article copies and newslint's JSON in this (new) folder")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N missed defects / false alarms per class")
    return ap.parse_args(argv)


def assemble(args: argparse.Namespace, sources: tuple[str, ...], copies: list[Copy], run: LintRun) -> dict:
    """The whole result: what was run, on what, and the scores."""
    errors = run.report.get("errors", [])
    return {
        "corpus": str(args.corpus),
        "sources": list(sources),
        "seed": args.seed,
        "articles": len(copies),
        "per_class": args.per_class,
        "words": sum(c.article.words for c in copies),
        "newslint": {"exit": run.exit, "seconds": round(run.seconds, 2), "errors": len(errors), "error_sample": errors[:10]},
        **score(copies, run.report, KINDS),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.corpus / "bbc").is_dir() and not (args.corpus / "reuters21578").is_dir():
        print(f"corpus not found: {args.corpus} (pass a folder or set NEWSLINT_CORPUS)", file=sys.stderr)
        return 2
    sources = tuple(args.source or [s for s in SOURCES if (args.corpus / s / "index.jsonl").is_file()])
    rng = random.Random(args.seed)
    copies = build_copies(load_articles(args.corpus, sources), rng, args.limit, args.per_class, args.untouched, KINDS)
    try:
        run = lint_copies(copies, args.jobs, args.keep)
    except BenchError as err:
        print(err, file=sys.stderr)
        return 2
    result = assemble(args, sources, copies, run)
    print(render(result))
    if args.show_misses:
        print(render_misses(result, args.show_misses))
    if result["newslint"]["errors"]:
        print(f"\nnewslint reported {result['newslint']['errors']} file error(s); first: {result['newslint']['error_sample'][:2]}", file=sys.stderr)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
