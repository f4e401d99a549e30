"""Real errors, not injected ones: CWEB recall and precision, Reuters corrected pairs.

    python benchmarks/real_errors.py --split test        # report (develop with --split dev)
    python benchmarks/real_errors.py --split dev --show 30

Reads ../shared/corpus/real-errors and ../shared/corpus/reuters21578 at run time
(never copied into the repo).

CWEB (ERRANT m2, both annotators): each sentence is linted on its own. An edit of a
claimed type is found when a finding of a rule claiming it overlaps the edit's words
(for a missing word, touches the gap). Types and the rules that claim them:
R:SPELL by words.typo; M:DET and M:PREP by any loaded rule whose id starts with
``grammar.missing``. Word-level precision is the share of those rules' findings that
overlap an edit of any type by either annotator.

Reuters pairs: for each original later re-sent as CORRECTED, each changed or removed
stretch of words, whether newslint (all default rules) flagged it in the original
and is silent on its replacement in the correction. Last, findings per 10k words of
all rules over the given Reuters directories.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint import lint_text  # noqa: E402

DEFAULT_CORPUS = default_corpus()
CLAIMS = {"R:SPELL": ("words.typo",), "M:DET": ("grammar.missing",), "M:PREP": ("grammar.missing",)}


@dataclass(frozen=True)
class Edit:
    start: int  # character span in the sentence text; start == end for a missing word
    end: int
    kind: str
    annotator: str


@dataclass(frozen=True)
class Sentence:
    text: str
    edits: tuple[Edit, ...]


_CLITICS = frozenset({"'s", "’s", "n't", "'re", "'ve", "'ll", "'d", "'m", ",", ".", "!", "?", ";", ":", ")", "]", "%"})


def _separator(prev: str, tok: str) -> str:
    """How two m2 tokens are joined in running text: ERRANT tokenises "isn't" as "is n't"
    and "in-store" as "in - store", which no writer types and the rules would misread."""
    if tok in _CLITICS or prev in ("(", "[", "$"):
        return ""
    if "-" in (prev, tok) and prev[-1:].isalnum() | (prev == "-") and tok[:1].isalnum() | (tok == "-"):
        return ""
    if tok in ("'", "’") and prev.endswith("in"):
        return ""  # "kickin '" → "kickin'"
    return " "


def read_m2(path: Path) -> Iterator[Sentence]:
    """Sentences of an m2 file as running text (see ``_separator``), edits as character spans."""
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        lines = chunk.strip("\n").split("\n")
        if not lines or not lines[0].startswith("S "):
            continue
        tokens = lines[0][2:].split(" ")
        parts, starts, at = [], [], 0
        for i, t in enumerate(tokens):
            sep = _separator(tokens[i - 1], t) if i else ""
            parts.append(sep + t)
            at += len(sep)
            starts.append(at)
            at += len(t)
        ends = [a + len(t) for a, t in zip(starts, tokens, strict=True)]
        edits = []
        for a in lines[1:]:
            span, kind, *_rest = a[2:].split("|||")
            lo, hi = (int(x) for x in span.split())
            if kind == "noop" or lo < 0:
                continue
            if lo == hi:  # a missing word: the gap before token lo (or after the last)
                start = end = starts[lo] if lo < len(tokens) else at
            else:
                start, end = starts[lo], ends[hi - 1]
            edits.append(Edit(start, end, kind, _rest[-1]))
        yield Sentence("".join(parts), tuple(edits))


def loaded_rules(prefixes: tuple[str, ...]) -> list[str]:
    ids = sorted(f"{p.parent.name}.{p.stem}" for p in (ROOT / "rules").glob("*/*.yml"))
    return [i for i in ids if i.startswith(prefixes)]


def _touches(f_start: int, f_end: int, e: Edit) -> bool:
    if e.start == e.end:
        return f_start <= e.start <= f_end
    return f_start < e.end and e.start < f_end


def cweb(corpus: Path, split: str, show: int) -> None:
    select = tuple(dict.fromkeys(r for ps in CLAIMS.values() for r in loaded_rules(ps)))
    found, total = Counter(), Counter()
    hits = hits_on_edit = 0
    by_rule, on_edit_by_rule = Counter(), Counter()
    misses: list[str] = []
    for annot in ("G", "S"):
        for s in read_m2(corpus / "real-errors" / "cweb" / "m2" / f"CWEB-{annot}.{split}.m2"):
            findings = lint_text(s.text, path="s.txt", select=select).findings if select else []
            spans = [(f.rule, f.offset, f.offset + f.length, f.match) for f in findings]
            for e in s.edits:
                if e.kind not in CLAIMS:
                    continue
                total[e.kind] += 1
                rules = loaded_rules(CLAIMS[e.kind])
                if any(r in rules and _touches(a, b, e) for r, a, b, _ in spans):
                    found[e.kind] += 1
            for r, a, b, m in spans:
                hits += 1
                on = any(_touches(a, b, e) for e in s.edits)
                hits_on_edit += on
                by_rule[r] += 1
                on_edit_by_rule[r] += on
                if not on and len(misses) < show:
                    misses.append(f"  not an edit: [{m}] | {s.text[max(0, a - 50) : b + 50]}")
    print(f"CWEB {split} (CWEB-G + CWEB-S, both annotators' edits)")
    print("| ERRANT type | rules claiming it | edits | found | recall |\n|---|---|---:|---:|---:|")
    for kind, prefixes in CLAIMS.items():
        rules = loaded_rules(prefixes)
        n = total[kind]
        rec = f"{found[kind] / n:.2f}" if rules and n else "—"
        print(f"| {kind} | {', '.join(rules) or 'none loaded'} | {n} | {found[kind] if rules else '—'} | {rec} |")
    prec = hits_on_edit / hits if hits else float("nan")
    print(f"\nword-level precision, all claiming rules: {hits_on_edit}/{hits} = {prec:.2f}")
    for r in sorted(by_rule):
        print(f"  {r}: {on_edit_by_rule[r]}/{by_rule[r]} = {on_edit_by_rule[r] / by_rule[r]:.2f}")
    print("\n".join(misses))


def reuters_pairs(corpus: Path) -> None:
    print("\nReuters CORRECTED pairs (all default rules)")
    print("| original → corrected | changed words (original → corrected) | flagged in original | silent in correction |")
    print("|---|---|---|---|")
    totals = Counter()
    with (corpus / "real-errors" / "reuters21578-corrections.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("original_newid") is None:
                continue
            before = lint_text(d["original_text"], path="o.txt").findings
            after = lint_text(d["corrected_text"], path="c.txt").findings
            for op in d["word_diff"]:
                if not op["original"].strip() or op["op"] == "insert":
                    continue
                flagged = _overlaps(before, d["original_text"], op["original"])
                silent = not op["corrected"] or not _overlaps(after, d["corrected_text"], op["corrected"])
                totals["changes"] += 1
                totals["flagged"] += flagged
                totals["flagged and silent"] += flagged and silent
                if flagged:
                    print(f"| {d['original_newid']} → {d['corrected_newid']} | {op['original'][:40]} → {op['corrected'][:40]} | yes | {'yes' if silent else 'no'} |")
    print(f"\n{totals['changes']} changed stretches in the paired originals; flagged {totals['flagged']}, "
          f"of which silent after correction {totals['flagged and silent']} (rows above: the flagged ones)")


def _overlaps(findings, text: str, words: str) -> bool:
    at = text.find(words)
    if at < 0:
        at = " ".join(text.split()).find(" ".join(words.split()))  # diff joined across a line break
        if at < 0:
            return False
        text = " ".join(text.split())  # offsets below are approximate only on such text
    end = at + len(words)
    return any(f.offset < end and at < f.offset + f.length for f in findings)


def density(corpus: Path, dirs: list[str], show_rules: bool = True) -> None:
    words, per_rule = 0, Counter()
    with (corpus / "reuters21578" / "index.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            meta = json.loads(line)
            if meta["path"].split("/", 1)[0] not in dirs:
                continue
            text = (corpus / "reuters21578" / meta["path"]).read_text(encoding="utf-8")
            words += len(text.split())
            for f in lint_text(text, path=meta["path"], date=meta.get("date")).findings:
                per_rule[f.rule] += 1
    n = sum(per_rule.values())
    print(f"\nReuters {', '.join(dirs)}: {words} words, {n} findings = {n * 10000 / max(words, 1):.2f} per 10k words")
    if show_rules:
        for rule, c in per_rule.most_common():
            print(f"  {rule}: {c} ({c * 10000 / max(words, 1):.2f} per 10k)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--show", type=int, default=0, help="print this many findings that overlap no edit")
    ap.add_argument("--density", default="reut2-003,reut2-004", help="Reuters directories for findings per 10k words ('' to skip)")
    args = ap.parse_args(argv)
    if not (args.corpus / "real-errors").is_dir():
        print(f"corpus not found: {args.corpus / 'real-errors'}", file=sys.stderr)
        return 2
    cweb(args.corpus, args.split, args.show)
    reuters_pairs(args.corpus)
    if args.density:
        density(args.corpus, args.density.split(","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
