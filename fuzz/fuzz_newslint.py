"""Coverage-guided fuzzing of newslint's parsers and date grammar (atheris; not run in CI).

    pip install -e '.[fuzz]'
    python fuzz/fuzz_newslint.py TARGET [CORPUS_DIR] -max_total_time=1800 -timeout=20

TARGET is plain, markdown, html, frontmatter, dates or rules. Each input is decoded as
UTF-8 (bad bytes replaced) and parsed; the Document's source map must be consistent, and
a lint with the probe rules (``rules``: every built-in rule, any format and publication
date) must give findings that name exactly their source span (``tests/invariants.py``);
``dates`` checks the date grammar's spans. A crash or hang leaves ``crash-*``/``timeout-*``:
add the input as a regression test in ``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

with atheris.instrument_imports(include=["newslint"]):
    import importlib
    import pkgutil

    import newslint

    for _mod in pkgutil.walk_packages(newslint.__path__, "newslint."):
        if not _mod.name.endswith("__main__"):
            importlib.import_module(_mod.name)  # parsers, checks and grammars load lazily: instrument them all now
    from newslint.config import build_ruleset, load_config
    from newslint.engine import lint_source
    from newslint.parsers import parse
    from newslint.parsers.frontmatter import read_preamble

from invariants import PROBE_CONFIG, check_document, check_result  # noqa: E402

_CONFIG = load_config(PROBE_CONFIG)
_PROBES, _PROBLEMS = build_ruleset(_CONFIG, select=("probe",))
_ALL, _PROBLEMS_ALL = build_ruleset(_CONFIG)
assert not _PROBLEMS and not _PROBLEMS_ALL, (_PROBLEMS, _PROBLEMS_ALL)
_SETTINGS = _CONFIG.settings()


def lint(fmt: str, source: str, rules=_PROBES, date: dt.date | None = None) -> None:
    """Parser targets run the cheap probe rules; the ``rules`` target runs every built-in rule."""
    doc, problems = parse(source, "fuzz", fmt)
    check_document(doc)
    for offset, _message in problems:
        assert 0 <= offset <= len(source)
    result = lint_source(source, "fuzz", rules.rules, _SETTINGS, fmt=fmt, date=date, known_ids=rules.known_ids)
    check_result(source, result)


def frontmatter(source: str) -> None:
    pre = read_preamble(source)
    assert 0 <= pre.body_start <= len(source)
    lint("plain", source)


def all_rules(source: str) -> None:
    """First character picks the format, the next two a publication date (or none)."""
    if len(source) < 3:
        return
    fmt = ("plain", "markdown", "html")[ord(source[0]) % 3]
    n = ord(source[1]) * 256 + ord(source[2])
    date = None if n % 5 == 0 else dt.date(1990, 1, 1) + dt.timedelta(days=n % 20000)
    lint(fmt, source[3:], _ALL, date)


def dates(source: str) -> None:
    from newslint.language.dategrammar import find_dates, interpret

    for found in find_dates(source):
        assert 0 <= found.start < found.end <= len(source)
        assert found.expr.text == source[found.start : found.end]
        assert 0 <= found.expr.core <= len(found.expr.text)
    interpret(source[:200])


TARGETS = {
    "plain": lambda s: lint("plain", s),
    "markdown": lambda s: lint("markdown", s),
    "html": lambda s: lint("html", s),
    "frontmatter": frontmatter,
    "dates": dates,
    "rules": all_rules,
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in TARGETS:
        os.environ["NEWSLINT_FUZZ_TARGET"] = sys.argv.pop(1)  # -fork=N children inherit it
    name = os.environ.get("NEWSLINT_FUZZ_TARGET")
    if name not in TARGETS:
        raise SystemExit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[name]

    def one_input(data: bytes) -> None:
        target(data.decode("utf-8", "replace"))

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
