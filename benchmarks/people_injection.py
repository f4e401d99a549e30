"""Recall of names.variant and names.title-conflict on injected errors in real articles.

    python benchmarks/people_injection.py --cases 500

For each sampled article the person table picks a person named in full and mentioned again;
one later mention's surname gets one edit (swap, drop, double or change a letter), and the
article is linted: a hit is a names.variant finding on the altered name. For titles, a person
given the same office twice gets the later one swapped for another office: a hit is a
names.title-conflict finding there. Articles are read from ../shared/corpus at run time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint.engine import lint_source  # noqa: E402
from newslint.language.persons import build_table, lexicon  # noqa: E402
from newslint.parsers import parse  # noqa: E402
from newslint.rules import builtin_rules_dir, load_rules  # noqa: E402

CORPUS = default_corpus()
SWAPS = ["Foreign Secretary", "Home Secretary", "Defence Secretary", "Health Secretary", "Chancellor", "Prime Minister", "Finance Minister", "Trade Secretary"]


def one_edit(word: str, rng: random.Random) -> str:
    """The word with one letter swapped, dropped, doubled or changed (never the first)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "change"])
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    letters = [c for c in "aeioulnrst" if c != word[i].lower()]
    return word[:i] + rng.choice(letters) + word[i + 1 :]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--cases", type=int, default=400, help="injections per kind")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=10, help="misses to print")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    rules = {r.id: r for r in load_rules([builtin_rules_dir()]).rules}
    variant, conflict = [rules["names.variant"]], [rules["names.title-conflict"]]
    paths = []
    for source in ("bbc", "reuters21578"):
        with (args.corpus / source / "index.jsonl").open(encoding="utf-8") as fh:
            paths += [args.corpus / source / json.loads(line)["path"] for line in fh]
    rng.shuffle(paths)
    lex = lexicon()
    results = {"variant": [0, 0], "title": [0, 0]}
    misses: dict[str, list[str]] = {"variant": [], "title": []}
    for path in paths:
        if min(n for n, _ in results.values()) >= args.cases:
            break
        text = path.read_text(encoding="utf-8")
        doc, _ = parse(text, str(path), None)
        table = build_table(doc)
        people = [p for p in table.persons if len(p.tokens) > 1 and len(p.mentions) > 1 and len(p.surname) >= 5 and " " not in p.surname]
        if people and results["variant"][0] < args.cases:
            p = rng.choice(people)
            m = rng.choice(p.mentions[1:])
            s = m.end - len(p.surname) if m.kind == "full" else m.start
            start = doc.source_map.to_source_start(s)
            if text[start : start + len(p.surname)] == p.surname:
                bad = one_edit(p.surname, rng)
                altered = text[:start] + bad + text[start + len(p.surname) :]
                found = any(f.offset <= start < f.offset + f.length for f in lint_source(altered, str(path), variant).findings)
                results["variant"][0] += 1
                results["variant"][1] += found
                if not found:
                    misses["variant"].append(f"{path.relative_to(args.corpus)}: {p.surname} -> {bad}")
        titled = []
        for p in table.persons:
            offices = [t for x in p.mentions for t in x.titles if t.kind == "office" and not t.status and t.placement == "pre"]
            if len(offices) >= 2 and len({t.role for t in offices}) == 1:
                titled.append(offices)
        if titled and results["title"][0] < args.cases:
            offices = rng.choice(titled)
            t = offices[-1]
            start, end = doc.source_map.to_source(t.start, t.end)
            if text[start:end] == t.text:
                new = rng.choice([x for x in SWAPS if lex.titles[x.lower()].role != t.role])
                altered = text[:start] + new + text[end:]
                found = any(f.offset <= start < f.offset + f.length for f in lint_source(altered, str(path), conflict).findings)
                results["title"][0] += 1
                results["title"][1] += found
                if not found:
                    misses["title"].append(f"{path.relative_to(args.corpus)}: {t.text} -> {new}")
    for kind, (n, hit) in results.items():
        print(f"{kind}: {hit}/{n} = {hit / max(n, 1):.1%} recall")
        for line in misses[kind][: args.show]:
            print(f"  missed {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
