"""The compiled rule set of a config, kept in the user's cache between runs.

Reading and validating every rule file (YAML, option types, regex checks) costs a
fresh process more than linting a short article. The result depends only on the
rule files' bytes, the config, the command line's select/ignore and newslint's
code, so it is stored under a key over exactly those (``cache.key_of``): an edited
rule, config or upgrade makes a new key, never a stale hit. Only rule sets without
problems are stored, so every error is still reported from the files themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigProblems, RuleSet, build_ruleset
from ..model import Rule
from ..rules import builtin_rules_dir, rule_files
from ..yamlfile import ConfigError
from . import cache, regexcache

KIND = "rulesets"
IDS_KIND = "rule-ids"


def ruleset(
    config: Config, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), use_cache: bool = True
) -> tuple[RuleSet | CachedRuleSet, list[ConfigError]]:
    """``config.build_ruleset``, served from the cache when the same inputs built it before.

    A hit reads only the rule ids; the rules themselves (whose option classes import
    every check module) are read when a file is actually linted, so a run whose
    results all come from the result cache never loads them.
    """
    key = ruleset_key(config, select, ignore) if use_cache and cache.enabled() else None
    if key is None:
        with cache.off(not use_cache):  # --no-cache: nothing read or written while validating either
            return build_ruleset(config, select=select, ignore=ignore)
    known = cache.load(IDS_KIND, key)
    if isinstance(known, tuple) and len(known) == 2 and isinstance(known[0], frozenset) and _fresh(known[1]):
        return CachedRuleSet(_with_stamps(key, known[1]), known[0], config, select, ignore), []
    regexcache.install()
    built, errors = build_ruleset(config, select=select, ignore=ignore)
    if errors:
        return built, errors
    stamps = tuple(cache.stamp(p) for p in referenced_files(built))
    full_key = _with_stamps(key, stamps)
    cache.store(KIND, full_key, _without_memos(built))
    cache.store(IDS_KIND, key, (built.known_ids, stamps))
    return CachedRuleSet(full_key, built.known_ids, config, select, ignore, [built]), []


def referenced_files(rs: RuleSet) -> list[Path]:
    """Files named by an absolute path in a rule's options (a data file of the user's own):
    their size and modification time are part of the key, so an edit is never stale."""
    found: set[Path] = set()
    for rule in rs.all_rules:
        if rule.options is None or not dataclasses.is_dataclass(rule.options):
            continue
        for f in dataclasses.fields(rule.options):
            value = getattr(rule.options, f.name, None)
            if isinstance(value, str) and value.startswith(("/", "\\")) and Path(value).is_file():
                found.add(Path(value))
    return sorted(found)


def _fresh(stamps: object) -> bool:
    return isinstance(stamps, tuple) and all(isinstance(s, str) and cache.stamp(Path(s.split("\0", 1)[0])) == s for s in stamps)


def _with_stamps(key: str, stamps: tuple[str, ...]) -> str:
    return cache.key_of((key, *stamps)) if stamps else key


@dataclass(frozen=True, eq=False)
class CachedRuleSet:
    """A ``RuleSet`` read from the cache on first use of its rules (rebuilt from the
    rule files if that entry has gone). ``key`` also keys the result cache."""

    key: str
    known_ids: frozenset[str]
    config: Config
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    _loaded: list[RuleSet] = field(default_factory=list, repr=False)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._full().rules

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        return self._full().all_rules

    def _full(self) -> RuleSet:
        if not self._loaded:
            regexcache.install()  # before the check modules compile their patterns
            hit = cache.load(KIND, self.key)
            if not isinstance(hit, RuleSet):
                hit, errors = build_ruleset(self.config, select=self.select, ignore=self.ignore)
                if errors:  # a rule file changed since the run started
                    raise ConfigProblems(errors)
                cache.store(KIND, self.key, _without_memos(hit))
            self._loaded.append(hit)
        return self._loaded[0]


def ruleset_key(config: Config, select: tuple[str, ...], ignore: tuple[str, ...]) -> str | None:
    """The cache key, or None when a rule file cannot be read (then nothing is cached)."""
    try:
        parts = list(_key_parts(config, select, ignore))
    except OSError:
        return None
    return cache.key_of(parts)


def _key_parts(config: Config, select: tuple[str, ...], ignore: tuple[str, ...]) -> Iterator[bytes | str]:
    yield "ruleset"
    yield canonical(config)
    yield canonical(select)
    yield canonical(ignore)
    for directory in (builtin_rules_dir(), *(Path(d) for d in config.rule_dirs)):
        yield str(directory)
        for rule_id, path in rule_files(directory):
            yield rule_id
            yield path.read_bytes()


def canonical(value: Any) -> str:
    """A repr that is the same in every process: sets sorted (their order follows the
    per-process string hash), dataclasses field by field."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(f"{f.name}={canonical(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__qualname__}({inner})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(canonical(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{canonical(k)}: {canonical(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return repr(value)


def _without_memos(rs: RuleSet) -> RuleSet:
    """The rule set with every option object rebuilt from its fields: values a check
    memoised with ``cached_property`` (compiled patterns, tables) are not stored."""
    fresh: dict[int, Rule] = {}

    def strip(rule: Rule) -> Rule:
        if id(rule) not in fresh:
            options = dataclasses.replace(rule.options) if rule.options is not None else None
            fresh[id(rule)] = dataclasses.replace(rule, options=options)
        return fresh[id(rule)]

    return RuleSet(tuple(map(strip, rs.rules)), rs.known_ids, tuple(map(strip, rs.all_rules)))
