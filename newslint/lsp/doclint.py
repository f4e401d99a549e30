"""Lint one open editor document the way ``newslint check`` lints that file.

The document's text comes from the editor, not the disk; everything else is the
CLI's path: the config discovered from the document's own directory, its
``per_file_ignores``, the format from the editor's language (or the extension) and
the publication date from the document's front matter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..inputs import Source
from ..model import FileError, Finding, Rule
from ..parsers import FORMATS, format_for
from ..runner import Options, lint_one, plan
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
    opts = Options(stdin_filename=os.path.abspath(path), fmt=fmt)
    source = Source(opts.stdin_filename or path, None, fmt)
    p = plan([source], opts)
    if p.errors:
        return Outcome(config_errors=p.errors)
    _source, config, ruleset = p.items[0]
    result = lint_one(source, config, ruleset, opts, stdin_text=text)
    return Outcome(result.findings, result.errors, (), {r.id: r for r in ruleset.all_rules})
