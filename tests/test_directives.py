"""Inline directives in HTML comments, in every input format."""

from __future__ import annotations

import pytest
from clihelpers import demo, run_cli

PLAIN = """Head

We leverage it.
<!-- newslint-disable-next-line demo.banned -->
We leverage it again.
<!-- newslint-disable demo -->
Leverage and synergy, very much.
<!-- newslint-enable -->
We leverage it at last.
"""


def _lines(out: str) -> list[int]:
    return [int(line.split(":")[1]) for line in out.splitlines()]


def test_plain_text_directives(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(PLAIN)
    r = run_cli(demo(str(p)))
    assert _lines(r.out) == [3, 9]


@pytest.mark.parametrize("ext", [".md", ".html"])
def test_markup_directives(tmp_path, ext):
    body = PLAIN if ext == ".md" else "<p>" + PLAIN.replace("\n\n", "</p>\n\n<p>") + "</p>"
    p = tmp_path / f"a{ext}"
    p.write_text(body)
    r = run_cli(demo(str(p)))
    assert 5 not in _lines(r.out) and 7 not in _lines(r.out)
    assert 3 in _lines(r.out)


def test_disable_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("<!-- newslint-disable-file demo.banned -->\nHead\n\nWe leverage it, very.\n")
    r = run_cli(demo(str(p)))
    assert "demo.banned" not in r.out and "demo.soft" in r.out


def test_unknown_rule_in_directive_is_reported(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Head\n\n<!-- newslint-disable demo.nope -->\nText.\n")
    r = run_cli(demo(str(p)))
    assert r.code == 2 and "3:1: unknown rule 'demo.nope' in newslint-disable directive" in r.out


def test_repeated_name_in_enable_does_not_crash_the_run(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_text("Head\n\n<!-- newslint-disable demo -->\nWe leverage.\n<!-- newslint-enable demo demo -->\nWe leverage.\n")
    other = tmp_path / "b.txt"
    other.write_text("Head\n\nWe leverage.\n")
    r = run_cli(demo(str(bad), str(other)))
    assert r.code == 1
    assert _lines(r.out) == [6, 3]


def test_suppression_lookup_is_not_directives_times_findings(tmp_path):
    lines = ["Head", ""]
    for _ in range(20_000):
        lines += ["<!-- newslint-disable-next-line demo.soft -->", "We leverage it, very much."]
    p = tmp_path / "d.txt"
    p.write_text("\n".join(lines) + "\n")
    r = run_cli(demo("--timeout", "600", str(p)))  # was ~10^9 range checks, past the 60 s default limit
    assert r.code == 1 and r.out.count("demo.banned") == 20_000 and "demo.soft" not in r.out
