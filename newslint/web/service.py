"""What the API answers, as pure functions of a request: the same lint path and formatters as the CLI.

``check_report`` goes through ``newslint.lint_text`` and ``formatters.render`` so the
API can never drift from ``newslint check --format json``.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from newslint import lint_text
from newslint.formatters import render
from newslint.model import Rule

from .request import CheckRequest


def check_report(req: CheckRequest, config: str | None = None, report: str = "json") -> str:
    """The CLI's report for one article: ``json`` (the default) or ``sarif``."""
    result = lint_text(
        req.text,
        path=req.filename,
        format=req.format,
        date=req.date,
        config=config,
        select=req.select,
        ignore=req.ignore,
    )
    rules = _rules(config, req.select, req.ignore) if report == "sarif" else ()
    return render(report, [result], list(rules))


@functools.lru_cache(maxsize=8)
def _rules(config: str | None, select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    from newslint import _prepared, _stamp

    _opts, _config, ruleset = _prepared(config, _stamp(config), select, ignore, None, ".", None)
    return tuple(ruleset.rules)


def rules_listing(config: str | None = None) -> dict[str, Any]:
    """Every rule (on or off) with the documentation ``newslint rule ID`` prints."""
    from newslint import _prepared, _stamp
    from newslint.docs import render_rule_doc

    _opts, _config, ruleset = _prepared(config, _stamp(config), (), (), None, ".", None)
    active = {r.id for r in ruleset.rules}
    return {"rules": [_rule_entry(r, r.id in active, render_rule_doc(r, active=r.id in active)) for r in ruleset.all_rules]}


def _rule_entry(rule: Rule, active: bool, doc: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "severity": str(rule.severity),
        "check": rule.check,
        "active": active,
        "description": rule.description.strip(),
        "rationale": rule.rationale.strip(),
        "link": rule.link,
        "examples": {
            "bad": [e.text.strip() for e in rule.examples.bad],
            "good": [e.text.strip() for e in rule.examples.good],
        },
        "doc": doc,
    }


def article_meta(req: CheckRequest) -> dict[str, Any]:
    """The format the text will be read as and the publication date it carries, for the page to prefill."""
    from newslint.parsers import format_for, parse

    fmt = req.format or format_for(req.filename)
    doc, _problems = parse(req.text, req.filename, fmt)
    date = doc.meta.date
    return {"format": fmt, "date": date.isoformat() if date else None, "date_source": doc.meta.date_source}


_warm_lock = threading.Lock()


@functools.lru_cache(maxsize=8)
def _warmed(config: str | None) -> bool:
    listing = rules_listing(config)
    examples = [text for r in listing["rules"] for kind in ("bad", "good") for text in r["examples"][kind]]
    for fmt in ("plain", "markdown", "html"):
        lint_text("\n\n".join(examples), format=fmt, config=config)
    return True


def warm_up(config: str | None = None) -> None:
    """Load the rules and run every parser and rule once, in one thread, before serving.

    pyparsing settles how to call each parse action on its first call, and that first
    call is not thread-safe: two checks racing through it fail with a TypeError. After
    one pass over every rule's examples, concurrent checks only reuse what is settled.
    """
    with _warm_lock:
        _warmed(config)
