"""The rule-set and result caches: hits only for identical inputs, misses for any
change, ``--no-cache`` and a corrupt or unwritable cache never an error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clihelpers import FIXTURE_RULES, run_cli

import newslint.engine
from newslint.caching import cache, rulecache
from newslint.checks.acronym import load_known
from newslint.model import FileError, FileResult

ARTICLE = "Head\n\nWe leverage synergy, the board said on Tuesday.\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(where))
    return where


@pytest.fixture
def desk(tmp_path) -> Path:
    root = tmp_path / "desk"
    shutil.copytree(FIXTURE_RULES, root / "rules")
    (root / "story.txt").write_text(ARTICLE, encoding="utf-8")
    return root


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """Every file actually linted (not served from the cache)."""
    seen: list[str] = []
    real = newslint.engine.lint_source

    def counting(source, path, *args, **kwargs):
        seen.append(path)
        return real(source, path, *args, **kwargs)

    monkeypatch.setattr(newslint.engine, "lint_source", counting)
    return seen


def lint(desk: Path, *extra: str) -> tuple[int, list[tuple[str, int]]]:
    r = run_cli(["check", "--no-config", "--rule-dir", str(desk / "rules"), "--select", "demo", "--format", "json", *extra, str(desk / "story.txt")])
    assert r.code in (0, 1), r.err
    data = json.loads(r.out)
    return r.code, [(f["match"], f["line"]) for file in data["files"] for f in file["findings"]]


def entries(where: Path, kind: str) -> list[Path]:
    return sorted((where / kind).rglob("*.pickle")) if (where / kind).is_dir() else []


def test_an_unchanged_file_is_served_from_the_cache(cache_dir, desk, calls):
    first = lint(desk)
    assert first == (1, [("leverage", 3), ("synergy", 3)]) and len(calls) == 1
    assert len(entries(cache_dir, "results")) == 1 and len(entries(cache_dir, "rulesets")) == 1
    assert lint(desk) == first
    assert len(calls) == 1  # not linted again


@pytest.mark.parametrize(
    "change",
    ["text", "rule", "new rule", "date", "select", "config"],
)
def test_any_change_to_what_a_result_depends_on_lints_again(cache_dir, desk, calls, change):
    lint(desk)
    extra: list[str] = []
    if change == "text":
        (desk / "story.txt").write_text(ARTICLE + "\nIt was very good.\n", encoding="utf-8")
    elif change == "rule":
        rule = desk / "rules" / "demo" / "banned.yml"
        rule.write_text(rule.read_text(encoding="utf-8").replace("synergy, ", ""), encoding="utf-8")
    elif change == "new rule":
        (desk / "rules" / "demo" / "board.yml").write_text(
            "check: existence\nmessage: \"'{match}'.\"\ntokens: [board]\n", encoding="utf-8"
        )
    elif change == "date":
        extra = ["--date", "2024-01-16"]
    elif change == "select":
        extra = ["--select", "demo.soft"]
    elif change == "config":
        (desk / "cfg.yaml").write_text("vocabulary: [synergy]\n", encoding="utf-8")
        r = run_cli(["check", "--config", str(desk / "cfg.yaml"), "--rule-dir", str(desk / "rules"), "--select", "demo", "--format", "json", str(desk / "story.txt")])
        assert r.code == 1, r.err
        assert len(calls) == 2
        return
    lint(desk, *extra)
    assert len(calls) == 2
    expected = {
        "text": [("leverage", 3), ("synergy", 3), ("very", 5)],
        "rule": [("leverage", 3)],
        "new rule": [("leverage", 3), ("synergy", 3), ("board", 3)],
    }
    if change in expected:
        assert sorted(lint(desk)[1]) == sorted(expected[change])
        assert len(calls) == 2  # and the new result is cached in turn


def test_no_cache_neither_reads_nor_writes(cache_dir, desk, calls):
    lint(desk, "--no-cache")
    assert not cache_dir.exists()
    lint(desk)
    lint(desk, "--no-cache")
    assert len(calls) == 3


def test_newslint_no_cache_environment_variable_turns_it_off(cache_dir, desk, calls, monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    lint(desk)
    lint(desk)
    assert len(calls) == 2 and not cache_dir.exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", None])
def test_a_corrupt_cache_is_ignored_and_rebuilt(cache_dir, desk, calls, damage):
    first = lint(desk)
    files = [p for kind in ("results", "rulesets", "rule-ids") for p in entries(cache_dir, kind)]
    assert len(files) == 3
    for p in files:
        if damage is None:  # a valid pickle of something else under this name
            p.write_bytes(cache.pickle.dumps(("another key", FileResult("x", (), ()))))
        else:
            p.write_bytes(damage)
    assert lint(desk) == first
    assert len(calls) == 2
    assert lint(desk) == first and len(calls) == 2  # rebuilt: served again


def test_an_unusable_cache_directory_is_no_cache(tmp_path, monkeypatch, desk, calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker / "cache"))
    assert lint(desk) == lint(desk)
    assert len(calls) == 2


def test_a_result_with_errors_is_not_kept(cache_dir):
    from newslint.caching import resultcache

    resultcache.store("k" * 64, FileResult("a.txt", (), (FileError("a.txt", "took longer than 1 s"),)))
    assert resultcache.load("k" * 64) is None
    ok = FileResult("a.txt", (), ())
    resultcache.store("j" * 64, ok)
    assert resultcache.load("j" * 64) == ok


def test_a_cached_rule_set_is_not_read_until_a_file_needs_its_rules(cache_dir, desk, calls, monkeypatch):
    lint(desk)
    loads: list[str] = []
    real = cache.load
    monkeypatch.setattr(cache, "load", lambda kind, key: loads.append(kind) or real(kind, key))
    lint(desk)
    assert "rulesets" not in loads and "results" in loads  # the hit needed only the rule ids
    (desk / "story.txt").write_text(ARTICLE + "\nVery.\n", encoding="utf-8")
    lint(desk)
    assert "rulesets" in loads and len(calls) == 2


def test_a_rule_set_hit_matches_a_fresh_build(cache_dir, desk):
    from newslint.config import Config, build_ruleset

    config = Config(rule_dirs=(str(desk / "rules"),))
    fresh, _ = build_ruleset(config, select=("demo",))
    rulecache.ruleset(config, select=("demo",))
    hit, errors = rulecache.ruleset(config, select=("demo",))
    assert not errors and isinstance(hit, rulecache.CachedRuleSet) and not hit._loaded
    assert hit.rules == fresh.rules and hit.all_rules == fresh.all_rules and hit.known_ids == fresh.known_ids


def test_rule_set_problems_are_reported_every_time(cache_dir, desk):
    (desk / "rules" / "demo" / "broken.yml").write_text("check: existence\nmessage: x\ntokens: 3\n", encoding="utf-8")
    for _ in range(2):
        r = run_cli(["check", "--no-config", "--rule-dir", str(desk / "rules"), str(desk / "story.txt")])
        assert r.code == 2 and "broken.yml" in r.err
    assert not entries(cache_dir, "rulesets")


def test_canonical_form_sorts_sets_whatever_their_order():
    assert rulecache.canonical(frozenset(["b", "a", "c"])) == rulecache.canonical(frozenset(["c", "b", "a"])) == "{'a', 'b', 'c'}"
    assert rulecache.canonical({"z": [1, (2,)], "a": {"x"}}) == "{'a': {'x'}, 'z': [1, [2]]}"


def test_keys_separate_their_parts():
    assert cache.key_of(["ab", "c"]) != cache.key_of(["a", "bc"])
    assert cache.key_of([b"x"]) == cache.key_of(["x"])


def test_an_edited_data_file_named_by_a_rule_lints_again(cache_dir, desk, calls):
    known = desk / "known.yml"
    known.write_text("bodies: [NFU]\n", encoding="utf-8")
    (desk / "rules" / "demo" / "acro.yml").write_text(
        f"check: acronym\nmessage: \"'{{key}}' {{status}}.\"\nscope: [paragraph]\nknown: {known}\n", encoding="utf-8"
    )
    (desk / "story.txt").write_text(ARTICLE + "\nThe NFU said farm incomes fell again this year.\n", encoding="utf-8")
    assert ("NFU", 5) not in lint(desk)[1]
    assert ("NFU", 5) not in lint(desk)[1] and len(calls) == 1
    known.write_text("bodies: [BBC, ITV]\n", encoding="utf-8")
    load_known.cache_clear()  # a new process would read the file afresh
    assert ("NFU", 5) in lint(desk)[1] and len(calls) == 2


def test_a_changed_lexicon_of_the_installation_changes_every_key(monkeypatch, tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("one\n", encoding="utf-8")
    monkeypatch.setattr(cache, "data_files", lambda: [lexicon])
    cache.code_fingerprint.cache_clear()
    before = cache.key_of(["x"])
    lexicon.write_text("one\ntwo\n", encoding="utf-8")
    cache.code_fingerprint.cache_clear()
    after = cache.key_of(["x"])
    cache.code_fingerprint.cache_clear()
    assert before != after


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fixing_never_trusts_a_cached_result(cache_dir, desk, calls, mode):
    lint(desk)
    lint(desk)
    assert len(calls) == 1
    r = run_cli(["check", "--no-config", "--rule-dir", str(desk / "rules"), "--select", "demo", mode, str(desk / "story.txt")])
    assert r.code in (0, 1), r.err
    assert len(calls) == 2  # linted afresh before anything is written


def test_word_lists_are_parsed_once_and_rebuilt_when_their_file_changes(cache_dir, tmp_path):
    from newslint.caching import lexicache

    source = tmp_path / "list.txt"
    source.write_text("alpha\nbeta\n", encoding="utf-8")
    builds: list[int] = []

    def build() -> frozenset[str]:
        builds.append(1)
        return frozenset(source.read_text(encoding="utf-8").split())

    assert lexicache.cached("demo", [source], frozenset, build) == {"alpha", "beta"}
    assert lexicache.cached("demo", [source], frozenset, build) == {"alpha", "beta"} and len(builds) == 1
    source.write_text("alpha\nbeta\ngamma\n", encoding="utf-8")
    assert lexicache.cached("demo", [source], frozenset, build) == {"alpha", "beta", "gamma"} and len(builds) == 2
    for entry in entries(cache_dir, lexicache.KIND):
        entry.write_bytes(b"\x80\x05broken")
    assert lexicache.cached("demo", [source], frozenset, build) == {"alpha", "beta", "gamma"} and len(builds) == 3
    with cache.off():
        lexicache.cached("demo", [source], frozenset, build)
    assert len(builds) == 4
    assert lexicache.cached("demo", [source], dict, dict) == {}  # a hit of the wrong type is a miss


def test_a_result_made_by_other_code_is_not_served(cache_dir, desk, calls, monkeypatch):
    lint(desk)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of newslint")
    lint(desk)
    assert len(calls) == 2


def test_records_of_an_archive_are_not_kept_one_by_one(cache_dir, desk):
    archive = desk / "stories.jsonl"
    archive.write_text(json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": "We leverage it.\n"}) + "\n", encoding="utf-8")
    r = run_cli(["check", "--no-config", "--rule-dir", str(desk / "rules"), "--select", "demo", "--format", "json", str(archive)])
    assert r.code == 1, r.err
    assert len(json.loads(r.out)["files"]) == 2
    assert not entries(cache_dir, "results") and entries(cache_dir, "rulesets")


def test_a_parsed_pattern_is_kept_and_an_invalid_one_raises_every_time(cache_dir):
    from newslint.language import patterngrammar

    source = "never (no|none)"
    first = patterngrammar.parse(source)
    assert entries(cache_dir, "lexicons")
    assert patterngrammar.parse(source) == first == patterngrammar._parse(source)
    for _ in range(2):
        with pytest.raises(patterngrammar.PatternError):
            patterngrammar.parse("never (no|")


def test_no_home_directory_is_no_cache(monkeypatch, desk, calls):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(cache.Path, "home", staticmethod(no_home))
    assert lint(desk) == lint(desk)
    assert len(calls) == 2
