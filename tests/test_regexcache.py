"""Compiled ``regex`` patterns kept between processes: a pattern compiled before is
unpickled, not compiled; it matches exactly as a fresh compile does; a damaged,
foreign or switched-off cache means compiling, never an error."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from newslint.caching import cache, regexcache

PATTERN = r"(?P<day>\b(?:Mon|Tues|Wednes)day\b)|(?<!\w)(?i:next\s+week)|\p{Lu}{2,}(?=\s)"
TEXT = "On Monday the EU said NEXT week, not Tuesday; Wednesdays AND more."


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Path:
    """A cache directory of its own, the cache on, nothing of the table in memory, and
    every compile worth keeping (no timing in tests)."""
    where = tmp_path / "cache"
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(where))
    monkeypatch.setattr(regexcache, "MIN_SECONDS", 0.0)
    forget(monkeypatch)
    return where


def forget(monkeypatch) -> None:
    """What a new process knows: nothing in memory."""
    monkeypatch.setattr(regexcache, "_table", None)
    monkeypatch.setattr(regexcache, "_new", {})
    monkeypatch.setattr(regexcache, "_live", {})


class Counting:
    """Stands for regex's own compile step and counts the patterns it is asked for."""

    def __init__(self) -> None:
        self.patterns: list[str] = []

    def __call__(self, pattern, flags, ignore_unused, kwargs, cache_it):
        self.patterns.append(pattern)
        real = getattr(regex._main._compile, "__wrapped__", regex._main._compile)  # regex's own, installed or not
        return real(pattern, flags, ignore_unused, kwargs, cache_it)


def compile_via(original, pattern: str = PATTERN, flags: int = regex.V1, kwargs: dict | None = None):
    return regexcache._compile(original, pattern, flags, False, kwargs or {}, True)


def matches(p) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in p.finditer(TEXT)]


def test_a_pattern_compiled_in_one_process_is_unpickled_in_the_next(fresh, monkeypatch):
    first = Counting()
    compiled = compile_via(first)
    assert first.patterns == [PATTERN]
    regexcache.save()
    assert list(fresh.joinpath(regexcache.KIND).rglob("*.pickle"))
    forget(monkeypatch)
    second = Counting()
    served = compile_via(second)
    assert second.patterns == []  # not compiled again
    fresh_compile = regex.compile(PATTERN, regex.V1, cache_pattern=False)
    assert (served.pattern, served.flags, served.groupindex) == (fresh_compile.pattern, fresh_compile.flags, fresh_compile.groupindex)
    assert matches(served) == matches(fresh_compile) == matches(compiled)
    assert matches(served)  # the text does exercise the pattern


def test_flags_and_version_are_part_of_the_key(fresh, monkeypatch):
    compile_via(Counting(), flags=regex.V1)
    regexcache.save()
    forget(monkeypatch)
    other = Counting()
    p = compile_via(other, flags=regex.V0 | regex.IGNORECASE)
    assert other.patterns == [PATTERN]
    assert p.flags & regex.IGNORECASE


@pytest.mark.parametrize("damage", [b"", b"not a pickle", None])
def test_a_damaged_table_means_compiling(fresh, monkeypatch, damage):
    compile_via(Counting())
    regexcache.save()
    (table,) = fresh.joinpath(regexcache.KIND).rglob("*.pickle")
    if damage is None:  # a readable table whose entry is not what its key says
        key = regexcache.table_key()
        foreign = {(PATTERN, regex.V1, regex.DEFAULT_VERSION): pickle.dumps(regex.compile("other", regex.V1))}
        table.write_bytes(pickle.dumps((key, foreign)))
    else:
        table.write_bytes(damage)
    forget(monkeypatch)
    again = Counting()
    assert matches(compile_via(again)) == matches(regex.compile(PATTERN, regex.V1))
    assert again.patterns == [PATTERN]


def test_switched_off_it_neither_reads_nor_writes(fresh, monkeypatch):
    compile_via(Counting())
    regexcache.save()
    forget(monkeypatch)
    seen = Counting()
    with cache.off():
        compile_via(seen)
        regexcache.save()
    assert seen.patterns == [PATTERN] and regexcache._table is None and not regexcache._new


def test_named_lists_and_bytes_are_compiled_by_regex_itself(fresh):
    seen = Counting()
    compile_via(seen, r"\L<words>", kwargs={"words": ["a", "b"]})
    regexcache._compile(seen, rb"\d+", 0, False, {}, True)
    assert len(seen.patterns) == 2 and not regexcache._new


def test_the_table_is_bounded(fresh, monkeypatch):
    monkeypatch.setattr(regexcache, "MAX_ENTRIES", 3)
    for i in range(6):
        compile_via(Counting(), rf"word{i}\b")
    assert len(regexcache._new) == 3


def test_installing_twice_wraps_once():
    regexcache.install()
    wrapped = regex._main._compile
    regexcache.install()
    assert regex._main._compile is wrapped and wrapped.newslint_cached


def test_a_cold_run_after_a_warm_one_compiles_no_large_pattern(tmp_path):
    """Two fresh processes over the same article: the second finds in the table every
    pattern the first compiled through the cache (so every pattern is built the same
    way in every process) and reports the same findings."""
    article = tmp_path / "story.txt"
    article.write_text("Talks\n\nThe minister said on Tuesday, March 3, that the the talks will resume next week.\n", encoding="utf-8")
    code = (
        "import sys, regex, newslint.caching.regexcache as rc\n"
        "from newslint.cli import main\n"
        "seen = []\n"
        "rc.MIN_SECONDS = 0.0\n"  # every pattern kept: the second run must compile none of them
        "real = rc._remember\n"
        "rc._remember = lambda key, p: (seen.append(key[0]), real(key, p))\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('REMEMBERED', len(seen))\n"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NEWSLINT_NO_CACHE", None)
    runs = []
    for _ in range(2):
        shutil.rmtree(tmp_path / "cache" / "results", ignore_errors=True)  # lint afresh, not from the result cache
        done = subprocess.run([sys.executable, "-c", code, "check", "--no-config", "--format", "json", str(article)],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode in (0, 1), done.stderr
        report, _, tail = done.stdout.rpartition("REMEMBERED")
        runs.append((report, int(tail)))
    assert runs[0][1] > 0 and runs[1][1] == 0
    assert runs[0][0] == runs[1][0] and '"the the"' in runs[0][0].lower()


def test_a_regex_release_with_another_private_signature_is_left_alone(monkeypatch):
    import regex._main as main

    from newslint.caching import regexcache

    def other(pattern, flags, kwargs):  # a hypothetical future signature
        raise AssertionError("never called by this test")

    monkeypatch.setattr(main, "_compile", other)
    regexcache.install()
    assert main._compile is other
