"""The plain-text report."""

from __future__ import annotations


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def render(result: dict) -> str:
    out = [f"newslint quality benchmark: {result['articles']} articles, seed {result['seed']}, "
           f"newslint {result['newslint']['seconds']:.1f} s (exit {result['newslint']['exit']})", ""]
    out.append(f"{'defect class':<44} {'n':>4}  {'recall':>6}  {'rule':>6}  {'span':>6}  expected")
    for name, c in result["classes"].items():
        out.append(f"{name:<44} {c['n']:>4}  {_pct(c['recall'])}  {_pct(c['rule_recall'])}  {_pct(c['span_recall'])}  {c['rule']}")
    out.append("")
    out.append(f"{'control (correct text)':<44} {'n':>4}  {'false alarms':>12}")
    for name, c in result["controls"].items():
        out.append(f"{name:<44} {c['n']:>4}  {c['false_alarms']:>4} {_pct(c['false_alarm_rate'])}  ({c['group']}.*)")
    out.extend(_summary(result))
    u = result["untouched"]
    out.append("")
    out.append(f"untouched articles: {u['articles']}, {u['words']} words, {u['findings']} findings = {u['per_10k_words']:.2f} per 10,000 words")
    for rule, r in u["rules"].items():
        out.append(f"  {rule:<30} {r['findings']:>6}  {r['per_10k_words']:8.2f} per 10k words")
    return "\n".join(out)



def _summary(result: dict) -> list[str]:
    """The defect classes with their variants pooled, the macro recall, the controls, per-rule precision."""
    out = ["", f"{'defect class (variants pooled)':<44} {'n':>4}  {'recall':>6}  {'rule':>6}"]
    for name, f in result["families"].items():
        out.append(f"{name:<44} {f['n']:>4}  {_pct(f['recall'])}  {_pct(f['rule_recall'])}")
    out.append(f"{'macro recall':<44} {'':>4}  {_pct(result['macro_recall'])}  {_pct(result['macro_rule_recall'])}")
    t = result["controls_total"]
    out.append(f"controls flagged: {t['flagged']} of {t['n']} (a finding of the control's group on its lines); "
               f"{t['any_rule_overlap']} with any finding on the control's own text")
    out.extend(["", f"{'precision on the injected set':<32} {'findings':>8}  {'on defect':>9}  {'precision':>9}"])
    for rule, r in result["precision"].items():
        out.append(f"  {rule:<30} {r['findings']:>8}  {r['on_defect']:>9}  {_pct(r['precision']):>9}")
    return out


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
