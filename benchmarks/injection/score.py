"""Scoring newslint's JSON report against what was injected.

A defect is detected when a finding of its rule group is on one of its lines (``rule``:
the exact rule; ``span``: the finding overlaps the injected characters). A control is
flagged when a finding of its group is on its lines. A finding is a true positive, for
per-rule precision, when it overlaps the characters of an injected defect; findings
elsewhere in the copies (the article's own text, or a control) count against the rule,
so the figure is a lower bound where the corpus has real slips of its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .base import Kind
from .build import Copy


def overlaps(finding: dict, spans: tuple[tuple[int, int], ...]) -> bool:
    """Does the finding's range touch one of the spans (an empty span counts as one character)?"""
    off, length = finding["offset"], finding["length"]
    return any(s <= off < max(e, s + 1) or off <= s < off + length for s, e in spans)


def _example(c: Copy, on_line: list[dict]) -> dict:
    return {"file": c.name, "article": c.article.rel, "note": c.note, "lines": sorted(c.lines),
            "text": [c.text.split("\n")[ln - 1] for ln in sorted(c.lines)],
            "findings": [f"{f['line']}:{f['column']} {f['rule']} {f['message']}" for f in on_line]}


def score_kind(kind: Kind, copies: list[Copy], by_name: dict[str, list[dict]]) -> dict:
    """Recall (or false alarms) of one kind, with the misses (or false alarms) as examples."""
    mine = [c for c in copies if c.kind is kind]
    line_hits = rule_hits = span_hits = any_hits = 0
    examples: list[dict] = []
    for c in mine:
        findings = by_name.get(c.name, [])
        grouped = [f for f in findings if f["rule"].split(".")[0] == kind.group]
        on_line = [f for f in grouped if f["line"] in c.lines]
        line_hits += bool(on_line)
        rule_hits += any(f["rule"] == kind.rule for f in on_line)
        span_hits += any(overlaps(f, c.spans) for f in grouped)
        any_hits += any(overlaps(f, c.spans) for f in findings)
        if kind.control != (not on_line):
            examples.append(_example(c, on_line))
    n = len(mine)
    entry: dict = {"family": kind.cls, "group": kind.group, "rule": kind.rule, "n": n}
    if kind.control:
        entry.update(false_alarms=line_hits, false_alarm_rate=_ratio(line_hits, n), rule_false_alarms=rule_hits,
                     any_rule_overlap=any_hits, examples=examples)
    else:
        entry.update(detected=line_hits, recall=_ratio(line_hits, n), rule_detected=rule_hits, rule_recall=_ratio(rule_hits, n),
                     span_detected=span_hits, span_recall=_ratio(span_hits, n), examples=examples)
    return entry


def families(classes: dict[str, dict]) -> dict:
    """Each defect class with its variants pooled, and the macro recall (mean over classes that have copies)."""
    pooled: dict[str, dict] = {}
    for name, c in classes.items():
        fam = pooled.setdefault(c["family"], {"variants": [], "n": 0, "detected": 0, "rule_detected": 0})
        fam["variants"].append(name)
        for key in ("n", "detected", "rule_detected"):
            fam[key] += c[key]
    for fam in pooled.values():
        fam.update(recall=_ratio(fam["detected"], fam["n"]), rule_recall=_ratio(fam["rule_detected"], fam["n"]))
    measured = [f for f in pooled.values() if f["n"]]
    return {
        "families": pooled,
        "macro_recall": _ratio(sum(f["detected"] / f["n"] for f in measured), len(measured)),
        "macro_rule_recall": _ratio(sum(f["rule_detected"] / f["n"] for f in measured), len(measured)),
    }


def precision(copies: list[Copy], by_name: dict[str, list[dict]]) -> dict:
    """Per rule, over every injected copy (defects and controls): findings, those on an injected defect, precision."""
    total: Counter[str] = Counter()
    true: Counter[str] = Counter()
    for c in copies:
        if c.kind is None:
            continue
        for f in by_name.get(c.name, []):
            total[f["rule"]] += 1
            true[f["rule"]] += (not c.kind.control) and overlaps(f, c.spans)
    return {r: {"findings": n, "on_defect": true[r], "precision": _ratio(true[r], n)} for r, n in total.most_common()}


def controls_summary(controls: dict[str, dict]) -> dict:
    n = sum(c["n"] for c in controls.values())
    flagged = sum(c["false_alarms"] for c in controls.values())
    return {"n": n, "flagged": flagged, "flagged_rate": _ratio(flagged, n),
            "any_rule_overlap": sum(c["any_rule_overlap"] for c in controls.values())}


def untouched_summary(copies: list[Copy], by_name: dict[str, list[dict]]) -> dict:
    untouched = [c for c in copies if c.kind is None]
    words = sum(c.article.words for c in untouched)
    per_rule: Counter[str] = Counter(f["rule"] for c in untouched for f in by_name.get(c.name, []))
    return {
        "articles": len(untouched),
        "words": words,
        "findings": sum(per_rule.values()),
        "per_10k_words": _per10k(sum(per_rule.values()), words),
        "rules": {r: {"findings": n, "per_10k_words": _per10k(n, words)} for r, n in per_rule.most_common()},
    }


def score(copies: list[Copy], report: dict, kinds: tuple[Kind, ...]) -> dict:
    by_name: dict[str, list[dict]] = {Path(f["path"]).name: f["findings"] for f in report.get("files", [])}
    entries = {kind.name: score_kind(kind, copies, by_name) for kind in kinds}
    classes = {k: v for k, v in entries.items() if not k.startswith("control:")}
    controls = {k: v for k, v in entries.items() if k.startswith("control:")}
    return {
        "classes": classes,
        **families(classes),
        "controls": controls,
        "controls_total": controls_summary(controls),
        "precision": precision(copies, by_name),
        "untouched": untouched_summary(copies, by_name),
    }


def _ratio(a: float, n: int) -> float | None:
    return round(a / n, 4) if n else None


def _per10k(n: int, words: int) -> float:
    return round(n * 10000 / words, 3) if words else 0.0
