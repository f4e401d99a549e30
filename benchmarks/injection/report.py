"""The plain-text report."""

from __future__ import annotations


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def render(result: dict) -> str:
    out = [f"newslint quality benchmark: {result['articles']} articles, seed {result['seed']}, "
           f"newslint {result['newslint']['seconds']:.1f} s (exit {result['newslint']['exit']})", ""]
    out.append(f"{'defect class':<32} {'n':>4}  {'recall':>6}  {'rule':>6}  {'span':>6}  expected")
    for name, c in result["classes"].items():
        out.append(f"{name:<32} {c['n']:>4}  {_pct(c['recall'])}  {_pct(c['rule_recall'])}  {_pct(c['span_recall'])}  {c['rule']}")
    out.append("")
    out.append(f"{'control (correct text)':<32} {'n':>4}  {'false alarms':>12}")
    for name, c in result["controls"].items():
        out.append(f"{name:<32} {c['n']:>4}  {c['false_alarms']:>4} {_pct(c['false_alarm_rate'])}  ({c['group']}.*)")
    u = result["untouched"]
    out.append("")
    out.append(f"untouched articles: {u['articles']}, {u['words']} words, {u['findings']} findings = {u['per_10k_words']:.2f} per 10,000 words")
    for rule, r in u["rules"].items():
        out.append(f"  {rule:<30} {r['findings']:>6}  {r['per_10k_words']:8.2f} per 10k words")
    return "\n".join(out)



def render_misses(result: dict, per_class: int) -> str:
    """Up to ``per_class`` missed defects and false alarms per class, with their lines and findings."""
    out = []
    for name, c in {**result["classes"], **result["controls"]}.items():
        for ex in c["examples"][:per_class]:
            label = "FALSE ALARM" if name.startswith("control:") else "MISSED"
            out.append(f"\n{label} [{name}] {ex['article']} ({ex['note']})")
            for ln, line in zip(ex["lines"], ex["text"], strict=True):
                out.append(f"  {ln}: {line.strip()[:200]}")
            for f in ex["findings"]:
                out.append(f"    -> {f}")
    return "\n".join(out)
