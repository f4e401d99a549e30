"""Lint one open editor document the way ``newslint check`` lints that file.

The document's text comes from the editor, not the disk; everything else is the
CLI's path: the config discovered from the document's own directory, its
``per_file_ignores``, the format from the editor's language (or the extension) and
the publication date from the document's front matter. Rules are loaded once per
version of the config file (and again after any save), not on every keystroke.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..config import discover
from ..inputs import Source
from ..model import FileError, Finding, Rule
from ..parsers import FORMATS, format_for
from ..runner import Options, Plan, lint_one, plan
from ..yamlfile import ConfigError

#: Editor language ids (VS Code's, Neovim's filetypes, Helix's names) and the parser each selects.
LANGUAGES = {
    "plaintext": "plain",
    "text": "plain",
    "markdown": "markdown",
    "html": "html",
}


@dataclass(frozen=True)
class Outcome:
    """One lint of one document: findings, or why there are none."""

    findings: tuple[Finding, ...] = ()
    file_errors: tuple[FileError, ...] = ()
    config_errors: tuple[ConfigError, ...] = ()
    rules: Mapping[str, Rule] = field(default_factory=dict)


def format_of(language_id: str | None, path: str) -> str:
    """The editor's language when newslint knows it, else the file extension."""
    fmt = LANGUAGES.get((language_id or "").lower())
    return fmt if fmt in FORMATS else format_for(path)


def lint_document(text: str, path: str, fmt: str) -> Outcome:
    """Findings for ``text`` as if it were saved at ``path``; config and rule errors, never raised."""
    path = os.path.abspath(path)
    found = discover(Path(os.path.dirname(path)))
    p = _plan_for(str(found) if found else None, _stamp(found))
    if p.errors:
        return Outcome(config_errors=p.errors)
    _source, config, ruleset = p.items[0]
    opts = Options(stdin_filename=path, fmt=fmt)
    result = lint_one(Source(path, None, fmt), config, ruleset, opts, stdin_text=text)
    return Outcome(result.findings, result.errors, (), {r.id: r for r in ruleset.all_rules})


@functools.lru_cache(maxsize=16)
def _plan_for(config_path: str | None, stamp: tuple[int, int] | None) -> Plan:
    """Config and rules, loaded once per config file version: loading the rules costs more than
    linting an article, and the server lints on every pause in typing."""
    return plan([Source(config_path or ".", None)], Options(config_path=config_path, no_config=config_path is None))


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        st = path.stat() if path else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st else None


def forget_rules() -> None:
    """Reload configs and rules on the next lint (a config, rule or article was saved)."""
    _plan_for.cache_clear()
