"""Render a rule's documentation, the same sections for every rule."""

from __future__ import annotations

from .model import Rule


def render_rule_doc(rule: Rule, *, active: bool = True) -> str:
    lines = [f"{rule.id}  ({rule.severity}, check: {rule.check}{'' if active else ', off'})", ""]
    sections = (
        ("What it catches", rule.description),
        ("Why it matters", rule.rationale),
        ("Scope", ", ".join(sorted(rule.scope)) if rule.scope else "all text"),
        ("Message", rule.message),
    )
    for title, body in sections:
        if body:
            lines += [f"## {title}", body.strip(), ""]
    for title, examples in (("Bad", rule.examples.bad), ("Good", rule.examples.good)):
        if examples:
            lines.append(f"## {title}")
            for ex in examples:
                extra = f"   (published {ex.date})" if ex.date else ""
                lines.append(f"  {ex.text.strip()}{extra}")
            lines.append("")
    if rule.link:
        lines += [f"See also: {rule.link}", ""]
    lines.append(f"Defined in {rule.path}")
    return "\n".join(lines) + "\n"
