"""Load the data-driven rule cases in ``tests/rules/<group>/<name>.yml``.

A case file::

    cases:
      - name: doubled article
        text: "The the talks."
        date: 2024-01-13          # optional publication date
        format: markdown          # optional: plain (default), markdown, html
        config: {vocabulary: [Doein]}   # optional .newslint.yaml content for this case
        expect:                   # exact multiset of this rule's findings
          - {line: 1, col: 1, match: "The the"}
          - {line: 3, col: 5, match: "x", message: "exact message (optional)"}
        fixed: "The talks."       # optional: the text after this rule's fixes, safe and unsafe
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "rules"


@dataclass(frozen=True)
class Case:
    rule_id: str
    name: str
    text: str
    expect: tuple[dict[str, Any], ...]
    date: str | None = None
    format: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    file: str = ""
    fixed: str | None = None


def load_cases() -> list[Case]:
    yaml = YAML(typ="safe", pure=True)
    out: list[Case] = []
    for path in sorted(CASES_DIR.glob("*/*.yml")):
        rule_id = f"{path.parent.name}.{path.stem}"
        data = yaml.load(path.read_text(encoding="utf-8")) or {}
        for i, raw in enumerate(data.get("cases", [])):
            unknown = set(raw) - {"name", "text", "expect", "date", "format", "config", "fixed"}
            if unknown:
                raise ValueError(f"{path}: case {i}: unknown keys {sorted(unknown)}")
            out.append(
                Case(
                    rule_id=rule_id,
                    name=str(raw.get("name", f"case {i}")),
                    text=raw["text"],
                    expect=tuple(raw.get("expect") or ()),
                    date=str(raw["date"]) if raw.get("date") is not None else None,
                    format=raw.get("format"),
                    config=raw.get("config") or {},
                    file=str(path.relative_to(ROOT)),
                    fixed=raw.get("fixed"),
                )
            )
    return out
