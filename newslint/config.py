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
    f = _File(_read_mapping(path), str(path), os.path.dirname(os.path.abspath(path)), [])
    for key in f.data:
        if key not in KEYS:
            f.err(key, f"unknown key '{key}'{did_you_mean(str(key), KEYS)}", at_value=False)
    base = _extends(f, (*_stack, real))
    overrides = _overrides(f)
    scalars = _scalars(f, base)
    pfi = _per_file_ignores(f, base)
    rule_dirs = _rule_dirs(f, base)
    if f.errors:
        raise ConfigProblems(f.errors)
    select = f.str_list("select")
    ignore = f.str_list("ignore")
    vocabulary = _vocabulary(f.str_list("vocabulary") or (), f.root, f.err)
    if f.errors:
        raise ConfigProblems(f.errors)
    return Config(
        path=f.path,
        root=f.root,
        overrides=(*base.overrides, *overrides),
        select=select if select is not None else base.select,
        ignore=ignore if ignore is not None else base.ignore,
        rule_dirs=rule_dirs,
        per_file_ignores=pfi,
        vocabulary=base.vocabulary | frozenset(vocabulary),
        **scalars,
    )


@dataclass(frozen=True)
class _File:
    """One config file being validated: its mapping, where it is, and the errors found so far."""

    data: dict[Any, Any]
    path: str
    root: str
    errors: list[ConfigError]

    def err(self, key: Any, message: str, node: Any = None, at_value: bool = True) -> None:
        node = self.data if node is None else node
        line, col = value_position(node, key) if at_value else position(node, key)
        self.errors.append(ConfigError(self.path, line, col, message))

    def str_list(self, key: str) -> tuple[str, ...] | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(key, f"'{key}' must be a list of strings")
            return None
        return tuple(str(v) for v in value)


def _read_mapping(path: Path) -> dict[Any, Any]:
    try:
        data = load_yaml(str(path))
    except YamlProblem as exc:
        raise ConfigProblems([exc.error]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigProblems([ConfigError(str(path), 1, 1, "a config file must be a mapping of keys")])
    return data


def _extends(f: _File, stack: tuple[str, ...]) -> Config:
    """The merged configs this file extends (errors in them are this file's errors)."""
    base = Config(root=f.root)
    extends = f.data.get("extends")
    if extends is None:
        return base
    parents = [extends] if isinstance(extends, str) else extends
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        f.err("extends", "'extends' must be a path or a list of paths")
        return base
    for parent in parents:
        parent_path = Path(f.root, parent)
        if not parent_path.is_file():
            f.err("extends", f"'extends' names a file that does not exist: {parent}")
            continue
        try:
            base = merge(base, load_config(parent_path, stack))
        except ConfigProblems as exc:
            f.errors.extend(exc.errors)
    return base


def _overrides(f: _File) -> list[Override]:
    rules = f.data.get("rules")
    if rules is None:
        return []
    if not isinstance(rules, dict):
        f.err("rules", "'rules' must map rule ids to off, a severity, or a mapping")
        return []
    overrides = []
    for rule_id, value in rules.items():
        line, col = position(rules, rule_id)
        o = _override(str(rule_id), value, f.path, line, col, rules, f.errors)
        if o is not None:
            overrides.append(o)
    return overrides


def _scalars(f: _File, base: Config) -> dict[str, Any]:
    """fail_on, date_order, week_start and timeout: this file's value, else the extended one."""
    data = f.data
    out: dict[str, Any] = {
        "fail_on": base.fail_on,
        "date_order": base.date_order,
        "week_start": base.week_start,
        "timeout": base.timeout,
    }
    if "fail_on" in data:
        if data["fail_on"] not in SEVERITY_NAMES:
            f.err("fail_on", f"'fail_on' must be one of {', '.join(SEVERITY_NAMES)}")
        else:
            out["fail_on"] = Severity.parse(data["fail_on"])
    if "date_order" in data:
        if data["date_order"] not in ("mdy", "dmy", "ymd"):
            f.err("date_order", "'date_order' must be mdy, dmy or ymd")
        else:
            out["date_order"] = str(data["date_order"])
    if "week_start" in data:
        value = str(data["week_start"]).lower()
        if value not in WEEKDAYS:
            f.err("week_start", f"'week_start' must be a weekday name{did_you_mean(value, WEEKDAYS)}")
        else:
            out["week_start"] = WEEKDAYS.index(value)
    if "timeout" in data:
        value = data["timeout"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
            f.err("timeout", "'timeout' must be a positive number of seconds")
        else:
            out["timeout"] = float(value)
    return out


def _per_file_ignores(f: _File, base: Config) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pfi: list[tuple[str, tuple[str, ...]]] = list(base.per_file_ignores)
    raw_pfi = f.data.get("per_file_ignores")
    if raw_pfi is None:
        return tuple(pfi)
    if not isinstance(raw_pfi, dict):
        f.err("per_file_ignores", "'per_file_ignores' must map glob patterns to lists of rule ids")
        return tuple(pfi)
    for glob, ids in raw_pfi.items():
        ids = [ids] if isinstance(ids, str) else ids
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            f.err(glob, "a per_file_ignores entry must be a list of rule ids", node=raw_pfi)
            continue
        pfi.append((_anchor(f.root, str(glob)), tuple(str(i) for i in ids)))
    return tuple(pfi)


def _rule_dirs(f: _File, base: Config) -> tuple[str, ...]:
    rule_dirs = list(base.rule_dirs)
    for d in f.str_list("rule_dirs") or ():
        full = os.path.normpath(os.path.join(f.root, d))
        if not os.path.isdir(full):
            f.err("rule_dirs", f"rule directory does not exist: {d}")
        rule_dirs.append(full)
    return tuple(rule_dirs)


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
