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
    body = PLAIN if ext == ".md" else "<p>" + PLAIN.replace("\n\n", "</p><p>") + "</p>"
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
