"""Scoring newslint's JSON report against what was injected."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .base import Kind
from .build import Copy


def score(copies: list[Copy], report: dict, kinds: tuple[Kind, ...]) -> dict:
    by_name: dict[str, list[dict]] = {Path(f["path"]).name: f["findings"] for f in report.get("files", [])}
    classes: dict[str, dict] = {}
    for kind in kinds:
        mine = [c for c in copies if c.kind is kind]
        line_hits = rule_hits = span_hits = 0
        misses: list[dict] = []
        for c in mine:
            findings = by_name.get(c.name, [])
            grouped = [f for f in findings if f["rule"].split(".")[0] == kind.group]
            on_line = [f for f in grouped if f["line"] in c.lines]
            line_hits += bool(on_line)
            rule_hits += any(f["rule"] == kind.rule for f in on_line)
            span_hits += any(s <= f["offset"] < max(e, s + 1) or f["offset"] <= s < f["offset"] + f["length"] for f in grouped for s, e in c.spans)
            if kind.control == (not on_line):
                continue
            misses.append({"file": c.name, "article": c.article.rel, "note": c.note, "lines": sorted(c.lines),
                           "text": [c.text.split("\n")[ln - 1] for ln in sorted(c.lines)],
                           "findings": [f"{f['line']}:{f['column']} {f['rule']} {f['message']}" for f in on_line]})
        n = len(mine)
        entry: dict = {"group": kind.group, "rule": kind.rule, "n": n}
        if kind.control:
            entry.update(false_alarms=line_hits, false_alarm_rate=_ratio(line_hits, n), rule_false_alarms=rule_hits, examples=misses)
        else:
            entry.update(detected=line_hits, recall=_ratio(line_hits, n), rule_detected=rule_hits, rule_recall=_ratio(rule_hits, n),
                         span_detected=span_hits, span_recall=_ratio(span_hits, n), examples=misses)
        classes[kind.name] = entry
    untouched = [c for c in copies if c.kind is None]
    words = sum(c.article.words for c in untouched)
    per_rule: Counter[str] = Counter(f["rule"] for c in untouched for f in by_name.get(c.name, []))
    return {
        "classes": {k: v for k, v in classes.items() if not k.startswith("control:")},
        "controls": {k: v for k, v in classes.items() if k.startswith("control:")},
        "untouched": {
            "articles": len(untouched),
            "words": words,
            "findings": sum(per_rule.values()),
            "per_10k_words": _per10k(sum(per_rule.values()), words),
            "rules": {r: {"findings": n, "per_10k_words": _per10k(n, words)} for r, n in per_rule.most_common()},
        },
    }


def _ratio(a: int, n: int) -> float | None:
    return round(a / n, 4) if n else None


def _per10k(n: int, words: int) -> float:
    return round(n * 10000 / words, 3) if words else 0.0



