"""Read YAML with positions, and report problems as ``path:line:col`` errors.

Rule files and config share this: ruamel.yaml's round-trip loader keeps line and
column of every key, which is what lets a bad key be named exactly.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConfigError:
    """A problem in a rule or config file. ``line``/``col`` are 1-based, 0 if unknown."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: error: {self.message}"


class YamlProblem(Exception):
    def __init__(self, error: ConfigError) -> None:
        super().__init__(str(error))
        self.error = error


MAX_YAML_BYTES = 5_000_000


def load_yaml(path: str, text: str | None = None, *, positions: bool = True) -> Any:
    """Load one YAML document; raise YamlProblem on any defect.

    With ``positions`` the round-trip loader keeps every key's line and column;
    without, the (C-accelerated where available) safe loader is several times
    faster, which is what start-up wants when the file turns out to be valid.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if text is None:
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read(MAX_YAML_BYTES + 1)
        except (OSError, UnicodeDecodeError) as exc:
            raise YamlProblem(ConfigError(path, 0, 0, f"cannot read: {exc}")) from None
    if len(text) > MAX_YAML_BYTES:
        raise YamlProblem(ConfigError(path, 0, 0, "file is larger than 5 MB"))
    yaml = YAML(typ="rt") if positions else YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(ConfigError(path, line, col, f"invalid YAML: {problem}")) from None
    except (YAMLError, ValueError, RecursionError) as exc:
        raise YamlProblem(ConfigError(path, 0, 0, f"invalid YAML: {exc}")) from None
    _reject_aliases(path, data)
    return data


def _reject_aliases(path: str, data: Any) -> None:
    """Refuse shared nodes: an alias bomb expands exponentially when converted."""
    node = shared_node(data)
    if node is not None:
        line, col = position(node)
        raise YamlProblem(ConfigError(path, line, col, "YAML anchors and aliases are not allowed here"))


def shared_node(data: Any) -> Any:
    """The first list or mapping reachable twice (an alias, or a cycle), else None.

    Loaders share aliased nodes rather than copy them, so loading a "billion laughs"
    document is cheap; walking, printing or converting it is not.
    """
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return node
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return None


def position(node: Any, key: Any = None) -> tuple[int, int]:
    """1-based position of a mapping key (or of the node itself), (0, 0) if unknown."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 0, 0
    try:
        if key is not None:
            line, col = lc.key(key)
        else:
            line, col = lc.line, lc.col
    except (KeyError, TypeError, AttributeError):
        return 0, 0
    return line + 1, col + 1


def value_position(node: Any, key: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    try:
        line, col = lc.value(key)  # type: ignore[union-attr]
    except (KeyError, TypeError, AttributeError):
        return position(node, key)
    return line + 1, col + 1


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def to_plain(value: Any) -> Any:
    """Convert ruamel containers to plain dicts/lists/str recursively."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
