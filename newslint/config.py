"""``.newslint.yaml``: discovery, strict validation, ``extends``, and the rule set it selects."""

from __future__ import annotations

import dataclasses
import fnmatch
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checks
from .model import SEVERITY_NAMES, Rule, Severity
from .options import OptionError, build_options
from .rules import builtin_rules_dir, load_rules
from .settings import Settings
from .yamlfile import ConfigError, YamlProblem, did_you_mean, load_yaml, position, value_position

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
KEYS = (
    "extends",
    "rules",
    "select",
    "ignore",
    "rule_dirs",
    "per_file_ignores",
    "fail_on",
    "vocabulary",
    "date_order",
    "week_start",
    "timeout",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Override:
    """A config entry under ``rules:``, with where it was written for error messages."""

    rule_id: str
    severity: Severity | None = None
    enabled: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Config:
    path: str | None = None
    root: str = "."
    overrides: tuple[Override, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity | None = None
    vocabulary: frozenset[str] = frozenset()
    date_order: str | None = None
    week_start: int = 0
    timeout: float | None = None

    def settings(self) -> Settings:
        return Settings(
            vocabulary=frozenset(w.lower() for w in self.vocabulary),
            date_order=self.date_order,
            week_start=self.week_start,
        )


class ConfigProblems(Exception):
    def __init__(self, errors: list[ConfigError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def discover(start: Path) -> Path | None:
    """Nearest config file in ``start`` (a directory) or any parent."""
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def load_config(path: Path, _stack: tuple[str, ...] = ()) -> Config:
    """Load and validate one config file (and what it extends); ConfigProblems on defects."""
    real = os.path.realpath(path)
    if real in _stack:
        chain = " -> ".join([*_stack, real])
        raise ConfigProblems([ConfigError(str(path), 0, 0, f"'extends' forms a cycle: {chain}")])
    try:
        data = load_yaml(str(path))
    except YamlProblem as exc:
        raise ConfigProblems([exc.error]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigProblems([ConfigError(str(path), 1, 1, "a config file must be a mapping of keys")])
    errors: list[ConfigError] = []
    spath = str(path)
    root = os.path.dirname(os.path.abspath(path))

    def err(key: Any, message: str, node: Any = data, at_value: bool = True) -> None:
        line, col = value_position(node, key) if at_value else position(node, key)
        errors.append(ConfigError(spath, line, col, message))

    for key in data:
        if key not in KEYS:
            err(key, f"unknown key '{key}'{did_you_mean(str(key), KEYS)}", at_value=False)

    base = Config(root=root)
    extends = data.get("extends")
    if extends is not None:
        parents = [extends] if isinstance(extends, str) else extends
        if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
            err("extends", "'extends' must be a path or a list of paths")
        else:
            for parent in parents:
                parent_path = Path(root, parent)
                if not parent_path.is_file():
                    err("extends", f"'extends' names a file that does not exist: {parent}")
                    continue
                try:
                    base = merge(base, load_config(parent_path, (*_stack, real)))
                except ConfigProblems as exc:
                    errors.extend(exc.errors)

    def str_list(key: str) -> tuple[str, ...] | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            err(key, f"'{key}' must be a list of strings")
            return None
        return tuple(str(v) for v in value)

    overrides = []
    rules = data.get("rules")
    if rules is not None:
        if not isinstance(rules, dict):
            err("rules", "'rules' must map rule ids to off, a severity, or a mapping")
        else:
            for rule_id, value in rules.items():
                line, col = position(rules, rule_id)
                o = _override(str(rule_id), value, spath, line, col, rules, errors)
                if o is not None:
                    overrides.append(o)

    fail_on = base.fail_on
    if "fail_on" in data:
        if data["fail_on"] not in SEVERITY_NAMES:
            err("fail_on", f"'fail_on' must be one of {', '.join(SEVERITY_NAMES)}")
        else:
            fail_on = Severity.parse(data["fail_on"])

    date_order = base.date_order
    if "date_order" in data:
        if data["date_order"] not in ("mdy", "dmy", "ymd"):
            err("date_order", "'date_order' must be mdy, dmy or ymd")
        else:
            date_order = str(data["date_order"])

    week_start = base.week_start
    if "week_start" in data:
        value = str(data["week_start"]).lower()
        if value not in WEEKDAYS:
            err("week_start", f"'week_start' must be a weekday name{did_you_mean(value, WEEKDAYS)}")
        else:
            week_start = WEEKDAYS.index(value)

    timeout = base.timeout
    if "timeout" in data:
        value = data["timeout"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
            err("timeout", "'timeout' must be a positive number of seconds")
        else:
            timeout = float(value)

    pfi: list[tuple[str, tuple[str, ...]]] = list(base.per_file_ignores)
    raw_pfi = data.get("per_file_ignores")
    if raw_pfi is not None:
        if not isinstance(raw_pfi, dict):
            err("per_file_ignores", "'per_file_ignores' must map glob patterns to lists of rule ids")
        else:
            for glob, ids in raw_pfi.items():
                ids = [ids] if isinstance(ids, str) else ids
                if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                    err(glob, "a per_file_ignores entry must be a list of rule ids", node=raw_pfi)
                    continue
                pfi.append((_anchor(root, str(glob)), tuple(str(i) for i in ids)))

    rule_dirs = list(base.rule_dirs)
    for d in str_list("rule_dirs") or ():
        full = os.path.normpath(os.path.join(root, d))
        if not os.path.isdir(full):
            err("rule_dirs", f"rule directory does not exist: {d}")
        rule_dirs.append(full)

    if errors:
        raise ConfigProblems(errors)
    select = str_list("select")
    ignore = str_list("ignore")
    vocabulary = _vocabulary(str_list("vocabulary") or (), root, err)
    if errors:
        raise ConfigProblems(errors)
    return Config(
        path=spath,
        root=root,
        overrides=(*base.overrides, *overrides),
        select=select if select is not None else base.select,
        ignore=ignore if ignore is not None else base.ignore,
        rule_dirs=tuple(rule_dirs),
        per_file_ignores=tuple(pfi),
        fail_on=fail_on,
        vocabulary=base.vocabulary | frozenset(vocabulary),
        date_order=date_order,
        week_start=week_start,
        timeout=timeout,
    )


def _vocabulary(entries: tuple[str, ...], root: str, err: Any) -> frozenset[str]:
    """``vocabulary`` entries: words, or word-list files (``.txt``, one word a line,
    ``#`` comments) named relative to the config, so a house dictionary is one file."""
    words: set[str] = set()
    for entry in entries:
        if not entry.endswith(".txt"):
            words.add(entry)
            continue
        full = Path(root, entry)
        try:
            lines = full.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            err("vocabulary", f"'vocabulary' names a word list that cannot be read: {entry} ({exc.__class__.__name__})")
            continue
        words.update(w for w in (line.split("#", 1)[0].strip() for line in lines) if w)
    return frozenset(words)


def _anchor(root: str, glob: str) -> str:
    return glob if os.path.isabs(glob) else os.path.join(root, glob)


def _override(rule_id: str, value: Any, path: str, line: int, col: int, node: Any, errors: list[ConfigError]) -> Override | None:
    if value == "off" or value is False:
        return Override(rule_id, enabled=False, path=path, line=line, col=col)
    if value == "on" or value is True:
        return Override(rule_id, enabled=True, path=path, line=line, col=col)
    if value in SEVERITY_NAMES:
        return Override(rule_id, severity=Severity.parse(value), enabled=True, path=path, line=line, col=col)
    if isinstance(value, dict):
        severity = None
        for key in value:
            if key not in ("severity", "options", "enabled"):
                kl, kc = position(value, key)
                errors.append(ConfigError(path, kl, kc, f"unknown key '{key}' for rule {rule_id}{did_you_mean(str(key), ('severity', 'options', 'enabled'))}"))
        if "severity" in value:
            if value["severity"] not in SEVERITY_NAMES:
                vl, vc = value_position(value, "severity")
                errors.append(ConfigError(path, vl, vc, f"severity must be one of {', '.join(SEVERITY_NAMES)}"))
            else:
                severity = Severity.parse(value["severity"])
        options = value.get("options", {})
        if not isinstance(options, dict):
            vl, vc = value_position(value, "options")
            errors.append(ConfigError(path, vl, vc, f"options for {rule_id} must be a mapping"))
            options = {}
        enabled = value.get("enabled", True)
        if not isinstance(enabled, bool):
            enabled = True
        return Override(rule_id, severity, enabled, dict(options), path, line, col)
    vl, vc = value_position(node, rule_id)
    errors.append(ConfigError(path, vl, vc, f"rule {rule_id}: use off, on, error, warning, info, or a mapping with severity/options"))
    return None


def merge(base: Config, child: Config) -> Config:
    """``child`` layered over ``base`` (what ``extends`` means)."""
    return dataclasses.replace(
        child,
        overrides=(*base.overrides, *child.overrides),
        vocabulary=base.vocabulary | child.vocabulary,
    )


def _prefix_match(rule_id: str, prefixes: tuple[str, ...]) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") or p == "ALL" for p in prefixes)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    #: Every loaded rule id (enabled or not): directives may name any of them.
    known_ids: frozenset[str]
    all_rules: tuple[Rule, ...]


def build_ruleset(
    config: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> tuple[RuleSet, list[ConfigError]]:
    """Built-in rules plus ``rule_dirs``, with the config's and the command line's choices."""
    loaded = load_rules([builtin_rules_dir(), *(Path(d) for d in config.rule_dirs)])
    errors = list(loaded.errors)
    by_id = {r.id: r for r in loaded.rules}
    for o in config.overrides:
        rule = by_id.get(o.rule_id)
        if rule is None:
            errors.append(ConfigError(o.path, o.line, o.col, f"unknown rule id '{o.rule_id}'{did_you_mean(o.rule_id, by_id)}"))
            continue
        changes: dict[str, Any] = {}
        if o.severity is not None:
            changes["severity"] = o.severity
        if o.enabled is not None:
            changes["enabled"] = o.enabled
        if o.options:
            module = checks.load(rule.check)
            current = dataclasses.asdict(rule.options) if rule.options is not None else {}
            merged = {**current, **o.options}
            try:
                changes["options"] = build_options(module.Options, _from_dataclass(merged))  # type: ignore[union-attr]
            except OptionError as exc:
                errors.append(ConfigError(o.path, o.line, o.col, f"options for {o.rule_id}: {exc.message}"))
        if changes:
            by_id[o.rule_id] = dataclasses.replace(rule, **changes)
    for prefix in (*config.select, *config.ignore, *select, *ignore):
        if prefix != "ALL" and not any(_prefix_match(rid, (prefix,)) for rid in by_id):
            errors.append(ConfigError(config.path or "<command line>", 0, 0, f"select/ignore names no rule: '{prefix}'{did_you_mean(prefix, by_id)}"))
    chosen_select = select or config.select
    active = []
    for rule in sorted(by_id.values(), key=lambda r: r.id):
        if chosen_select and not _prefix_match(rule.id, chosen_select):
            continue
        if _prefix_match(rule.id, (*config.ignore, *ignore)):
            continue
        if chosen_select and _prefix_match(rule.id, select or ()) and not rule.enabled and rule.id in select:
            rule = dataclasses.replace(rule, enabled=True)  # --select NAME turns an off-by-default rule on
        if rule.enabled:
            active.append(rule)
    all_rules = tuple(sorted(by_id.values(), key=lambda r: r.id))
    return RuleSet(tuple(active), frozenset(by_id), all_rules), errors


def _from_dataclass(values: dict[str, Any]) -> dict[str, Any]:
    """Tuples back to lists so options re-validate like freshly read YAML."""

    def plain(v: Any) -> Any:
        if isinstance(v, tuple):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        return v

    return {k: plain(v) for k, v in values.items()}


def ignored_for(config: Config, path: str) -> tuple[str, ...]:
    """Rule ids/prefixes silenced for ``path`` by ``per_file_ignores``."""
    full = os.path.abspath(path)
    out: list[str] = []
    for glob, ids in config.per_file_ignores:
        if fnmatch.fnmatch(full, glob) or (fnmatch.fnmatch(os.path.basename(path), os.path.basename(glob)) and "/" not in glob.replace(config.root + "/", "", 1)):
            out.extend(ids)
    return tuple(out)
