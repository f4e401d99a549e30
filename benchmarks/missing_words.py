"""Recall of the missing-small-words rules on CWEB (real web sentences, ERRANT m2).

    python benchmarks/missing_words.py                 # test splits (the reported figure)
    python benchmarks/missing_words.py --split dev     # develop here

An ERRANT ``M:DET``/``M:PREP`` edit inserts words at a token boundary; it is found when
a finding of a ``grammar.missing-*`` rule spans that boundary (starts before it and
ends after it). Scored twice: every such rule (``--select``), and only those on by
default. Edits by either annotator count, each once per sentence
and boundary. Precision: the share of findings that overlap some edit by either
annotator. Reads ../shared/corpus/real-errors at run time (never copied into the repo).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint.config import Config, build_ruleset  # noqa: E402
from newslint.engine import lint_source  # noqa: E402

DEFAULT_CWEB = default_corpus() / "real-errors" / "cweb" / "m2"
RULES = tuple(sorted(f"grammar.{p.stem}" for p in (ROOT / "rules" / "grammar").glob("missing-*.yml")))
TYPES = ("M:DET", "M:PREP")


@dataclass(frozen=True)
class Sentence:
    text: str
    #: (start, end, type) token spans of every edit, both annotators.
    edits: tuple[tuple[int, int, str], ...]


def read_m2(path: Path) -> Iterator[Sentence]:
    """One Sentence per ``S`` block of an m2 file."""
    text, edits = None, []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("S "):
            text, edits = line[2:], []
        elif line.startswith("A ") and text is not None:
            span, kind = line[2:].split("|||")[:2]
            start, end = (int(x) for x in span.split())
            if start >= 0:
                edits.append((start, end, kind))
        elif not line.strip() and text is not None:
            yield Sentence(text, tuple(dict.fromkeys(edits)))
            text = None


def token_offsets(text: str) -> list[int]:
    """Character offset of each space-separated token, plus the end of the line."""
    out, at = [], 0
    for tok in text.split(" "):
        out.append(at)
        at += len(tok) + 1
    return [*out, len(text) + 1]


def score(sentences: list[Sentence], rules: tuple) -> dict[str, tuple[int, int]]:
    """Per type: (edits found, edits); 'precision': (findings on an edit, findings);
    and per rule id, that rule's (findings on an edit, findings)."""
    found = {t: 0 for t in TYPES}
    total = {t: 0 for t in TYPES}
    good = fired = 0
    per_rule: dict[str, list[int]] = {}
    for s in sentences:
        result = lint_source(s.text + "\n", "cweb.txt", rules)
        offsets = token_offsets(s.text)
        spans = [(f.offset, f.offset + f.length) for f in result.findings]
        rule_ids = [f.rule for f in result.findings]
        bounds = [(offsets[a], offsets[b] - 1 if b > a else offsets[a]) for a, b, _ in s.edits]
        for (a, b, kind), (lo, _hi) in zip(s.edits, bounds, strict=True):
            if kind in TYPES and a == b:
                total[kind] += 1
                found[kind] += any(fs < lo and fe >= lo for fs, fe in spans)
        for (fs, fe), rule in zip(spans, rule_ids, strict=True):
            fired += 1
            on = any(fs <= hi and fe >= lo for lo, hi in bounds)
            good += on
            tally = per_rule.setdefault(rule, [0, 0])
            tally[0] += on
            tally[1] += 1
    out = {t: (found[t], total[t]) for t in TYPES}
    out["precision"] = (good, fired)
    out.update({r: (a, b) for r, (a, b) in sorted(per_rule.items())})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--m2", type=Path, default=DEFAULT_CWEB)
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    args = ap.parse_args(argv)
    files = [args.m2 / f"CWEB-{g}.{args.split}.m2" for g in ("G", "S")]
    if not all(f.is_file() for f in files):
        print(f"CWEB m2 files not found under {args.m2}", file=sys.stderr)
        return 2
    sentences = [s for f in files for s in read_m2(f)]
    for label, rules in (("every grammar.missing-* rule", _rules(RULES)), ("rules on by default", _default_rules())):
        result = score(sentences, tuple(rules))
        print(f"CWEB {args.split} (G+S), {len(sentences)} sentences, {label}: {', '.join(r.id for r in rules)}")
        for key, (hit, n) in result.items():
            name = "word-level precision" if key == "precision" else key if key.startswith("grammar.") else f"{key} recall"
            print(f"  {name:34} {hit}/{n} = {hit / n if n else 0:.3f}")
    return 0


def _rules(select: tuple[str, ...]) -> list:
    ruleset, problems = build_ruleset(Config(), select=select)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    return list(ruleset.rules)


def _default_rules() -> list:
    """The grammar.missing-* rules a plain ``newslint check`` runs."""
    ruleset, _ = build_ruleset(Config())
    return [r for r in ruleset.rules if r.id in RULES]


if __name__ == "__main__":
    raise SystemExit(main())
