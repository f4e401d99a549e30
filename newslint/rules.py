"""Load and validate rule files: ``<dir>/<group>/<name>.yml`` → rule id ``group.name``.

Every problem in every file is collected, with file, line, column and key, so a
user fixes all of them in one pass; nothing is read before the rules are valid.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import checks
from .document import SCOPES
from .model import FIX_APPLICABILITIES, SEVERITY_NAMES, Example, Examples, Rule, Severity
from .options import OptionError, build_options
from .templates import placeholders
from .yamlfile import ConfigError, YamlProblem, did_you_mean, load_yaml, position, value_position

COMMON_KEYS = (
    "check",
    "severity",
    "scope",
    "message",
    "description",
    "rationale",
    "severity_basis",
    "link",
    "examples",
    "enabled",
    "fix",
)
_ID_PART = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def builtin_rules_dir() -> Path:
    """The rules shipped with newslint: inside the package when installed, else ./rules."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "builtin_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("newslint's built-in rules are missing from this installation")


def data_file(name: str) -> Path:
    """A data file (word lists, titles) shipped beside the built-in rules in ``_data/``."""
    return builtin_rules_dir() / "_data" / name


def rule_files(directory: Path) -> list[tuple[str, Path]]:
    """(rule id, path) for each ``<group>/<name>.yml`` under ``directory``, sorted by id."""
    out: list[tuple[str, Path]] = []
    if not directory.is_dir():
        return out
    for group in sorted(os.listdir(directory)):
        gdir = directory / group
        if group.startswith(("_", ".")) or not gdir.is_dir():
            continue
        for name in sorted(os.listdir(gdir)):
            stem, ext = os.path.splitext(name)
            if ext in (".yml", ".yaml") and not stem.startswith((".", "_")):
                out.append((f"{group}.{stem}", gdir / name))
    return out


@dataclass(frozen=True)
class LoadResult:
    rules: tuple[Rule, ...]
    errors: tuple[ConfigError, ...]


def load_rules(directories: Iterable[Path]) -> LoadResult:
    rules: dict[str, Rule] = {}
    errors: list[ConfigError] = []
    for directory in directories:
        for rule_id, path in rule_files(directory):
            if not all(_ID_PART.match(p) for p in rule_id.split(".")):
                errors.append(ConfigError(str(path), 0, 0, f"rule id '{rule_id}' must be lower-case letters, digits and '-'"))
                continue
            # Fast loader first; only a file with problems is re-read with positions.
            rule, problems = None, None
            with contextlib.suppress(YamlProblem):
                rule, problems = parse_rule(rule_id, str(path), load_yaml(str(path), positions=False))
            if problems is None or problems:
                try:
                    rule, problems = parse_rule(rule_id, str(path), load_yaml(str(path)))
                except YamlProblem as exc:
                    errors.append(exc.error)
                    continue
            errors.extend(problems)
            if rule is not None:
                rules[rule_id] = rule  # a project rule may replace a built-in of the same id
    return LoadResult(tuple(rules[k] for k in sorted(rules)), tuple(errors))


def parse_rule(rule_id: str, path: str, data: Any) -> tuple[Rule | None, list[ConfigError]]:
    errors: list[ConfigError] = []
    err = _reporter(path, data, errors)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "empty" if data is None else type(data).__name__
        return None, [ConfigError(path, 1, 1, f"a rule file must be a mapping of keys, not {kind}")]
    found = _check_of(data, err)
    if found is None:
        return None, errors
    check_name, module = found
    severity = _severity(data, err)
    scope = _scope(data, err)

    texts: dict[str, str] = {}
    for key in ("message", "description", "rationale", "severity_basis", "link"):
        value = data.get(key, "")
        if not isinstance(value, str):
            err(key, f"'{key}' must be a string", at_value=True)
            value = ""
        texts[key] = str(value).strip() if key != "message" else str(value)
    if not texts["message"]:
        err(None if "message" not in data else "message", "missing required key 'message'")
    else:
        _check_placeholders(texts["message"], module, check_name, err)

    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        err("enabled", "'enabled' must be true or false", at_value=True)
        enabled = True

    examples = _parse_examples(data, err)
    options = _options(module, data, err)
    fix = _parse_fix(data, module, options, check_name, err)
    if errors:
        return None, errors
    return (
        Rule(
            id=rule_id,
            check=check_name,
            severity=severity,
            message=texts["message"],
            options=options,
            scope=scope,
            description=texts["description"],
            rationale=texts["rationale"],
            severity_basis=texts["severity_basis"],
            link=texts["link"],
            examples=examples,
            enabled=enabled,
            path=path,
            fix=fix,
        ),
        errors,
    )


def _reporter(path: str, data: Any, errors: list[ConfigError]) -> Callable[..., None]:
    """``err(key, message, node=None, at_value=False)``: record an error at a key of ``data``
    (or of ``node``), at the key itself or at its value; ``key=None`` means the mapping."""

    def err(key: str | None, message: str, node: Any = None, at_value: bool = False) -> None:
        node = data if node is None else node
        if key is None:
            line, col = position(node)
        elif at_value:
            line, col = value_position(node, key)
        else:
            line, col = position(node, key)
        errors.append(ConfigError(path, line, col, message))

    return err


def _check_of(data: dict, err: Any) -> tuple[str, Any] | None:
    """The rule's check name and module; None (with the error reported) when missing or unknown."""
    check_name = data.get("check")
    if check_name is None:
        err(None, "missing required key 'check'")
        return None
    if not isinstance(check_name, str):
        err("check", "'check' must be a string", at_value=True)
        return None
    module = checks.load(check_name)
    if module is None:
        err("check", f"unknown check type '{check_name}'{did_you_mean(check_name, checks.available())}", at_value=True)
        return None
    return check_name, module


def _severity(data: dict, err: Any) -> Severity:
    raw_severity = data.get("severity", "warning")
    if raw_severity not in SEVERITY_NAMES:
        err("severity", f"'severity' must be one of {', '.join(SEVERITY_NAMES)}, not {raw_severity!r}", at_value=True)
        return Severity.WARNING
    return Severity.parse(raw_severity)


def _scope(data: dict, err: Any) -> frozenset[str] | None:
    if "scope" not in data:
        return None
    raw = data["scope"]
    raw = [raw] if isinstance(raw, str) else raw
    if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
        err("scope", "'scope' must be a scope name or a list of them", at_value=True)
        return None
    bad = [s for s in raw if s not in SCOPES]
    for s in bad:
        err("scope", f"unknown scope '{s}'{did_you_mean(s, SCOPES)}; scopes are {', '.join(SCOPES)}", at_value=True)
    return frozenset(raw)


def _check_placeholders(message: str, module: Any, check_name: str, err: Any) -> None:
    """Every ``{name}`` in the message must be one the check fills."""
    try:
        names = placeholders(message)
    except ValueError as exc:
        err("message", str(exc), at_value=True)
        return
    provided = set(getattr(module, "PARAMS", ())) | {"match"}
    for name in names:
        if name not in provided:
            err("message", f"placeholder '{{{name}}}' is not provided by check '{check_name}'; it provides {', '.join('{' + p + '}' for p in sorted(provided))}", at_value=True)


def _options(module: Any, data: dict, err: Any) -> Any:
    """The check's Options from the keys that are not common rule keys; None on an error."""
    option_values = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    try:
        return build_options(module.Options, option_values)
    except OptionError as exc:
        top = exc.key.split("[")[0].split(".")[0]
        message = exc.message
        if message.startswith("unknown key") and "did you mean" not in message:
            message += did_you_mean(top, COMMON_KEYS)
        err(top if top in option_values else None, message)
        return None


def _parse_examples(data: dict, err: Any) -> Examples:
    raw = data.get("examples")
    if raw is None:
        return Examples()
    if not isinstance(raw, dict):
        err("examples", "'examples' must be a mapping with 'bad' and 'good' lists", at_value=True)
        return Examples()
    out: dict[str, list[Example]] = {"bad": [], "good": []}
    for key, items in raw.items():
        if key not in out:
            err(key, f"unknown key '{key}' in examples (use 'bad' and 'good')", node=raw)
            continue
        if not isinstance(items, list):
            err(key, f"examples '{key}' must be a list", node=raw, at_value=True)
            continue
        for item in items:
            if isinstance(item, str):
                out[key].append(Example(str(item)))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                extra = set(item) - {"text", "date", "format"}
                if extra:
                    err(sorted(extra)[0], f"unknown key '{sorted(extra)[0]}' in example (use text, date, format)", node=item)
                out[key].append(Example(str(item["text"]), _str_or_none(item.get("date")), _str_or_none(item.get("format"))))
            else:
                err(key, "an example is a string or a mapping with 'text'", node=raw, at_value=True)
    return Examples(tuple(out["bad"]), tuple(out["good"]))


def _parse_fix(data: dict, module: Any, options: Any, check_name: str, err: Any) -> str | None:
    """The rule's ``fix:`` (safe, unsafe or none); default: what the check type offers.

    A check type offers fixes by naming its default applicability in ``FIX``, or by a
    function of the rule's options that returns it (None: no fixes for those options).
    """
    offered = getattr(module, "FIX", None)
    if callable(offered):
        offered = offered(options) if options is not None else None
    if "fix" not in data:
        return offered
    raw = data["fix"]
    if raw not in (*FIX_APPLICABILITIES, "none"):
        err("fix", f"'fix' must be one of safe, unsafe, none, not {raw!r}", at_value=True)
        return None
    if raw == "none":
        return None
    if offered is None:
        err("fix", f"check '{check_name}' offers no fixes; remove 'fix' or set it to none", at_value=True)
        return None
    return str(raw)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
