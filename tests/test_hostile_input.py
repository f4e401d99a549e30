"""Hostile article input: each case ends in a clear error (exit 2) or a correct result,
and the run goes on for the other files."""

from __future__ import annotations

import codecs
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clihelpers import FIXTURE_RULES, demo, run_cli
from invariants import check_result

from newslint import lint_paths, lint_text
from newslint.inputs import discover
from newslint.runner import Options, plan, run

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = str(ROOT / "tests" / "fixtures" / "demo-config" / ".newslint.yaml")
GOOD = "Head\n\nWe leverage it.\n"


def lint_json(*args: str) -> tuple[int, dict[str, list[tuple[int, int, str]]], dict[str, str]]:
    """Exit code, {path: [(line, col, match)]} and {path: error message} of a JSON run."""
    r = run_cli(demo("--format", "json", *args))
    data = json.loads(r.out)
    found = {f["path"]: [(x["line"], x["column"], x["match"]) for x in f["findings"]] for f in data["files"]}
    errors = {e["path"]: e["message"] for e in data["errors"]}
    return r.code, found, errors


def cli_subprocess(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, for inputs that could block or hang the test process."""
    cmd = [sys.executable, "-m", "newslint", "check", "--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def _demo_source(source: str, fmt: str = "plain"):
    """lint_text with only the demo rules."""
    from newslint.config import Config, build_ruleset
    from newslint.engine import lint_source

    ruleset, problems = build_ruleset(Config(rule_dirs=(str(FIXTURE_RULES),)), select=("demo",))
    assert not problems
    return lint_source(source, "x", ruleset.rules, fmt=fmt, known_ids=ruleset.known_ids)


# -- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Head\n\nCaf\xe9 leverage\n", "not valid UTF-8: byte 0xe9 at offset 9"),
        ("Head\n\nWe leverage “it”.\n".encode() + b"\x93cp1252\x94\n", "not valid UTF-8: byte 0x93 at offset"),
        (b"Head\n\n\xed\xa0\x80 surrogate\n", "not valid UTF-8: byte 0xed at offset 6"),
        (b"Head\n\n\xc0\xafoverlong\n", "not valid UTF-8: byte 0xc0 at offset 6"),
        (b"Head\n\nWe leverage\x00 it.\n", "contains a NUL character at offset 17"),
        ("Head\n\nWe leverage it.\n".encode("utf-16-le"), "NUL character"),  # UTF-16 without a BOM
        (codecs.BOM_UTF16_LE + "Head\n".encode("utf-16-le") + b"x", "invalid UTF-16 at byte"),
        (codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00", "invalid UTF-32 at byte"),
    ],
)
def test_undecodable_file_is_a_clear_error_and_others_are_checked(tmp_path, good, data, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    code, found, errors = lint_json(str(bad), str(good))
    assert code == 2
    assert message in errors[str(bad)]
    assert found[str(good)] == [(3, 4, "leverage")]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_file_with_a_bom_is_decoded(tmp_path, codec):
    p = tmp_path / "bom.txt"
    text = "Head\n\nCafé — we leverage it.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    p.write_bytes(data)
    r = run_cli(demo("--format", "json", str(p)))
    assert r.code == 1
    (f,) = json.loads(r.out)["files"][0]["findings"]
    assert (f["line"], f["column"], f["match"]) == (3, 11, "leverage")
    assert text[f["offset"] : f["offset"] + f["length"]] == "leverage"  # offsets ignore the BOM


# -- size -----------------------------------------------------------------------------


def test_fifty_megabyte_single_line(tmp_path, good):
    big = tmp_path / "big.txt"
    filler = "lorem ipsum dolor sit amet " * 1_900_000  # 51.3 MB, no line break
    big.write_text("We leverage " + filler + "and leverage", encoding="utf-8")
    code, found, errors = lint_json(str(big), str(good))
    assert not errors and code == 1
    assert found[str(big)] == [(1, 4, "leverage"), (1, 13 + len(filler) + 4, "leverage")]
    assert found[str(good)] == [(3, 4, "leverage")]


def test_two_hundred_thousand_repeated_words(tmp_path):
    p = tmp_path / "many.txt"
    p.write_text("Head\n\n" + "leverage " * 200_000 + "\n", encoding="utf-8")
    code, found, _ = lint_json(str(p))
    assert code == 1
    hits = found[str(p)]
    assert len(hits) == 200_000
    assert hits[0] == (3, 1, "leverage") and hits[-1] == (3, 1 + 9 * 199_999, "leverage")


@pytest.mark.parametrize(
    ("fmt", "shape"),
    [
        ("plain", "a" * 2_000_000),
        ("plain", " " * 2_000_000 + "x"),
        ("plain", "\t" * 500_000 + "x\n" + "LONDON " * 200_000),
        ("markdown", "*" * 200_000),
        ("markdown", "_a " * 100_000),
        ("markdown", "[" * 100_000 + "x" + "](" * 50_000),
        ("markdown", "`" * 100_000 + "x"),
        ("markdown", "<" * 200_000),
        ("markdown", "&" * 100_000 + "&#" * 50_000),
        ("markdown", "> " * 50_000 + "x"),
        ("html", "<" * 200_000),
        ("html", "<a " + 'b="' * 100_000),
        ("html", "<p>" + "&amp" * 100_000),
        ("html", "<!--" * 100_000),
        ("html", "<p title='" + "x" * 1_000_000 + "'>y"),
    ],
    ids=lambda v: v if v in ("plain", "markdown", "html") else repr(v[:12]),
)
def test_extremely_long_lines(tmp_path, fmt, shape):
    ext = {"plain": ".txt", "markdown": ".md", "html": ".html"}[fmt]
    p = tmp_path / f"long{ext}"
    p.write_text("We leverage it.\n\n" + shape + "\n", encoding="utf-8")
    proc = cli_subprocess("--format", "json", str(p), timeout=300)  # a guard against hangs, not a benchmark
    assert proc.returncode in (1, 2), proc.stderr
    data = json.loads(proc.stdout)
    source = p.read_text(encoding="utf-8")
    for f in data["files"][0]["findings"]:
        assert source[f["offset"] : f["offset"] + f["length"]] == f["match"]
    if proc.returncode == 2:
        assert data["errors"] and "internal error" not in data["errors"][0]["message"]


# -- structure ------------------------------------------------------------------------


def _nested(fmt: str, depth: int) -> str:
    if fmt == "html":
        return "<html><body>" + "<div>" * depth + "<p>We leverage it.</p>" + "</div>" * depth + "</body></html>"
    if fmt == "markdown":
        return "> " * depth + "We leverage it.\n"
    return "We leverage it.\n"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_deep_nesting_gives_a_result_or_a_clear_error(fmt):
    source = _nested(fmt, 10_000)
    demo_result = _demo_source(source, fmt)
    check_result(source, demo_result)
    if demo_result.errors:
        assert "nested too deeply" in demo_result.errors[0].message
    else:
        assert [f.match for f in demo_result.findings] == ["leverage"]


def test_deep_nesting_through_the_cli_with_other_files(tmp_path, good):
    deep = tmp_path / "deep.html"
    deep.write_text(_nested("html", 10_000), encoding="utf-8")
    code, found, errors = lint_json(str(deep), str(good))
    assert found[str(good)] == [(3, 4, "leverage")]
    if str(deep) in errors:
        assert code == 2 and "nested too deeply" in errors[str(deep)]
    else:
        assert code == 1 and [m for _l, _c, m in found[str(deep)]] == ["leverage"]


@pytest.mark.parametrize("ext", [".txt", ".md", ".html"])
def test_unclosed_front_matter_is_reported_and_read_as_text(tmp_path, ext):
    p = tmp_path / f"fm{ext}"
    p.write_text("---\ntitle: x\n\nWe leverage it.\n", encoding="utf-8")
    code, found, errors = lint_json(str(p))
    assert code == 2 and "front matter opened with '---' is never closed" in errors[str(p)]
    assert errors[str(p)].startswith("1:1:")
    assert (4, 4, "leverage") in found[str(p)]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("c.html", "<p>We leverage it.</p>\n<!-- a note <p>leverage</p>\n", [(1, 7, "leverage")]),
        ("c.md", "We leverage it.\n\n<!-- a note\n\nleverage\n", [(1, 4, "leverage")]),
        ("f.md", "We leverage it.\n\n```\nleverage\n", [(1, 4, "leverage")]),
        ("f.md", "We leverage it.\n\n~~~~\nleverage\n```\nleverage\n", [(1, 4, "leverage")]),
        ("s.html", "<p>We leverage it.</p><script>leverage\n", [(1, 7, "leverage")]),
    ],
)
def test_unclosed_comments_and_fences_hide_the_rest(tmp_path, name, text, expected):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    code, found, _errors = lint_json(str(p))
    assert found[str(p)] == expected
    assert code in (1, 2)


def test_cr_only_line_endings(tmp_path):
    text = "Head\r\rWe leverage it.\rAnd leverage\rsynergy.\r"
    p = tmp_path / "mac.txt"
    p.write_bytes(text.encode())
    r = run_cli(demo("--format", "json", str(p)))
    findings = json.loads(r.out)["files"][0]["findings"]
    assert [(f["line"], f["column"], f["match"]) for f in findings] == [
        (1, 10, "leverage"),
        (1, 27, "leverage"),
        (1, 36, "synergy"),
    ]
    check_result(text, _demo_source(text))


def test_mixed_line_endings():
    text = "Head\r\n\r\nWe leverage it.\rAnd\nleverage\r\n"
    result = _demo_source(text)
    check_result(text, result)
    assert [(f.line, f.column, f.match) for f in result.findings] == [(3, 4, "leverage"), (4, 1, "leverage")]


# -- files that change under us -------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_file_deleted_between_discovery_and_reading(tmp_path, jobs):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    opts = Options(no_config=True, extra_rule_dirs=(str(FIXTURE_RULES),), select=("demo",), jobs=jobs)
    sources, errors = discover([str(tmp_path)])
    p = plan(sources, opts)
    assert not errors and not p.errors
    (tmp_path / "b.txt").unlink()
    (tmp_path / "c.txt").unlink()
    (tmp_path / "c.txt").mkdir()
    results = {os.path.basename(r.path): r for r in run(p, opts)}
    assert [f.match for f in results["a.txt"].findings] == ["leverage"]
    assert [e.message for e in results["b.txt"].errors] == ["no such file or directory"]
    assert [e.message for e in results["c.txt"].errors] == ["is a directory"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_file_that_becomes_unreadable(tmp_path, monkeypatch, jobs):
    """Tests run as root, where chmod 000 does not stop reads: make the OS refuse instead."""
    for name in ("a.txt", "locked.txt", "z.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    locked = str(tmp_path / "locked.txt")
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    results = {os.path.basename(r.path): r for r in lint_paths([str(tmp_path)], config=DEMO_CONFIG, jobs=jobs)}
    assert results["locked.txt"].errors and "permission denied" in results["locked.txt"].errors[0].message
    assert not results["a.txt"].errors and not results["z.txt"].errors


def test_unreadable_subdirectory_is_reported_not_skipped(tmp_path, monkeypatch, good):
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "story.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if os.fspath(path) == str(sub):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    code, found, errors = lint_json(str(tmp_path))
    assert code == 2
    assert "permission denied" in errors[str(sub)]
    assert found[str(good)] == [(3, 4, "leverage")]


# -- odd paths ------------------------------------------------------------------------


def test_symlink_loops(tmp_path, good):
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    proc = cli_subprocess("--format", "json", str(tmp_path), str(tmp_path / "loop"), timeout=60)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    errors = {e["path"]: e["message"] for e in data["errors"]}
    assert "too many levels of symbolic links" in errors[str(tmp_path / "a.txt")]
    assert "too many levels of symbolic links" in errors[str(tmp_path / "b.txt")]
    checked = [f["path"] for f in data["files"] if f["findings"]]
    assert checked == [str(good)]  # the loop neither hangs nor lints good.txt twice


def test_fifo_and_device_paths_are_not_read(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = cli_subprocess("--format", "json", str(fifo), "/dev/zero", str(tmp_path), timeout=60)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    errors = {e["path"]: e["message"] for e in data["errors"]}
    assert "not a regular file" in errors[str(fifo)]
    assert "not a regular file" in errors["/dev/zero"]
    assert any(f["path"] == str(good) and f["findings"] for f in data["files"])


def test_file_names_that_are_not_utf8(tmp_path, good):
    """os.walk hands such names over with surrogate escapes; reports must still be written."""
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(GOOD.encode())
    out = tmp_path / "report.json"
    r = run_cli(demo("--format", "json", "--output", str(out), str(tmp_path)))
    assert r.code == 1
    paths = [f["path"] for f in json.loads(out.read_text(encoding="utf-8"))["files"]]
    assert os.fsdecode(bad) in paths  # \udce9 in the JSON text decodes back to the name
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # a strict stdout
    cmd = [sys.executable, "-m", "newslint", "check", "--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", str(tmp_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "caf\\udce9.txt:3:4: error [demo.banned]" in proc.stdout


def test_a_crash_exits_2_not_1(tmp_path, good, monkeypatch):
    """A CI gate reads 1 as 'findings': an internal error must not look like one."""
    import newslint.formatters

    def broken(*args, **kwargs):
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(newslint.formatters, "render", broken)
    r = run_cli(demo(str(good)))
    assert r.code == 2 and "RuntimeError: formatter bug" in r.err and "internal error" in r.err


DATED = "Head\n\nTomorrow, Saturday, talks resume; on Friday, Dec. 31, and next year, they said.\n"


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("plain", "---\ndate: 9999-12-31\n---\n" + DATED),
        ("plain", "date 0001-01-01 The Gazette\n" + DATED),
        ("html", '<meta property="article:published_time" content="9999-12-31T10:00:00Z"><p>' + DATED + "</p>"),
        ("markdown", "---\ndate: 0001-01-02\n---\n" + DATED),
    ],
)
def test_publication_date_at_the_calendar_limits(fmt, source):
    """Date reasoning near year 1 or 9999 overflowed in every date rule."""
    result = lint_text(source, format=fmt)
    check_result(source, result)


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_publication_date_out_of_range_from_cli_and_api(good, date):
    r = run_cli(demo("--date", date, str(good)))
    assert r.code == 2 and "--date must be YYYY-MM-DD (years 1000-8999)" in r.err
    result = lint_text(DATED, date=date)
    check_result(DATED, result)
    assert any("out of range" in e.message for e in result.errors)


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, good, monkeypatch):
    import newslint.inputs

    monkeypatch.setattr(newslint.inputs, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(10**12)  # a sparse terabyte: reading it would take forever
    code, found, errors = lint_json(str(big), str(good))
    assert code == 2 and errors[str(big)].startswith("file is larger than") and "not read" in errors[str(big)]
    assert found[str(good)] == [(3, 4, "leverage")]


@pytest.mark.parametrize("ext", [".md", ".txt"])
def test_leading_rule_is_not_front_matter(tmp_path, ext):
    """'---' then prose is a thematic break: nothing up to a later '---' may vanish as YAML."""
    p = tmp_path / f"rule{ext}"
    p.write_text("---\nTalks collapse\n\nWe leverage it.\n\n---\n\nMore leverage.\n", encoding="utf-8")
    code, found, errors = lint_json(str(p))
    assert code == 1 and not errors
    assert [m for _l, _c, m in found[str(p)]] == ["leverage", "leverage"]


def test_a_huge_match_is_quoted_short_in_the_message(tmp_path):
    from newslint.engine import MESSAGE_MATCH_CHARS, lint_source
    from newslint.rules import load_rules

    rule = tmp_path / "run" / "long.yml"
    rule.parent.mkdir()
    rule.write_text("check: existence\nmessage: \"Run: '{match}'.\"\ntokens: ['(?:the )+the']\nnonword: true\n", encoding="utf-8")
    source = "Head\n\n" + "the " * 200_000 + "end.\n"
    result = lint_source(source, "x.txt", load_rules([tmp_path]).rules)
    (f,) = result.findings
    assert len(f.match) == 4 * 200_000 - 1 and source[f.offset : f.offset + f.length] == f.match
    assert len(f.message) <= MESSAGE_MATCH_CHARS + len("Run: ''.") and " … " in f.message


def test_two_hundred_thousand_repeated_words_with_the_built_in_rules():
    source = "Head\n\n" + "the " * 200_000 + "\n"
    result = lint_text(source)
    check_result(source, result)
    assert not result.errors
