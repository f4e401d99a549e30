"""Check types: one module each, found by name (``check: repeated-word`` → ``repeated_word``).

A check module provides:

* ``Options`` — a frozen dataclass whose fields are the rule's YAML option keys
  (types are enforced by the loader); an optional ``problems()`` method returns
  ``[(key, message)]`` for deeper validation (e.g. a regex that does not compile);
* ``PARAMS`` — the message placeholders its hits fill (``match`` is always there);
* ``check(options, ctx) -> Iterable[Hit]`` — pure: reads ``ctx``, yields hits.

There is no registry to edit: adding a module adds a check type.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loading a rule set must not import the regex engine
    from ..document import Block, Document
    from ..language.analysis import Analysis
    from ..settings import Settings


@dataclass(frozen=True)
class Context:
    """What a check may read about the document it runs on."""

    doc: Document
    analysis: Analysis
    blocks: tuple[Block, ...]
    settings: Settings
    rule_id: str

    @property
    def text(self) -> str:
        return self.doc.text


def module_name(check: str) -> str:
    return check.replace("-", "_")


def available() -> list[str]:
    """Every check type name, as written in rule files."""
    return sorted(
        m.name.replace("_", "-")
        for m in pkgutil.iter_modules(__path__)
        if not m.name.startswith("_")
    )


def load(check: str) -> ModuleType | None:
    name = module_name(check)
    if name.startswith("_") or name not in {m.name for m in pkgutil.iter_modules(__path__)}:
        return None
    return importlib.import_module(f"{__name__}.{name}")
